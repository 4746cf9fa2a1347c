"""The master plan register and the evaluation: teams write their register and self-assessment, mentors review
the register, assessors score only the teams assigned to them, organizers run rounds."""

from tests.matrix import Entry  # noqa: F401

ENTRIES = {
}


# Assessment and results (eval_assess): the world's evaluator assesses team_a in the round.
import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from evaluation.models import Answer, Assessment, Evidence, RoundTeam  # noqa: E402
from tests import factories as base_factories  # noqa: E402
from tests.evaluation.factories import make_round  # noqa: E402
from tests.world import builder  # noqa: E402

ASSESSOR = frozenset({"evaluator"})
ASSESSOR_QUEUE = frozenset({"evaluator", "organizer"})
SCORE_READERS = frozenset({"evaluator", "organizer"})
SELF_READERS = frozenset({"participant", "evaluator", "organizer"})
ORGANIZER = frozenset({"organizer"})
RESULTS = frozenset({"evaluator", "organizer"})


@builder("assessed_round")
def build_assessed_round(world, scope):
    """A round of the own (or foreign) program over team_a (foreign team), assessed by the world's evaluator
    (the foreign program's: a new evaluator there); the team has submitted, with one piece of evidence."""
    program = world.program_for(scope)
    assessor = world.users["evaluator"] if scope == "own" else base_factories.make_staff(program, "evaluator")
    evaluation_round = make_round(program, teams=[world.team_for(scope)], assessors=[assessor])
    RoundTeam.objects.filter(round=evaluation_round).update(status=RoundTeam.Status.SUBMITTED,
                                                           submitted_at=timezone.now())
    return evaluation_round


def _round_team(world, scope):
    return RoundTeam.objects.get(round=world.obj("assessed_round", scope))


@builder("assessment_evidence")
def build_assessment_evidence(world, scope):
    round_team = _round_team(world, scope)
    question = round_team.round.scheme.aspects.first().questions.first()
    answer = Answer.objects.create(round_team=round_team, question=question, text="Ada", self_score=2)
    evidence = Evidence(answer=answer, original_name="bukti.pdf", kind="pdf")
    evidence.file.save("bukti.pdf", base_factories.upload(base_factories.pdf_bytes("Bukti")), save=True)
    return evidence


@builder("submitted_assessment")
def build_submitted_assessment(world, scope):
    assessment = Assessment.objects.get(round_team=_round_team(world, scope))
    Assessment.objects.filter(pk=assessment.pk).update(submitted_at=timezone.now() - datetime.timedelta(hours=1))
    return assessment


def _program_kwargs(w, s):
    return {"program": w.program_for(s).pk}


def _round_kwargs(w, s):
    return {**_program_kwargs(w, s), "round": w.obj("assessed_round", s).pk}


def _round_team_kwargs(w, s):
    return {**_program_kwargs(w, s), "round_team": _round_team(w, s).pk}


ENTRIES.update({
    # The evaluator sees the queue once assigned to a team: the round is made first.
    "evaluation_assessor_queue": Entry(kwargs=lambda w, s: (w.obj("assessed_round", s), _program_kwargs(w, s))[1],
                                       allowed=ASSESSOR_QUEUE),
    "evaluation_assessment": Entry(kwargs=_round_team_kwargs, allowed=ASSESSOR),
    "evaluation_assessment_interview": Entry(kwargs=_round_team_kwargs, allowed=ASSESSOR),
    "evaluation_assessment_evidence": Entry(
        kwargs=lambda w, s: {**_round_team_kwargs(w, s), "evidence": w.obj("assessment_evidence", s).pk},
        allowed=SELF_READERS),
    "evaluation_assessment_reopen": Entry(
        kwargs=lambda w, s: {**_program_kwargs(w, s), "assessment": w.obj("submitted_assessment", s).pk},
        allowed=ORGANIZER),
    "evaluation_finalise": Entry(kwargs=_round_kwargs, allowed=ORGANIZER),
    "evaluation_results": Entry(kwargs=_round_kwargs, allowed=RESULTS),
    "evaluation_reports_job": Entry(kwargs=_round_kwargs, allowed=RESULTS),
    "evaluation_scores_xlsx_job": Entry(kwargs=_round_kwargs, allowed=RESULTS),
    "evaluation_scores": Entry(kwargs=_round_team_kwargs, allowed=SCORE_READERS),
    # Not finalised: the allowed get a redirect to the scores page with a message.
    "evaluation_report_pdf": Entry(kwargs=_round_team_kwargs, allowed=SCORE_READERS),
})
