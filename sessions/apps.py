from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    # "sessions" is taken by django.contrib.sessions; the label keeps the tables apart.
    name = "sessions"
    label = "training"
    verbose_name = _("Sessions and attendance")

    def ready(self):
        from sessions import jobs, reminders  # noqa: F401, PLC0415 — registers the job kinds and periodic pass
