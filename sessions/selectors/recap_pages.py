"""The attendance recap page: totals aggregated by the database, and one page of teams, people and mentors.

``attendance_recap`` builds every person of the program (the Excel export needs
them all); the page reads only the rows it shows, so its work does not grow
with the program. The same rule as there: only counted sessions (started, not
cancelled); hadir and terlambat count as attended; a participant is expected
at the all-team sessions and at those that chose their team, a mentor at the
sessions they mentor.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q

from bimtek.program_cache import ATTENDANCE, cached_program_figures, ids_key
from participants.models import Participant, Team
from participants.selectors import PEOPLE_ORDER, PeopleByTeam, program_mentors, staff_label, with_listed_names
from sessions.models import Attendance, TrainingSession
from sessions.selectors.rates import PRESENT_STATUSES, started_sessions
from sessions.selectors.recap import PersonRecap, StageRecap, TeamRecap, count_by_stage, fill_cells
from sessions.selectors.roster import people_names, search_mentors
from sessions.selectors.schedule import attendance_policy

PEOPLE_PER_PAGE = 25  # some 7,000 px on a phone; 100 made a 37,000 px page
TEAMS_PER_PAGE = 50


@dataclass
class RecapPage:
    stages: list  # StageRecap of the whole scope, by the database
    quorum: int
    teams: object  # a Page of TeamRecap
    people: object  # a Page of PersonRecap (participants)
    mentors: object  # a Page of PersonRecap (mentors), or None
    team_choices: list  # every team of the scope while they are few, else [] (found by search)


def _scope_members(program, team_ids):
    members = Participant.objects.filter(team__program=program)
    return members if team_ids is None else members.filter(team_id__in=team_ids)


def _stage_rows(program, stage, sessions, team_ids) -> list:
    """Per stage: its counted sessions, and the participants' attended and expected pairs, counted in SQL."""
    rows = {s.pk: StageRecap(stage=s) for s in ([stage] if stage is not None else program.stages.all())}
    if not sessions:
        return list(rows.values())
    members = _scope_members(program, team_ids)
    everyone = members.count()
    chosen_ids = [s.pk for s in sessions if not s.all_teams]
    chosen = dict(TrainingSession.expected_teams.through.objects.filter(
        trainingsession_id__in=chosen_ids, team_id__in=members.values("team_id")).values_list(
        "trainingsession_id").annotate(n=Count("team__participants"))) if chosen_ids else {}
    # The marks of the counted sessions, once each: at an all-team session those of the scope's people (a list
    # the database builds once), at the others those of the members of a team the session chose.
    present = Attendance.objects.filter(status__in=PRESENT_STATUSES).order_by()
    all_ids = [s.pk for s in sessions if s.all_teams]
    attended = dict(present.filter(session_id__in=all_ids, person_id__in=members.values("user_id"))
                    .values_list("session_id").annotate(n=Count("pk")))
    chosen_member = TrainingSession.expected_teams.through.objects.filter(
        trainingsession_id=OuterRef("session_id"), team__participants__user_id=OuterRef("person_id"))
    if team_ids is not None:
        chosen_member = chosen_member.filter(team_id__in=list(team_ids))
    attended.update(present.filter(session_id__in=chosen_ids).filter(Exists(chosen_member))
                    .values_list("session_id").annotate(n=Count("pk")))
    for session in sessions:
        row = rows[session.stage_id]
        row.sessions += 1
        row.expected += everyone if session.all_teams else chosen.get(session.pk, 0)
        row.attended += attended.get(session.pk, 0)
    return list(rows.values())


def _cached_stage_rows(program, stage, sessions, team_ids) -> list:
    """``_stage_rows``, kept until the program's data changes (bimtek.program_cache): the totals go through every
    mark of the program. The key names the counted sessions, so a session starting counts afresh too."""
    digest = ids_key(team_ids, [session.pk for session in sessions])
    name = f"recap-stages:{stage.pk if stage is not None else 'all'}:{digest}"
    return cached_program_figures(program, name, lambda: _stage_rows(program, stage, sessions, team_ids),
                                  depends_on=(ATTENDANCE,))


def _team_counts(program, team_ids: list, session_ids: list) -> tuple[dict, dict]:
    """Team id -> members, and (team id, session id) -> members present, for these teams (a page of them) at these
    sessions; counted by the database, kept until the program's data changes."""
    def count():
        if not team_ids:
            return {}, {}
        sizes = dict(Participant.objects.filter(team_id__in=team_ids).order_by()
                     .values_list("team_id").annotate(n=Count("pk")))
        if not session_ids:
            return sizes, {}
        # From the page's members to their marks by the index on the person: ``+ 0`` keeps SQLite from starting
        # at the sessions instead, which would visit every mark of the program (PostgreSQL plans it well anyway).
        present = {(team_id, session_id): n for team_id, session_id, n in (Participant.objects.filter(
            team_id__in=team_ids, user__attendances__status__in=PRESENT_STATUSES)
            .alias(any_session=F("user__attendances__session_id") + 0).filter(any_session__in=session_ids)
            .order_by().values_list("team_id", "user__attendances__session_id").annotate(n=Count("pk")))}
        return sizes, present
    return cached_program_figures(program, f"recap-team-counts:{ids_key(team_ids, session_ids)}", count,
                                  depends_on=(ATTENDANCE,))


def recap_page(program, *, stage=None, team_ids=None, include_mentors=True, wanted_team=None, search="",
               people_page=None, teams_page=None, mentors_page=None, team_list_max=50) -> RecapPage:
    """The recap page's data for every team, or only ``team_ids`` (a mentor's); people of ``wanted_team`` (an
    id) or matching ``search`` (name or region). A fixed number of queries, each reading the shown rows only
    (or a total the database aggregates); the pages shown without a search are kept until the program's
    attendance or data change (the key names the counted sessions, so a session starting reads afresh)."""
    # the sessions only (their keys); the teams' are read per page
    started = started_sessions(program, stage, team_ids=[], keys_only=True)
    sessions = started.sessions
    policy = attendance_policy(program)
    pages = (people_page, teams_page, mentors_page)

    def read():
        return _recap_rows(program, started, policy, team_ids=team_ids, include_mentors=include_mentors,
                           wanted_team=wanted_team, search=search, pages=pages, team_list_max=team_list_max)
    if search or not all(page is None or (page.isdigit() and len(page) < 7) for page in pages):
        rows = read()
    else:
        key = (f"recap-page:{stage.pk if stage is not None else 'all'}:{include_mentors}:{wanted_team}:"
               f"{team_list_max}:{ids_key(team_ids, [s.pk for s in sessions])}:{':'.join(p or '' for p in pages)}")
        rows = cached_program_figures(program, key, read, depends_on=(ATTENDANCE,))
        if rows["mentors"] is not None:
            names = people_names(program, (person.user_id for person in rows["mentors"][0]))
            for person in rows["mentors"][0]:
                person.name = names.get(person.user_id, person.name)
    mentors = rows["mentors"]
    return RecapPage(stages=_cached_stage_rows(program, stage, sessions, team_ids), quorum=policy.team_quorum,
                     teams=_page(*rows["teams"], TEAMS_PER_PAGE), people=_page(*rows["people"], PEOPLE_PER_PAGE),
                     mentors=_page(*mentors, PEOPLE_PER_PAGE) if mentors is not None else None,
                     team_choices=rows["team_choices"])


class _Counted:
    """What a Paginator needs of a list it does not read: its length."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count


def _page(rows, number, count, per_page):
    """A Page of ``rows``, number ``number`` of ``count`` rows in all."""
    return Page(rows, number, Paginator(_Counted(count), per_page))


def _shown(page) -> tuple:
    """A Page's rows, number and total count, as plain values to keep."""
    return page.object_list, page.number, page.paginator.count


def _recap_rows(program, started, policy, *, team_ids, include_mentors, wanted_team, search, pages,
                team_list_max) -> dict:
    """The rows of ``recap_page``'s pages of teams, people and mentors and its team choices, as values to keep."""
    people_page, teams_page, mentors_page = pages
    sessions = started.sessions
    ids = [s.pk for s in sessions]
    stage_of = {s.pk: s.stage_id for s in sessions}

    teams = Team.objects.filter(program=program).select_related("region")
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    team_count = teams.count()
    team_choices = list(teams.order_by("region__province", "region__name")) if team_count <= team_list_max else []
    if search:
        teams = teams.filter(region__name__icontains=search)
    paginator = Paginator(teams.order_by("region__province", "region__name", "pk"), TEAMS_PER_PAGE)
    if not search:
        paginator.count = team_count  # counted above
    team_rows = paginator.get_page(teams_page)
    page_teams = list(team_rows)
    sizes, present = _team_counts(program, [team.pk for team in page_teams], ids)

    members = _scope_members(program, team_ids).select_related("team__region")
    if wanted_team is not None:
        members = members.filter(team_id=wanted_team)
    if search:
        members = members.filter(Q(full_name__icontains=search) | Q(team__region__name__icontains=search))
    members = members.order_by(*PEOPLE_ORDER)
    people = Paginator(members if search or wanted_team is not None else PeopleByTeam(program, members, team_ids),
                       PEOPLE_PER_PAGE).get_page(people_page)

    mentors = None
    if include_mentors:
        session_mentors = TrainingSession.mentors.through.objects.filter(trainingsession_id__in=ids)
        users = get_user_model().objects.filter(
            Q(pk__in=program_mentors(program).values("pk"))
            | Q(pk__in=session_mentors.values("user_id")))
        users = with_listed_names(users, program)
        if search:
            users = search_mentors(users, search)
        mentors = Paginator(users, PEOPLE_PER_PAGE).get_page(mentors_page)

    # The chosen teams and marks of the rows shown only.
    shown_teams = {team.pk for team in page_teams} | {member.team_id for member in people}
    by_team = defaultdict(set)
    if shown_teams and ids:
        for session_id, team_id in TrainingSession.expected_teams.through.objects.filter(
                trainingsession_id__in=[pk for pk in ids if pk not in started.all_teams],
                team_id__in=shown_teams).values_list("trainingsession_id", "team_id"):
            by_team[team_id].add(session_id)

    def team_sessions(team_id):
        return started.all_teams | by_team.get(team_id, set())

    recaps = []
    for team in page_teams:
        expected_here = team_sessions(team.pk)
        counts = [present.get((team.pk, session_id), 0) for session_id in expected_here]
        members = sizes.get(team.pk, 0)
        recaps.append(TeamRecap(team=team, members=members, attended=sum(counts),
                                expected=members * len(expected_here), sessions=len(expected_here),
                                quorum_reached=sum(policy.quorum_reached(n) for n in counts)))
    team_rows.object_list = recaps

    mentor_list = list(mentors) if mentors is not None else []
    by_mentor = defaultdict(set)
    if mentor_list and ids:
        for session_id, user_id in TrainingSession.mentors.through.objects.filter(
                trainingsession_id__in=ids, user_id__in=[u.pk for u in mentor_list]).values_list(
                "trainingsession_id", "user_id"):
            by_mentor[user_id].add(session_id)
    people_list = list(people)
    marks = defaultdict(dict)
    wanted = [m.user_id for m in people_list] + [u.pk for u in mentor_list]
    if wanted and ids:
        for session_id, person_id, status in Attendance.objects.filter(
                session_id__in=ids, person_id__in=wanted).values_list("session_id", "person_id", "status"):
            marks[person_id][session_id] = status
    rows = []
    for member in people_list:
        person = PersonRecap(user_id=member.user_id, name=member.full_name, position=member.position,
                             agency=member.agency, team=member.team, nip=member.nip)
        fill_cells(person, team_sessions(member.team_id), marks.get(member.user_id, {}))
        count_by_stage(person, stage_of)
        rows.append(person)
    people.object_list = rows
    if mentors is not None:
        mentor_rows = []
        for user in mentor_list:
            person = PersonRecap(user_id=user.pk, name=staff_label(user), position="", agency="", team=None)
            fill_cells(person, by_mentor.get(user.pk, set()), marks.get(user.pk, {}))
            count_by_stage(person, stage_of)
            mentor_rows.append(person)
        mentors.object_list = mentor_rows

    return {"teams": _shown(team_rows), "people": _shown(people),
            "mentors": _shown(mentors) if mentors is not None else None, "team_choices": team_choices}
