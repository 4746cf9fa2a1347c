from django import template

from evaluation.selectors.results import STATUS_BADGES

register = template.Library()


@register.filter
def status_badge(status) -> str:
    """The badge colour (a CSS class) of a team's status in a round; its words are always shown beside it."""
    return STATUS_BADGES.get(status, "neutral")
