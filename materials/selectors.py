"""Reads for materials, assignments, submissions and the review queue; each a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from bimtek.models import Program
from bimtek.program_cache import DRAFTS, cached_program_figures, cached_programs_figures, ids_key
from bimtek.querysets import without_secrets
from materials.models import Assignment, DraftVersion, Extension, Feedback, Material, Submission
from participants.models import MentorAssignment, Team
from participants.selectors import listed_users, program_mentor_list, program_mentors, with_staff_named

S = Submission.Status


def _latest(field_name):
    return Subquery(DraftVersion.objects.filter(submission=OuterRef("pk")).order_by("-number").values(field_name)[:1])


def _with_latest(submissions):
    return submissions.annotate(version_count=Count("versions"), latest_number=_latest("number"),
                                latest_uploaded_at=_latest("uploaded_at"), latest_is_late=_latest("is_late"))


def team_due_at(assignment: Assignment, extension_due_at: datetime.datetime | None) -> datetime.datetime:
    """When a team's work on the assignment is due: its extension's time, if one was granted."""
    return extension_due_at or assignment.due_at


def work_overdue(status: str, due_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Overdue: nothing sent and the team's due time has passed."""
    return status == S.NOT_SUBMITTED and due_at < now


@dataclass
class Standing:
    """A team's standing on one assignment; the one place that says when the team's work is due (the
    extension's time, if one was granted), whether it is overdue and whether an upload is late."""

    assignment: Assignment
    team: Team
    submission: Submission | None
    extension: Extension | None
    now: datetime.datetime

    @property
    def due_at(self) -> datetime.datetime:
        return team_due_at(self.assignment, self.extension.due_at if self.extension else None)

    @property
    def extended(self) -> bool:
        return self.extension is not None

    @property
    def status(self):
        return self.submission.status if self.submission else S.NOT_SUBMITTED

    @property
    def status_label(self):
        return S(self.status).label

    @property
    def versions(self):
        return self.submission.version_count if self.submission else 0

    @property
    def approved(self) -> bool:
        return self.status == S.APPROVED

    @property
    def overdue(self) -> bool:
        return work_overdue(self.status, self.due_at, self.now)

    def is_late(self, uploaded_at: datetime.datetime) -> bool:
        """A version uploaded after the team's due time is late."""
        return uploaded_at > self.due_at


def standings(assignments, teams, *, now: datetime.datetime | None = None,
              latest: bool = True) -> dict[tuple[int, int], Standing]:
    """(team id, assignment id) -> Standing for every pair of the given teams and assignments, each submission
    with its latest version's number, time and lateness unless ``latest`` is False. Two queries."""
    assignments, teams = list(assignments), list(teams)
    return _standings_of(assignments, teams, *_work_of(assignments, teams, latest=latest), now=now or timezone.now())


def kept_standings(assignments, teams, *, now: datetime.datetime | None = None) -> dict[tuple[int, int], Standing]:
    """``standings``, latest versions included, for the pages that show a few teams' work: the submissions and
    extensions read are kept in the cache until their program's drafts change (bimtek.program_cache, DRAFTS),
    while the rule of due times is applied afresh. Two queries for the programs not kept, then none."""
    assignments, teams = list(assignments), list(teams)
    scope = ids_key([a.pk for a in assignments], [t.pk for t in teams])
    program_of = {team.pk: team.program_id for team in teams}

    def read(program_ids):
        wanted = set(program_ids)
        submissions, extensions = _work_of([a for a in assignments if a.stage.program_id in wanted],
                                           [t for t in teams if t.program_id in wanted], latest=True)
        return {pk: ({key: s for key, s in submissions.items() if program_of[key[0]] == pk},
                     {key: e for key, e in extensions.items() if program_of[key[0]] == pk}) for pk in wanted}

    submissions, extensions = {}, {}
    for program_submissions, program_extensions in cached_programs_figures(
            sorted(set(program_of.values())), f"standings:{scope}", read, depends_on=(DRAFTS,)).values():
        submissions.update(program_submissions)
        extensions.update(program_extensions)
    return _standings_of(assignments, teams, submissions, extensions, now=now or timezone.now())


def _work_of(assignments, teams, *, latest: bool) -> tuple[dict, dict]:
    """(team id, assignment id) -> Submission (with its version count, and its latest version's number, time
    and lateness if ``latest``), and -> Extension, of the given teams on the given assignments. Two queries."""
    pairs = {"assignment__in": [a.pk for a in assignments], "team__in": [t.pk for t in teams]}
    submissions = Submission.objects.filter(**pairs)
    submissions = _with_latest(submissions) if latest else submissions.annotate(version_count=Count("versions"))
    return ({(s.team_id, s.assignment_id): s for s in submissions},
            {(e.team_id, e.assignment_id): e for e in with_staff_named(
                Extension.objects.filter(**pairs), "granted_by", OuterRef("team__program"))})


def _standings_of(assignments, teams, submissions, extensions, *, now) -> dict[tuple[int, int], Standing]:
    rows = {}
    for team in teams:
        for a in assignments:
            submission = submissions.get((team.pk, a.pk))
            if submission is not None:
                submission.team, submission.assignment = team, a
            rows[(team.pk, a.pk)] = Standing(assignment=a, team=team, submission=submission,
                                             extension=extensions.get((team.pk, a.pk)), now=now)
    return rows


def standing_statuses(assignments, teams, *, now: datetime.datetime) -> dict[tuple[int, int], tuple[str, bool]]:
    """(team id, assignment id) -> (submission status, overdue) for every pair, as ``standings`` says them, read
    as plain values: cheap for every team of a national program (``standings`` builds each pair's objects).
    Two queries."""
    assignments, teams = list(assignments), list(teams)
    pairs = {"assignment__in": [a.pk for a in assignments], "team__in": [t.pk for t in teams]}
    status = {(team_id, assignment_id): value for team_id, assignment_id, value in
              Submission.objects.filter(**pairs).values_list("team_id", "assignment_id", "status")}
    extended = {(team_id, assignment_id): due_at for team_id, assignment_id, due_at in
                Extension.objects.filter(**pairs).values_list("team_id", "assignment_id", "due_at")}
    rows = {}
    for team in teams:
        for a in assignments:
            key = (team.pk, a.pk)
            value = status.get(key, S.NOT_SUBMITTED)
            rows[key] = (value, work_overdue(value, team_due_at(a, extended.get(key)), now))
    return rows


def team_standing(assignment: Assignment, team: Team, *, now: datetime.datetime | None = None) -> Standing:
    """One team's Standing on one assignment (two queries), without its latest version's details: the pages of
    one submission read its versions themselves."""
    return standings([assignment], [team], now=now, latest=False)[(team.pk, assignment.pk)]


def program_assignments(program: Program) -> list[Assignment]:
    """The program's (or list of programs') assignments in due order within each stage (by program id first).

    Kept in the cache until the program's data changes (bimtek.program_cache, no topic): assignments, their
    stages and dimensions change only when organizers edit them, while every participant's page lists them."""
    programs = program if isinstance(program, list) else [program]

    def read(missing):
        found = {p.pk: [] for p in missing}
        for assignment in (Assignment.objects.filter(stage__program__in=missing).select_related("stage", "dimension")
                           .order_by("stage__program_id", "stage__ordinal", "due_at", "title")):
            found[assignment.stage.program_id].append(assignment)
        return found

    kept = cached_programs_figures(programs, "assignments", read, depends_on=())
    return [assignment for pk in sorted(kept) for assignment in kept[pk]]


def team_assignment_rows(program: Program, team: Team) -> list[Standing]:
    """Every assignment of the program with this team's standing (three queries, one once kept)."""
    assignments = program_assignments(program)
    rows = kept_standings(assignments, [team])
    return [rows[(team.pk, a.pk)] for a in assignments]


def assignment_team_rows(assignment: Assignment, team_ids=None) -> list[Standing]:
    """Every visible team's standing on one assignment, with its latest version (three queries)."""
    teams = Team.objects.filter(program_id=assignment.stage.program_id).select_related("region")
    if team_ids is not None:
        teams = teams.filter(pk__in=team_ids)
    teams = list(teams)
    rows = standings([assignment], teams)
    return [rows[(team.pk, assignment.pk)] for team in teams]


def assignment_overview(program: Program, team_ids=None) -> list[dict]:
    """Assignments of the program by stage, with how many (visible) teams delivered, wait or are approved."""
    assignments = program_assignments(program)
    submissions = Submission.objects.filter(assignment__stage__program=program)
    teams = Team.objects.filter(program=program)
    if team_ids is not None:
        submissions, teams = submissions.filter(team_id__in=team_ids), teams.filter(pk__in=team_ids)
    counts = {row["assignment_id"]: row for row in submissions.values("assignment_id").annotate(
        delivered=Count("pk", filter=~Q(status=S.NOT_SUBMITTED)),
        waiting=Count("pk", filter=Q(status__in=Submission.WAITING)),
        approved=Count("pk", filter=Q(status=S.APPROVED)))}
    team_count = teams.count()
    return [{"assignment": a, "teams": team_count, **counts.get(a.pk, {"delivered": 0, "waiting": 0, "approved": 0})}
            for a in assignments]


@dataclass
class ThreadEntry:
    kind: str  # "version" or "feedback"
    at: datetime.datetime
    item: object


def _named_mentors(feedback) -> list[Feedback]:
    """The feedback rows, each mentor with the ``listed_name`` the team's program lists them by (``staff_label``)."""
    return with_staff_named(feedback, "mentor", OuterRef("version__submission__team__program"))


def submission_thread(submission: Submission | None) -> tuple[list[DraftVersion], list[ThreadEntry]]:
    """The versions (newest first) and the whole thread of versions and feedback, newest first."""
    if submission is None:
        return [], []
    versions = list(without_secrets(submission.versions.select_related("uploaded_by"), "uploaded_by")
                    .order_by("-number"))
    feedback = _named_mentors(Feedback.objects.filter(version__submission=submission))
    by_id = {version.pk: version for version in versions}
    for entry in feedback:  # on versions of this submission, read above: not joined again
        entry.version = by_id[entry.version_id]
        if entry.addressed_in_id in by_id:
            entry.addressed_in = by_id[entry.addressed_in_id]
    for version in versions:
        version.addressed_list = [f for f in feedback if f.addressed_in_id == version.pk]
    thread = [ThreadEntry("version", v.uploaded_at, v) for v in versions]
    thread += [ThreadEntry("feedback", f.created_at, f) for f in feedback]
    thread.sort(key=lambda entry: (entry.at, entry.kind == "feedback"), reverse=True)
    return versions, thread


def kept_submission_thread(submission: Submission | None) -> tuple[list[DraftVersion], list[ThreadEntry]]:
    """``submission_thread`` for the submission's page, kept in the cache until the program's drafts change
    (bimtek.program_cache, DRAFTS: uploads, feedback, addressed feedback). No query once kept."""
    if submission is None:
        return [], []
    return cached_program_figures(submission.team.program_id, f"submission-thread:{submission.pk}",
                                  lambda: submission_thread(submission), depends_on=(DRAFTS,))


def open_feedback(submission: Submission | None) -> list[Feedback]:
    """Feedback the team has not marked addressed yet, oldest first (for the upload form)."""
    if submission is None:
        return []
    return _named_mentors(Feedback.objects.filter(version__submission=submission, addressed_at__isnull=True)
                          .exclude(decision=Feedback.Decision.APPROVE).select_related("version").order_by("created_at"))


def latest_versions(assignment: Assignment, team_ids=None):
    """The newest version of every (visible) team for one assignment, by region."""
    newest = DraftVersion.objects.filter(submission=OuterRef("submission")).order_by("-number").values("number")[:1]
    versions = DraftVersion.objects.filter(submission__assignment=assignment, number=Subquery(newest))
    if team_ids is not None:
        versions = versions.filter(submission__team_id__in=team_ids)
    return versions.select_related("submission__team__region").order_by(
        "submission__team__region__name", "submission__team__region__kind")


@dataclass
class QueueItem:
    submission: Submission
    waited: datetime.timedelta
    mentors: list = field(default_factory=list)


QUEUE_PAGE_SIZE = 50


def waiting_submissions(program: Program, *, mentor=None):
    """The queryset of submissions whose latest version waits for a decision, oldest wait first.

    A mentor (a user or a user id) narrows it to the teams assigned to them; ``program`` may be a list of
    programs. Unevaluated, so a page can slice it and a home page can count it.
    """
    programs = program if isinstance(program, list) else [program]
    submissions = Submission.objects.filter(team__program__in=programs, status__in=Submission.WAITING)
    if mentor is not None:
        submissions = submissions.filter(team__mentor_assignments__mentor=mentor)
    return submissions.order_by(F("waiting_since").asc(nulls_first=True), "pk")


def queue_items(submissions, *, now=None, mentors_of: Program | None = None) -> list[QueueItem]:
    """QueueItems of (a slice of) ``waiting_submissions``, with the latest version and, given their program
    (``mentors_of``), the team's mentors as it lists them."""
    now = now or timezone.now()
    submissions = _queue_rows(submissions)
    if mentors_of is not None:
        submissions = submissions.prefetch_related(
            Prefetch("team__mentors", queryset=listed_users(mentors_of)))
    return [_queue_item(s, now, mentors=list(s.team.mentors.all()) if mentors_of is not None else [])
            for s in submissions]


def _queue_rows(submissions):
    """What a queue shows of each waiting submission: its team's region, its stage and its latest version."""
    return _with_latest(submissions).select_related("team__region", "assignment__stage")


def _queue_item(submission: Submission, now, *, mentors=()) -> QueueItem:
    return QueueItem(submission=submission, waited=now - (submission.waiting_since or submission.updated_at),
                     mentors=list(mentors))


def kept_review_queue(programs, *, mentor, now=None) -> dict:
    """Program id -> a mentor's waiting submissions there, oldest wait first, as QueueItems for their home page:
    kept in the cache until the program's drafts or people change (bimtek.program_cache, DRAFTS), each wait
    measured now. One query for the programs not kept, then none."""

    def read(missing):
        found = {program.pk: [] for program in missing}
        for submission in _queue_rows(waiting_submissions(missing, mentor=mentor)):
            found[submission.team.program_id].append(submission)
        return found

    now = now or timezone.now()
    return {pk: [_queue_item(s, now) for s in submissions]
            for pk, submissions in cached_programs_figures(programs, f"mentor-queue:{mentor.pk}", read,
                                                           depends_on=(DRAFTS,)).items()}


def waiting_since(programs) -> dict[int, tuple[int, datetime.datetime | None]]:
    """Program id -> (drafts waiting, since when the longest of them waits, or None). One query."""
    rows = (Submission.objects.filter(team__program__in=programs, status__in=Submission.WAITING)
            .values("team__program_id").order_by()
            .annotate(n=Count("pk"), since=Min(Coalesce("waiting_since", "updated_at"))))
    found = {row["team__program_id"]: (row["n"], row["since"]) for row in rows}
    return {p.pk: found.get(p.pk, (0, None)) for p in programs}


def review_figures(program: Program) -> dict:
    """The review queue's program-wide numbers: ``mentors``, mentor id -> (teams, drafts waiting, since when the
    longest waits or None, median wait for their decisions or None, decisions); ``unassigned``, the waiting
    drafts of teams no mentor guides; ``waiting``, every waiting draft.

    Kept in the cache until the program's data changes (bimtek.program_cache): the drafts, decisions and mentor
    assignments they count change only through the materials and participants services. Four queries when
    not kept (the median waits take tens of milliseconds in a national program)."""
    return cached_program_figures(program, "review-figures", lambda: _count_review_figures(program),
                                  depends_on=(DRAFTS,))


def _count_review_figures(program: Program) -> dict:
    mine = Submission.objects.filter(team__program=program, status__in=Submission.WAITING,
                                     team__mentor_assignments__mentor=OuterRef("pk")).order_by().values(
        "team__mentor_assignments__mentor")
    counted = program_mentors(program).order_by().annotate(
        team_count=Subquery(MentorAssignment.objects.filter(mentor=OuterRef("pk"), team__program=program)
                            .order_by().values("mentor").annotate(n=Count("pk")).values("n")),
        waiting_count=Subquery(mine.annotate(n=Count("pk")).values("n")),
        oldest_since=Subquery(mine.annotate(since=Min(Coalesce("waiting_since", "updated_at"))).values("since")))
    medians = _median_waits(program)
    mentors = {}
    for pk, teams, waiting, since in counted.values_list("pk", "team_count", "waiting_count", "oldest_since"):
        median, decisions = medians.get(pk, (None, 0))
        mentors[pk] = (teams or 0, waiting or 0, since, median, decisions)
    waiting = waiting_submissions(program)
    return {"mentors": mentors, "unassigned": waiting.filter(team__mentor_assignments__isnull=True).count(),
            "waiting": waiting.count()}


def unassigned_waiting_count(program: Program) -> int:
    """Waiting drafts of teams that no mentor guides: only organizers can pick them up (review_figures)."""
    return review_figures(program)["unassigned"]


def waiting_count(program: Program) -> int:
    """How many drafts ``waiting_submissions(program)`` lists (review_figures)."""
    return review_figures(program)["waiting"]


def _median_waits(program: Program) -> dict[int, tuple[datetime.timedelta, int]]:
    """Mentor id -> (median wait for their decisions, decisions), reading only the one or two middle rows
    of each mentor (window functions), never every decision. One query."""
    waits = Feedback.objects.filter(version__submission__team__program=program, waited__isnull=False)
    ranked = waits.annotate(
        rank=Window(RowNumber(), partition_by=[F("mentor_id")], order_by=[F("waited").asc(), F("pk").asc()]),
        total=Window(Count("pk"), partition_by=[F("mentor_id")]))
    middle = ranked.filter(rank__gte=(F("total") + 1) / 2, rank__lte=(F("total") + 2) / 2)
    picked = {}
    for mentor_id, waited, total in middle.values_list("mentor_id", "waited", "total"):
        picked.setdefault(mentor_id, ([], total))[0].append(waited)
    return {mentor_id: (sum(values, datetime.timedelta()) / len(values), total)
            for mentor_id, (values, total) in picked.items()}


def mentor_review_stats(program: Program, *, now=None, mentors=None) -> list[dict]:
    """Per mentor of the program: teams, drafts waiting, the oldest wait and the median time to a decision.

    The numbers come from review_figures; the mentors are ``program_mentor_list``'s, unless given.
    """
    now = now or timezone.now()
    figures = review_figures(program)["mentors"]
    stats = []
    for mentor in program_mentor_list(program) if mentors is None else mentors:
        teams, waiting, since, median, decisions = figures.get(mentor.pk, (0, 0, None, None, 0))
        stats.append({"mentor": mentor, "teams": teams, "waiting": waiting,
                      "oldest": now - since if since else None, "median": median, "decisions": decisions})
    return stats


def program_materials(program: Program, *, stage=None) -> list[tuple]:
    """Materials grouped by stage: [(stage, [material, …]), …] for every stage (two queries)."""
    stages = list(program.stages.all()) if stage is None else [stage]
    materials = (Material.objects.filter(stage__in=stages).select_related("session", "created_by")
                 .order_by("stage__ordinal", F("session__starts_at").asc(nulls_first=True), "-created_at"))
    by_stage, stage_of = {}, {s.pk: s for s in stages}
    for material in materials:
        material.stage = stage_of[material.stage_id]  # the permission rules read it, without a query
        by_stage.setdefault(material.stage_id, []).append(material)
    return [(s, by_stage.get(s.pk, [])) for s in stages]


# --- where a page looks up the object its URL names (another program's is not there: the view's 404) ---------

def assignment_lookup(program: Program):
    """The program's assignments with their stage and dimension."""
    return Assignment.objects.filter(stage__program=program).select_related("stage", "dimension")


def team_lookup(program: Program):
    """The program's teams with their region."""
    return Team.objects.filter(program=program).select_related("region", "program")


def material_lookup(program: Program):
    """The program's materials with their stage."""
    return Material.objects.filter(stage__program=program).select_related("stage")


def submission_versions(submission: Submission):
    """A submission's versions with who uploaded each."""
    return DraftVersion.objects.filter(submission=submission).select_related("uploaded_by")


def submission_feedback(submission: Submission):
    """The feedback given on a submission's versions."""
    return Feedback.objects.filter(version__submission=submission)


def earlier_feedback(version: DraftVersion) -> list[Feedback]:
    """The feedback on the versions before ``version``, newest first, with what each answered. One query."""
    return _named_mentors(Feedback.objects.filter(version__submission_id=version.submission_id,
                                                  version__number__lt=version.number)
                          .select_related("version", "addressed_in").order_by("-created_at"))


def is_latest_version(version: DraftVersion) -> bool:
    """No later version of the submission exists."""
    return not DraftVersion.objects.filter(submission_id=version.submission_id, number__gt=version.number).exists()

