"""Materials and assignments: who publishes, what is accepted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from materials import services
from materials.models import DEFAULT_FILE_KINDS, Material
from sessions.models import TrainingSession
from tests import factories
from tests.stored import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def program():
    return factories.make_program()


def publish(program, by, **fields):
    fields.setdefault("file", factories.upload(factories.pdf_bytes("Paparan"), "Paparan Tahap I.pdf"))
    return services.material_publish(stage=program.stages.first(), title="Paparan Tahap I", published_by=by,
                                     **fields)


def test_a_mentor_publishes_a_file_checked_by_content(program):
    mentor = factories.make_mentor(program)
    material = publish(program, mentor)
    assert (material.kind, material.original_name, material.created_by) == ("pdf", "Paparan Tahap I.pdf", mentor)
    assert material.file.name.startswith("materials/") and material.size == material.file.size
    with pytest.raises(ValidationError) as error:
        publish(program, mentor, file=factories.upload(b"#!/bin/sh\nrm -rf /", "paparan.pdf"))
    assert "file" in error.value.message_dict


def test_a_material_is_a_file_or_a_link_never_both_never_neither(program):
    organizer = factories.make_staff(program, "organizer")
    link = publish(program, organizer, file=None, url="https://video.example.org/pleno")
    assert (link.url, link.file.name) == ("https://video.example.org/pleno", "")
    for fields in ({"file": None}, {"url": "https://example.org"}):
        with pytest.raises(ValidationError, match="either a file or a link"):
            publish(program, organizer, **fields)
    with pytest.raises(ValidationError):
        publish(program, organizer, file=None, url="javascript:alert(1)")


def test_participants_and_evaluators_do_not_publish(program):
    participant = factories.make_participant(factories.make_team(program)).user
    for person in (participant, factories.make_staff(program, "evaluator")):
        with pytest.raises(ValidationError, match="Only the program's mentors and organizers"):
            publish(program, person)
    assert Material.objects.count() == 0


def test_a_material_of_a_session_belongs_to_the_sessions_stage(program):
    mentor = factories.make_mentor(program)
    start = timezone.now()
    session = TrainingSession.objects.create(stage=program.stages.last(), title="Klinik", starts_at=start,
                                             ends_at=start + datetime.timedelta(hours=2))
    with pytest.raises(ValidationError, match="session of the same stage"):
        publish(program, mentor, session=session)


def test_organizers_withdraw_any_material_mentors_only_their_own(program, django_capture_on_commit_callbacks):
    author, other = factories.make_mentor(program), factories.make_mentor(program)
    material = publish(program, author)
    name = material.file.name
    with pytest.raises(ValidationError):
        services.material_delete(material=material, actor=other)
    with django_capture_on_commit_callbacks(execute=True):
        services.material_delete(material=material, actor=author)
    assert not Material.objects.exists() and name not in stored_files()
    services.material_delete(material=publish(program, author), actor=factories.make_staff(program, "organizer"))


def test_an_assignment_gets_the_default_kinds_and_limit(program):
    assignment = factories.make_assignment(program)
    assert (assignment.allowed_kinds, assignment.max_size_mb) == (DEFAULT_FILE_KINDS, 100)
    assert assignment.max_bytes == 100 * 1024 * 1024


@pytest.mark.parametrize(("fields", "error"), [
    ({"allowed_kinds": []}, "allowed_kinds"),
    ({"allowed_kinds": ["exe"]}, "allowed_kinds"),
    ({"max_size_mb": 0}, "max_size_mb"),
    ({"max_size_mb": 501}, "max_size_mb"),
    ({"title": "   "}, "title"),
])
def test_an_assignment_needs_kinds_a_sane_limit_and_a_title(program, fields, error):
    with pytest.raises(ValidationError) as raised:
        factories.make_assignment(program, **fields)
    assert error in raised.value.message_dict


def test_an_assignment_takes_a_dimension_of_its_own_program_only(program):
    foreign = factories.make_program().dimensions.first()
    with pytest.raises(ValidationError) as raised:
        factories.make_assignment(program, dimension=foreign)
    assert "dimension" in raised.value.message_dict
    assert factories.make_assignment(program, dimension=program.dimensions.first()).dimension.program == program


def test_participants_do_not_create_assignments(program):
    participant = factories.make_participant(factories.make_team(program)).user
    with pytest.raises(ValidationError):
        factories.make_assignment(program, created_by=participant)


def test_an_assignment_is_changed_by_organizers_and_the_mentor_who_published_it_only(program, client):
    organizer, publisher, other = (factories.make_staff(program, "organizer"), factories.make_mentor(program),
                                   factories.make_mentor(program))
    mine = factories.make_assignment(program, created_by=publisher, title="Bab I")
    theirs = factories.make_assignment(program, created_by=organizer, title="Bab II")
    refused = ((other, mine), (publisher, theirs), (other, theirs))
    for person, assignment in refused:
        with pytest.raises(ValidationError, match="mentor who published it"):
            services.assignment_update(assignment=assignment, actor=person, title="Diubah")
    for person, assignment in refused:
        client.force_login(person)
        url = reverse("assignment_update", args=[program.pk, assignment.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Diubah"}).status_code == 404
        detail = client.get(reverse("assignment_detail", args=[program.pk, assignment.pk])).content.decode()
        assert url not in detail
    for person, assignment in ((publisher, mine), (organizer, mine), (organizer, theirs)):
        services.assignment_update(assignment=assignment, actor=person, title=f"{assignment.title}.")
        client.force_login(person)
        assert client.get(reverse("assignment_update", args=[program.pk, assignment.pk])).status_code == 200
    assert sorted(program.stages.first().assignments.values_list("title", flat=True)) == ["Bab I..", "Bab II."]


def test_the_withdraw_button_shows_by_the_same_rule_without_a_query_per_material(program, client):
    organizer, publisher, other = (factories.make_staff(program, "organizer"), factories.make_mentor(program),
                                   factories.make_mentor(program))
    url = reverse("material_list", args=[program.pk])
    withdraw = 'method="post" action="/programs/%d/materials/' % program.pk
    counts = []
    for size in (1, 5):
        while Material.objects.count() < size:
            publish(program, publisher)
        shown = {}
        for name, person in (("organizer", organizer), ("publisher", publisher), ("other", other)):
            client.force_login(person)
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                page = client.get(url).content.decode()
            shown[name] = page.count(withdraw)
            counts.append(len(queries))
        assert shown == {"organizer": size, "publisher": size, "other": 0}
    assert counts[:3] == counts[3:]
