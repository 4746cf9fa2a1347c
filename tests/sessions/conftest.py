import datetime

import pytest
from django.utils import timezone

from bimtek.overview.services import stage_update


@pytest.fixture
def stages(world):
    """Program A's stages by number: stage I lies a month back, stage III ahead."""
    return {stage.ordinal: stage for stage in world.program.stages.all()}


@pytest.fixture
def live_stage(stages):
    """Stage II spread over yesterday, today and tomorrow, so sessions can start around now."""
    today = timezone.localdate()
    return stage_update(stage=stages[2], start_date=today - datetime.timedelta(days=1),
                        end_date=today + datetime.timedelta(days=1))


def minutes(n):
    return datetime.timedelta(minutes=n)
