"""The demo's evaluation: last year's program gets a finished round (approved registers, self-assessments, two
assessors on some teams, finalised with indices) and a second round in progress (teams submitted or drafting,
one assessed, one with assessors who disagree). Made through the services where they exist, so the figures are
the ones a real round would give."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from evaluation.models import (
    Answer,
    AspectScore,
    Assessment,
    EvaluationRound,
    MasterPlan,
    PlanProgram,
    ProgramProgress,
    Question,
    RoundTeam,
)
from evaluation.services.assessment import assessment_submit
from evaluation.services.finalise import round_finalise
from evaluation.services.scheme import scheme_create_default
from participants import services as people

PROGRAM_TITLES = [
    ("Layanan perizinan daring terpadu", "DPMPTSP"), ("Satu data daerah", "Diskominfo"),
    ("Aplikasi pengaduan warga", "Diskominfo"), ("Pasar rakyat digital", "Disperindag"),
    ("Sistem informasi kesehatan terpadu", "Dinas Kesehatan"), ("Transportasi umum terpantau", "Dinas Perhubungan"),
    ("Pengelolaan sampah berbasis aplikasi", "Dinas Lingkungan Hidup"), ("Wisata budaya virtual", "Disparbud"),
]
ANSWERS = [
    "Sudah ditetapkan dan berjalan; bukti terlampir.", "Sebagian sudah berjalan, sisanya dianggarkan tahun depan.",
    "Masih tahap persiapan; kajian sudah selesai.",
]
NOTES = ["Bukti lengkap dan sesuai.", "Perlu data pendukung tambahan.", "Sudah diverifikasi dalam wawancara.",
         "Capaian di bawah target tahunan."]


def demo_register(team, *, rng: random.Random, first_year: int) -> MasterPlan:
    """An approved register of six programs over the program's dimensions, the first two quick wins."""
    plan = MasterPlan.objects.create(team=team, number=1, status=MasterPlan.Status.APPROVED, first_year=first_year,
                                     approved_at=timezone.now(), submitted_at=timezone.now())
    dimensions = list(team.program.dimensions.all())
    titles = rng.sample(PROGRAM_TITLES, 6)
    PlanProgram.objects.bulk_create(
        PlanProgram(plan=plan, dimension=dimensions[i % len(dimensions)], title=title, responsible_agency=agency,
                    start_year=first_year, end_year=first_year + (0 if i < 2 else rng.randint(1, 4)),
                    indicator="Layanan yang berjalan", unit="layanan", baseline_value=Decimal(rng.randint(0, 3)),
                    target_value=Decimal(rng.randint(5, 12)), budget=Decimal(rng.randint(2, 40) * 50_000_000),
                    budget_source=rng.choice(["APBD", "DAK", "CSR"]), quick_win=i < 2, order=i)
        for i, (title, agency) in enumerate(titles))
    return plan


def _self_assess(round_team, *, rng, submitted: bool, done: int):
    questions = Question.objects.filter(aspect__scheme=round_team.round.scheme)
    Answer.objects.bulk_create(Answer(round_team=round_team, question=q, self_score=rng.randint(2, 4),
                                      text=rng.choice(ANSWERS)) for q in questions)
    ProgramProgress.objects.bulk_create(
        ProgramProgress(round_team=round_team, plan_program=program, current_value=program.target_value - i,
                        status=ProgramProgress.Status.DONE if i < done else ProgramProgress.Status.IN_PROGRESS)
        for i, program in enumerate(round_team.plan.programs.order_by("order")))
    round_team.status = RoundTeam.Status.SUBMITTED if submitted else RoundTeam.Status.DRAFT
    round_team.submitted_at = timezone.now() if submitted else None
    round_team.save(update_fields=["status", "submitted_at"])


def _score(assessment, *, rng, base: int, overrides=None, submit=True):
    overrides = overrides or {}
    aspects = list(assessment.round_team.round.scheme.aspects.all())
    AspectScore.objects.bulk_create(
        AspectScore(assessment=assessment, aspect=aspect, note=rng.choice(NOTES),
                    score=overrides.get(aspect.order, max(0, min(4, base + rng.choice([-1, 0, 0, 1])))))
        for aspect in aspects)
    if submit:
        assessment_submit(assessment=assessment)


def _round(program, scheme, *, title, period_start, period_end, opens_on, status, teams, assessors):
    evaluation_round = EvaluationRound.objects.create(
        program=program, scheme=scheme, title=title, period_start=period_start, period_end=period_end,
        opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=45), status=status)
    round_teams = []
    for team, team_assessors in zip(teams, assessors, strict=True):
        round_team = RoundTeam.objects.create(round=evaluation_round, team=team,
                                              plan=team.master_plans.filter(status=MasterPlan.Status.APPROVED).first())
        Assessment.objects.bulk_create(Assessment(round_team=round_team, assessor=user) for user in team_assessors)
        round_teams.append(round_team)
    return evaluation_round, round_teams


def demo_evaluation(*, rng: random.Random, program, evaluator, today: datetime.date, second_email: str) -> None:
    """``program``: last year's (finished) program with its teams; ``evaluator`` the demo evaluator's account."""
    second = people.staff_add(program=program, email=second_email, full_name="Dr. Maria Sitompul, M.Si.",
                              role="evaluator").user
    scheme = scheme_create_default(program=program, name="Pedoman Evaluasi Smart City Nasional")
    teams = list(program.teams.select_related("region").order_by("pk"))
    for team in teams:
        demo_register(team, rng=rng, first_year=program.year + 1)
    # The finished round: every team submitted and assessed; two assessors on the first two teams.
    finished_end = today - datetime.timedelta(days=150)
    finished, round_teams = _round(
        program, scheme, title=f"Evaluasi capaian semester I {finished_end.year}",
        period_start=program.end_date, period_end=finished_end, opens_on=finished_end + datetime.timedelta(days=1),
        status=EvaluationRound.Status.OPEN, teams=teams,
        assessors=[[evaluator, second] if i < 2 else [evaluator] for i in range(len(teams))])
    for index, round_team in enumerate(round_teams):
        _self_assess(round_team, rng=rng, submitted=True, done=1 + index % 3)
        base = 2 + index % 2
        for assessment in round_team.assessments.order_by("pk"):
            _score(assessment, rng=rng, base=base, overrides={order: base for order in range(1, 6)}
                   if assessment.assessor_id == second.pk else None)
    round_finalise(evaluation_round=finished)
    # The round in progress: the first team assessed, the second with a disagreement, the others drafting.
    current_end = today - datetime.timedelta(days=20)
    _, round_teams = _round(
        program, scheme, title=f"Evaluasi capaian tahun {current_end.year}", period_start=finished_end,
        period_end=current_end, opens_on=current_end + datetime.timedelta(days=1),
        status=EvaluationRound.Status.OPEN, teams=teams,
        assessors=[[evaluator, second] if i < 2 else [evaluator] for i in range(len(teams))])
    for index, round_team in enumerate(round_teams):
        _self_assess(round_team, rng=rng, submitted=index < 3, done=2 + index % 3)
    first, flagged = round_teams[0], round_teams[1]
    for assessment in first.assessments.order_by("pk"):
        _score(assessment, rng=rng, base=3, overrides={order: 3 for order in range(1, 6)})
    for assessment in flagged.assessments.order_by("pk"):
        # Impact (the fourth aspect): 4 from one assessor, 1 from the other — flagged for agreement.
        _score(assessment, rng=rng, base=2,
               overrides={order: 2 for order in range(1, 6)} | {4: 4 if assessment.assessor_id == evaluator.pk else 1})
