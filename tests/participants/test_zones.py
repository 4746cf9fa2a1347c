"""Every way a person is added gives them the zone one rule decides: a participant their region's, staff theirs."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from participants import import_run, services
from participants.models import Participant
from participants.zones import person_time_zone
from tests import factories
from tests.factories import list_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def jayapura_team():
    program = factories.make_program()
    region = factories.make_region(name="Jayapura", kind="kota", province="Papua", time_zone="Asia/Jayapura")
    return factories.make_team(program, region=region)


@pytest.fixture
def organizer_client(client, jayapura_team):
    organizer = factories.make_staff(jayapura_team.program, "organizer")
    client.force_login(organizer)
    return client


def test_a_member_added_by_hand_to_a_team_in_jayapura_sees_wit(organizer_client, jayapura_team):
    program = jayapura_team.program
    response = organizer_client.post(reverse("participant_create", args=[program.pk, jayapura_team.pk]), {
        "email": "yohanes@jayapurakota.go.id", "full_name": "Yohanes Wanma'ur", "team_role": "member"})
    assert response.status_code == 302
    assert Participant.objects.get(team=jayapura_team).user.time_zone == "Asia/Jayapura"


def test_an_imported_member_and_an_existing_account_not_yet_used_get_the_regions_zone(jayapura_team):
    program = jayapura_team.program
    organizer = factories.make_user()
    waiting = factories.make_user(email="lama@jayapurakota.go.id")  # created elsewhere, never logged in: WIB
    rows = [list_row(1, email="baru@jayapurakota.go.id", region="Kota Jayapura", province="Papua"),
            list_row(2, email=waiting.email, region="Kota Jayapura", province="Papua")]
    item = factories.make_participant_import(program, uploaded_by=organizer, rows=rows)
    assert import_run.participant_import_confirm(upload=item, confirmed_by=organizer).ok
    zones = dict(Participant.objects.filter(team=jayapura_team).values_list("user__email", "user__time_zone"))
    assert zones == {"baru@jayapurakota.go.id": "Asia/Jayapura", "lama@jayapurakota.go.id": "Asia/Jayapura"}


def test_a_region_new_to_bimtek_gets_its_provinces_zone_and_its_people_too():
    program = factories.make_program()
    organizer = factories.make_user()
    rows = [list_row(1, email="a@ambon.go.id", region="Kota Ambon", province="Maluku")]
    item = factories.make_participant_import(program, uploaded_by=organizer, rows=rows)
    import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    assert Participant.objects.get().user.time_zone == "Asia/Jayapura"


def test_someone_who_chose_a_zone_keeps_it_when_added_to_a_team(jayapura_team):
    user = factories.make_user(time_zone="Asia/Makassar")
    user.last_login = timezone.now()
    user.save()
    participant = factories.make_participant(jayapura_team, user=user)
    participant.user.refresh_from_db()
    assert participant.user.time_zone == "Asia/Makassar"


def test_staff_have_no_region_and_keep_their_zone_or_the_default(organizer_client, jayapura_team):
    program = jayapura_team.program
    organizer_client.post(reverse("staff_list", args=[program.pk]), {
        "email": "mentor@univ.example", "full_name": "Dr. Dina", "role": "mentor"})
    chosen = factories.make_user(email="evaluator@univ.example", time_zone="Asia/Makassar")
    services.staff_add(program=program, email=chosen.email, full_name="", role="evaluator")
    zones = dict(program.roles.filter(role__in=["mentor", "evaluator"]).values_list("user__email", "user__time_zone"))
    assert zones == {"mentor@univ.example": "Asia/Jakarta", "evaluator@univ.example": "Asia/Makassar"}
    assert person_time_zone() == "Asia/Jakarta"


def test_the_check_in_screen_shows_the_rooms_time_not_the_organizers(client, jayapura_team):
    program = jayapura_team.program
    organizer = factories.make_staff(program, "organizer")  # reads WIB
    stage = program.stages.get(ordinal=1)
    start = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura"))
    session = factories.make_session(stage, starts_at=start, teams=[jayapura_team], time_zone="Asia/Jayapura")
    client.force_login(organizer)
    page = client.get(reverse("checkin_display", args=[program.pk, session.pk])).content.decode()
    assert "09.00–11.00 WIT" in page and "07.00–09.00 WIB" not in page
    # Elsewhere the organizer reads times in their own zone.
    assert "07.00–09.00 WIB" in client.get(reverse("session_detail", args=[program.pk, session.pk])).content.decode()


def test_the_default_due_time_is_2359_in_the_programs_zone_shown_in_the_viewers(client, jayapura_team):
    program = jayapura_team.program
    organizer = factories.make_staff(program, "organizer")
    organizer.time_zone = "Asia/Jayapura"
    organizer.save()
    client.force_login(organizer)
    stage = program.stages.get(ordinal=2)
    form = client.get(reverse("assignment_create", args=[program.pk]) + "?stage=2").context["form"]
    due = stage.end_date + datetime.timedelta(days=14)
    assert form.initial["due_at"] == datetime.datetime.combine(due, datetime.time(23, 59),
                                                              tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta"))
    # The organizer in Jayapura sees that moment in WIT: 01.59 the next day.
    assert form["due_at"].value().replace(tzinfo=None) == datetime.datetime.combine(
        due + datetime.timedelta(days=1), datetime.time(1, 59))


def test_a_participant_added_in_the_back_office_gets_the_regions_zone(client, jayapura_team):
    factories.log_in_to_back_office(client, factories.make_user(is_staff=True, is_superuser=True))
    person = factories.make_user(email="ondi@jayapurakota.go.id")
    response = client.post(reverse("admin:participants_participant_add"), {
        "user": person.pk, "team": jayapura_team.pk, "full_name": "Ondi Kogoya", "team_role": "member",
        "nip": "", "position": "", "agency": "", "phone": "", "group": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "Asia/Jayapura"
