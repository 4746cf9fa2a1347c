"""The master plan register: versions, their programs, submitting and the mentors' review.

Rules, for every function here:
- only the newest version of a team's register changes, and only while it is a draft or sent back;
- a program's years lie within the plan's five years (first_year .. first_year + 4), the end not before the start;
  a quick win is done within the first year;
- an approved version is frozen: a later change starts a new draft version copied from it;
- team members (and organizers) write, the team's mentors (and organizers) review (evaluation/rules.py).
"""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import register_emails
from evaluation.models import MasterPlan, PlanProgram, PlanReview
from evaluation.selectors.register import last_stage_versions
from participants.models import Team

# The fields of a program a form or a spreadsheet row gives.
PROGRAM_FIELDS = ("dimension", "title", "description", "responsible_agency", "start_year", "end_year", "indicator",
                  "unit", "baseline_value", "target_value", "budget", "budget_source", "risks", "quick_win")
REQUIRED = ("dimension", "title", "responsible_agency", "start_year", "end_year", "indicator")


def _require(actor, perm: str, team: Team) -> None:
    if not actor.has_perm(perm, team):
        if perm == "evaluation.review_register":
            message = _("Only the team's mentors and the program's organizers review the register.")
        else:
            message = _("Only members of the team and the program's organizers change its register.")
        raise ValidationError(message, code="actor")


def _locked(plan: MasterPlan) -> MasterPlan:
    return MasterPlan.objects.select_for_update().select_related("team__program").get(pk=plan.pk)


def _require_editable(plan: MasterPlan) -> None:
    newest = MasterPlan.objects.filter(team_id=plan.team_id).aggregate(newest=Max("number"))["newest"]
    if plan.number != newest:
        raise ValidationError(_("Only the newest version of the register can be changed."), code="version")
    if plan.status == MasterPlan.Status.SUBMITTED:
        raise ValidationError(_("This version waits for review and cannot be changed now."), code="status")
    if plan.status == MasterPlan.Status.APPROVED:
        raise ValidationError(_("This version is approved and cannot be changed. Start a new version to change "
                                "the register; the approved one stays as it is."), code="status")


def program_problems(plan: MasterPlan, values: dict) -> dict:
    """{field: message} of what is wrong with ``values`` for a program of ``plan`` (empty when it is fine)."""
    problems = {}
    for name in REQUIRED:
        if values.get(name) in (None, ""):
            problems[name] = _("This field is required.")
    dimension = values.get("dimension")
    if dimension is not None and dimension.program_id != plan.team.program_id:
        problems["dimension"] = _("Choose one of the program's dimensions.")
    start, end = values.get("start_year"), values.get("end_year")
    span = {"first": plan.first_year, "last": plan.last_year}
    for name, year in (("start_year", start), ("end_year", end)):
        if year is not None and not plan.first_year <= year <= plan.last_year:
            problems[name] = _("The year must lie within the plan's five years, %(first)s to %(last)s.") % span
    if start is not None and end is not None and "start_year" not in problems and "end_year" not in problems:
        if end < start:
            problems["end_year"] = _("The last year cannot come before the first year.")
        elif values.get("quick_win") and (start, end) != (plan.first_year, plan.first_year):
            problems["quick_win"] = _("A quick win is done in the plan's first year, %(first)s.") % span
    if values.get("budget") is not None and values["budget"] < 0:
        problems["budget"] = _("The budget cannot be negative.")
    return problems


def _program_values(values: dict) -> dict:
    cleaned = {name: values.get(name) for name in PROGRAM_FIELDS}
    for name in ("title", "description", "responsible_agency", "indicator", "unit", "budget_source", "risks"):
        cleaned[name] = (cleaned[name] or "").strip()
    cleaned["quick_win"] = bool(cleaned["quick_win"])
    return cleaned


@transaction.atomic
def plan_start(*, team: Team, first_year: int, actor) -> MasterPlan:
    """The team's first register version, a draft covering ``first_year`` and the four years after it."""
    _require(actor, "evaluation.change_register", team)
    Team.objects.select_for_update().filter(pk=team.pk).first()  # two members starting at once: one wins
    if MasterPlan.objects.filter(team=team).exists():
        raise ValidationError(_("This team has a register already."), code="exists")
    if not first_year or first_year < 2000:
        raise ValidationError({"first_year": _("Give the first year of the plan.")})
    return MasterPlan.objects.create(team=team, number=1, first_year=first_year, created_by=actor)


@transaction.atomic
def plan_settings_update(*, plan: MasterPlan, first_year: int, draft_version, actor) -> MasterPlan:
    """Change the first year and the final draft of stage IV the register belongs to.

    The draft must be one of the team's versions on an assignment of the program's last stage; every program
    must still fit the (new) five years.
    """
    _require(actor, "evaluation.change_register", plan.team)
    plan = _locked(plan)
    _require_editable(plan)
    if draft_version is not None and draft_version.pk not in {
            version.pk for version in last_stage_versions(plan.team)}:
        raise ValidationError({"draft_version": _("Choose one of the team's drafts of the last stage.")})
    plan.first_year = first_year
    outside = [program.title for program in plan.programs.all()
               if program.start_year < first_year or program.end_year > plan.last_year
               or (program.quick_win and (program.start_year, program.end_year) != (first_year, first_year))]
    if outside:
        raise ValidationError({"first_year": _("These programs would fall outside the plan's years: %(titles)s. "
                                               "Change them first.") % {"titles": ", ".join(outside)}})
    plan.draft_version = draft_version
    plan.save(update_fields=["first_year", "draft_version"])
    return plan


@transaction.atomic
def plan_program_save(*, plan: MasterPlan, values: dict, actor, item: PlanProgram | None = None) -> PlanProgram:
    """Add a program to an editable register version, or change ``item`` (one of its programs)."""
    _require(actor, "evaluation.change_register", plan.team)
    plan = _locked(plan)
    _require_editable(plan)
    if item is not None and item.plan_id != plan.pk:
        raise ValidationError(_("This program belongs to another register."), code="plan")
    values = _program_values(values)
    problems = program_problems(plan, values)
    if problems:
        raise ValidationError(problems)
    if item is None:
        item = PlanProgram(plan=plan, order=(plan.programs.aggregate(last=Max("order"))["last"] or 0) + 1)
    for name, value in values.items():
        setattr(item, name, value)
    item.save()
    return item


@transaction.atomic
def plan_program_delete(*, item: PlanProgram, actor) -> None:
    _require(actor, "evaluation.change_register", item.plan.team)
    _require_editable(_locked(item.plan))
    item.delete()


@transaction.atomic
def plan_programs_replace(*, plan: MasterPlan, rows: list[dict], actor) -> list[PlanProgram]:
    """Replace the programs of an editable version with ``rows`` (an imported spreadsheet), all or nothing:
    one row that does not fit refuses the whole import."""
    _require(actor, "evaluation.change_register", plan.team)
    plan = _locked(plan)
    _require_editable(plan)
    if not rows:
        raise ValidationError(_("The spreadsheet holds no program to import."), code="empty")
    items, wrong = [], []
    for order, row in enumerate(rows, start=1):
        values = _program_values(row["values"])
        problems = program_problems(plan, values)
        if problems:
            wrong.append(str(row["number"]))
        items.append(PlanProgram(plan=plan, order=order, **values))
    if wrong:
        raise ValidationError(_("Nothing was imported: these rows do not fit the register (any more): %(rows)s.")
                              % {"rows": ", ".join(wrong)}, code="rows")
    plan.programs.all().delete()
    return PlanProgram.objects.bulk_create(items)


@transaction.atomic
def plan_version_new(*, plan: MasterPlan, actor) -> MasterPlan:
    """A new draft version (number + 1) copied from the approved newest version, which stays unchanged."""
    _require(actor, "evaluation.change_register", plan.team)
    plan = _locked(plan)
    newest = MasterPlan.objects.filter(team_id=plan.team_id).aggregate(newest=Max("number"))["newest"]
    if plan.number != newest or plan.status != MasterPlan.Status.APPROVED:
        raise ValidationError(_("A new version starts from the approved newest version."), code="status")
    copy = MasterPlan.objects.create(team=plan.team, number=plan.number + 1, first_year=plan.first_year,
                                     draft_version=plan.draft_version, created_by=actor)
    fields = [name for name in (*PROGRAM_FIELDS, "order") if name != "dimension"]
    PlanProgram.objects.bulk_create(
        PlanProgram(plan=copy, dimension_id=item.dimension_id, **{name: getattr(item, name) for name in fields})
        for item in plan.programs.all())
    return copy


@transaction.atomic
def plan_submit(*, plan: MasterPlan, actor, now: datetime.datetime | None = None,
                notify: bool = True) -> MasterPlan:
    """Send an editable version with at least one program to the team's mentors for review."""
    _require(actor, "evaluation.change_register", plan.team)
    plan = _locked(plan)
    _require_editable(plan)
    if not plan.programs.exists():
        raise ValidationError(_("Add at least one program before sending the register for review."),
                              code="empty")
    plan.status = MasterPlan.Status.SUBMITTED
    plan.submitted_at = now or timezone.now()
    plan.save(update_fields=["status", "submitted_at"])
    if notify:
        transaction.on_commit(partial(register_emails.plan_submitted, plan.pk), robust=True)
    return plan


D = PlanReview.Decision


@transaction.atomic
def plan_review(*, plan: MasterPlan, reviewer, decision: str, text: str,
                now: datetime.datetime | None = None, notify: bool = True) -> PlanReview:
    """A mentor's comment or decision on a version.

    A comment goes on any version; requesting changes (back to editable) and approving (frozen, the baseline)
    are taken on a version waiting for review. The team's members are e-mailed after the commit.
    """
    _require(reviewer, "evaluation.review_register", plan.team)
    plan = _locked(plan)
    text = (text or "").strip()
    if decision not in D.values:
        raise ValidationError({"decision": _("Choose a decision.")})
    if decision != D.APPROVED and not text:
        raise ValidationError({"text": _("Write what the team should know.")})
    now = now or timezone.now()
    if decision != D.COMMENT:
        if plan.status != MasterPlan.Status.SUBMITTED:
            raise ValidationError(_("Only a version waiting for review can be approved or sent back."),
                                  code="status")
        if decision == D.APPROVED:
            plan.status, plan.approved_at, plan.approved_by = MasterPlan.Status.APPROVED, now, reviewer
        else:
            plan.status = MasterPlan.Status.CHANGES_REQUESTED
        plan.save(update_fields=["status", "approved_at", "approved_by"])
    review = PlanReview.objects.create(plan=plan, author=reviewer, decision=decision, text=text)
    if notify:
        transaction.on_commit(partial(register_emails.plan_reviewed, review.pk), robust=True)
    return review
