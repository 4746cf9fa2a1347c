"""An evaluation round: which teams, the period, who assesses whom, the self-assessments and the scores.

The life of a team in a round (RoundTeam.Status): the team fills its self-assessment (draft) and submits it
once; an assessor may send it back with a reason; the assessors score every aspect and submit; an organizer
finalises, which fixes each aspect's final score and the team's index.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Program, UploadedFile
from evaluation.models.register import MasterPlan, PlanProgram
from evaluation.models.scheme import Aspect, Question, Scheme
from participants.models import Team


class EvaluationRound(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        OPEN = "open", _("Open")
        FINALISED = "finalised", _("Finalised")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="evaluation_rounds",
                                verbose_name=_("program"))
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="rounds",
                               verbose_name=_("scoring scheme"))
    title = models.CharField(_("title"), max_length=200)
    # The period whose achievements are evaluated, and the days the self-assessment is open.
    period_start = models.DateField(_("period evaluated from"))
    period_end = models.DateField(_("period evaluated to"))
    opens_on = models.DateField(_("self-assessment opens"))
    closes_on = models.DateField(_("self-assessment closes"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["program", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="round_period_ordered"),
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="round_open_days_ordered"),
        ]

    def __str__(self):
        return self.title


class RoundTeam(models.Model):
    """A team evaluated in a round, with its self-assessment's state and, once finalised, its index."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", _("Being filled")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Sent back")
        FINALISED = "finalised", _("Finalised")

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="round_teams",
                              verbose_name=_("round"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="round_entries", verbose_name=_("team"))
    # The approved register version measured against (fixed when the round opens for the team).
    plan = models.ForeignKey(MasterPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("register measured against"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    returned_reason = models.TextField(_("reason for sending back"), blank=True)
    # Set when the round is finalised (evaluation.services): 0-100, and the previous round's for comparison.
    index = models.DecimalField(_("achievement index"), max_digits=5, decimal_places=2, null=True, blank=True)
    previous_index = models.DecimalField(_("previous index"), max_digits=5, decimal_places=2, null=True,
                                         blank=True)
    programs_done_share = models.DecimalField(_("register programs done (%)"), max_digits=5, decimal_places=2,
                                              null=True, blank=True)
    quick_wins_done_share = models.DecimalField(_("quick wins delivered (%)"), max_digits=5, decimal_places=2,
                                                null=True, blank=True)
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Assessment", related_name="+",
                                       verbose_name=_("assessors"))

    class Meta:
        verbose_name = _("team in a round")
        verbose_name_plural = _("teams in a round")
        ordering = ["round", "team__region__province", "team__region__name"]
        constraints = [models.UniqueConstraint(fields=["round", "team"], name="round_team_unique")]

    def __str__(self):
        return f"{self.team} — {self.round}"

    @property
    def program(self):
        return self.round.program

    @property
    def is_editable_by_team(self):
        return self.status in {self.Status.NOT_STARTED, self.Status.DRAFT, self.Status.RETURNED}


class Answer(models.Model):
    """The team's answer to one question of its self-assessment, with its own score on the aspect's scale."""

    round_team = models.ForeignKey(RoundTeam, on_delete=models.CASCADE, related_name="answers",
                                   verbose_name=_("team in a round"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("question"))
    self_score = models.PositiveSmallIntegerField(_("own score"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)
    updated_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["round_team", "question__aspect__order", "question__order"]
        constraints = [models.UniqueConstraint(fields=["round_team", "question"], name="answer_once_per_question")]

    def __str__(self):
        return f"{self.round_team}: {self.question}"

    @property
    def program(self):
        return self.round_team.round.program

    @property
    def team(self):
        return self.round_team.team


class Evidence(UploadedFile):
    """A file backing an answer: checked by content and stored under a server-chosen name, like a draft."""

    upload_folder = "evidence"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("answer"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["answer", "uploaded_at"]

    def __str__(self):
        return self.original_name

    @property
    def program(self):
        return self.answer.round_team.round.program

    @property
    def team(self):
        return self.answer.round_team.team


class ProgramProgress(models.Model):
    """How far one program of the register has come, as the team reports it."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    round_team = models.ForeignKey(RoundTeam, on_delete=models.CASCADE, related_name="progress",
                                   verbose_name=_("team in a round"))
    plan_program = models.ForeignKey(PlanProgram, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("register program"))
    status = models.CharField(_("progress"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    current_value = models.DecimalField(_("indicator now"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("program progress")
        verbose_name_plural = _("program progress")
        ordering = ["round_team", "plan_program__dimension__order", "plan_program__order"]
        constraints = [models.UniqueConstraint(fields=["round_team", "plan_program"],
                                               name="progress_once_per_program")]

    def __str__(self):
        return f"{self.plan_program}: {self.get_status_display()}"

    @property
    def program(self):
        return self.round_team.round.program

    @property
    def team(self):
        return self.round_team.team


class Assessment(models.Model):
    """One assessor's work on one team: their scores, an optional verification interview, and when they submitted."""

    round_team = models.ForeignKey(RoundTeam, on_delete=models.CASCADE, related_name="assessments",
                                   verbose_name=_("team in a round"))
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments",
                                 verbose_name=_("assessor"))
    # A verification interview is a session of the program (sessions.TrainingSession), with its attendance.
    interview = models.ForeignKey("training.TrainingSession", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("verification interview"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["round_team", "assessor__full_name"]
        constraints = [models.UniqueConstraint(fields=["round_team", "assessor"], name="assessor_once_per_team")]

    def __str__(self):
        return f"{self.assessor} → {self.round_team}"

    @property
    def program(self):
        return self.round_team.round.program

    @property
    def team(self):
        return self.round_team.team


class AspectScore(models.Model):
    """An assessor's score of one aspect for one team, with a note."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name=_("assessment"))
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="+", verbose_name=_("aspect"))
    score = models.PositiveSmallIntegerField(_("score"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("aspect score")
        verbose_name_plural = _("aspect scores")
        ordering = ["assessment", "aspect__order"]
        constraints = [models.UniqueConstraint(fields=["assessment", "aspect"], name="score_once_per_aspect")]

    def __str__(self):
        return f"{self.aspect}: {self.score}"


class FinalScore(models.Model):
    """The agreed score of an aspect for a team, fixed when the round is finalised, and its part of the index."""

    round_team = models.ForeignKey(RoundTeam, on_delete=models.CASCADE, related_name="final_scores",
                                   verbose_name=_("team in a round"))
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="+", verbose_name=_("aspect"))
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    contribution = models.DecimalField(_("points in the index"), max_digits=5, decimal_places=2)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("final score")
        verbose_name_plural = _("final scores")
        ordering = ["round_team", "aspect__order"]
        constraints = [models.UniqueConstraint(fields=["round_team", "aspect"], name="final_score_once_per_aspect")]

    def __str__(self):
        return f"{self.aspect}: {self.score}"
