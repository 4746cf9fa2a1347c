"""Reading the master plan register: a team's versions, one version's programs grouped by dimension with
their totals, its reviews, and the drafts of the last stage it may be attached to."""

from dataclasses import dataclass, field
from decimal import Decimal

from bimtek.models import Stage
from evaluation.models import MasterPlan, PlanProgram, PlanReview
from materials.models import DraftVersion


@dataclass
class DimensionGroup:
    dimension: object
    programs: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.programs)

    @property
    def budget(self) -> Decimal:
        return sum((item.budget or Decimal(0) for item in self.programs), Decimal(0))

    @property
    def quick_wins(self) -> int:
        return sum(1 for item in self.programs if item.quick_win)


@dataclass
class PlanOverview:
    groups: list  # DimensionGroup, in the program's order of dimensions, only those with programs

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def budget(self) -> Decimal:
        return sum((group.budget for group in self.groups), Decimal(0))

    @property
    def quick_wins(self) -> int:
        return sum(group.quick_wins for group in self.groups)


def team_plans(team) -> list[MasterPlan]:
    """Every version of the team's register, newest first (the version history)."""
    return list(MasterPlan.objects.filter(team=team).order_by("-number").select_related(
        "approved_by", "draft_version__submission__assignment"))


def plan_overview(plan: MasterPlan) -> PlanOverview:
    """The version's programs grouped by dimension, with counts and budget totals, in one query."""
    groups = {}
    for item in PlanProgram.objects.filter(plan=plan).select_related("dimension"):
        groups.setdefault(item.dimension_id, DimensionGroup(dimension=item.dimension)).programs.append(item)
    return PlanOverview(groups=list(groups.values()))


def plan_reviews(plan: MasterPlan) -> list[PlanReview]:
    return list(PlanReview.objects.filter(plan=plan).select_related("author").order_by("-created_at", "-pk"))


def last_stage_versions(team) -> list[DraftVersion]:
    """The team's draft versions on assignments of the program's last stage, newest first: the final draft of
    stage IV is one of them."""
    return list(DraftVersion.objects.filter(
        submission__team=team,
        submission__assignment__stage__ordinal=Stage.objects.filter(program_id=team.program_id).order_by("-ordinal").values("ordinal")[:1],
    ).select_related("submission__assignment").order_by("-uploaded_at", "-pk"))


def plan_program_lookup(team):
    """Where a page looks up the register program its URL names: the programs of this team's registers."""
    return PlanProgram.objects.filter(plan__team=team).select_related("plan__team")
