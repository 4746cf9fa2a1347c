import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bimtek.models import AuditEvent
from evaluation.models import Aspect, Assessment, EvaluationRound, FinalScore, RoundTeam
from evaluation.services.assessment import (
    assessment_reopen,
    assessment_save,
    assessment_schedule_interview,
    assessment_submit,
)
from evaluation.services.finalise import round_finalise
from sessions.services import session_create
from tests import factories
from tests.evaluation.assessing import score_all, submit_self_assessment
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    program = factories.make_program()
    team = factories.make_team(program)
    make_plan(team, programs=4, quick_wins=2)
    first, second = factories.make_staff(program, "evaluator"), factories.make_staff(program, "evaluator")
    evaluation_round = make_round(program, teams=[team], assessors=[first, second])
    round_team = RoundTeam.objects.get(round=evaluation_round)
    return program, round_team, first, second


def aspects_of(round_team):
    return {a.name: a for a in round_team.round.scheme.aspects.all()}


def test_an_assessor_saves_scores_then_submits_only_when_every_aspect_is_scored(english, setup):
    program, round_team, first, _ = setup
    submit_self_assessment(round_team)
    assessment = Assessment.objects.get(round_team=round_team, assessor=first)
    aspects = aspects_of(round_team)
    assessment_save(assessment=assessment, scores={aspects["Output"].pk: (3, " Perda ada "),
                                                   aspects["Impact"].pk: (None, "")})
    assert [(s.aspect.name, s.score, s.note) for s in assessment.scores.all()] == [("Output", 3, "Perda ada")]
    with pytest.raises(ValidationError, match="Not scored yet: Baseline, Outcome, Impact, Quick Win"):
        assessment_submit(assessment=assessment)
    assessment_save(assessment=assessment, scores={a.pk: (2, "") for a in aspects.values()})
    assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.submitted_at is not None
    with pytest.raises(ValidationError, match="Ask an organizer to reopen"):
        assessment_save(assessment=assessment, scores={aspects["Output"].pk: (4, "")})
    submitted = AuditEvent.objects.get(action="evaluation.assessment_submit")
    # A known action, so the trail's page names it and can be filtered by it.
    assert submitted.get_action_display() == "Assessment submitted"
    assessment_reopen(assessment=assessment)
    assessment_save(assessment=assessment, scores={aspects["Output"].pk: (4, "")})
    assert assessment.scores.get(aspect=aspects["Output"]).score == 4


def test_a_score_off_the_scale_or_before_the_team_submitted_is_refused(english, setup):
    _, round_team, first, _ = setup
    assessment = Assessment.objects.get(round_team=round_team, assessor=first)
    output = aspects_of(round_team)["Output"]
    with pytest.raises(ValidationError, match="has not submitted its self-assessment"):
        assessment_save(assessment=assessment, scores={output.pk: (2, "")})
    submit_self_assessment(round_team)
    with pytest.raises(ValidationError, match="9 is not a level"):
        assessment_save(assessment=assessment, scores={output.pk: (9, "")})
    with pytest.raises(ValidationError, match="choose a score to keep the note"):
        assessment_save(assessment=assessment, scores={output.pk: (None, "Belum yakin")})
    assert not assessment.scores.exists()


def test_the_verification_interview_a_year_after_the_bimtek_is_a_session_the_assessor_leads(english, setup):
    program, round_team, first, _ = setup
    assessment = Assessment.objects.get(round_team=round_team, assessor=first)
    stage = program.stages.last()
    # The evaluation comes after the bimtek: well past the program's last day.
    day = program.end_date + datetime.timedelta(days=365)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    session = assessment_schedule_interview(assessment=assessment, stage=stage, starts_at=starts,
                                            ends_at=starts + datetime.timedelta(hours=1), notify=False)
    assessment.refresh_from_db()
    assert assessment.interview == session
    assert list(session.expected_teams.all()) == [round_team.team] and not session.all_teams
    assert session.kind == "interview" and list(session.mentors.all()) == [first]
    # The assessor keeps its attendance, as a session's mentor does; the other assessor does not.
    assert first.has_perm("training.manage_attendance", session)
    assert not setup[3].has_perm("training.manage_attendance", session)
    before = timezone.make_aware(datetime.datetime.combine(stage.start_date - datetime.timedelta(days=1),
                                                           datetime.time(9)))
    with pytest.raises(ValidationError, match="on or after its stage's start"):
        assessment_schedule_interview(assessment=assessment, stage=stage, starts_at=before,
                                      ends_at=before + datetime.timedelta(hours=1), notify=False)


def test_only_an_interview_leaves_its_stage_and_may_be_led_by_an_evaluator(english, setup):
    program, round_team, first, _ = setup
    stage = program.stages.last()
    day = program.end_date + datetime.timedelta(days=30)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    with pytest.raises(ValidationError, match="inside its stage's dates"):
        session_create(stage=stage, title="Kelas", starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
                       notify=False)
    with pytest.raises(ValidationError, match="Not a mentor of this program"):
        session_create(stage=stage, title="Kelas", starts_at=timezone.make_aware(datetime.datetime.combine(
            stage.start_date, datetime.time(9))), ends_at=timezone.make_aware(datetime.datetime.combine(
                stage.start_date, datetime.time(10))), mentors=[first], notify=False)


def test_finalising_refuses_while_an_assessment_is_unsubmitted_or_a_flag_is_open(english, setup):
    _, round_team, first, second = setup
    submit_self_assessment(round_team, done=2)
    score_all(Assessment.objects.get(round_team=round_team, assessor=first), 4)
    with pytest.raises(ValidationError, match="has not submitted the assessment"):
        round_finalise(evaluation_round=round_team.round)
    score_all(Assessment.objects.get(round_team=round_team, assessor=second), 4, overrides={"Impact": 1})
    with pytest.raises(ValidationError, match="Impact: scores 1, 4 differ too much"):
        round_finalise(evaluation_round=round_team.round)
    assert not FinalScore.objects.exists()
    impact = aspects_of(round_team)["Impact"]
    with pytest.raises(ValidationError, match="say in a note"):
        round_finalise(evaluation_round=round_team.round, agreed={round_team.pk: {impact.pk: (Decimal(3), "")}})
    round_finalise(evaluation_round=round_team.round,
                   agreed={round_team.pk: {impact.pk: (Decimal(3), "Disepakati setelah wawancara")}})
    round_team.refresh_from_db()
    finals = {f.aspect.name: f for f in round_team.final_scores.all()}
    assert finals["Impact"].score == Decimal("3.00") and finals["Impact"].note == "Disepakati setelah wawancara"
    assert finals["Impact"].contribution == Decimal("22.50")
    # 10 + 20 + 30 + 22.5 + 10: every other aspect at the top level.
    assert round_team.index == Decimal("92.50") and round_team.status == RoundTeam.Status.FINALISED
    assert round_team.programs_done_share == Decimal("50.00") and round_team.quick_wins_done_share == Decimal("100.00")
    round_team.round.refresh_from_db()
    assert round_team.round.status == EvaluationRound.Status.FINALISED
    with pytest.raises(ValidationError, match="finalised"):
        assessment_reopen(assessment=Assessment.objects.get(round_team=round_team, assessor=first))


def test_the_agreed_score_is_the_mean_and_the_baseline_the_regions_previous_index(english):
    region = factories.make_region()
    last_year = factories.make_program()
    old_team = factories.make_team(last_year, region=region)
    assessor = factories.make_staff(last_year, "evaluator")
    old_round = make_round(last_year, teams=[old_team], assessors=[assessor])
    old = submit_self_assessment(RoundTeam.objects.get(round=old_round))
    score_all(Assessment.objects.get(round_team=old), 2)
    round_finalise(evaluation_round=old_round)
    old.refresh_from_db()
    assert old.index == Decimal("50.00") and old.programs_done_share is None

    this_year = factories.make_program()
    team = factories.make_team(this_year, region=region)
    other_team = factories.make_team(this_year)
    first, second = factories.make_staff(this_year, "evaluator"), factories.make_staff(this_year, "evaluator")
    new_round = make_round(this_year, teams=[team, other_team], assessors=[first, second],
                           period_end=old_round.period_end.replace(year=old_round.period_end.year + 1))
    new, other = (RoundTeam.objects.get(round=new_round, team=t) for t in (team, other_team))
    submit_self_assessment(new)
    score_all(Assessment.objects.get(round_team=new, assessor=first), 4)
    score_all(Assessment.objects.get(round_team=new, assessor=second), 3)
    round_finalise(evaluation_round=new_round, round_team_ids=[new.pk])
    new.refresh_from_db()
    finals = {f.aspect.name: f for f in new.final_scores.all()}
    assert finals["Output"].score == Decimal("3.50") and finals["Output"].contribution == Decimal("17.50")
    assert finals["Baseline"].score == Decimal("2.00") and finals["Baseline"].contribution == Decimal("5.00")
    assert new.previous_index == Decimal("50.00")
    assert new.index == Decimal("83.75")  # 5 from the previous index + 3.5 / 4 of the other 90
    new_round.refresh_from_db()
    assert new_round.status == EvaluationRound.Status.OPEN and other.status != RoundTeam.Status.FINALISED
    assert Aspect.objects.filter(scheme=new_round.scheme).count() == 5
