import datetime

import pytest
from django.urls import reverse

from bimtek.overview.scale import ScaleSize, build_scale_program
from certificates.models import Certificate
from materials.models import DraftVersion
from participants.models import Participant, Team
from sessions.models import Attendance, TrainingSession

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)


def test_a_national_program_in_small_has_every_kind_of_row_in_proportion(client):
    size = ScaleSize(regions=7, team_size=6, clinics_per_stage=3, assignments_per_stage=2, versions=2)
    lines = []
    program = build_scale_program(size=size, name="Skala", today=TODAY, progress=lines.append)

    teams = Team.objects.filter(program=program)
    assert teams.count() == 7
    assert Participant.objects.filter(team__program=program).count() == 42
    sessions = TrainingSession.objects.filter(stage__program=program)
    # one plenary and three clinics (7 teams in groups of 3: 3, 3, 1) in each of the four stages
    assert sessions.count() == 4 * (1 + 3)
    # stage IV lies ahead: nobody has attended it yet; the plenaries of I–III had every participant
    assert not Attendance.objects.filter(session__stage__ordinal=4, session__stage__program=program).exists()
    assert Attendance.objects.filter(session__kind="plenary", session__stage__program=program).count() == 3 * 42
    assert 7 * 2 * 3 <= DraftVersion.objects.filter(submission__team__program=program).count() <= 7 * 2 * 3 * 2
    numbers = list(Certificate.objects.filter(program=program).values_list("number", flat=True))
    assert numbers and len(set(numbers)) == len(numbers)
    assert lines[-1].endswith("done")

    leader = Participant.objects.filter(team=teams.first(), team_role="leader").get()
    client.force_login(leader.user)
    assert client.get(reverse("team_detail", args=[program.pk, leader.team_id])).status_code == 200
