import datetime

import pytest
from django.contrib.auth import get_user_model
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


@pytest.fixture
def english_world(world, english):
    """Everyone in the world reads English too, so assertions on wording survive the Indonesian catalogue."""
    get_user_model().objects.update(language="en")
    for user in world.users.values():
        if user is not None:
            user.language = "en"
