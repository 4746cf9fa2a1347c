import datetime

from django import template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from bimtek.forms import escaped
from bimtek.templatetags.bimtek import when

register = template.Library()


@register.filter
def duration(value):
    """A waiting time as people say it: '3 days 4 hours', '5 hours 10 minutes', '12 minutes'.

    The one form of a waiting time on every page: a timedelta, or a moment in the past (the time since then).
    """
    if isinstance(value, datetime.datetime):
        value = timezone.now() - value
    if not isinstance(value, datetime.timedelta):
        return "–"
    minutes = max(int(value.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours and len(parts) < 2:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if not days and (minutes or not parts):
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes})
    return " ".join(parts)


@register.simple_tag
def submission_status(status, label):
    """A submission's status as a coloured badge (includes/submission_status.html)."""
    tone = {"approved": "ok", "revision_requested": "warn", "not_submitted": "neutral"}.get(status, "info")
    return mark_safe(f'<span class="badge {tone}">{escaped(label)}</span>')  # the label escaped


@register.simple_tag
def due(due_at, extended, overdue):
    """When work is due, and badges if an extension moved it or it is overdue (materials/_due.html)."""
    text = escaped(when(due_at))
    if extended:
        text += f' <span class="badge info">{escaped(gettext("extended"))}</span>'
    if overdue:
        text += f' <span class="badge bad">{escaped(gettext("overdue"))}</span>'
    return mark_safe(text)  # the time and labels escaped


@register.simple_tag
def team_assignment_rows(rows, program):
    """A team's rows of assignments (materials/_team_assignments.html) in one pass: two included templates
    and a link per row cost a participant's home and assignment list some milliseconds."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("stage", "Stage"), ("assignment", "Assignment"), ("due", "Due"), ("status", "Status"),
        ("versions", "Versions"))}
    late = escaped(gettext("late"))
    written = []
    for row in rows:
        assignment = row.assignment
        dimension = (f'<br><span class="small muted">{escaped(assignment.dimension)}</span>'
                     if assignment.dimension else "")
        late_badge = (f' <span class="badge warn">{late}</span>'
                      if getattr(row.submission, "latest_is_late", False) else "")
        link = reverse("submission_detail", args=[program.pk, assignment.pk, row.team.pk])
        written.append(
            f'\n    <tr>\n      <td data-label="{labels["stage"]}">{escaped(assignment.stage.roman)}</td>\n'
            f'      <td data-label="{labels["assignment"]}"><div><a href="{link}">{escaped(assignment.title)}</a>'
            f'{dimension}</div></td>\n'
            f'      <td data-label="{labels["due"]}"><div>{due(row.due_at, row.extended, row.overdue)}\n</div></td>\n'
            f'      <td data-label="{labels["status"]}"><div>{submission_status(row.status, row.status_label)}\n'
            f'{late_badge}</div></td>\n'
            f'      <td data-label="{labels["versions"]}" class="num">{escaped(formats.localize(row.versions))}</td>\n'
            f'    </tr>\n  ')
    return mark_safe("".join(written))  # every title, label and time escaped above
