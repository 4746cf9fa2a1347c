"""`manage.py backup` and `restore`: every row and every file comes back as it was."""
import hashlib
import io
import tarfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from bimtek.backup import SKIPPED, storage_files
from participants.models import Participant, Team

pytestmark = pytest.mark.django_db


def plain(value):
    if isinstance(value, list):  # many-to-many: the related primary keys
        return sorted(getattr(item, "pk", item) for item in value)
    return value.name if isinstance(value, FieldFile) else value


def rows():
    """Every backed-up row as its field values, by model and primary key."""
    table = {}
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED:
            continue
        table[model._meta.label_lower] = {
            obj.pk: {key: plain(value) for key, value in model_to_dict(obj).items()}
            for obj in model._base_manager.order_by("pk")}
    return table


def files():
    return {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in storage_files()}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_restore_brings_back_every_row_and_file_after_changes(demo, tmp_path):
    before_rows, before_files = rows(), files()
    assert sum(len(r) for r in before_rows.values()) > 500 and len(before_files) > 10
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    # What happens after a backup: a team goes, a person is renamed, a file is lost, another appears.
    Team.objects.filter(pk=Team.objects.order_by("pk").first().pk).delete()
    Participant.objects.update(full_name="Changed")
    lost = next(iter(before_files))
    default_storage.delete(lost)
    default_storage.save("drafts/stray.pdf", ContentFile(b"%PDF-1.4 stray"))
    assert rows() != before_rows

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "every count and checksum matches" in out.getvalue()
    assert rows() == before_rows
    assert files() == before_files


def test_a_damaged_archive_is_refused_and_changes_nothing(demo, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    before_rows, before_files = rows(), files()

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    not_a_backup = tmp_path / "other.tar.gz"
    with tarfile.open(not_a_backup, "w:gz") as other:
        info = tarfile.TarInfo("readme.txt")
        other.addfile(info, io.BytesIO(b""))

    for bad in (truncated, not_a_backup, tmp_path / "missing.tar.gz"):
        with pytest.raises(CommandError):
            call_command("restore", str(bad), "--yes", stdout=io.StringIO())
    assert rows() == before_rows
    assert files() == before_files
