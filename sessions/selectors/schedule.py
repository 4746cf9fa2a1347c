"""Reads for scheduling: settings, rosters, overlaps and the schedule each role sees."""

import datetime
import zoneinfo

import rules
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from bimtek.program_cache import ATTENDANCE, cached_program_figures, cached_programs_figures, ids_key
from bimtek.templatetags.bimtek import when
from participants import roles
from participants.models import Participant, ProgramRole, Region, Team
from participants.roles import user_programs
from participants.selectors import Staff, listed_name, listed_users, shown_name_order, staff_label
from sessions.models import Attendance, AttendancePolicy, MeetingReportRow, SignedSheet, TrainingSession
from sessions.selectors.rates import PRESENT_STATUSES
from sessions.selectors.roster import RosterEntry, people_names


def program_settings(program, model, cache_name: str):
    """A program's one-row settings of ``model``, or its defaults (unsaved); read once per program object."""
    cached = getattr(program, cache_name, None)
    if cached is None:
        cached = model.objects.filter(program=program).first() or model(program=program)
        setattr(program, cache_name, cached)
    return cached


def attendance_policy(program):
    """The program's attendance settings, or the defaults (unsaved) when an organizer never changed them."""
    return attendance_policies([program])[program.pk]


def attendance_policies(programs) -> dict:
    """Program id -> attendance_policy(program) for several programs: kept on each program object, and in the
    cache until the program's settings change (bimtek.program_cache), so most pages read none."""
    missing = [p for p in programs if getattr(p, "_attendance_policy", None) is None]
    if missing:
        def read(unkept):
            saved = {policy.program_id: policy for policy in AttendancePolicy.objects.filter(program__in=unkept)}
            return {program.pk: saved.get(program.pk) or AttendancePolicy(program_id=program.pk)
                    for program in unkept}

        kept = cached_programs_figures(missing, "attendance-policy", read, depends_on=())
        for program in missing:
            policy = kept[program.pk]
            policy.program = program  # the page's own program object, not the one kept with the policy
            program._attendance_policy = policy
    return {program.pk: program._attendance_policy for program in programs}


def roster_user_ids(session) -> set[int]:
    """Ids of everyone expected at the session: members of its expected teams, and its mentors. Two queries."""
    ids = set(session.expected_participants().values_list("user_id", flat=True))
    ids.update(session.mentors.values_list("pk", flat=True))
    return ids


def on_roster_among(session, user_ids) -> set[int]:
    """Which of ``user_ids`` are expected at the session; two queries that read only those people."""
    ids = list(user_ids)
    found = set(session.expected_participants().filter(user_id__in=ids).values_list("user_id", flat=True))
    return found | set(session.mentors.filter(pk__in=ids).values_list("pk", flat=True))


def is_on_roster(session, user_id) -> bool:
    """Whether one person is expected at the session; two small EXISTS queries, whatever the roster's size.

    Check-in asks this for each of up to a thousand people within a minute,
    so it never loads the whole roster.
    """
    member = session.expected_participants().filter(user_id=user_id)
    mentor = TrainingSession.mentors.through.objects.filter(trainingsession_id=session.pk, user_id=user_id)
    return get_user_model().objects.filter(pk=user_id).filter(Exists(member) | Exists(mentor)).exists()


def viewer_on_roster(session, user, mentors) -> bool:
    """``is_on_roster`` for a person who reads the session's page, given its ``mentors``: no query unless they are
    a participant of the program (their roles are read once a request, participants.roles)."""
    if any(mentor.pk == user.pk for mentor in mentors):
        return True
    if roles.PARTICIPANT not in roles.program_roles(user, session.program_id):
        return False
    return is_on_roster(session, user.pk)


def expects(user_id):
    """A condition on sessions: ``user_id`` is on the roster (a member of an expected team, or a mentor). Three
    indexed EXISTS per session, never a scan of the roster."""
    member = Participant.objects.filter(user_id=user_id, team__program_id=OuterRef("stage__program_id"))
    chosen = TrainingSession.expected_teams.through.objects.filter(
        trainingsession_id=OuterRef("pk"), team__participants__user_id=user_id)
    mentor = TrainingSession.mentors.through.objects.filter(trainingsession_id=OuterRef("pk"), user_id=user_id)
    return (Q(all_teams=True) & Exists(member)) | Q(all_teams=False) & Exists(chosen) | Exists(mentor)


def _when(value):
    return when(value)


def schedule_conflicts(*, session, mentors, all_teams, teams) -> list[dict]:
    """Who would be in two sessions at once if ``session`` were saved with these mentors and teams.

    Mentors are checked across every program (they travel from region to
    region); teams within the session's program. Cancelled sessions never
    conflict. Each conflict is a dict with ``message`` and ``session``.
    """
    overlapping = (TrainingSession.objects.filter(cancelled_at__isnull=True, starts_at__lt=session.ends_at,
                                                  ends_at__gt=session.starts_at)
                   .exclude(pk=session.pk).select_related("stage").order_by("starts_at"))
    conflicts = []
    mentor_ids = [m.pk for m in mentors]
    if mentor_ids:
        links = list(TrainingSession.mentors.through.objects.filter(
            user_id__in=mentor_ids, trainingsession__in=overlapping).select_related("trainingsession")
            .order_by("trainingsession__starts_at"))
        names = people_names(session.stage.program_id, (link.user_id for link in links))
        for link in links:
            other = link.trainingsession
            conflicts.append({"session": other, "message": _(
                "%(person)s is also mentor of “%(title)s” at that time (%(when)s).") % {
                    "person": names[link.user_id], "title": other.title, "when": _when(other.starts_at)}})
    in_program = list(overlapping.filter(stage__program_id=session.stage.program_id)
                      .prefetch_related("expected_teams__region"))
    team_ids = {team.pk for team in teams}
    for other in in_program:
        if all_teams and other.all_teams:
            who = [_("All teams")]
        elif all_teams:
            who = [str(team) for team in other.expected_teams.all()]
        elif other.all_teams:
            who = [str(team) for team in teams]
        else:
            who = [str(team) for team in other.expected_teams.all() if team.pk in team_ids]
        if who:
            conflicts.append({"session": other, "message": _(
                "%(teams)s: also expected at “%(title)s” at that time (%(when)s).") % {
                    "teams": ", ".join(sorted(who)), "title": other.title, "when": _when(other.starts_at)}})
    return conflicts


def schedule_scope(program, user, *, everything=False):
    """Which of the program's sessions this person's schedule shows, as the rules say (sessions.rules): None for
    every session, else (team ids, mentor's user id or None): those that expect the teams, or that person mentors.

    Organizers and evaluators see every session; mentors the sessions they
    mentor or that expect a team they guide (or every session with
    ``everything``); participants the all-team sessions and their team's.
    The rule set is asked, not ``user.has_perm``: a superuser's schedule shows what their roles show.
    """
    if rules.has_perm("training.view_every_session", user, program) or (
            everything and rules.has_perm("training.view_whole_schedule", user, program)):
        return None
    teams = roles.visible_team_ids(user, program.pk)
    if teams is None:  # every team
        return None
    return teams, user.pk if rules.has_perm("training.mentor_sessions", user, program) else None


def visible_sessions(program, user, *, everything=False):
    """The sessions of a program this person's schedule shows (``schedule_scope``)."""
    sessions = TrainingSession.objects.filter(stage__program=program)
    scope = schedule_scope(program, user, everything=everything)
    if scope is None:
        return sessions
    teams, mentor = scope
    return sessions.expecting(teams, mentor=mentor)


def visible_stage_sessions(program, user, stage, *, everything=False, team_id=None):
    """``visible_sessions`` of one stage (only those expecting the team ``team_id``, if given). Unless they are
    every session of the stage, their ids are kept until the program's data changes (a session scheduled, changed
    or cancelled; who is in which team is read afresh, ``schedule_scope``): the rules' conditions are asked of
    the database once, and each request reads the sessions by id."""
    sessions = TrainingSession.objects.filter(stage=stage)
    scope = schedule_scope(program, user, everything=everything)
    if scope is None and team_id is None:
        return sessions
    teams, mentor = scope or (None, None)

    def read():
        chosen = sessions if scope is None else sessions.expecting(teams, mentor=mentor)
        return list((chosen if team_id is None else chosen.expecting([team_id])).values_list("pk", flat=True))
    ids = cached_program_figures(program, f"stage-sessions:{stage.pk}:{ids_key(teams)}:{mentor}:{team_id}", read,
                                 depends_on=())
    return TrainingSession.objects.filter(pk__in=ids)


def program_sessions(program):
    """The program's sessions, each with its stage and program (a session's page looks one up here)."""
    return TrainingSession.objects.filter(stage__program=program).select_related("stage__program")


def program_teams(program):
    """The program's teams with their region, for a schedule's team filter and its list of teams."""
    return Team.objects.filter(program=program).select_related("region")


def _session_mentor_users(session):
    return listed_users(session.stage.program_id).filter(pk__in=session.mentors.values("pk"))


def session_mentors(session) -> list:
    """The session's mentors, each with the ``listed_name`` its program lists them by."""
    return list(_session_mentor_users(session))


def session_mentor_list(session) -> list[Staff]:
    """``session_mentors`` as plain values (``pk``, ``listed_name``, ``email``; named by ``staff_label``), for a
    page that only names them."""
    return [Staff(*row) for row in _session_mentor_users(session).values_list("pk", "listed_name", "email")]


def mentor_labels(session_ids) -> dict[int, list[str]]:
    """Session id -> its mentors as its program lists them (``staff_label``), in that order, for sessions of any
    programs (a calendar feed's). One query, none for no ids."""
    labels = {}
    if not session_ids:
        return labels
    links = (TrainingSession.mentors.through.objects.filter(trainingsession_id__in=list(session_ids))
             .annotate(listed_name=listed_name(OuterRef("trainingsession__stage__program_id"), "user_id"))
             .order_by("trainingsession_id", *shown_name_order(user_path="user__"))
             .values_list("trainingsession_id", "user_id", "listed_name", "user__email"))
    for session_id, *person in links:
        labels.setdefault(session_id, []).append(staff_label(Staff(*person)))
    return labels


def session_expected_teams(session) -> list:
    """The teams a session chose (none for an all-team session), with their region."""
    return list(session.expected_teams.select_related("region"))


def sessions_between(sessions, since, until):
    """Those of ``sessions`` that overlap the time from ``since`` to ``until``."""
    return sessions.filter(starts_at__lt=until, ends_at__gt=since)


def session_signed_sheets(session):
    """The scans of the session's signed sheets (where a download or a removal looks one up)."""
    return SignedSheet.objects.filter(session=session)


def signed_sheet_list(session) -> list:
    """The session's scans for its page, each uploader with the ``listed_name`` set to how the program names them
    (``people_names``; ``staff_label`` shows it). A session without scans (most) reads no names."""
    sheets = list(session_signed_sheets(session).select_related("uploaded_by"))
    names = people_names(session.program_id, (sheet.uploaded_by_id for sheet in sheets if sheet.uploaded_by_id))
    for sheet in sheets:
        if sheet.uploaded_by is not None:
            sheet.uploaded_by.listed_name = names.get(sheet.uploaded_by_id)
    return sheets


def report_rows(session):
    """The rows of the session's imported meeting reports."""
    return MeetingReportRow.objects.filter(session=session)


def calendar_feed_user(token: str):
    """The active person whose calendar feed address holds ``token``; None for a short or unknown token."""
    if len(token) < 20:
        return None
    return get_user_model().objects.filter(calendar_token=token, is_active=True).first()


def _first_three(through, ids, owner: str, order: list, fields: list, label) -> dict:
    """Per session id, ``label(*fields)`` of the first three objects linked through ``through`` in ``order`` (field
    names or expressions; the database picks them; only those columns are read)."""
    first = {}
    order = [F(o) if isinstance(o, str) else o for o in order]
    links = (through.objects.filter(**{f"{owner}_id__in": ids})
             .annotate(rank=Window(RowNumber(), partition_by=F(f"{owner}_id"), order_by=order))
             .filter(rank__lte=3).order_by(f"{owner}_id", "rank").values_list(f"{owner}_id", *fields))
    for owner_id, *values in links:
        first.setdefault(owner_id, []).append(label(*values))
    return first


def _and_more(names: list, total: int) -> str:
    more = total - len(names)
    return ", ".join(names) + (" " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
                               if more > 0 else "")


def session_counts(program, ids, *, with_everyone: bool) -> dict:
    """For the sessions ``ids``, per session id: chosen teams (``teams``), ``mentors``, members of the chosen
    teams (``expected``) and people counted present (``present``); and ``everyone`` (the program's participants,
    0 unless ``with_everyone``); the first three chosen teams and how many more (``team_summaries``, in the
    active language) and the first three mentors' ids (``first_mentors``; their names are read afresh,
    ``people_names``). Counted by the database, kept until the program's data changes."""
    def count():
        team_link, mentor_link = TrainingSession.expected_teams.through, TrainingSession.mentors.through
        region = ["team__region__kind", "team__region__name"]
        person = [listed_name(program, "user_id"), "user__email"]
        teams = dict(team_link.objects.filter(trainingsession_id__in=ids).values_list("trainingsession_id")
                     .annotate(n=Count("pk")).order_by())
        first_teams = _first_three(team_link, ids, "trainingsession", region, region, Region.label_of)
        return {
            "teams": teams,
            "team_summaries": {pk: _and_more(sorted(first_teams.get(pk, [])), teams.get(pk, 0)) for pk in ids},
            "mentors": dict(mentor_link.objects.filter(trainingsession_id__in=ids).values_list("trainingsession_id")
                            .annotate(n=Count("pk")).order_by()),
            "expected": dict(Participant.objects.filter(team__expected_sessions__in=ids)
                             .values_list("team__expected_sessions").annotate(n=Count("pk")).order_by()),
            "everyone": Participant.objects.filter(team__program=program).count() if with_everyone else 0,
            "present": dict(Attendance.objects.filter(session_id__in=ids, status__in=PRESENT_STATUSES)
                            .values_list("session").annotate(n=Count("pk")).order_by()),
            "first_mentors": _first_three(mentor_link, ids, "trainingsession", person, ["user_id"],
                                          lambda user_id: user_id)}
    return cached_program_figures(program, f"schedule-rows:{get_language()}:{ids_key(ids)}:{with_everyone}",
                                  count, depends_on=(ATTENDANCE,))


def schedule_rows(program, sessions, user) -> list:
    """The sessions with what the schedule shows about each, in a fixed number of queries and rows.

    Adds ``roster_size`` (members of its expected teams plus mentors), ``present_count``, ``my_attendance``
    (the viewer's own record or None), and ``team_summary`` and ``mentor_summary`` (the first three and how
    many more): the database counts, so a session of hundreds of teams or mentors fetches no more.
    """
    sessions = list(sessions.order_by("starts_at", "title"))
    ids = [s.pk for s in sessions]
    counts = session_counts(program, ids, with_everyone=any(s.all_teams for s in sessions))
    mentor_counts, expected, present = counts["mentors"], counts["expected"], counts["present"]
    everyone, mentors = counts["everyone"], counts["first_mentors"]
    mine = {a.session_id: a for a in Attendance.objects.filter(session_id__in=ids, person=user)}
    names = people_names(program, (user_id for chosen in mentors.values() for user_id in chosen))
    for session in sessions:
        session.roster_size = (everyone if session.all_teams else expected.get(session.pk, 0)) \
            + mentor_counts.get(session.pk, 0)
        session.present_count = present.get(session.pk, 0)
        session.my_attendance = mine.get(session.pk)
        session.team_summary = counts["team_summaries"].get(session.pk, "")
        session.mentor_summary = _and_more([names[pk] for pk in mentors.get(session.pk, []) if pk in names],
                                           mentor_counts.get(session.pk, 0))
    return sessions


def roster(session) -> list:
    """Everyone expected at the session, in sheet order (region, then name; mentors last).

    Each entry: ``user``, ``participant`` (None for a mentor), ``team``,
    ``name``, ``position``, ``agency``, ``nip``, ``region`` and ``attendance`` (or None); a mentor's
    position, institution and NIP are those of their mentor role in the program.
    Four queries, five with mentors.
    """
    members = session.expected_participants().select_related("user", "team__region")
    marks = {a.person_id: a for a in Attendance.objects.filter(session=session).select_related("marked_by")}
    entries = []
    seen = set()
    for member in members:
        seen.add(member.user_id)
        entries.append(RosterEntry(user=member.user, participant=member, team=member.team,
                                   name=member.full_name, position=member.position, agency=member.agency,
                                   nip=member.nip, region=str(member.team.region),
                                   attendance=marks.get(member.user_id)))
    entries.sort(key=lambda e: (e.team.region.name.casefold(), e.team.region.kind, e.name.casefold()))
    mentors = [m for m in session_mentors(session) if m.pk not in seen]
    roles = {role.user_id: role for role in ProgramRole.objects.filter(
        program_id=session.stage.program_id, role=ProgramRole.Role.MENTOR, user__in=[m.pk for m in mentors])
    } if mentors else {}
    for mentor in sorted(mentors, key=lambda m: staff_label(m).casefold()):
        role = roles.get(mentor.pk)
        entries.append(RosterEntry(user=mentor, participant=None, team=None, name=staff_label(mentor),
                                   position=role.position if role else "", agency=role.agency if role else "",
                                   nip=role.nip if role else "", region="", attendance=marks.get(mentor.pk)))
    return entries


def team_quorum(session, entries, policy) -> list[dict]:
    """Per expected team: members, members present, and whether the quorum was reached (None before the start)."""
    teams = {}
    for entry in entries:
        if entry.team is None:
            continue
        row = teams.setdefault(entry.team.pk, {"team": entry.team, "members": 0, "present": 0})
        row["members"] += 1
        if entry.attendance and entry.attendance.counts_as_present:
            row["present"] += 1
    rows = sorted(teams.values(), key=lambda r: str(r["team"].region).casefold())
    for row in rows:
        row["reached"] = policy.quorum_reached(row["present"]) if session.has_started else None
    return rows


def status_counts(entries) -> dict:
    counts = {status: 0 for status in Attendance.Status.values}
    counts["unrecorded"] = 0
    for entry in entries:
        counts[entry.status or "unrecorded"] += 1
    return counts


def calendar_sessions(user):
    """Every session for a person's calendar feed, across programs.

    Sessions they are expected at (their team's, all-team sessions of their
    programs, those they mentor) and every session of the programs where the
    rules say so (``training.feed_every_session``: organizers). Cancelled
    sessions are kept (the feed marks them). Four queries however many programs.
    """
    programs = list(user_programs(user))
    roles.prime_roles(user, programs)
    team_ids = set().union(*(roles.member_team_ids(user, program.pk) for program in programs))
    every = [program.pk for program in programs if rules.has_perm("training.feed_every_session", user, program)]
    expected = TrainingSession.objects.expecting(team_ids, mentor=user).values("pk")
    return (TrainingSession.objects.filter(Q(pk__in=expected) | Q(stage__program__in=every))
            .select_related("stage__program").order_by("starts_at"))


def sessions_outside_stage(stage) -> list:
    """The stage's sessions (not cancelled) that its current dates no longer hold, each read in its own zone."""
    outside = []
    for session in TrainingSession.objects.filter(stage=stage, cancelled_at__isnull=True).order_by("starts_at"):
        zone = zoneinfo.ZoneInfo(session.time_zone)
        if (timezone.localtime(session.starts_at, zone).date() < stage.start_date
                or timezone.localtime(session.ends_at, zone).date() > stage.end_date):
            outside.append(session)
    return outside


def sessions_open_for_checkin(user, now) -> list:
    """The sessions of the person's programs whose self check-in is open now (``is_open_for_checkin``), each
    with ``on_roster`` (whether the person is expected at it). Two queries, whatever the programs' size."""
    # A check-in window reaches at most a day either side of the start (the policy's limits).
    nearby = list(TrainingSession.objects.filter(stage__program__in=user_programs(user), cancelled_at__isnull=True,
                                                 starts_at__gte=now - datetime.timedelta(days=1),
                                                 starts_at__lte=now + datetime.timedelta(days=1))
                  .annotate(on_roster=ExpressionWrapper(expects(user.pk), output_field=BooleanField()))
                  .select_related("stage__program").order_by("starts_at"))
    programs = {}
    for session in nearby:
        session.stage.program = programs.setdefault(session.stage.program_id, session.stage.program)
    policies = attendance_policies(list(programs.values()))
    return [session for session in nearby if session.is_open_for_checkin(policies[session.stage.program_id], now)]


def roster_users(session):
    """The people expected at the session, as users (for choosing whom a report row is), each with the
    ``listed_name`` the roster shows (``staff_label``), in that order: a participant's name in the program, a
    mentor's as the program lists them, never the account's own name."""
    program = session.program_id
    as_member = Participant.objects.filter(team__program_id=program, user=OuterRef("pk")).exclude(full_name="")
    return get_user_model().objects.filter(pk__in=roster_user_ids(session)).annotate(
        listed_name=Coalesce(Subquery(as_member.order_by("pk").values("full_name")[:1]), listed_name(program))
    ).order_by(*shown_name_order())


def report_rows_summary(session) -> dict:
    """An imported meeting report's rows: those waiting to be matched by hand, and how many were matched or
    set aside. Three queries."""

    rows = MeetingReportRow.objects.filter(session=session)
    return {"unmatched": list(rows.filter(person__isnull=True, ignored=False).order_by("name", "joined_at")),
            "matched_count": rows.filter(person__isnull=False).count(),
            "ignored_count": rows.filter(ignored=True).count()}


def present_count(session) -> int:
    """How many people are counted present (hadir or terlambat) at the session."""
    return session.attendances.filter(status__in=PRESENT_STATUSES).count()


def own_mark(session, user):
    """The person's own attendance record at the session, or None."""
    return session.attendances.filter(person=user).first()
