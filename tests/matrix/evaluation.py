"""The master plan register and the evaluation: teams write their register and self-assessment, mentors review
the register, assessors score only the teams assigned to them, organizers run rounds."""

import datetime

from django.db import transaction
from django.utils import timezone

from bimtek.filestore import store_upload
from evaluation.models import Answer, Assessment, Evidence, MasterPlan, RoundTeam
from evaluation.services.scheme import scheme_create_default
from tests import factories
from tests.evaluation.factories import make_plan, make_round
from tests.matrix import STAFF, TEAM_MENTORS, TEAM_READERS, Entry
from tests.world import builder

ENTRIES = {
}

# --- The master plan register (eval_register) ---

REGISTER_WRITERS = frozenset({"participant", "organizer"})


@builder("register")
def build_register(world, scope):
    """A draft register (version 1) of the scope's team, so its pages that change it open."""
    return make_plan(world.team_for(scope), status=MasterPlan.Status.DRAFT, programs=2)


def register_team(w, s):
    return {"program": w.program_for(s).pk, "team": w.team_for(s).pk}


def register_version(w, s):
    return {**register_team(w, s), "number": w.obj("register", s).number}


def register_item(w, s):
    return {**register_team(w, s), "item": w.obj("register", s).programs.first().pk}


def _with_register(kwargs):
    def build(w, s):
        w.obj("register", s)
        return kwargs(w, s)
    return build


ENTRIES.update({
    "register_detail": Entry(kwargs=_with_register(register_team), allowed=TEAM_READERS),
    "register_version": Entry(kwargs=register_version, allowed=TEAM_READERS),
    "register_template": Entry(kwargs=register_team, allowed=TEAM_READERS),
    "register_start": Entry(kwargs=register_team, allowed=REGISTER_WRITERS),
    "register_settings": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_program_create": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_program_update": Entry(kwargs=register_item, allowed=REGISTER_WRITERS),
    "register_program_delete": Entry(kwargs=register_item, allowed=REGISTER_WRITERS),
    "register_submit": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_new_version": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_review": Entry(kwargs=register_version, allowed=TEAM_MENTORS),
    "register_import": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_import_preview": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_import_discard": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
})

# Schemes, rounds and the self-assessment (eval_self). The world's evaluator assesses team_a in the own round.
@builder("self_round")
def build_self_round(world, scope):
    team = world.team_for(scope)
    make_plan(team)
    assessors = [world.users["evaluator"]] if scope == "own" else []
    evaluation_round = make_round(world.program_for(scope), teams=[team], assessors=assessors)
    today = timezone.localdate()
    evaluation_round.opens_on, evaluation_round.closes_on = today - datetime.timedelta(days=1), today
    evaluation_round.save(update_fields=["opens_on", "closes_on"])
    return evaluation_round


@builder("self_scheme")
def build_self_scheme(world, scope):
    return scheme_create_default(program=world.program_for(scope), name=factories.unique("Skema bebas"))


@builder("self_evidence")
def build_self_evidence(world, scope):
    round_team = world.obj("self_round", scope).round_teams.get()
    question = round_team.round.scheme.aspects.first().questions.first()
    answer = Answer.objects.create(round_team=round_team, question=question, text="Perda ditetapkan.")
    evidence = Evidence(answer=answer)
    with transaction.atomic():
        store_upload(evidence, factories.upload(factories.pdf_bytes("Perda")), kinds=("pdf",), max_bytes=10**6)
        evidence.save()
    return evidence


def self_program(w, s):
    return {"program": w.program_for(s).pk}


def self_scheme(w, s):
    return {**self_program(w, s), "scheme": w.obj("self_scheme", s).pk}


def self_aspect(w, s):
    return {**self_scheme(w, s), "aspect": w.obj("self_scheme", s).aspects.first().pk}


def self_round(w, s):
    return {**self_program(w, s), "round": w.obj("self_round", s).pk}


def self_round_team(w, s):
    return {**self_round(w, s), "team": w.team_for(s).pk}


def self_evidence(w, s):
    return {**self_round_team(w, s), "evidence": w.obj("self_evidence", s).pk}


TEAM_AND_ASSESSOR = frozenset({"participant", "evaluator", "organizer"})
ENTRIES |= {
    "evaluation_scheme_list": Entry(kwargs=self_program, allowed=STAFF),
    "evaluation_scheme_create_default": Entry(kwargs=self_program, allowed=STAFF),
    "evaluation_scheme_edit": Entry(kwargs=self_scheme, allowed=STAFF),
    "evaluation_aspect_edit": Entry(kwargs=self_aspect, allowed=STAFF),
    "evaluation_scheme_copy": Entry(kwargs=self_scheme, allowed=STAFF),
    # Team members see their team's rounds, evaluators the teams they assess; mentors have no part in it.
    "evaluation_round_list": Entry(kwargs=self_program,
                                   allowed=frozenset({"participant", "other_participant", "evaluator", "organizer"})),
    "evaluation_round_create": Entry(kwargs=self_program, allowed=STAFF),
    "evaluation_round_detail": Entry(kwargs=self_round, allowed=STAFF),
    "evaluation_round_open": Entry(kwargs=self_round, allowed=STAFF),
    "evaluation_round_assessors": Entry(kwargs=self_round, allowed=STAFF),
    "evaluation_self_assessment": Entry(kwargs=self_round_team, allowed=TEAM_AND_ASSESSOR),
    "evaluation_self_assessment_return": Entry(kwargs=self_round_team, allowed=frozenset({"evaluator", "organizer"})),
    "evaluation_evidence_download": Entry(kwargs=self_evidence, allowed=TEAM_AND_ASSESSOR),
    "evaluation_evidence_delete": Entry(kwargs=self_evidence, allowed=frozenset({"participant"})),
}

# Assessment and results (eval_assess): the world's evaluator assesses team_a in the round.



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
    assessor = world.users["evaluator"] if scope == "own" else factories.make_staff(program, "evaluator")
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
    evidence.file.save("bukti.pdf", factories.upload(factories.pdf_bytes("Bukti")), save=True)
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
