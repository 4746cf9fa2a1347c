"""Session pages and check-in do the same work in a program four times larger."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.models import Participant, Team
from sessions import checkin, selectors
from sessions.models import Attendance, TrainingSession
from tests.page_work import assert_bounded, two_sizes

pytestmark = pytest.mark.django_db


def plenary_now(program):
    """An all-team session of the program whose check-in is open now (made once per program)."""
    stage = program.stages.order_by("ordinal").last()
    start = timezone.now().replace(microsecond=0)
    session, _created = TrainingSession.objects.get_or_create(
        stage=stage, title="Pleno Sekarang", defaults={
            "kind": TrainingSession.Kind.PLENARY, "all_teams": True, "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2), "time_zone": "Asia/Jakarta"})
    return session


def test_typed_code_check_in_does_the_same_work_in_a_larger_program(monkeypatch):
    def check_in(program):
        session = plenary_now(program)
        team = Team.objects.filter(program=program).order_by("pk").first()
        person = Participant.objects.filter(team=team).exclude(user__attendances__session=session).first().user
        client = Client()
        client.force_login(person)
        code = checkin.current_code(session, selectors.attendance_policy(program))

        def post():
            response = client.post(reverse("checkin_code"), {"code": code})
            assert response.status_code == 200 and b"Pleno Sekarang" in response.content
            assert Attendance.objects.filter(session=session, person=person).exists()
        return post

    small, large = two_sizes(monkeypatch, check_in)
    assert_bounded(small, large)
