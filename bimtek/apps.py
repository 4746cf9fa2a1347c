from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BimtekConfig(AppConfig):
    name = "bimtek"
    verbose_name = _("Programs and stages")

    def ready(self):
        from bimtek import checks  # noqa: F401, PLC0415 — registers the deployment checks when the app is ready, as Django does
