import pytest
from django.core.management import call_command
from django.urls import reverse

from bimtek.models import Program
from bimtek.overview.demo.build import DOMAIN
from bimtek.overview.management.commands.seed_demo import DEMO_PASSWORD
from participants.models import Participant, Region, Team
from sessions.models import Attendance, TrainingSession

pytestmark = pytest.mark.django_db


def snapshot():
    return {model.__name__: model.objects.count()
            for model in (Program, Region, Team, Participant, TrainingSession, Attendance)}


def test_the_demo_program_is_complete_and_a_second_run_changes_nothing(client, capsys):
    call_command("seed_demo")
    first = snapshot()
    output = capsys.readouterr().out
    call_command("seed_demo")
    assert snapshot() == first

    program = Program.objects.get(name="Gerakan Menuju Smart City 2026")
    assert program.stages.count() == 4
    assert 8 <= first["Team"] <= 12
    assert Region.objects.filter(name="Kotawaringin Timur").exists()
    assert set(Region.objects.values_list("time_zone", flat=True)) == {"Asia/Jakarta", "Asia/Makassar",
                                                                        "Asia/Jayapura"}
    sizes = [team.participants.count() for team in Team.objects.filter(program=program)]
    assert min(sizes) >= 5 and max(sizes) <= 15
    assert all(program.stages.get(ordinal=n).sessions.exists() for n in range(1, 5))
    assert first["Attendance"] > 0
    assert f"panitia@{DOMAIN}" in output and "password" in output


def test_every_demo_login_reaches_a_home_page_with_data(client):
    call_command("seed_demo")

    for email in ["panitia", "mentor1", "evaluator"]:
        assert client.login(email=f"{email}@{DOMAIN}", password=DEMO_PASSWORD)
        panels = client.get(reverse("home")).context["panels"]
        assert panels and panels[0]["program"].name == "Gerakan Menuju Smart City 2026"
        client.logout()
    leader = Participant.objects.get(team__region__name="Kotawaringin Timur", team_role="leader")
    assert client.login(email=leader.user.email, password=DEMO_PASSWORD)
    page = client.get(reverse("home")).content.decode()
    assert "Kotawaringin Timur" in page
