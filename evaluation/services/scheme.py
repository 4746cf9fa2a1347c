"""Scoring schemes: the national guideline's default, checks, and copies."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bimtek.models import Program
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
    audit_record(program=program, action="evaluation.scheme_create", subject=scheme.name)
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
    audit_record(program=scheme.program, action="evaluation.scheme_copy", subject=copy.name,
                 detail=scheme.name)
    return copy


def clone_into(*, cloning: ProgramCloning) -> None:
    """A program's clone gets its scoring schemes (aspects, questions, levels), changeable again. Registers and
    rounds belong to the teams of the source program and are not copied."""
    for scheme in Scheme.objects.filter(program=cloning.source):
        copy = row_copy(scheme, program=cloning.program, copied_from=None)
        copy.save()
        _copy_parts(scheme, copy)
