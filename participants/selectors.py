"""Reads about the people of a program."""

from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, Lower

from bimtek.program_cache import cached_program_figures, cached_programs_figures, ids_key
from bimtek.querysets import PagedRows, count_subquery, without_secrets
from participants import roles
from participants.models import MentorAssignment, Participant, ParticipantImport, ProgramRole, Region, Team


def listed_name(program, user_ref="pk"):
    """The name ``program`` lists a staff member by, as its organizer typed it (a subquery on ``user_ref``).

    Pages of a program show this, never the account's own name, which an organizer who typed the address
    must not learn (participants.services.staff_add).
    """
    return Subquery(ProgramRole.objects.filter(program=program, user=OuterRef(user_ref)).exclude(full_name="")
                    .order_by("pk").values("full_name")[:1])


def shown_name_order(listed: str = "listed_name", user_path: str = "") -> tuple:
    """The order of a program's staff by the name shown (``staff_label``: the listed name annotated as ``listed``,
    case aside, else the address), then the address: ``user_path`` leads from the rows to the users."""
    return Lower(Coalesce(listed, f"{user_path}email")), f"{user_path}email", f"{user_path}pk"


def with_listed_names(users, program):
    """``users`` (a User queryset) each with the ``listed_name`` ``program`` lists them by, in the order of the
    name shown (``staff_label``), which is also what a page sorts and searches them by: never the account's own
    name."""
    return users.annotate(listed_name=listed_name(program)).order_by(*shown_name_order())


def with_staff_named(rows, user_field: str, program, *, in_shown_order: bool = False) -> list:
    """The rows of ``rows`` (a queryset), each one's user ``user_field`` read with it (without its secrets, since
    such rows may be kept in the cache) and named as ``program`` lists them: ``listed_name`` set on the user, for
    ``staff_label``. ``program``: a program, its id, or an OuterRef to each row's. One query."""
    listed = f"{user_field}_listed_name"
    rows = without_secrets(rows.select_related(user_field), user_field).annotate(
        **{listed: listed_name(program, user_field)})
    if in_shown_order:
        rows = rows.order_by(*shown_name_order(listed, f"{user_field}__"))
    rows = list(rows)
    for row in rows:
        user = getattr(row, user_field)
        if user is not None:
            user.listed_name = getattr(row, listed)
    return rows


def listed_users(program):
    """Every user, as ``with_listed_names`` gives them: for prefetching a team's or session's mentors."""
    return with_listed_names(get_user_model().objects.all(), program)


def _role_holders(program, role):
    holders = ProgramRole.objects.filter(program=program, role=role).values("user_id")
    return listed_users(program).filter(pk__in=holders)


def program_mentors(program):
    """The mentors of a program (``program``: a Program or its id): the users holding its mentor role, each with
    ``listed_name``, in that order (for choice lists).

    The one definition of the query; a subquery, so callers may filter, annotate or count it freely.
    """
    return _role_holders(program, ProgramRole.Role.MENTOR)


def program_evaluators(program):
    """The evaluators of a program, as ``program_mentors`` gives its mentors (they assess teams in its rounds)."""
    return _role_holders(program, ProgramRole.Role.EVALUATOR)


class Staff(NamedTuple):
    """A staff member as a list shows them (``staff_label``): cheap to keep in the cache by the hundred."""

    pk: int
    listed_name: str | None
    email: str


def program_mentor_list(program) -> list[Staff]:
    """The program's mentors in ``program_mentors``' order, kept in the cache until its people change."""
    return cached_program_figures(program, "mentor-list", lambda: [
        Staff(*row) for row in program_mentors(program).values_list("pk", "listed_name", "email")], depends_on=())


def staff_label(user) -> str:
    """How a page names a user from ``program_mentors`` or ``listed_users`` (the ``staff_label`` filter in
    templates): the listed name, else the address the organizer typed."""
    return user.listed_name or user.email


def regions_with_team_counts():
    return Region.objects.annotate(team_count=Count("teams"))


def visible_teams(program, user):
    """The program's teams the person may see (participants.roles.visible_team_ids), with their region; a page of
    them is read with its members counted and mentors by ``team_list_details``."""
    teams = Team.objects.filter(program=program).select_related("region")
    visible = roles.visible_team_ids(user, program.pk)
    return teams if visible is None else teams.filter(pk__in=visible)


def mentored_teams(programs, mentor) -> dict:
    """Program id -> the teams ``mentor`` guides there, each with its region and ``member_count``, for their home
    page. Kept in the cache until the program's data changes (bimtek.program_cache, no topic: assignments and
    people). One query for the programs not kept, then none."""

    def read(missing):
        found = {program.pk: [] for program in missing}
        for team in (Team.objects.filter(program__in=missing, mentor_assignments__mentor=mentor)
                     .select_related("region").annotate(member_count=Count("participants", distinct=True))):
            found[team.program_id].append(team)
        return found

    return cached_programs_figures(programs, f"mentored-teams:{mentor.pk}", read, depends_on=())


class TeamListRow(NamedTuple):
    """A row of the teams list (``team_list_details``): the team's id, its region's label, province and time zone,
    its members counted and its mentors as ``Staff``, in ``listed_users``' order."""

    pk: int
    region: str
    province: str
    time_zone: str
    member_count: int
    mentors: list


def team_list_details(program, teams) -> list[TeamListRow]:
    """``teams`` (a page of them) as ``TeamListRow``s: their members counted and their mentors as ``program`` lists
    them, in three queries and without building a model: counted for the page's teams only (a count in each row
    made the database count every team's members before sorting them); the mentors' names read afresh."""
    teams = list(teams.values_list("pk", "region__kind", "region__name", "region__province", "region__time_zone"))
    if not teams:
        return []
    ids = [team[0] for team in teams]
    counts = dict(Participant.objects.filter(team__in=ids).order_by().values_list("team_id").annotate(n=Count("pk")))
    mentors = {}
    for team_id, *mentor in (MentorAssignment.objects.filter(team__in=ids)
                             .annotate(listed_name=listed_name(program, "mentor_id"))
                             .order_by(*shown_name_order(user_path="mentor__"))
                             .values_list("team_id", "mentor_id", "listed_name", "mentor__email")):
        mentors.setdefault(team_id, []).append(Staff(*mentor))
    return [TeamListRow(pk, Region.label_of(kind, name), province, time_zone, counts.get(pk, 0), mentors.get(pk, []))
            for pk, kind, name, province, time_zone in teams]


def search_teams(teams, search: str):
    """Those of ``teams`` whose region's name or province holds ``search`` (all for an empty one), in the order
    of the teams list: province, then region."""
    if search:
        teams = teams.filter(Q(region__name__icontains=search) | Q(region__province__icontains=search))
    return teams.order_by("region__province", "region__name", "pk")


def team_lookup(program):
    """Where a page looks up the team its URL names: the program's teams, with region, program and focus."""
    return Team.objects.filter(program=program).select_related("region", "program", "focus_dimension")


def member_lookup(team):
    """Where a page looks up the member its URL names: the team's participants, with their user."""
    return Participant.objects.filter(team=team).select_related("user")


def staff_role_lookup(program):
    """Where a page looks up the staff role its URL names: the program's organizer, mentor and evaluator roles."""
    return ProgramRole.objects.filter(program=program)


def team_members(team, *, accounts=True):
    """The team's members, the leader first; with their accounts (e-mail addresses) unless ``accounts`` is
    False."""
    members = team.participants.order_by("-team_role", "full_name")
    return members.select_related("user") if accounts else members


def team_mentor_assignments(team) -> list:
    """The team's mentor assignments, each mentor named as the team's program lists them, in the order of the
    name shown. One query."""
    return with_staff_named(MentorAssignment.objects.filter(team=team), "mentor", team.program_id,
                            in_shown_order=True)


def teams_mentors(program, team_ids) -> dict[int, list]:
    """Team id -> its mentors, each with the ``listed_name`` ``program`` lists them by, in the order of the name
    shown. One query."""
    mentors = {}
    for link in with_staff_named(MentorAssignment.objects.filter(team_id__in=team_ids), "mentor", program,
                                 in_shown_order=True):
        mentors.setdefault(link.team_id, []).append(link.mentor)
    return mentors


def program_staff(program):
    """The program's organizer, mentor and evaluator roles, with the teams each person mentors counted."""
    return ProgramRole.objects.filter(program=program).select_related("user").annotate(
        team_count=Count("user__mentor_assignments", distinct=True))


def program_people(program):
    """Everyone with a place in the program: its participants and its staff."""
    user_model = get_user_model()
    return (user_model.objects.filter(participations__team__program=program)
            | user_model.objects.filter(program_roles__program=program)).distinct()


def own_import_lookup(program, user):
    """Where a page looks up the participant list its URL names: the program's lists ``user`` uploaded (only the
    organizer who saw a list's preview confirms it)."""
    return ParticipantImport.objects.filter(program=program, uploaded_by=user).select_related("team__region", "job")


def recent_imports(program, *, limit=10):
    return ParticipantImport.objects.filter(program=program).select_related("uploaded_by").defer("preview")[:limit]


def teams_holding(teams, order: list, start: int, stop: int) -> tuple[list, int]:
    """Members listed team by team, the teams in ``order`` (fields or expressions of ``teams``; teams equal in
    all of them are listed together): the ids of ``teams`` whose members are rows ``start`` to ``stop``, and how
    many members the teams before them have. The database sums the members team by team and returns only those
    teams, so a page of 41,000 people is found without sorting them all."""
    order = [F(field) if isinstance(field, str) else field for field in order]
    found = list(teams.annotate(members=count_subquery(Participant.objects.filter(team=OuterRef("pk")))).annotate(
        upto=Window(Sum("members"), order_by=[field.asc() for field in order]),
        together=Window(Sum("members"), partition_by=order)).filter(
        upto__gt=start, upto__lt=stop + F("together")).order_by().values_list("pk", "upto", "together"))
    before = min((upto - together for _pk, upto, together in found), default=start)
    return [pk for pk, _upto, _together in found], before


# The order pages list people in: by province, region, then name; the teams in the same order hold them.
PEOPLE_ORDER = ("team__region__province", "team__region__name", "full_name", "pk")
_TEAMS_IN_PEOPLE_ORDER = ("region__province", "region__name")


class PeopleByTeam(PagedRows):
    """``members`` (participants of the program, or of its teams ``team_ids``, in PEOPLE_ORDER) for a Paginator:
    the count is kept until the program's people change (bimtek.program_cache), and a page is read from the
    teams that hold it (``teams_holding``) instead of sorting every participant of a national program."""

    def __init__(self, program, members, team_ids=None):
        self.program, self.members, self.team_ids = program, members, team_ids
        self.scope = ids_key(team_ids)

    def count(self) -> int:
        return cached_program_figures(self.program, f"people-count:{self.scope}", self.members.count,
                                      depends_on=())

    def page(self, start: int, stop: int) -> list:
        def find():
            teams = Team.objects.filter(program=self.program)
            if self.team_ids is not None:
                teams = teams.filter(pk__in=self.team_ids)
            return teams_holding(teams, list(_TEAMS_IN_PEOPLE_ORDER), start, stop)
        teams, before = cached_program_figures(self.program, f"people-teams:{self.scope}:{start}:{stop}", find,
                                               depends_on=())
        return list(self.members.filter(team_id__in=teams)[start - before:stop - before])
