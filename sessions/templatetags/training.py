"""Template helpers for sessions: time ranges in the viewer's zone and the participant's home panel."""

import zoneinfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from bimtek.formats import percent_text, time_range_id, zone_label
from bimtek.forms import escaped
from bimtek.templatetags.bimtek import link_by_id, long_date, when

register = template.Library()


@register.simple_tag
def attendance_rate(rate, attended, expected):
    """A rate as a coloured badge and "attended of expected", or a dash when nothing was expected yet. A tag,
    not an included template: the recap shows one on each of its rows."""
    if not expected:
        return mark_safe('<span class="muted">–</span>')
    badge = "ok" if rate >= 0.8 else "warn" if rate >= 0.5 else "bad"
    words = gettext("%(attended)s of %(expected)s") % {"attended": formats.localize(attended),
                                                       "expected": formats.localize(expected)}
    return format_html('<span class="badge {}">{}</span> <span class="small muted">{}</span>', badge,
                       percent_text(rate), words)


STATUS_BADGES = {"hadir": ("ok", gettext_lazy("Present")), "terlambat": ("warn", gettext_lazy("Late")),
                 "izin": ("info", gettext_lazy("Excused")), "tidak_hadir": ("bad", gettext_lazy("Absent"))}


@register.simple_tag
def attendance_status(status):
    """An attendance status as a coloured badge ("Not recorded" for none): a tag, since a roster shows one on
    each row."""
    badge, words = STATUS_BADGES.get(status, ("neutral", gettext_lazy("Not recorded")))
    return format_html('<span class="badge {}">{}</span>', badge, words)


@register.simple_tag
def status_options(choices, selected):
    """The <option>s of an attendance status list, ``selected`` chosen: one tag for each of a roster's rows."""
    return format_html_join("", '<option value="{}"{}>{}</option>',
                            ((value, " selected" if value == selected else "", label) for value, label in choices))


@register.simple_tag
def marking_rows(entries, choices):
    """The rows of the attendance marking form, written in one pass: per row, a template's tags, labels and
    filters cost a plenary's 80 rows some 60 ms. Field names and values are those the view's post reads."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("name", "Name"), ("team", "Team"), ("status", "Status"), ("note", "Note"), ("change", "Last change"),
        ("mentor", "Mentor"))}
    status_of, note_for = gettext("Status of %(name)s"), gettext("Note for %(name)s")
    options = {value: status_options(choices, value) for value, _label in choices}  # one list per status
    # A team's, a marker's and a method's words are written once: a team's rows share them.
    teams, markers, methods = {None: labels["mentor"]}, {None: "–"}, {}
    rows = []
    for entry in entries:
        pk, name = entry.user.pk, escaped(entry.name)
        position = f'<br><span class="small muted">{escaped(entry.position)}</span>' if entry.position else ""
        team_id = entry.team.pk if entry.team else None
        if team_id not in teams:
            teams[team_id] = escaped(entry.team)
        team = teams[team_id]
        mark = entry.attendance
        status = options.get(entry.status) or status_options(choices, entry.status)
        if mark:
            if mark.marked_by_id not in markers:
                markers[mark.marked_by_id] = escaped(mark.marker_name or "–")
            if mark.method not in methods:
                methods[mark.method] = escaped(mark.get_method_display())
            changed = f"{escaped(when(mark.updated_at))}<br>{markers[mark.marked_by_id]} · {methods[mark.method]}"
        else:
            changed = "–"
        rows.append(
            f'<tr>\n      <th scope="row" class="who" data-label="{labels["name"]}">{name}{position}</th>\n'
            f'      <td data-label="{labels["team"]}">{team}</td>\n'
            f'      <td data-label="{labels["status"]}"><label class="visually-hidden" for="status-{pk}">'
            f'{status_of % {"name": name}}</label>\n'
            f'        <select id="status-{pk}" name="status-{pk}">\n'
            f'          {status}\n        </select></td>\n'
            f'      <td data-label="{labels["note"]}"><label class="visually-hidden" for="note-{pk}">'
            f'{note_for % {"name": name}}</label>\n'
            f'        <input type="text" id="note-{pk}" name="note-{pk}" maxlength="300" '
            f'value="{escaped(mark.note if mark and mark.note else "")}"></td>\n'
            f'      <td data-label="{labels["change"]}" class="small">{changed}</td>\n    </tr>')
    return mark_safe("\n".join(rows))  # every name, note and label escaped above


@register.filter
def time_range(session):
    """'Kamis, 27 November 2026, 09.00–12.00 WIB' in the viewer's zone; both dates when it spans days."""
    start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    zone = zone_label(timezone.get_current_timezone())
    if start.date() == end.date():
        return f"{formats.date_format(start, 'l, j F Y')}, {start:%H.%M}–{end:%H.%M} {zone}"
    return (f"{formats.date_format(start, 'l, j F Y')} {start:%H.%M} – "
            f"{formats.date_format(end, 'l, j F Y')} {end:%H.%M} {zone}")


@register.filter
def hours(session):
    """'09.00–12.00 WIB' in the viewer's zone."""
    return time_range_id(session.starts_at, session.ends_at, timezone.get_current_timezone())


@register.filter
def local_hours(session):
    """'09.00–12.00 WITA' in the session's own zone (where it is held)."""
    zone = zoneinfo.ZoneInfo(session.time_zone)
    start, end = timezone.localtime(session.starts_at, zone), timezone.localtime(session.ends_at, zone)
    return f"{start:%H.%M}–{end:%H.%M} {session.zone_label}"


@register.simple_tag
def quorum_table_rows(rows):
    """The session page's quorum rows (sessions.selectors.quorum_rows) in one pass, not tags per row."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("team", "Team"), ("members", "Members"), ("present", "Present"), ("quorum", "Quorum"))}
    badges = {None: f'<span class="badge neutral">{escaped(gettext("not held yet"))}</span>',
              True: f'<span class="badge ok">{escaped(gettext("reached"))}</span>',
              False: f'<span class="badge bad">{escaped(gettext("not reached"))}</span>'}
    number = _numbers()
    return mark_safe("".join(  # every name, label and count escaped
        f'<tr>\n      <td data-label="{labels["team"]}">{escaped(row["team"])}</td>\n'
        f'      <td data-label="{labels["members"]}" class="num">{number(row["members"])}</td>\n'
        f'      <td data-label="{labels["present"]}" class="num">{number(row["present"])}</td>\n'
        f'      <td data-label="{labels["quorum"]}">'
        f'{badges[None if row["reached"] is None else bool(row["reached"])]}</td>\n    </tr>' for row in rows))


@register.simple_tag
def roster_rows(entries):
    """The session page's roster rows (name, team, status badge) in one pass, not tags per row."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("name", "Name"), ("team", "Team"), ("status", "Status"), ("mentor", "Mentor"))}
    badges = {}
    rows = []
    for entry in entries:
        position = f'<br><span class="small muted">{escaped(entry.position)}</span>' if entry.position else ""
        team = escaped(entry.team) if entry.team else labels["mentor"]
        if entry.status not in badges:
            badges[entry.status] = attendance_status(entry.status)
        rows.append(f'<tr>\n      <td data-label="{labels["name"]}">{escaped(entry.name)}{position}</td>\n'
                    f'      <td data-label="{labels["team"]}">{team}</td>\n'
                    f'      <td data-label="{labels["status"]}">{badges[entry.status]}</td>\n    </tr>')
    return mark_safe("".join(rows))  # every name and label escaped above


@register.simple_tag
def schedule_table_rows(sessions, program, user, show_counts, show_mine, now):
    """The schedule's rows of sessions (sessions.selectors.schedule_rows) in one pass, not tags per row."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("when", "When"), ("session", "Session"), ("place", "Place"), ("mentors", "Mentors"), ("teams", "Teams"),
        ("counts", "Present / expected"), ("you", "You"))}
    words = {key: escaped(gettext(msgid)) for key, msgid in (
        ("cancelled", "Cancelled"), ("link", "meeting link"), ("all", "All teams"))}
    local, number = gettext("local: %(local)s"), _numbers()
    zone = timezone.get_current_timezone()
    # Written once a page: a day's long date (a stage's sessions share a few days), a kind's name, and the link to
    # a session (reversed once, each session's id put in place of a placeholder's).
    days, kinds = {}, {}
    session_link = link_by_id("session_detail", program.pk)
    rows = []
    for session in sessions:
        cancelled = session.is_cancelled
        day = timezone.localtime(session.starts_at, zone).date()
        if day not in days:
            days[day] = escaped(long_date(day))
        if session.kind not in kinds:
            kinds[session.kind] = escaped(session.get_kind_display())
        when_cell = f"{days[day]}<br>{escaped(time_range_id(session.starts_at, session.ends_at, zone))}"
        if session.time_zone != user.time_zone:
            when_cell += f'<br><span class="small muted">{local % {"local": escaped(local_hours(session))}}</span>'
        link = (f'<a href="{escaped(session.meeting_url)}" rel="noopener">{words["link"]}</a>'
                if session.meeting_url else "")
        place = escaped(session.venue) + ("<br>" if session.venue and link else "") + link \
            + ("" if session.venue or session.meeting_url else "–")
        counts = (f'<td data-label="{labels["counts"]}" class="num">'
                  f'{number(session.present_count) if session.starts_at <= now else "–"} / '
                  f'{number(session.roster_size)}</td>') if show_counts else ""
        mine = (f'<td data-label="{labels["you"]}">'
                f'{attendance_status(session.my_attendance.status) if session.my_attendance else "–"}</td>'
                ) if show_mine else ""
        row_class = ' class="cancelled"' if cancelled else ""
        badge = f' <span class="badge bad">{words["cancelled"]}</span>' if cancelled else ""
        rows.append(
            f'\n    <tr{row_class}>\n'
            f'      <td data-label="{labels["when"]}">{when_cell}</td>\n'
            f'      <td data-label="{labels["session"]}"><a href="'
            f'{session_link(session.pk)}">{escaped(session.title)}</a><br>'
            f'<span class="small muted">{kinds[session.kind]}</span>'
            f'{badge}</td>\n'
            f'      <td data-label="{labels["place"]}">{place}</td>\n'
            f'      <td data-label="{labels["mentors"]}">{escaped(session.mentor_summary or "–")}</td>\n'
            f'      <td data-label="{labels["teams"]}">'
            f'{words["all"] if session.all_teams else escaped(session.team_summary)}</td>\n'
            f'      {counts}\n      {mine}\n    </tr>\n    ')
    return mark_safe("".join(rows))  # every title, name, place and label escaped above


def _numbers():
    """A page's localized, escaped numbers, each written once (localize looks up the language's formats)."""
    written = {}

    def number(n):
        if n not in written:
            written[n] = escaped(formats.localize(n))
        return written[n]
    return number


def _rates():
    """A page's attendance rates (``attendance_rate``), each pair of counts written once: a page's rows repeat a
    few pairs ("5 of 6")."""
    written = {}

    def rate(row):
        key = (row.attended, row.expected)
        if key not in written:
            written[key] = attendance_rate(row.rate, row.attended, row.expected)
        return written[key]
    return rate


@register.simple_tag
def recap_team_rows(teams, stage):
    """The recap's rows of teams in one pass (links to each team's people, in ``stage`` if one is chosen)."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("team", "Team"), ("members", "Members"), ("rate", "Attendance rate"), ("quorum", "Quorum"))}
    of = gettext("%(reached)s of %(total)s")
    in_stage = f"stage={escaped(stage.ordinal)}&amp;" if stage else ""
    number, rate = _numbers(), _rates()
    rows = []
    for row in teams:
        quorum = of % {"reached": number(row.quorum_reached), "total": number(row.sessions)} if row.sessions else "–"
        rows.append(
            f'<tr>\n    <td data-label="{labels["team"]}"><a href="?{in_stage}team={escaped(row.team.pk)}#people">'
            f'{escaped(row.team)}</a></td>\n'
            f'    <td data-label="{labels["members"]}" class="num">{number(row.members)}</td>\n'
            f'    <td data-label="{labels["rate"]}">{rate(row)}</td>\n'
            f'    <td data-label="{labels["quorum"]}">{quorum}</td>\n  </tr>')
    return mark_safe("".join(rows))  # every name, label and count escaped above


@register.simple_tag
def recap_people_rows(people, stage_rows, stage):
    """The recap's rows of participants in one pass: with a cell per stage, per-row template tags and filters
    cost a page of 25 people some 30 ms. ``stage_rows``: the per-stage table's rows (a column each when no
    ``stage`` is chosen)."""
    labels = {key: escaped(gettext(msgid)) for key, msgid in (
        ("name", "Name"), ("team", "Team"), ("rate", "Attendance rate"))}
    columns = [] if stage else [(row.stage.pk, escaped(row.column_label)) for row in stage_rows]
    number, rate, teams = _numbers(), _rates(), {}
    rows = []
    for person in people:
        position = f'<br><span class="small muted">{escaped(person.position)}</span>' if person.position else ""
        team_key = person.team.pk if person.team is not None else None
        if team_key not in teams:
            teams[team_key] = escaped(person.team if person.team is not None else "")
        cells = []
        for stage_id, label in columns:
            attended, expected = person.stage_counts(stage_id)
            counts = f"{number(attended)}/{number(expected)}" if expected else "–"
            cells.append(f'<td class="num stage-count" data-label="{label}">{counts}</td>')
        rows.append(
            f'<tr>\n    <td data-label="{labels["name"]}">{escaped(person.name)}{position}</td>\n'
            f'    <td data-label="{labels["team"]}">{teams[team_key]}</td>\n    {"".join(cells)}\n'
            f'    <td data-label="{labels["rate"]}">{rate(person)}</td>\n  </tr>')
    return mark_safe("".join(rows))  # every name, label and count escaped above


@register.simple_tag
def recap_mentor_rows(mentors):
    """The recap's rows of mentors (name and rate) in one pass."""
    name, rate_label = escaped(gettext("Name")), escaped(gettext("Attendance rate"))
    rate = _rates()
    return mark_safe("".join(  # every name and label escaped
        f'<tr>\n    <td data-label="{name}">{escaped(person.name)}</td>\n'
        f'    <td data-label="{rate_label}">{rate(person)}</td>\n  </tr>' for person in mentors))


@register.inclusion_tag("sessions/home_participant.html", takes_context=True)
def participant_attendance(context, program, own):
    """The participant's own attendance rate, sessions open for check-in now, and next sessions, from
    ``sessions.selectors.own_attendances`` (read for all the person's programs at once)."""
    now = timezone.now()
    upcoming = [s for s in own.sessions if s.ends_at >= now][:5]
    return {"program": program, "attended": own.attended, "expected": own.expected,
            "rate": own.rate, "open_now": own.open_now, "upcoming": upcoming,
            "request": context["request"]}
