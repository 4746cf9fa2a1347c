from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials, assignments and drafts")

    def ready(self):
        from materials import reminders  # noqa: F401, PLC0415 — registers the periodic pass once models are loaded
