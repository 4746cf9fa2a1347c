"""Reads for assessors and for finalising: the queue, a team's assessment page, the agreement flags."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from evaluation.models import Answer, Aspect, AspectScore, Assessment, ProgramProgress, RoundTeam


def assessor_queue(program, user, *, everyone: bool = False):
    """The assessments of ``program`` that ``user`` holds (``everyone``: all of them, for organizers), with the
    team, its region and round, newest round first."""
    assessments = Assessment.objects.filter(round_team__round__program=program).select_related(
        "round_team__team__region", "round_team__round", "assessor").order_by(
        "-round_team__round__period_end", "round_team__round_id", "round_team__team__region__province",
        "round_team__team__region__name", "assessor__full_name")
    return assessments if everyone else assessments.filter(assessor=user)


def queue_by_round(assessments) -> list:
    """[(round, [assessment, ...])] keeping the order."""
    rounds = {}
    for assessment in assessments:
        rounds.setdefault(assessment.round_team.round_id, (assessment.round_team.round, []))[1].append(assessment)
    return list(rounds.values())


def scheme_aspects(scheme):
    """The scheme's aspects with their levels and questions (three queries)."""
    return list(Aspect.objects.filter(scheme=scheme).prefetch_related("levels", "questions"))


def round_team_lookup(program):
    """Where a page looks up the round team its URL names: the program's, with what its pages show beside it."""
    return RoundTeam.objects.filter(round__program=program).select_related(
        "team__region", "round__scheme", "round__program", "plan")


def own_assessment(round_team, user) -> Assessment:
    """The assessor's own assessment of the team (the permission already asked that there is one)."""
    return Assessment.objects.select_related("interview").get(round_team=round_team, assessor=user)


def assessment_lookup(program):
    """Where a page looks up the assessment its URL names: the assessments of the program's rounds."""
    return Assessment.objects.filter(round_team__round__program=program).select_related(
        "round_team__team", "round_team__round__program", "assessor")


def team_answers(round_team) -> dict:
    """Question id → the team's answer with its evidence."""
    answers = Answer.objects.filter(round_team=round_team).prefetch_related("evidence")
    return {answer.question_id: answer for answer in answers}


def team_progress(round_team) -> list:
    """The register's programs with the team's reported progress (``.progress``, None when not reported)."""
    if round_team.plan_id is None:
        return []
    reported = {row.plan_program_id: row for row in ProgramProgress.objects.filter(round_team=round_team)}
    programs = list(round_team.plan.programs.select_related("dimension"))
    for program in programs:
        program.progress = reported.get(program.pk)
    return programs


def status_by_program(programs) -> dict:
    return {program.pk: program.progress.status for program in programs if program.progress is not None}


def team_assessments(round_team) -> list:
    """Every assessment of the team with its assessor and scores."""
    return list(Assessment.objects.filter(round_team=round_team).select_related("assessor", "interview")
                .prefetch_related(Prefetch("scores", queryset=AspectScore.objects.order_by("aspect__order"))))


@dataclass(frozen=True)
class Flag:
    """Submitted scores of one aspect for one team that differ by the scheme's gap or more."""

    round_team_id: int
    aspect_id: int
    aspect_name: str
    scores: tuple

    @property
    def message(self):
        return _("%(aspect)s: scores %(scores)s differ too much") % {
            "aspect": self.aspect_name, "scores": ", ".join(str(s) for s in self.scores)}


def agreement_flags(assessments, aspects, gap: int) -> list:
    """The flags of one team: aspects whose submitted scores (two or more) differ by ``gap`` levels or more."""
    by_aspect = {}
    for assessment in assessments:
        if assessment.submitted_at is None:
            continue
        for score in assessment.scores.all():
            by_aspect.setdefault(score.aspect_id, []).append(score.score)
    flags = []
    for aspect in aspects:
        scores = by_aspect.get(aspect.pk, [])
        if len(scores) >= 2 and max(scores) - min(scores) >= gap:
            flags.append(Flag(round_team_id=assessments[0].round_team_id, aspect_id=aspect.pk,
                              aspect_name=aspect.name, scores=tuple(sorted(scores))))
    return flags


def round_assessments(evaluation_round) -> dict:
    """Round team id → its assessments with scores (two queries for the whole round)."""
    assessments = Assessment.objects.filter(round_team__round=evaluation_round).select_related("assessor") \
        .prefetch_related("scores").order_by("round_team_id", "assessor__full_name")
    grouped = {}
    for assessment in assessments:
        grouped.setdefault(assessment.round_team_id, []).append(assessment)
    return grouped


def round_teams(evaluation_round):
    return list(RoundTeam.objects.filter(round=evaluation_round).select_related("team__region"))


def finalise_problems(round_team, assessments, flags, agreed: dict) -> list:
    """Why ``round_team`` cannot be finalised yet (empty when it can): a missing or unsubmitted assessment, or
    a flag without the organizer's agreed score (``agreed``: aspect id → (score, note))."""
    team = str(round_team.team)
    if round_team.status == RoundTeam.Status.FINALISED:
        return [_("%(team)s is already finalised.") % {"team": team}]
    if not assessments:
        return [_("%(team)s has no assessor.") % {"team": team}]
    problems = [_("%(team)s: %(assessor)s has not submitted the assessment.") % {"team": team,
                                                                                "assessor": a.assessor}
                for a in assessments if a.submitted_at is None]
    problems += [_("%(team)s — %(flag)s: the assessors must agree, or set the agreed score.")
                 % {"team": team, "flag": flag.message} for flag in flags if flag.aspect_id not in agreed]
    return problems
