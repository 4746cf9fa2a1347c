"""Each team's progress through the stages, by the program's rule, from attendance and approvals only.

The rule: a team has completed a stage when

* it reached its attendance quorum (the attendance settings' team quorum:
  members present, hadir or terlambat) at ``program.stage_session_share``
  per cent of the stage's sessions that expected it and have started, and at
  least one such session was held; and
* every assignment of the stage is approved for it.

Nothing else moves a team forward: not a date, not an organizer's say-so.
A stage is *behind* when the team's attendance so far is below the rule or an
assignment is overdue (not submitted by its due time, extensions counted);
*in progress* once a session was held or a draft sent; else *not started*.

``program_progress`` reads the whole program in a fixed number of queries,
whatever the number of teams.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from bimtek.models import Program, Stage
from bimtek.selectors import ordered_stages
from materials.selectors import program_assignments, standings
from sessions.selectors import (
    attendance_policy,
    attendance_rate,
    attendance_reads,
    person_attendance_rates,
    team_stage_attendance,
)


class Status:
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    BEHIND = "behind"
    NOT_STARTED = "not_started"

    LABELS = {COMPLETED: _("Completed"), IN_PROGRESS: _("In progress"), BEHIND: _("Behind"),
              NOT_STARTED: _("Not started")}
    BADGES = {COMPLETED: "ok", IN_PROGRESS: "info", BEHIND: "bad", NOT_STARTED: "neutral"}
    ORDER = [COMPLETED, IN_PROGRESS, BEHIND, NOT_STARTED]


class _StatusWords:
    """The status of a stage or team as words and as the badge colour that goes with them."""

    @property
    def label(self):
        return Status.LABELS[self.status]

    @property
    def badge(self):
        return Status.BADGES[self.status]


@dataclass
class StageProgress(_StatusWords):
    stage: Stage
    status: str
    sessions_held: int
    sessions_with_quorum: int
    sessions_needed: int
    present: int  # members present, summed over the sessions held
    assignments: list = field(default_factory=list)  # materials' Standing, in due order

    @property
    def approved(self):
        return sum(cell.approved for cell in self.assignments)

    @property
    def overdue(self):
        return sum(cell.overdue for cell in self.assignments)

    @property
    def attendance_met(self):
        return attendance_met(self.sessions_held, self.sessions_with_quorum, self.sessions_needed)


@dataclass
class TeamProgress(_StatusWords):
    team: object
    stages: list  # StageProgress, in stage order
    members: int = 0
    attended: int = 0
    expected: int = 0
    certificates: int = 0  # valid certificates of its members, when the dashboard counts them

    @property
    def completed(self):
        return sum(stage.status == Status.COMPLETED for stage in self.stages)

    @property
    def status(self):
        """The team as a whole: completed (every stage), behind (any stage), not started, or in progress."""
        statuses = {stage.status for stage in self.stages}
        if statuses and statuses == {Status.COMPLETED}:
            return Status.COMPLETED
        if Status.BEHIND in statuses:
            return Status.BEHIND
        if not statuses or statuses == {Status.NOT_STARTED}:
            return Status.NOT_STARTED
        return Status.IN_PROGRESS

    @property
    def attendance_rate(self):
        return attendance_rate(self.attended, self.expected)

    @property
    def overdue(self):
        return [cell for stage in self.stages for cell in stage.assignments if cell.overdue]


def stage_status(*, counts: list[int], policy, share: int, cells: list):
    """The rule for one team and one stage: (status, sessions with quorum, sessions needed)."""
    return stage_status_of(counts=counts, policy=policy, share=share, assignments=len(cells),
                           approved=sum(cell.approved for cell in cells), overdue=sum(cell.overdue for cell in cells),
                           sent=sum(cell.status != "not_submitted" for cell in cells))


def stage_status_of(*, counts: list[int], policy, share: int, assignments: int, approved: int, overdue: int,
                    sent: int):
    """The rule, from numbers the database counted: members present at each session held that expected the
    team, and of the stage's ``assignments`` how many are approved, overdue and sent (any status but not
    submitted). (status, sessions with quorum, sessions needed)."""
    held, with_quorum, needed = stage_attendance_of(counts=counts, policy=policy, share=share)
    status = stage_status_from(held=held, with_quorum=with_quorum, needed=needed, assignments=assignments,
                               approved=approved, overdue=overdue, sent=sent)
    return status, with_quorum, needed


def stage_attendance_of(*, counts: list[int], policy, share: int) -> tuple[int, int, int]:
    """The attendance half of the rule, from the members present at each session held that expected the team:
    (sessions held, sessions with quorum, sessions needed)."""
    with_quorum = sum(policy.quorum_reached(count) for count in counts)
    return len(counts), with_quorum, max(1, math.ceil(len(counts) * share / 100))


def attendance_met(held: int, with_quorum: int, needed: int) -> bool:
    """Whether a stage's attendance meets the rule: a session held, and quorum at enough of them."""
    return held > 0 and with_quorum >= needed


def stage_status_from(*, held: int, with_quorum: int, needed: int, assignments: int, approved: int, overdue: int,
                      sent: int) -> str:
    """The rule from the stage's attendance (``stage_attendance_of``) and its assignments' counts."""
    met = attendance_met(held, with_quorum, needed)
    if met and approved >= assignments:
        return Status.COMPLETED
    if overdue or (held and not met):
        return Status.BEHIND
    if held or sent:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def assignment_cells(program: Program, teams, *, now=None) -> tuple[list, dict]:
    """The program's assignments, and (team id, assignment id) -> materials' Standing. Three queries."""
    assignments = program_assignments(program)
    return assignments, standings(assignments, teams, now=now)


def program_progress(program: Program, teams, *, now=None) -> tuple[list, list, list]:
    """(stages, assignments, [TeamProgress for each of ``teams``]), in a fixed number of queries, following every
    attendance row of the program (for the program's export; a page asks ``team_figures``, which counts in the
    database)."""
    teams = list(teams)
    stages = ordered_stages([program])[program.pk]
    assignments, cells = assignment_cells(program, teams, now=now)
    reads = attendance_reads(program)  # the sessions, members and marks, read once for both
    attendance = team_stage_attendance(program, reads=reads, stage_ids=[s.pk for s in stages])
    rates = person_attendance_rates(program, reads=reads)
    policy = attendance_policy(program)
    members = {}
    for user_id, team_id in reads.members:
        members.setdefault(team_id, []).append(user_id)
    by_stage = {}
    for assignment in assignments:
        by_stage.setdefault(assignment.stage_id, []).append(assignment)
    progress = []
    for team in teams:
        rows = []
        for stage in stages:
            stage_cells = [cells[(team.pk, assignment.pk)] for assignment in by_stage.get(stage.pk, [])]
            counts = attendance.get((team.pk, stage.pk), [])
            status, with_quorum, needed = stage_status(counts=counts, policy=policy,
                                                       share=program.stage_session_share, cells=stage_cells)
            rows.append(StageProgress(stage=stage, status=status, sessions_held=len(counts),
                                      sessions_with_quorum=with_quorum, sessions_needed=needed,
                                      present=sum(counts), assignments=stage_cells))
        people = members.get(team.pk, [])
        attended = sum(rates.get(user_id, (0, 0))[0] for user_id in people)
        expected = sum(rates.get(user_id, (0, 0))[1] for user_id in people)
        progress.append(TeamProgress(team=team, stages=rows, members=len(people), attended=attended,
                                     expected=expected))
    return stages, assignments, progress


def assignment_codes(stages, assignments) -> dict:
    """Assignment id -> 'II.1': the stage in Roman numerals and the assignment's place in it."""
    codes = {}
    for stage in stages:
        for number, assignment in enumerate([a for a in assignments if a.stage_id == stage.pk], start=1):
            codes[assignment.pk] = f"{stage.roman}.{number}"
    return codes

