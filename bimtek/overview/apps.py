from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """What composes the apps: progress, dashboard, program-wide exports, home pages, program create and clone,
    the demo. It may import every app; no app imports it. It has no models."""

    name = "bimtek.overview"
    label = "overview"
