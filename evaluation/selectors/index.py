"""The index arithmetic, in one place: each aspect's contribution, the region's index, the register's shares.

Pure functions over numbers (no queries), so finalising, the results and the tests agree on every figure.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from evaluation.models import Aspect, ProgramProgress

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def rounded(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class AspectPart:
    aspect: Aspect
    score: Decimal
    contribution: Decimal
    from_previous: bool = False


@dataclass(frozen=True)
class IndexResult:
    parts: list
    index: Decimal


def max_level(aspect: Aspect) -> int:
    """The top of the aspect's score scale (its levels should be prefetched)."""
    return max((level.value for level in aspect.levels.all()), default=0)


def mean_score(scores) -> Decimal:
    scores = list(scores)
    return rounded(Decimal(sum(scores)) / len(scores))


def index_compute(*, aspects, scores: dict, previous_index: Decimal | None = None) -> IndexResult:
    """The index of one team from each aspect's agreed score (``scores``: aspect id → score on its scale).

    An aspect contributes weight × score / top level, rounded to two decimals; the index is the sum of the
    rounded contributions, so a page that lists them adds up. The Baseline aspect takes the region's previous
    index instead, scaled to its levels, when there is one."""
    parts = []
    for aspect in aspects:
        top = max_level(aspect)
        from_previous = aspect.role == Aspect.Role.BASELINE and previous_index is not None
        score = rounded(Decimal(previous_index) * top / HUNDRED) if from_previous else rounded(scores[aspect.pk])
        # The contribution of a baseline taken from the previous index is computed from the index itself, so
        # the rounding of the scaled score does not shift it.
        exact = Decimal(previous_index) / HUNDRED if from_previous else (score / top if top else Decimal(0))
        parts.append(AspectPart(aspect=aspect, score=score, contribution=rounded(aspect.weight * exact),
                                from_previous=from_previous))
    return IndexResult(parts=parts, index=rounded(sum((part.contribution for part in parts), Decimal(0))))


def share(done: int, total: int) -> Decimal | None:
    """``done`` of ``total`` as a percentage with two decimals; None when there is nothing to count."""
    return rounded(Decimal(done) * HUNDRED / total) if total else None


def register_shares(plan_programs, status_by_program: dict) -> tuple:
    """(programs done %, quick wins done %) of a register's programs given the team's reported status per
    program id; (None, None) without a register."""
    plan_programs = list(plan_programs)
    done = [p for p in plan_programs if status_by_program.get(p.pk) == ProgramProgress.Status.DONE]
    quick_wins = [p for p in plan_programs if p.quick_win]
    return (share(len(done), len(plan_programs)),
            share(sum(1 for p in done if p.quick_win), len(quick_wins)))


def dimension_shares(plan_programs, status_by_program: dict) -> list:
    """[(dimension, share done %)] of the register's dimensions, in the register's order."""
    counts = {}
    for program in plan_programs:
        entry = counts.setdefault(program.dimension_id, [program.dimension, 0, 0])
        entry[2] += 1
        entry[1] += status_by_program.get(program.pk) == ProgramProgress.Status.DONE
    return [(dimension, share(done, total)) for dimension, done, total in counts.values()]


def strongest_and_weakest(plan_programs, status_by_program: dict) -> tuple:
    """The dimensions with the highest and the lowest share of register programs done (None, None without a
    register); with one dimension it is both."""
    shares = dimension_shares(plan_programs, status_by_program)
    if not shares:
        return None, None
    ordered = sorted(shares, key=lambda item: item[1])
    return ordered[-1], ordered[0]
