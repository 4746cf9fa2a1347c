"""Scoring schemes: the national guideline's default, checks, and copies."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _

from bimtek.models import AuditAction, Program
from bimtek.services import ProgramCloning, audit_record, row_copy
from evaluation.models import Aspect, Level, Question, Scheme


def default_levels():
    return [
        (0, _("Nothing in place")),
        (1, _("Started: first steps taken, little to show")),
        (2, _("Partly: some of what was planned is in place")),
        (3, _("Largely: most of what was planned is in place")),
        (4, _("Fully: everything planned is in place and working")),
    ]


def default_aspects():
    """The national Smart City evaluation guideline: (name, weight, role, description, questions).

    A question is (text, evidence required)."""
    return [
        (_("Baseline"), 10, Aspect.Role.BASELINE,
         _("The region's starting point. The previous round's index when the region has one."),
         [(_("Describe the region's Smart City readiness at the start of the period, with the data it was "
             "measured by."), True)]),
        (_("Output"), 20, Aspect.Role.GENERAL,
         _("Policy, institution and budget in place."),
         [(_("Is the master plan adopted as a regional regulation (Perda or Perkada)?"), True),
          (_("Is a Smart City council and implementation team appointed and meeting?"), True),
          (_("Is budget allocated for the master plan's programs in the APBD?"), True)]),
        (_("Outcome"), 30, Aspect.Role.OUTCOME,
         _("How far each planned program was carried out."),
         [(_("How far were the master plan's programs for the period carried out? Report each program "
             "below."), False)]),
        (_("Impact"), 30, Aspect.Role.GENERAL,
         _("The benefit citizens feel."),
         [(_("What benefit do citizens feel from the programs (service use, satisfaction survey, complaints "
             "handled)?"), True)]),
        (_("Quick Win"), 10, Aspect.Role.QUICK_WIN,
         _("Innovation and delivery of the quick wins."),
         [(_("Which quick wins were delivered in the first year, and what was new about them?"), True)]),
    ]


@transaction.atomic
def scheme_create_default(*, program: Program, name: str | None = None) -> Scheme:
    """A new scheme of ``program`` with the national guideline's aspects, questions and score scale."""
    scheme = Scheme.objects.create(program=program, name=name or _("National Smart City evaluation guideline"))
    for order, (aspect_name, weight, role, description, questions) in enumerate(default_aspects(), start=1):
        aspect = Aspect.objects.create(scheme=scheme, name=aspect_name, weight=Decimal(weight), role=role,
                                       description=description, order=order)
        Question.objects.bulk_create(Question(aspect=aspect, text=text, evidence_required=evidence, order=number)
                                     for number, (text, evidence) in enumerate(questions, start=1))
        Level.objects.bulk_create(Level(aspect=aspect, value=value, descriptor=descriptor)
                                  for value, descriptor in default_levels())
    audit_record(program=program, action=AuditAction.EVALUATION_SCHEME_CREATED, subject=scheme.name)
    return scheme


def scheme_check(scheme: Scheme) -> None:
    """Raise ValidationError unless the scheme can be used by a round: weights sum to 100 %, every aspect has a
    score scale of at least two levels, and every aspect a self-assessment answers has a question."""
    aspects = list(scheme.aspects.prefetch_related("levels", "questions"))
    problems = []
    if not aspects:
        problems.append(_("The scheme has no aspects."))
    total = sum((aspect.weight for aspect in aspects), Decimal(0))
    if aspects and total != Decimal(100):
        problems.append(_("The aspects' weights add up to %(total)s %%; they must add up to 100 %%.")
                        % {"total": f"{total.normalize():f}"})
    for aspect in aspects:
        if len(aspect.levels.all()) < 2:
            problems.append(_("“%(aspect)s” needs a score scale of at least two levels.") % {"aspect": aspect.name})
        if not aspect.questions.all():
            problems.append(_("“%(aspect)s” has no question.") % {"aspect": aspect.name})
    if problems:
        raise ValidationError(problems)


def scheme_ensure_changeable(scheme: Scheme) -> None:
    """A scheme a round uses is fixed: its scores must mean the same afterwards. Copy it instead."""
    if scheme.is_in_use:
        raise ValidationError(_("This scheme is used by an evaluation round and cannot be changed. Make a copy "
                                "and change the copy."))


def _copy_parts(scheme: Scheme, copy: Scheme) -> None:
    for aspect in scheme.aspects.prefetch_related("questions", "levels"):
        aspect_copy = row_copy(aspect, scheme=copy)
        aspect_copy.save()
        Question.objects.bulk_create(row_copy(question, aspect=aspect_copy) for question in aspect.questions.all())
        Level.objects.bulk_create(row_copy(level, aspect=aspect_copy) for level in aspect.levels.all())


@transaction.atomic
def scheme_copy(*, scheme: Scheme, name: str) -> Scheme:
    """A changeable copy of ``scheme`` (aspects, questions and levels) in the same program."""
    if Scheme.objects.filter(program=scheme.program, name=name).exists():
        raise ValidationError({"name": _("The program already has a scheme of that name.")})
    copy = row_copy(scheme, name=name, copied_from=scheme)
    copy.save()
    _copy_parts(scheme, copy)
    audit_record(program=scheme.program, action=AuditAction.EVALUATION_SCHEME_COPIED, subject=copy.name,
                 detail=scheme.name)
    return copy


def clone_into(*, cloning: ProgramCloning) -> None:
    """A program's clone gets its scoring schemes (aspects, questions, levels), changeable again. Registers and
    rounds belong to the teams of the source program and are not copied."""
    for scheme in Scheme.objects.filter(program=cloning.source):
        copy = row_copy(scheme, program=cloning.program, copied_from=None)
        copy.save()
        _copy_parts(scheme, copy)
# Editing a scheme (eval_self): the organizer changes its aspects, then each aspect's questions and levels.

def _free_name(program: Program, name: str) -> str:
    taken = set(Scheme.objects.filter(program=program, name__startswith=name).values_list("name", flat=True))
    number, candidate = 1, name
    while candidate in taken:
        number += 1
        candidate = f"{name} ({number})"
    return candidate


@transaction.atomic
def scheme_create_default_named(*, program: Program, actor=None) -> Scheme:
    """The national guideline's scheme under a name the program does not use yet (the default, then "(2)", …)."""
    return scheme_create_default(program=program,
                                 name=_free_name(program, _("National Smart City evaluation guideline")))


def _locked_changeable(scheme: Scheme) -> Scheme:
    scheme = Scheme.objects.select_for_update().get(pk=scheme.pk)
    scheme_ensure_changeable(scheme)
    return scheme


@transaction.atomic
def scheme_update(*, scheme: Scheme, name: str, description: str, agreement_gap: int, aspects: list[dict],
                  actor=None) -> Scheme:
    """Change a scheme not used by a round: its name, and its aspects (``aspects``: dicts of "id" (None for a new
    one), "name", "weight", "role", "description", "order", "delete"). The kept aspects' weights must add up to
    100 %; an aspect removed takes its questions and levels with it."""
    scheme = _locked_changeable(scheme)
    name = name.strip()
    if Scheme.objects.filter(program=scheme.program_id, name=name).exclude(pk=scheme.pk).exists():
        raise ValidationError({"name": _("The program already has a scheme of that name.")})
    current = {aspect.pk: aspect for aspect in scheme.aspects.all()}
    if any(row.get("id") is not None and row["id"] not in current for row in aspects):
        raise ValidationError(_("An aspect does not belong to this scheme."))
    kept = [row for row in aspects if not row.get("delete")]
    names = [row["name"].strip().casefold() for row in kept]
    if len(names) != len(set(names)):
        raise ValidationError(_("Two aspects have the same name."))
    total = sum((Decimal(row["weight"]) for row in kept), Decimal(0))
    if total != Decimal(100):
        raise ValidationError(_("The aspects' weights add up to %(total)s %%; they must add up to 100 %%.")
                              % {"total": f"{total.normalize():f}"})
    scheme.name, scheme.description, scheme.agreement_gap = name, description.strip(), agreement_gap
    scheme.save(update_fields=["name", "description", "agreement_gap"])
    Aspect.objects.filter(pk__in=[row["id"] for row in aspects if row.get("delete") and row.get("id")]).delete()
    # Names are unique per scheme: park the kept ones under a temporary name first, so two aspects can swap names.
    text = models.CharField()
    Aspect.objects.filter(scheme=scheme).update(name=Concat(Value("~"), Cast("pk", text), output_field=text))
    for row in kept:
        aspect = current.get(row.get("id")) or Aspect(scheme=scheme)
        aspect.name, aspect.weight, aspect.role = row["name"].strip(), row["weight"], row["role"]
        aspect.description, aspect.order = (row.get("description") or "").strip(), row.get("order") or 0
        aspect.save()
    audit_record(program=scheme.program, action=AuditAction.EVALUATION_SCHEME_CHANGED, subject=scheme.name, actor=actor)
    return scheme


@transaction.atomic
def aspect_update(*, aspect: Aspect, questions: list[dict], levels: list[dict], actor=None) -> Aspect:
    """Change an aspect's questions ("id", "text", "guidance", "evidence_required", "order", "delete") and score
    levels ("id", "value", "descriptor", "delete") while its scheme is not used by a round."""
    scheme = _locked_changeable(aspect.scheme)
    current_questions = {q.pk: q for q in aspect.questions.all()}
    current_levels = {level.pk: level for level in aspect.levels.all()}
    if any(row.get("id") is not None and row["id"] not in current_questions for row in questions) or \
            any(row.get("id") is not None and row["id"] not in current_levels for row in levels):
        raise ValidationError(_("A question or level does not belong to this aspect."))
    kept_levels = [row for row in levels if not row.get("delete")]
    values = [row["value"] for row in kept_levels]
    if len(values) != len(set(values)):
        raise ValidationError(_("Two levels have the same score."))
    Question.objects.filter(pk__in=[row["id"] for row in questions if row.get("delete") and row.get("id")]).delete()
    Level.objects.filter(pk__in=[row["id"] for row in levels if row.get("delete") and row.get("id")]).delete()
    for row in questions:
        if row.get("delete"):
            continue
        question = current_questions.get(row.get("id")) or Question(aspect=aspect)
        question.text, question.guidance = row["text"].strip(), (row.get("guidance") or "").strip()
        question.evidence_required, question.order = bool(row.get("evidence_required")), row.get("order") or 0
        question.save()
    # Values are unique per aspect: move the kept levels out of the way first, so two can swap values.
    Level.objects.filter(aspect=aspect).update(value=models.F("value") + 1000)
    for row in kept_levels:
        level = current_levels.get(row.get("id")) or Level(aspect=aspect)
        level.value, level.descriptor = row["value"], row["descriptor"].strip()
        level.save()
    audit_record(program=scheme.program, action=AuditAction.EVALUATION_ASPECT_CHANGED,
                 subject=f"{scheme.name}: {aspect.name}", actor=actor)
    return aspect
