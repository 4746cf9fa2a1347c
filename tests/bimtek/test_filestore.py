"""bimtek.filestore: every upload is stored by one recipe, and a rolled-back transaction leaves no file behind."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from PIL import Image

from bimtek.filestore import delete_after_commit, download_name, store_upload
from certificates.models import CertificateTemplate
from materials.models import DraftVersion, Feedback, Material
from materials.services import feedback_give, material_publish
from participants.models import ParticipantImport
from sessions.models import SignedSheet
from sessions.services import signed_sheet_add
from tests import factories
from tests.stored import stored_files

pytestmark = pytest.mark.django_db


def refuse_inserts(model):
    """Make the database itself refuse any new row of ``model``: a real DB error, after the file is stored."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CREATE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN "
                           "RAISE EXCEPTION 'the database refused the row'; END $$ LANGUAGE plpgsql")
            cursor.execute(f"CREATE TRIGGER refuse_row BEFORE INSERT ON {table} FOR EACH ROW "
                           "EXECUTE FUNCTION refuse_row()")
        else:
            cursor.execute(f"CREATE TRIGGER refuse_row BEFORE INSERT ON {table} "
                           "BEGIN SELECT RAISE(ABORT, 'the database refused the row'); END")


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def place(world):
    stage = world.program.stages.get(ordinal=1)
    assignment = factories.make_assignment(world.program, stage=stage, created_by=world.users["organizer"])
    return world, stage, assignment


def upload_draft(world, stage, assignment, refuse):
    refuse(DraftVersion)
    return factories.make_version(assignment, world.team_a, by=world.participant.user)


def upload_feedback(world, stage, assignment, refuse):
    with transaction.atomic():  # the version exists before the database starts refusing feedback
        version = factories.make_version(assignment, world.team_a, by=world.participant.user)
    refuse(Feedback)
    return feedback_give(version=version, mentor=world.users["mentor"], comment="Lihat catatan di berkas.",
                         decision="comment", file=factories.upload(factories.pdf_bytes("Catatan")), notify=False)


def upload_material(world, stage, assignment, refuse):
    refuse(Material)
    return material_publish(stage=stage, title="Paparan", published_by=world.users["organizer"],
                            file=factories.upload(factories.pdf_bytes("Paparan"), "paparan.pdf"))


def upload_signed_sheet(world, stage, assignment, refuse):
    session = factories.make_session(stage)
    refuse(SignedSheet)
    return signed_sheet_add(session=session, file=factories.upload(factories.pdf_bytes("Daftar Hadir"), "scan.pdf"),
                            uploaded_by=world.users["organizer"])


def upload_participant_list(world, stage, assignment, refuse):
    refuse(ParticipantImport)
    return factories.make_participant_import(world.program, uploaded_by=world.users["organizer"])


def upload_certificate_logo(world, stage, assignment, refuse):
    refuse(CertificateTemplate)
    return factories.make_certificate_template(world.program, logo=factories.upload(png_bytes(), "logo.png"))


# Each uploads one file through its service; ``refuse(Model)`` runs just before the service is called.
UPLOADS = [upload_draft, upload_feedback, upload_material, upload_signed_sheet, upload_participant_list,
           upload_certificate_logo]


@pytest.mark.parametrize("do_upload", UPLOADS)
def test_a_database_error_after_the_file_is_stored_leaves_no_file(place, do_upload):
    before = stored_files()
    with pytest.raises(DatabaseError):
        with transaction.atomic():
            do_upload(*place, refuse=refuse_inserts)
    assert stored_files() == before


@pytest.mark.parametrize("do_upload", UPLOADS)
def test_an_upload_that_is_saved_keeps_its_file_under_a_server_chosen_name(place, do_upload):
    saved = do_upload(*place, refuse=lambda model: None)
    name = saved.logo.name if isinstance(saved, CertificateTemplate) else saved.file.name
    assert name in stored_files()
    assert "." not in name.rsplit("/", 1)[-1]  # the user's name never reaches the storage path


def test_a_rollback_further_out_deletes_the_files_of_a_block_that_succeeded(world):
    sheet = SignedSheet(session=factories.make_session(world.program.stages.get(ordinal=1)))
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            with transaction.atomic():
                store_upload(sheet, factories.upload(factories.pdf_bytes("Pindaian")), kinds=["pdf"],
                             max_bytes=10 ** 6)
            assert stored_files() == [sheet.file.name]
            raise RuntimeError("a later step failed")
    assert stored_files() == []


def test_the_shared_fields_say_what_was_checked(world):
    sheet = SignedSheet()
    content = factories.pdf_bytes("Pindaian")
    with transaction.atomic():
        checked = store_upload(sheet, factories.upload(content, "Daftar hadir/../scan.PDF.exe"), kinds=["pdf"],
                               max_bytes=10 ** 6)
    assert (sheet.kind, sheet.size, sheet.sha256) == ("pdf", len(content), checked.sha256)
    assert sheet.original_name == download_name("scan.PDF.exe", "pdf") == "scan.PDF.pdf"


def test_a_refused_file_is_never_written_and_the_error_names_the_field(world):
    with pytest.raises(ValidationError) as refusal, transaction.atomic():
        store_upload(SignedSheet(), factories.upload(b"MZ\x90\x00", "scan.pdf"), kinds=["pdf"], max_bytes=10 ** 6)
    assert list(refusal.value.message_dict) == ["file"] and stored_files() == []


@pytest.mark.django_db(transaction=True)
def test_storing_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        store_upload(SignedSheet(), factories.upload(factories.pdf_bytes("x")), kinds=["pdf"], max_bytes=10 ** 6)
    assert stored_files() == []


def test_a_replaced_file_is_deleted_only_after_the_commit(world, django_capture_on_commit_callbacks):
    sheet = SignedSheet()
    with transaction.atomic():
        store_upload(sheet, factories.upload(factories.pdf_bytes("x")), kinds=["pdf"], max_bytes=10 ** 6)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delete_after_commit(sheet.file)
    assert stored_files() == [sheet.file.name]
    for callback in callbacks:
        callback()
    assert stored_files() == []
