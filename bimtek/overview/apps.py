from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """What composes the apps: progress, dashboard, program-wide exports, home pages, program create and clone,
    the demo. It may import every app; no app imports it. It has no models."""

    name = "bimtek.overview"
    label = "overview"

    def ready(self):
        from bimtek.overview import jobs  # noqa: F401, PLC0415 — registers the job kinds once the models are loaded
