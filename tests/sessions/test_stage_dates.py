import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bimtek.overview.services import stage_update
from sessions.services import session_cancel
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_world")]


def test_a_stage_cannot_move_away_from_its_sessions(world, stages):
    stage = stages[1]
    factories.make_session(stage, title="Klinik Sleman")
    later = stage.start_date + datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        stage_update(stage=stage, start_date=later, end_date=later + datetime.timedelta(days=1))
    assert "Klinik Sleman" in str(error.value)
    stage.refresh_from_db()
    assert stage.start_date != later


def test_cancelled_sessions_do_not_hold_a_stage_in_place(world, stages):
    stage = stages[1]
    session_cancel(session=factories.make_session(stage))
    later = stage.start_date + datetime.timedelta(days=3)
    assert stage_update(stage=stage, start_date=later, end_date=later).start_date == later


def test_the_stage_form_says_which_sessions_to_move(client, world, stages):
    stage = stages[1]
    factories.make_session(stage, title="Pleno Pembukaan")
    client.force_login(world.users["organizer"])
    later = stage.start_date + datetime.timedelta(days=3)
    response = client.post(reverse("stage_update", args=[world.program.pk, 1]), {
        "title": stage.title, "description": "", "start_date": later, "end_date": later, "mode": "online",
        "venue": "", "meeting_url": ""})
    assert response.status_code == 200 and "Pleno Pembukaan" in response.content.decode()
