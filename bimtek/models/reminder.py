"""A reminder sent, claimed before sending: one row per (kind, object, person, interval), so it goes once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    interval = models.CharField(_("interval"), max_length=10)  # "3d", "24h"
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "person", "interval"],
                                               name="reminder_once")]

    def __str__(self):
        return f"{self.kind} {self.object_id} → {self.person_id} ({self.interval})"
