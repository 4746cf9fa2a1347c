"""The master plan register and the evaluation: teams write their register and self-assessment, mentors review
the register, assessors score only the teams assigned to them, organizers run rounds."""

import datetime

from django.db import transaction
from django.utils import timezone

from bimtek.filestore import store_upload
from evaluation.models import Answer, Evidence
from evaluation.services.scheme import scheme_create_default
from tests import factories
from tests.evaluation.factories import make_plan, make_round
from tests.matrix import STAFF, Entry
from tests.world import builder

ENTRIES = {
}


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
