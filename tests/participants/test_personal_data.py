"""NIP and phone numbers: the program's organizers and the person themself, on every page that shows them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bimtek.formats import nip_grouped
from tests import factories
from tests.workers import prepared
from tests.world import World

pytestmark = pytest.mark.django_db
NIP, OTHER_NIP = "198503122010011001", "197805122005011003"
PHONE, OTHER_PHONE = "+6281234567890", "+6285298765432"
WRITTEN = {NIP: nip_grouped(NIP), OTHER_NIP: nip_grouped(OTHER_NIP), PHONE: PHONE, OTHER_PHONE: OTHER_PHONE}


def test_the_team_page_shows_nip_and_phone_to_organizers_and_the_person_only(client):
    world = World()
    world.participant.nip, world.participant.phone = NIP, PHONE
    world.participant.save()
    mate = factories.make_participant(world.team_a, nip=OTHER_NIP, phone=OTHER_PHONE)
    url = reverse("team_detail", args=[world.program.pk, world.team_a.pk])
    seen = {}

    for role in ("participant", "mentor", "evaluator", "organizer"):
        client.force_login(world.users[role])
        page = client.get(url).content.decode()
        seen[role] = {value for value in (NIP, PHONE, OTHER_NIP, OTHER_PHONE) if WRITTEN[value] in page}
    client.force_login(mate.user)
    page = client.get(url).content.decode()
    seen["teammate"] = {value for value in (NIP, PHONE, OTHER_NIP, OTHER_PHONE) if WRITTEN[value] in page}
    assert seen == {"participant": {NIP, PHONE}, "teammate": {OTHER_NIP, OTHER_PHONE}, "mentor": set(),
                    "evaluator": set(), "organizer": {NIP, PHONE, OTHER_NIP, OTHER_PHONE}}


def test_the_team_page_checks_the_rule_without_a_query_per_member(client):
    world = World()
    url = reverse("team_detail", args=[world.program.pk, world.team_a.pk])
    counts = []
    for size in (2, 12):
        while world.team_a.participants.count() < size:
            factories.make_participant(world.team_a, nip=NIP, phone=PHONE)
        for role in ("participant", "organizer"):
            client.force_login(world.users[role])
            client.get(url)  # sessions and caches settle
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts.append((role, len(queries)))
    assert counts[:2] == counts[2:]


def test_the_participant_list_with_nip_and_phone_is_exported_to_organizers_only(client,
                                                                               django_capture_on_commit_callbacks):
    world = World()
    url = reverse("participant_export", args=[world.program.pk])
    for role in ("participant", "mentor", "evaluator"):
        client.force_login(world.users[role])
        assert client.post(url).status_code == 404, role
    client.force_login(world.users["organizer"])
    assert prepared(client, django_capture_on_commit_callbacks, url).body.startswith(b"PK")
