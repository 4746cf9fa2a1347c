from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Regions, teams and people")

    def ready(self):
        from participants import jobs  # noqa: F401, PLC0415 — registers the job kinds once the models are loaded
