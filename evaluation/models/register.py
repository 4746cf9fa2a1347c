"""The master plan register: what a team's five-year master plan commits to, per dimension.

A team's register is kept as numbered versions (MasterPlan). Only the newest version can be edited, and only
while it is a draft or sent back; once a mentor approves a version it is frozen and becomes the baseline an
evaluation measures against. A later change starts a new draft version (a copy), so the approved one stays.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Dimension
from participants.models import Team

PLAN_YEARS = 5


class MasterPlan(models.Model):
    """One version of a team's master plan register."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="master_plans", verbose_name=_("team"))
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    first_year = models.PositiveSmallIntegerField(
        _("first year of the plan"), validators=[MinValueValidator(2000)],
        help_text=_("The master plan covers five years from this one."))
    # The final draft of stage IV this register belongs to (materials.DraftVersion), when the team attached it.
    draft_version = models.ForeignKey("materials.DraftVersion", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("final draft"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))

    class Meta:
        verbose_name = _("master plan register")
        verbose_name_plural = _("master plan registers")
        ordering = ["team", "-number"]
        constraints = [models.UniqueConstraint(fields=["team", "number"], name="master_plan_version_unique")]

    def __str__(self):
        return _("%(team)s, register version %(number)s") % {"team": self.team, "number": self.number}

    @property
    def program(self):
        return self.team.program

    @property
    def last_year(self):
        return self.first_year + PLAN_YEARS - 1

    @property
    def is_editable(self):
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}


class PlanProgram(models.Model):
    """A program of the master plan in one dimension, with its indicator, budget and risks."""

    plan = models.ForeignKey(MasterPlan, on_delete=models.CASCADE, related_name="programs",
                             verbose_name=_("register"))
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("dimension"))
    title = models.CharField(_("program"), max_length=300)
    description = models.TextField(_("short description"), blank=True)
    responsible_agency = models.CharField(_("responsible OPD"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    indicator = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True,
                                         blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget = models.DecimalField(_("estimated budget (Rp)"), max_digits=16, decimal_places=0, null=True,
                                 blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True,
                                     help_text=_("E.g. APBD, APBN, DAK, CSR, KPBU."))
    risks = models.TextField(_("risks"), blank=True)
    quick_win = models.BooleanField(_("quick win"), default=False,
                                    help_text=_("Delivered in the first year of the plan."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("master plan program")
        verbose_name_plural = _("master plan programs")
        ordering = ["plan", "dimension__order", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="plan_program_years_ordered"),
        ]

    def __str__(self):
        return self.title

    @property
    def program(self):
        return self.plan.team.program

    @property
    def team(self):
        return self.plan.team


class PlanReview(models.Model):
    """A mentor's comment or decision on a register version, like feedback on a draft."""

    class Decision(models.TextChoices):
        COMMENT = "comment", _("Comment")
        CHANGES = "changes", _("Changes requested")
        APPROVED = "approved", _("Approved")

    plan = models.ForeignKey(MasterPlan, on_delete=models.CASCADE, related_name="reviews",
                             verbose_name=_("register"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("mentor"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.COMMENT)
    text = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("register review")
        verbose_name_plural = _("register reviews")
        ordering = ["plan", "-created_at"]

    def __str__(self):
        return f"{self.plan}: {self.get_decision_display()}"

    @property
    def program(self):
        return self.plan.team.program

    @property
    def team(self):
        return self.plan.team
