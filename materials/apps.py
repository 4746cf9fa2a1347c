from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials, assignments and drafts")

    def ready(self):
        from materials import jobs, reminders  # noqa: F401, PLC0415 — registers the job kind and periodic pass
