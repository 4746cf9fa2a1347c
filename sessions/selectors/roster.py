"""A session's roster read in parts: counts aggregated by the database, and one page (or one team) built at a time.

A plenary expects every participant of the program (41,120 people at national
size): its pages never build the whole roster, only counts and the rows shown.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.db.models.functions import Lower
from django.utils.functional import cached_property

from bimtek.program_cache import ATTENDANCE, cached_program_figures, ids_key
from bimtek.querysets import PagedRows
from participants.models import Participant, ProgramRole, Region, Team
from participants.selectors import Staff, listed_name, staff_label, teams_holding, with_listed_names
from sessions.models import Attendance
from sessions.selectors.rates import PRESENT_STATUSES

PAGE_SIZE = 50


def people_names(program, user_ids) -> dict:
    """User id -> how ``program`` names the staff member (``staff_label``), read now: a page keeps who its mentors
    are, never their names (one query of plain values, none for no ids)."""
    ids = set(user_ids)
    if not ids:
        return {}
    people = (get_user_model().objects.filter(pk__in=ids).annotate(listed_name=listed_name(program))
              .order_by().values_list("pk", "listed_name", "email"))  # as listed_users names them
    return {person.pk: staff_label(person) for person in map(Staff._make, people)}


def expected_members(session, team_ids=None):
    """The participants expected at the session (only of ``team_ids``, if given)."""
    members = session.expected_participants()
    return members if team_ids is None else members.filter(team_id__in=team_ids)


def extra_mentors(session):
    """The session's mentors who are not also expected as participants (they count once)."""
    # NOT EXISTS looks up each mentor (a few) among the participants; NOT IN read the whole roster first.
    return session.mentors.exclude(Exists(session.expected_participants().filter(user_id=OuterRef("pk"))))


def search_mentors(mentors, search: str):
    """Those of ``with_listed_names`` whose shown name (``staff_label``) holds ``search``."""
    return mentors.filter(Q(listed_name__icontains=search) | Q(listed_name__isnull=True, email__icontains=search))


def _by_status(people, path: str, session) -> dict:
    """Status ('' when not recorded) -> how many of ``people``; ``path`` leads from them to a user's attendances."""
    marked = people.annotate(mark=FilteredRelation(path, condition=Q(**{f"{path}__session": session})))
    return {status or "": n for status, n in marked.order_by().values_list("mark__status").annotate(n=Count("pk"))}


def roster_parts(session, *, team_ids=None) -> dict:
    """How many participants are expected (``members``; only of ``team_ids``, if given), how many of the
    session's mentors are not among them (``mentors``) and how many expected teams have members (``teams``);
    counted by the database and kept until the program's data changes (bimtek.program_cache)."""
    def count():
        teams = expected_teams_with_members(session)
        return {"members": expected_members(session, team_ids).count(), "mentors": extra_mentors(session).count(),
                "teams": (teams if team_ids is None else teams.filter(pk__in=team_ids)).count()}
    key = f"roster-parts:{session.pk}:{ids_key(team_ids)}"
    read = session.__dict__.setdefault("_roster_parts", {})  # a page asks several times: the cache is read once
    if key not in read:
        read[key] = cached_program_figures(session.program_id, key, count, depends_on=())
    return read[key]


def roster_size(session) -> int:
    """How many people are expected (as ``len(roster_user_ids(session))``): ``roster_parts``."""
    parts = roster_parts(session)
    return parts["members"] + parts["mentors"]


def roster_counts(session, *, team_ids=None, with_mentors=True) -> dict:
    """Everyone expected (``size``), how many of them in each status, and ``unrecorded``; as
    ``status_counts(roster(session))`` counts them. Two queries (one without mentors), aggregated by the database."""
    totals = _by_status(expected_members(session, team_ids), "user__attendances", session)
    if with_mentors:
        for status, n in _by_status(extra_mentors(session), "attendances", session).items():
            totals[status] = totals.get(status, 0) + n
    counts = {status: totals.get(status, 0) for status in Attendance.Status.values}
    counts["unrecorded"] = totals.get("", 0)
    counts["size"] = sum(totals.values())
    return counts


def cached_roster_counts(session, *, team_ids=None, with_mentors=True) -> dict:
    """``roster_counts``, kept until the program's data changes (bimtek.program_cache): a plenary's counts go
    through every participant of the program."""
    return cached_program_figures(session.program_id,
                                  f"roster-counts:{session.pk}:{with_mentors}:{ids_key(team_ids)}",
                                  lambda: roster_counts(session, team_ids=team_ids, with_mentors=with_mentors),
                                  depends_on=(ATTENDANCE,))


def expected_teams_with_members(session):
    """The session's expected teams that have members, with their region and ``region_key`` (the order key)."""
    teams = Team.objects.filter(program_id=session.program_id).filter(
        Exists(Participant.objects.filter(team=OuterRef("pk"))))
    if not session.all_teams:
        teams = teams.filter(pk__in=session.expected_teams.values("pk"))
    return teams.select_related("region").annotate(region_key=Lower("region__name"))


# The roster's order of teams, the same in the quorum table and the marking form: region name, then kind.
TEAM_ORDER = ("region_key", "region__kind", "pk")


def quorum_teams(session, *, team_ids=None, search=""):
    """The expected teams with members, in the roster's order: a query to page, then ``quorum_rows`` for a page."""
    teams = expected_teams_with_members(session)
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    if search:
        teams = teams.filter(region__name__icontains=search)
    return teams.order_by(*TEAM_ORDER)


class QuorumTeams(PagedRows):
    """``quorum_teams`` for a Paginator: a page of teams is read, and the count of them is ``roster_parts``'
    unless a search narrows them."""

    def __init__(self, session, *, team_ids=None, search=""):
        self.session, self.team_ids, self.search = session, team_ids, search

    @cached_property
    def teams(self):
        """Built when teams are read (a page kept in the cache reads none)."""
        return quorum_teams(self.session, team_ids=self.team_ids, search=self.search)

    def count(self) -> int:
        return self.teams.count() if self.search else roster_parts(self.session, team_ids=self.team_ids)["teams"]

    def page(self, start: int, stop: int) -> list:
        return self.teams[start:stop]


def quorum_rows(session, policy, teams) -> list[dict]:
    """The quorum table's rows for these teams (a page of ``quorum_teams``): members, members present and
    whether the quorum was reached (None before the start), counted by the database for these teams only and
    kept until the program's data changes."""
    teams = list(teams)
    team_ids = [team.pk for team in teams]

    def count():
        mark = FilteredRelation("participants__user__attendances",
                                condition=Q(participants__user__attendances__session=session))
        # At most one mark a member (the session's), so counting the joined rows counts members.
        return {pk: (members, present) for pk, members, present in Team.objects.filter(
            pk__in=team_ids).annotate(mark=mark).order_by().values_list("pk").annotate(
            members=Count("participants"),
            present=Count("participants", filter=Q(mark__status__in=PRESENT_STATUSES)))}
    # kept until the program's data changes (a mark, a member), as the roster's counts are
    counts = cached_program_figures(session.program_id, f"quorum-rows:{session.pk}:{ids_key(team_ids)}",
                                    count, depends_on=(ATTENDANCE,)) if teams else {}
    rows = []
    for team in teams:
        members, present = counts.get(team.pk, (0, 0))
        rows.append({"team": team, "members": members, "present": present,
                     "reached": policy.quorum_reached(present) if session.has_started else None})
    return rows


class QuorumPages(PagedRows):
    """``QuorumTeams`` for the session page's Paginator, each page as plain rows (``team``: the region's label,
    ``team_id``, ``members``, ``present``, ``reached``): a page of all the teams is kept until the program's
    attendance or data change, so showing it again reads no team."""

    def __init__(self, session, policy, *, team_ids=None, search=""):
        self.session, self.policy, self.team_ids, self.search = session, policy, team_ids, search
        self.teams = QuorumTeams(session, team_ids=team_ids, search=search)

    def count(self) -> int:
        return self.teams.count()

    def page(self, start: int, stop: int) -> list:
        def read():
            return [(row["team"].pk, row["team"].region.kind, row["team"].region.name, row["members"], row["present"])
                    for row in quorum_rows(self.session, self.policy, self.teams[start:stop])]
        if self.search:
            values = read()
        else:
            key = f"quorum-page:{self.session.pk}:{ids_key(self.team_ids)}:{start}:{stop}"
            values = cached_program_figures(self.session.program_id, key, read, depends_on=(ATTENDANCE,))
        started = self.session.has_started
        return [{"team": Region.label_of(kind, name), "team_id": pk, "members": members, "present": present,
                 "reached": self.policy.quorum_reached(present) if started else None}
                for pk, kind, name, members, present in values]


class TeamOrder:
    """The session's expected teams that have members, in the roster's order (region name, kind), read a few at
    a time: the first, one by id, its place and its neighbours, or the first whose region matches a search; the
    whole list only while it is short. Each answer is one small query, whatever the number of teams."""

    def __init__(self, session):
        self.session = session
        self.teams = expected_teams_with_members(session)
        self.order = TEAM_ORDER

    def count(self) -> int:
        return roster_parts(self.session)["teams"]

    def first(self):
        """Kept until the program's data change (not attendance): a long roster's marking opens on it."""
        return cached_program_figures(self.session.program_id, f"team-order-first:{self.session.pk}",
                                      lambda: self.teams.order_by(*self.order).first(), depends_on=())

    def get(self, pk):
        return self.teams.filter(pk=pk).first()

    def matching(self, search: str):
        return self.teams.filter(region__name__icontains=search).order_by(*self.order).first()

    def last(self):
        return self.teams.order_by(*(f"-{field}" for field in self.order)).first()

    def all(self) -> list:
        return list(self.teams.order_by(*self.order))

    def _before(self, team):
        key, kind = team.region_key, team.region.kind
        return (Q(region_key__lt=key) | Q(region_key=key, region__kind__lt=kind)
                | Q(region_key=key, region__kind=kind, pk__lt=team.pk))

    def position(self, team) -> int:
        """1 for the first team."""
        return self.teams.filter(self._before(team)).count() + 1

    def previous(self, team):
        return self.teams.filter(self._before(team)).order_by(*(f"-{field}" for field in self.order)).first()

    def next(self, team):
        return self.teams.exclude(self._before(team)).exclude(pk=team.pk).order_by(*self.order).first()

    def around(self, team) -> tuple:
        """The ids of the teams before and after ``team`` (None at either end) and its ``position``, kept until the
        program's data change (not attendance)."""
        def find():
            before, after = self.previous(team), self.next(team)
            return (before.pk if before else None, after.pk if after else None, self.position(team))
        return cached_program_figures(self.session.program_id, f"team-order-around:{self.session.pk}:{team.pk}",
                                      find, depends_on=())


class RosterPages(PagedRows):
    """The roster as a sequence a Paginator slices: participants in sheet order (region, then name), then the
    mentors; only the slice asked for is read and built, with its people's marks. Its queries are built when
    people are read (a page kept in the cache reads none, and counts come from ``roster_parts``)."""

    def __init__(self, session, *, team_ids=None, with_mentors=True, search=""):
        self.session = session
        self.team_ids = team_ids
        self.search = search
        self.with_mentors = with_mentors

    @cached_property
    def members(self):
        members = expected_members(self.session, self.team_ids)
        if self.search:
            members = members.filter(Q(full_name__icontains=self.search)
                                     | Q(team__region__name__icontains=self.search))
        return members

    @cached_property
    def mentors(self):
        """None without mentors."""
        if not self.with_mentors:
            return None
        mentors = with_listed_names(extra_mentors(self.session), self.session.program_id)
        return search_mentors(mentors, self.search) if self.search else mentors

    def count(self):
        if not hasattr(self, "_count"):
            if self.search:
                self._member_count = self.members.count()
                mentors = self.mentors.count() if self.mentors is not None else 0
            else:
                parts = roster_parts(self.session, team_ids=self.team_ids)
                self._member_count = parts["members"]
                mentors = parts["mentors"] if self.with_mentors else 0
            self._count = self._member_count + mentors
        return self._count

    def page(self, start: int, stop: int) -> list:
        self.count()
        return build_entries(self.session, self._page_members(start, stop), self._page_mentors(start, stop))

    def _page_members(self, start, stop):
        if start >= self._member_count:
            return []
        stop = min(stop, self._member_count)
        members = self.members
        if not self.search:
            # Sorting the whole roster (41,000 people in a plenary) for one page costs more than finding the
            # teams that hold the page: rows start..stop are those teams' members, from ``before`` on.
            teams, before = page_teams(self.session, self.team_ids, start, stop)
            members, start, stop = members.filter(team_id__in=teams), start - before, stop - before
        return list(members.select_related("user", "team__region").order_by(
            Lower("team__region__name"), "team__region__kind", Lower("full_name"), "pk")[start:stop])

    def _page_mentors(self, start, stop):
        if not self.with_mentors or stop <= self._member_count:
            return []
        first = max(0, start - self._member_count)
        return list(self.mentors[first:stop - self._member_count])


class RosterRow:
    """A row of the session page's roster from plain values: ``name``, ``position``, ``team`` (its region's
    label; None for a mentor), ``team_id`` and ``status`` ('' when not recorded)."""

    __slots__ = ("name", "position", "team", "team_id", "status")

    def __init__(self, name, position, team_id, region, status):
        self.name, self.position, self.team_id, self.status = name, position, team_id, status
        self.team = Region.label_of(*region) if region else None

    @property
    def is_mentor(self):
        return self.team_id is None


class RosterRowPages(PagedRows):
    """``RosterPages`` for the session page's Paginator, each page as ``RosterRow``s: a page of the whole roster
    (no search) is kept until the program's attendance or data change, so showing it again reads nobody."""

    def __init__(self, session, *, team_ids=None, with_mentors=True, search=""):
        self.pages = RosterPages(session, team_ids=team_ids, with_mentors=with_mentors, search=search)
        self.key = f"roster-page:{session.pk}:{with_mentors}:{ids_key(team_ids)}"

    def count(self) -> int:
        return self.pages.count()

    def page(self, start: int, stop: int) -> list:
        def read():
            return [(entry.user.pk, entry.name, entry.position, entry.team.pk if entry.team else None,
                     (entry.team.region.kind, entry.team.region.name) if entry.team else None, entry.status)
                    for entry in self.pages.page(start, stop)]
        session = self.pages.session
        if self.pages.search:
            return [RosterRow(*row[1:]) for row in read()]
        values = cached_program_figures(session.program_id, f"{self.key}:{start}:{stop}", read,
                                        depends_on=(ATTENDANCE,))
        names = people_names(session.program_id,
                             (user_id for user_id, _name, _position, team_id, *_rest in values if team_id is None))
        return [RosterRow(names.get(user_id, name), *rest) for user_id, name, *rest in values]


def page_teams(session, team_ids, start: int, stop: int) -> tuple[list, int]:
    """The expected teams (of ``team_ids``, if given) whose members are rows ``start`` to ``stop`` of the roster
    in sheet order, and how many members the teams before them have (``teams_holding``); kept until the
    program's data changes."""
    def find():
        teams = Team.objects.filter(program_id=session.program_id)
        if not session.all_teams:
            teams = teams.filter(pk__in=session.expected_teams.values("pk"))
        if team_ids is not None:
            teams = teams.filter(pk__in=team_ids)
        return teams_holding(teams.annotate(region_key=Lower("region__name")), ["region_key", "region__kind"],
                             start, stop)
    key = f"roster-page-teams:{session.pk}:{ids_key(team_ids)}:{start}:{stop}"
    return cached_program_figures(session.program_id, key, find, depends_on=())


def team_entries(session, team) -> list:
    """The roster rows of one expected team's members, by name."""
    members = list(expected_members(session, [team.pk]).select_related("user").order_by(Lower("full_name"), "pk"))
    for member in members:
        member.team = team  # one team (and region) for all of them, not one each
    return build_entries(session, members, [])


def mentor_entries(session) -> list:
    """The roster rows of the session's mentors (those not also expected as participants), by name."""
    return build_entries(session, [], list(with_listed_names(extra_mentors(session), session.program_id)))


def build_entries(session, members, mentors) -> list:
    """RosterEntry rows for these participants, then these mentors (each with ``listed_name``: named as the program
    lists them), with their marks, each with ``marker_name``: who marked it, as the program names them (the
    person themselves, at a check-in, by the row's name). Two queries at most."""
    people = [member.user_id for member in members] + [mentor.pk for mentor in mentors]
    marks = {a.person_id: a for a in Attendance.objects.filter(session=session, person_id__in=people)
             .select_related("marked_by").annotate(marker_listed_name=listed_name(session.program_id, "marked_by"))
             } if people else {}
    entries = [RosterEntry(user=member.user, participant=member, team=member.team, name=member.full_name,
                           position=member.position, agency=member.agency, nip=member.nip,
                           region=str(member.team.region), attendance=marks.get(member.user_id))
               for member in members]
    roles = {role.user_id: role for role in ProgramRole.objects.filter(
        program_id=session.program_id, role=ProgramRole.Role.MENTOR, user__in=[m.pk for m in mentors])
    } if mentors else {}
    for mentor in mentors:
        role = roles.get(mentor.pk)
        entries.append(RosterEntry(user=mentor, participant=None, team=None, name=staff_label(mentor),
                                   position=role.position if role else "", agency=role.agency if role else "",
                                   nip=role.nip if role else "", region="", attendance=marks.get(mentor.pk)))
    for entry in entries:
        mark = entry.attendance
        if mark is not None:
            if mark.marked_by is not None:
                mark.marked_by.listed_name = mark.marker_listed_name
            mark.marker_name = (entry.name if mark.marked_by_id == entry.user.pk
                                else staff_label(mark.marked_by) if mark.marked_by is not None else None)
    return entries


class RosterEntry:
    __slots__ = ("user", "participant", "team", "name", "position", "agency", "nip", "region", "attendance")

    def __init__(self, **values):
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def is_mentor(self):
        return self.participant is None

    @property
    def status(self):
        return self.attendance.status if self.attendance else ""
