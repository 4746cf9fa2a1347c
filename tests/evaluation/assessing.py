"""Helpers for the assessment tests: a submitted self-assessment, progress rows, submitted scores."""

from django.utils import timezone

from evaluation.models import Answer, AspectScore, Assessment, ProgramProgress, Question, RoundTeam


def submit_self_assessment(round_team, *, done=0, self_score=3):
    """The team's answers to every question and its progress, the first ``done`` register programs done."""
    questions = Question.objects.filter(aspect__scheme=round_team.round.scheme)
    Answer.objects.bulk_create(Answer(round_team=round_team, question=q, self_score=self_score,
                                      text=f"Jawaban {q.pk}") for q in questions)
    if round_team.plan_id:
        ProgramProgress.objects.bulk_create(
            ProgramProgress(round_team=round_team, plan_program=program,
                            status=ProgramProgress.Status.DONE if i < done else ProgramProgress.Status.IN_PROGRESS)
            for i, program in enumerate(round_team.plan.programs.order_by("order")))
    round_team.status = RoundTeam.Status.SUBMITTED
    round_team.submitted_at = timezone.now()
    round_team.save(update_fields=["status", "submitted_at"])
    return round_team


def score_all(assessment, score, *, submitted=True, overrides=None, note="Catatan"):
    """``assessment`` scores every aspect ``score`` (or ``overrides[aspect name]``) and is submitted."""
    overrides = overrides or {}
    aspects = assessment.round_team.round.scheme.aspects.all()
    AspectScore.objects.bulk_create(AspectScore(assessment=assessment, aspect=a, score=overrides.get(a.name, score),
                                                note=f"{note} {a.name}") for a in aspects)
    if submitted:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=timezone.now())
        assessment.refresh_from_db()
    return assessment
