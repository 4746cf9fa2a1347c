"""Template helpers for the teams list."""

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bimtek.forms import escaped
from participants.selectors import staff_label

register = template.Library()


@register.simple_tag
def team_list_rows(teams, program):
    """The teams list's rows (participants.selectors.team_list_details: with ``member_count`` and mentors) in one
    pass: per-row tags, filters and a loop of mentors cost a page of 50 teams most of its time."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("region", "Region"), ("province", "Province"), ("zone", "Time zone"), ("members", "Members"),
        ("mentors", "Mentors"))}
    rows = []
    for team in teams:
        members = escaped(formats.localize(team.member_count))
        mentors = ", ".join(escaped(staff_label(mentor)) for mentor in team.mentors.all()) or "–"
        rows.append(
            f'\n  <tr><td data-label="{labels["region"]}"><a href="'
            f'{escaped(reverse("team_detail", args=[program.pk, team.pk]))}">{escaped(team)}</a></td>\n'
            f'    <td data-label="{labels["province"]}">{escaped(team.region.province)}</td>\n'
            f'    <td data-label="{labels["zone"]}">{escaped(team.region.zone_label)}</td>\n'
            f'    <td data-label="{labels["members"]}" class="num">{members}</td>\n'
            f'    <td data-label="{labels["mentors"]}">{mentors}</td></tr>\n  ')
    return mark_safe("".join(rows))  # every name and label escaped above
