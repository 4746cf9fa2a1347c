"""One archive holding the whole database and every uploaded file, and the way back.

The archive is a gzipped tar with three members: ``manifest.json`` (when, which
Django migrations, the row count of every model and the SHA-256 of every file),
``data.jsonl`` (every row, one JSON object a line, natural keys for content types
so it loads into a fresh database of any engine) and ``media/…`` (the files, read
through the storage backend, so object storage works the same as local files).
Rows are written and read as a stream; the database is never held in memory.
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
# Made again by `migrate` in the database restored into (rows refer to them by natural key).
REMADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}
# Logins do not survive a restore: everyone logs in again.
SKIPPED = REMADE_BY_MIGRATE | {"sessions.session"}


class BackupError(Exception):
    """The archive cannot be restored (wrong kind of file, damaged, or it does not match itself)."""


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them exactly."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list:
    return [model for model in apps.get_models()
            if model._meta.label_lower not in SKIPPED and not model._meta.proxy and model._meta.managed]


def storage_files(storage=default_storage, folder: str = "") -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, f"{folder}/{sub}" if folder else sub)


def file_sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def backup_write(*, path: Path, storage=default_storage) -> dict:
    """Write the database and the uploads to ``path``; return the manifest."""
    models = backed_up_models()
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.jsonl"
        counts = {}
        # One repeatable read of the whole database, so rows written meanwhile cannot split a pair.
        with transaction.atomic(), data.open("w", encoding="utf-8") as out:
            for model in models:
                rows = model._default_manager.order_by("pk")
                counts[model._meta.label_lower] = rows.count()
                JsonlSerializer().serialize(rows.iterator(chunk_size=2000), stream=out,
                                            use_natural_foreign_keys=True, cls=FullPrecisionEncoder)
        files = {}
        with tarfile.open(path, "w:gz") as archive:
            for name in storage_files(storage):
                with storage.open(name, "rb") as handle:
                    files[name] = file_sha256(handle)
                    handle.seek(0)
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = storage.size(name)
                    archive.addfile(info, handle)
            archive.add(data, arcname="data.jsonl")
            manifest = {
                "format": FORMAT, "created_at": timezone.now().isoformat(), "rows": counts, "files": files,
                "migrations": sorted(f"{app}.{name}" for app, name in
                                     MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations()),
            }
            blob = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(blob)
            archive.addfile(info, io.BytesIO(blob))
    return manifest


def _manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a bimtek backup (no readable manifest.json).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Backup format {manifest.get('format')!r} is not {FORMAT}.")
    return manifest


def backup_restore(*, path: Path, storage=default_storage) -> dict:
    """Replace the database's rows and the uploads with the archive's, and check both against its manifest.

    The database must be migrated to the archive's migrations first. The whole
    archive is read and checked before anything changes; the rows are replaced in
    one transaction, so a damaged archive leaves everything as it was.
    """
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(path, "r:gz") as archive:
                manifest = _manifest(archive)
                _check_migrations(manifest)
                data = Path(work) / "data.jsonl"
                _extract(archive, "data.jsonl", data)
                media = Path(work) / "media"
                for name, expected in manifest["files"].items():
                    target = media / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    _extract(archive, f"media/{name}", target)
                    with target.open("rb") as handle:
                        if file_sha256(handle) != expected:
                            raise BackupError(f"The file {name} in the archive is damaged (checksum differs).")
        except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
            raise BackupError(f"{path} is not a complete backup archive: {error}") from error
        with transaction.atomic():
            # Foreign keys are checked at commit, so the order of emptying does not matter.
            for model in apps.get_models(include_auto_created=True):
                if model._meta.label_lower not in REMADE_BY_MIGRATE and model._meta.managed:
                    model._base_manager.all()._raw_delete(model._base_manager.db)
            call_command("loaddata", str(data), format="jsonl", verbosity=0)
            counts = {model._meta.label_lower: model._default_manager.count() for model in backed_up_models()}
            wrong = {label: (rows, counts.get(label)) for label, rows in manifest["rows"].items()
                     if counts.get(label) != rows}
            if wrong:
                raise BackupError(f"Rows restored differ from the backup: {wrong}")
        _restore_files(manifest, media, storage)
    return manifest


def _check_migrations(manifest):
    applied = {f"{app}.{name}" for app, name in MigrationRecorder(connections[DEFAULT_DB_ALIAS]).applied_migrations()}
    missing = sorted(set(manifest["migrations"]) - applied)
    if missing:
        raise BackupError(f"Run `manage.py migrate` first: this database lacks {', '.join(missing[:5])}.")


def _extract(archive, member_name, target: Path):
    try:
        member = archive.extractfile(member_name)
    except KeyError:
        member = None
    if member is None:
        raise BackupError(f"The archive lacks {member_name}.")
    with target.open("wb") as out:
        for chunk in iter(lambda: member.read(1 << 20), b""):
            out.write(chunk)


def _restore_files(manifest, media: Path, storage):
    for name in list(storage_files(storage)):
        if name not in manifest["files"]:
            storage.delete(name)
    for name in manifest["files"]:
        if storage.exists(name):
            storage.delete(name)
        with (media / name).open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"The storage renamed {name} to {saved}.")
