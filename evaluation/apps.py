from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from evaluation import jobs  # noqa: F401, PLC0415 — registers the job kinds once the models are loaded
