"""Template helpers for the teams list."""

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bimtek.formats import TIME_ZONE_LABELS
from bimtek.forms import escaped
from bimtek.templatetags.bimtek import link_by_id
from participants.selectors import staff_label

register = template.Library()


@register.simple_tag
def team_list_rows(teams, program):
    """The teams list's rows (participants.selectors.team_list_details' rows) in one pass: per-row tags, filters and
    a loop of mentors cost a page of 50 teams most of its time. The team's address is reversed once for the page."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("region", "Region"), ("province", "Province"), ("zone", "Time zone"), ("members", "Members"),
        ("mentors", "Mentors"))}
    team_link = link_by_id("team_detail", program.pk)
    counts = {}  # member counts repeat from team to team: each localized once
    rows = []
    for team in teams:
        members = counts.get(team.member_count)
        if members is None:
            members = counts[team.member_count] = escaped(formats.localize(team.member_count))
        mentors = ", ".join(escaped(staff_label(mentor)) for mentor in team.mentors) or "–"
        rows.append(
            f'\n  <tr><td data-label="{labels["region"]}"><a href="{team_link(team.pk)}">{escaped(team.region)}</a>'
            f'</td>\n    <td data-label="{labels["province"]}">{escaped(team.province)}</td>\n'
            f'    <td data-label="{labels["zone"]}">{escaped(TIME_ZONE_LABELS.get(team.time_zone, team.time_zone))}'
            f'</td>\n    <td data-label="{labels["members"]}" class="num">{members}</td>\n'
            f'    <td data-label="{labels["mentors"]}">{mentors}</td></tr>\n  ')
    return mark_safe("".join(rows))  # every name and label escaped above
