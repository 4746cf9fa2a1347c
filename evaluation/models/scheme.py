"""The scoring scheme of an evaluation: weighted aspects, their questions and their score scale — data, not code.

A program's organizers keep schemes; ``evaluation.services.scheme`` makes the national guideline's default
(Baseline 10 %, Output 20 %, Outcome 30 %, Impact 30 %, Quick Win 10 %). A scheme used by a round cannot be
changed any more (``Scheme.is_in_use``), only copied.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.models import Program


class Scheme(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="evaluation_schemes",
                                verbose_name=_("program"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Two assessors' scores of one aspect that differ by at least this many levels are flagged for agreement.
    agreement_gap = models.PositiveSmallIntegerField(
        _("difference that needs agreement (levels)"), default=2, validators=[MinValueValidator(1)],
        help_text=_("When two assessors' scores of an aspect differ by this many levels or more, they must agree "
                    "before the round is finalised."))
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("copied from"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scoring scheme")
        verbose_name_plural = _("scoring schemes")
        ordering = ["program", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="scheme_name_unique_per_program")]

    def __str__(self):
        return self.name

    @property
    def is_in_use(self):
        return self.rounds.exists()


class Aspect(models.Model):
    """A weighted part of the index, e.g. Outcome 30 %."""

    class Role(models.TextChoices):
        # How the index treats the aspect beyond its weight: the Baseline takes the previous round's index
        # when the region has one; Outcome and Quick Win are shown beside the register's programs.
        GENERAL = "general", _("Scored by the assessors")
        BASELINE = "baseline", _("Baseline (the previous index when there is one)")
        OUTCOME = "outcome", _("Outcome (the register's programs)")
        QUICK_WIN = "quick_win", _("Quick win (the register's quick wins)")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="aspects", verbose_name=_("scheme"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what it measures"), blank=True)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2,
                                 validators=[MinValueValidator(0), MaxValueValidator(100)])
    role = models.CharField(_("kind"), max_length=10, choices=Role.choices, default=Role.GENERAL)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")
        ordering = ["scheme", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="aspect_name_unique_per_scheme")]

    def __str__(self):
        return self.name

    @property
    def program(self):
        return self.scheme.program


class Question(models.Model):
    """What the team answers in its self-assessment under an aspect, e.g. an indicator to report."""

    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="questions",
                               verbose_name=_("aspect"))
    text = models.TextField(_("question or indicator"))
    guidance = models.TextField(_("guidance"), blank=True)
    evidence_required = models.BooleanField(_("evidence required"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["aspect", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def program(self):
        return self.aspect.scheme.program


class Level(models.Model):
    """One level of an aspect's score scale with what it means, e.g. 3 = "carried out as planned"."""

    aspect = models.ForeignKey(Aspect, on_delete=models.CASCADE, related_name="levels", verbose_name=_("aspect"))
    value = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    descriptor = models.CharField(_("what the score means"), max_length=300)

    class Meta:
        verbose_name = _("score level")
        verbose_name_plural = _("score levels")
        ordering = ["aspect", "value"]
        constraints = [models.UniqueConstraint(fields=["aspect", "value"], name="level_value_unique_per_aspect")]

    def __str__(self):
        return f"{self.value}: {self.descriptor}"

    @property
    def program(self):
        return self.aspect.scheme.program
