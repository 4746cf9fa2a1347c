"""Import services: upload and preview, confirm all or nothing, invitations after commit, discard and clean-up."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from participants import import_run
from participants.models import Participant, ParticipantImport, Region, Team
from tests import factories
from tests.factories import list_row, upload, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
User = get_user_model()


@pytest.fixture
def organizer():
    return factories.make_user()


def test_an_upload_is_kept_under_a_server_chosen_name_with_its_preview_and_nothing_is_imported(organizer):
    program = factories.make_program()
    item = factories.make_participant_import(program, uploaded_by=organizer)
    assert item.status == "previewed" and item.kind == "xlsx" and item.original_name == "daftar.xlsx"
    assert item.file.name.startswith("imports/") and "daftar" not in item.file.name
    assert [row["status"] for row in item.preview["rows"]] == ["new", "new"]
    assert item.preview["counts"]["new_teams"] == 1
    assert not Participant.objects.exists()


def test_confirming_imports_every_row_deletes_the_stored_file_and_invites_only_when_chosen(
        organizer, django_capture_on_commit_callbacks):
    program = factories.make_program()
    item = factories.make_participant_import(program, uploaded_by=organizer, send_invitations=True)
    stored = item.file.storage, item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    assert outcome.ok
    item.refresh_from_db()
    assert item.status == "imported" and item.summary["new"] == 2 and item.summary["invited"] == 2
    assert not stored[0].exists(stored[1]) and not item.file
    assert Participant.objects.filter(team__program=program).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Participant.objects.values_list("user__email", flat=True))


def test_no_invitation_unless_chosen_and_none_to_someone_who_already_has_a_password(
        organizer, django_capture_on_commit_callbacks):
    program = factories.make_program()
    factories.make_user(email="lama@kotim.go.id", password="a-long-password-123")
    rows = [list_row(1, email="lama@kotim.go.id"), list_row(2)]
    invited = factories.make_participant_import(program, uploaded_by=organizer, rows=rows, send_invitations=True)
    with django_capture_on_commit_callbacks(execute=True):
        import_run.participant_import_confirm(upload=invited, confirmed_by=organizer)
    assert [message.to for message in mail.outbox] == [[rows[1][5]]]
    mail.outbox.clear()
    quiet = factories.make_participant_import(program, uploaded_by=organizer, rows=[list_row(3)])
    with django_capture_on_commit_callbacks(execute=True):
        import_run.participant_import_confirm(upload=quiet, confirmed_by=organizer)
    assert mail.outbox == []


def test_an_import_that_fails_at_confirmation_writes_nothing_at_all(organizer):
    program = factories.make_program()
    rows = [list_row(1, region="Kota Baru Sekali", province="Kalimantan Timur"),
            list_row(2, nip="198503122010011001")]
    item = factories.make_participant_import(program, uploaded_by=organizer, rows=rows)
    assert item.preview["counts"]["error"] == 0
    # Between the preview and the confirmation, someone else gets that NIP in the program.
    factories.make_participant(factories.make_team(program), nip="198503122010011001")
    users_before, teams_before = User.objects.count(), Team.objects.count()
    outcome = import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    assert not outcome.ok
    assert User.objects.count() == users_before and Team.objects.count() == teams_before
    assert not Region.objects.filter(name="Baru Sekali").exists()
    assert Participant.objects.filter(team__program=program).count() == 1
    item.refresh_from_db()
    assert item.status == "previewed" and item.preview["counts"]["error"] == 1
    assert item.preview["rows"][1]["errors"][0][0] == "NIP"


def test_a_list_cannot_be_imported_twice(organizer):
    program = factories.make_program()
    item = factories.make_participant_import(program, uploaded_by=organizer)
    import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    with pytest.raises(ValidationError):
        import_run.participant_import_confirm(upload=item, confirmed_by=organizer)
    assert Participant.objects.count() == 2


def test_a_list_without_regions_needs_a_team_of_the_program(organizer):
    program = factories.make_program()
    content = xlsx_bytes(["Nama", "Email"], ["Siti", "siti@kotim.go.id"])
    with pytest.raises(ValidationError) as caught:
        import_run.participant_import_upload(program=program, file=upload(content, "tim.xlsx"), uploaded_by=organizer)
    assert "no Kabupaten/Kota column" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        import_run.participant_import_upload(program=program, file=upload(content, "tim.xlsx"), uploaded_by=organizer,
                                           team=factories.make_team(factories.make_program()))
    team = factories.make_team(program)
    item = import_run.participant_import_upload(program=program, file=upload(content, "tim.xlsx"),
                                              uploaded_by=organizer, team=team)
    assert item.preview["rows"][0]["team"] == str(team.region)


def test_discarding_deletes_the_file_and_stale_previews_are_discarded_by_the_next_upload(
        organizer, django_capture_on_commit_callbacks):
    program = factories.make_program()
    old = factories.make_participant_import(program, uploaded_by=organizer)
    ParticipantImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    storage, name = old.file.storage, old.file.name
    with django_capture_on_commit_callbacks(execute=True):
        recent = factories.make_participant_import(program, uploaded_by=organizer)
    old.refresh_from_db()
    assert old.status == "discarded" and not storage.exists(name) and "rows" not in old.preview
    with django_capture_on_commit_callbacks(execute=True):
        import_run.participant_import_discard(upload=recent)
    recent.refresh_from_db()
    assert recent.status == "discarded" and not recent.file


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment_import_the_list_once():
    program = factories.make_program()
    organizer = factories.make_staff(program, "organizer")
    item = factories.make_participant_import(program, uploaded_by=organizer,
                                             rows=[list_row(number) for number in range(1, 6)])
    start = threading.Barrier(2)

    def confirm(_):
        try:
            start.wait(timeout=30)  # a double click, or two tabs
            return import_run.participant_import_confirm(upload=item, confirmed_by=organizer).ok
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        results = sorted(map(str, pool.map(confirm, range(2))))
    assert results == ["True", "refused"]
    assert Participant.objects.filter(team__program=program).count() == 5
    assert User.objects.filter(email__endswith="@test.example", participations__isnull=False).count() == 5
