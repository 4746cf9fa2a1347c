"""Reads for materials, assignments, submissions and the review queue; each a fixed number of queries."""

import datetime
import statistics
from dataclasses import dataclass, field
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from bimtek.models import Program
from materials.models import Assignment, DraftVersion, Extension, Feedback, Material, Submission
from participants import roles
from participants.models import ProgramRole, Team

S = Submission.Status


def visible_team_ids(user, program: Program, held: frozenset) -> frozenset | None:
    """The teams whose work the user may read in this program; None means every team."""
    if {roles.ORGANIZER, roles.EVALUATOR} & held:
        return None
    return roles.mentored_team_ids(user, program.pk) | roles.member_team_ids(user, program.pk)


def _latest(field_name):
    return Subquery(DraftVersion.objects.filter(submission=OuterRef("pk")).order_by("-number").values(field_name)[:1])


def _with_latest(submissions):
    return submissions.annotate(version_count=Count("versions"), latest_number=_latest("number"),
                                latest_uploaded_at=_latest("uploaded_at"), latest_is_late=_latest("is_late"))


@dataclass
class TeamAssignment:
    """One assignment as one team sees it: its status, due time (with extension) and versions."""

    assignment: Assignment
    team: Team
    submission: Submission | None
    due_at: datetime.datetime
    extended: bool

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
    def overdue(self):
        return self.status == S.NOT_SUBMITTED and self.due_at < timezone.now()


def team_assignment_rows(program: Program, team: Team) -> list[TeamAssignment]:
    """Every assignment of the program with this team's status and due time (three queries)."""
    assignments = (Assignment.objects.filter(stage__program=program).select_related("stage", "dimension")
                   .order_by("stage__ordinal", "due_at", "title"))
    submissions = {s.assignment_id: s for s in _with_latest(Submission.objects.filter(team=team))}
    extensions = dict(Extension.objects.filter(team=team).values_list("assignment_id", "due_at"))
    return [TeamAssignment(assignment=a, team=team, submission=submissions.get(a.pk),
                           due_at=extensions.get(a.pk, a.due_at), extended=a.pk in extensions)
            for a in assignments]


def assignment_team_rows(assignment: Assignment, team_ids=None) -> list[TeamAssignment]:
    """Every visible team's status, latest version and due time for one assignment (three queries)."""
    teams = Team.objects.filter(program_id=assignment.stage.program_id).select_related("region")
    submissions = _with_latest(Submission.objects.filter(assignment=assignment))
    extensions = Extension.objects.filter(assignment=assignment)
    if team_ids is not None:
        teams, submissions, extensions = (qs.filter(**{lookup: team_ids}) for qs, lookup in (
            (teams, "pk__in"), (submissions, "team_id__in"), (extensions, "team_id__in")))
    by_team = {s.team_id: s for s in submissions}
    due = dict(extensions.values_list("team_id", "due_at"))
    return [TeamAssignment(assignment=assignment, team=team, submission=by_team.get(team.pk),
                           due_at=due.get(team.pk, assignment.due_at), extended=team.pk in due)
            for team in teams]


def assignment_overview(program: Program, team_ids=None) -> list[dict]:
    """Assignments of the program by stage, with how many (visible) teams delivered, wait or are approved."""
    assignments = list(Assignment.objects.filter(stage__program=program).select_related("stage", "dimension")
                       .order_by("stage__ordinal", "due_at", "title"))
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


def submission_thread(submission: Submission | None) -> tuple[list[DraftVersion], list[ThreadEntry]]:
    """The versions (newest first) and the whole thread of versions and feedback, newest first."""
    if submission is None:
        return [], []
    versions = list(submission.versions.select_related("uploaded_by").order_by("-number"))
    feedback = list(Feedback.objects.filter(version__submission=submission)
                    .select_related("mentor", "version", "addressed_in"))
    for version in versions:
        version.addressed_list = [f for f in feedback if f.addressed_in_id == version.pk]
    thread = [ThreadEntry("version", v.uploaded_at, v) for v in versions]
    thread += [ThreadEntry("feedback", f.created_at, f) for f in feedback]
    thread.sort(key=lambda entry: (entry.at, entry.kind == "feedback"), reverse=True)
    return versions, thread


def open_feedback(submission: Submission | None) -> list[Feedback]:
    """Feedback the team has not marked addressed yet, oldest first (for the upload form)."""
    if submission is None:
        return []
    return list(Feedback.objects.filter(version__submission=submission, addressed_at__isnull=True)
                .exclude(decision=Feedback.Decision.APPROVE).select_related("version", "mentor")
                .order_by("created_at"))


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


def review_queue(program: Program, *, mentor=None, now=None, with_mentors=False) -> list[QueueItem]:
    """Submissions whose latest version waits for a decision, oldest wait first.

    A mentor sees the teams assigned to them; without ``mentor``, every team.
    """
    now = now or timezone.now()
    submissions = _with_latest(Submission.objects.filter(team__program=program, status__in=Submission.WAITING))
    if mentor is not None:
        submissions = submissions.filter(team__mentor_assignments__mentor=mentor)
    submissions = submissions.select_related("team__region", "assignment__stage").order_by(
        F("waiting_since").asc(nulls_first=True), "pk")
    if with_mentors:
        submissions = submissions.prefetch_related(
            Prefetch("team__mentors", queryset=get_user_model().objects.order_by("full_name")))
    return [QueueItem(submission=s, waited=now - (s.waiting_since or s.updated_at),
                      mentors=list(s.team.mentors.all()) if with_mentors else [])
            for s in submissions]


def mentor_review_stats(program: Program, queue: list[QueueItem]) -> list[dict]:
    """Per mentor of the program: teams, drafts waiting, the oldest wait and the median time to a decision."""
    mentors = (get_user_model().objects
               .filter(program_roles__program=program, program_roles__role=ProgramRole.Role.MENTOR)
               .annotate(team_count=Count("mentor_assignments", filter=Q(mentor_assignments__team__program=program)))
               .order_by("full_name", "email"))
    waits = sorted(Feedback.objects.filter(version__submission__team__program=program, waited__isnull=False)
                   .values_list("mentor_id", "waited"))
    medians = {mentor_id: (statistics.median([w for _m, w in rows]), len(rows))
               for mentor_id, rows in ((key, list(group)) for key, group in groupby(waits, key=lambda r: r[0]))}
    stats = []
    for mentor in mentors:
        own = [item for item in queue if any(m.pk == mentor.pk for m in item.mentors)]
        median, decisions = medians.get(mentor.pk, (None, 0))
        stats.append({"mentor": mentor, "teams": mentor.team_count, "waiting": len(own),
                      "oldest": max((item.waited for item in own), default=None),
                      "median": median, "decisions": decisions})
    return stats


def unassigned_waiting(queue: list[QueueItem]) -> list[QueueItem]:
    """Waiting drafts of teams that no mentor guides: only organizers can pick them up."""
    return [item for item in queue if not item.mentors]


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

