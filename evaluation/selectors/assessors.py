"""Which teams of a round a person assesses: the one place that answers it, cached on the user per request."""

from evaluation.models import Assessment


def assessed_round_team_ids(user, program_id) -> frozenset:
    """Ids of the program's RoundTeams ``user`` is an assessor of (every round of the program)."""
    if not user.is_authenticated or program_id is None:
        return frozenset()
    cache = user.__dict__.setdefault("_bimtek_assessed", {})
    if program_id not in cache:
        cache[program_id] = frozenset(Assessment.objects.filter(
            assessor_id=user.pk, round_team__round__program_id=program_id).values_list("round_team_id", flat=True))
    return cache[program_id]
