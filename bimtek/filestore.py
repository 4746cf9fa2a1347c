"""What a file upload is, once for every upload field: checked, named by the server, tied to its transaction.

The recipe, for drafts, feedback, materials, signed sheets, participant lists and certificate pictures alike:

1. the view stops a file that passes its limit while it arrives (``bimtek.views.mixins.LimitedUploadMixin``),
   and the form says so next to the field (``bimtek.forms.UploadFormMixin``);
2. the service checks the bytes (``bimtek.uploads.check_upload``) and ``store_upload`` writes the file under a
   server-chosen name, filling the shared fields kept with it (``bimtek.models.upload_fields``: original
   name, kind, size, sha256; ``UploadedFile`` for a model's one ``file``, ``uploaded_file_model`` for named
   ones such as a certificate template's ``logo`` and ``background``);
3. it does so inside the service's transaction: if that rolls back, however far out, the files written in
   it are deleted again (``delete_on_rollback``), so a failed save leaves no orphan on disk; files replaced
   or removed are deleted only after the commit (``delete_after_commit``), so a rollback never loses a
   file a row still points to.
"""

import weakref

from django.core.exceptions import ValidationError
from django.db import transaction

from bimtek.downloads import clean_filename
from bimtek.models.files import checked_field_names
from bimtek.uploads import EXTENSIONS, CheckedUpload, check_upload


class _KeptOnCommit:
    """Waits in the transaction's on-commit list and, when the transaction commits, keeps its file.

    Django has no rollback hook, but a rollback (of the transaction, or of a savepoint the file was
    stored under) drops the transaction's on-commit callbacks; this one, dropped without having run,
    is collected at once and its finalizer deletes the file.
    """

    def __init__(self, storage, name):
        self._delete = weakref.finalize(self, storage.delete, name)

    def __call__(self):
        self._delete.detach()


def delete_on_rollback(storage, name: str) -> None:
    """Delete the stored file again unless the transaction it was stored in commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Files are stored inside a transaction, so a rollback can take them back.")
    transaction.on_commit(_KeptOnCommit(storage, name))


def download_name(original_name: str, kind: str) -> str:
    """The user's file name, cleaned, ending in the extension of what the file really is."""
    name = clean_filename(original_name)
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= 5 and extension.isalnum():
        name = stem
    return f"{name}.{EXTENSIONS[kind]}"


def store_file(instance, field_name: str, file) -> str:
    """Write an already checked file into ``instance.<field_name>`` under a server-chosen name (not saved).

    Must run inside a transaction: if it rolls back, the file is deleted again. A file Django spooled to
    disk is moved, not read again, by the file-system storage.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Files are stored inside a transaction, so a rollback can take them back.")
    field = instance._meta.get_field(field_name)
    file.seek(0)
    name = field.storage.save(field.generate_filename(instance, file.name or "upload"), file,
                              max_length=field.max_length)
    delete_on_rollback(field.storage, name)
    setattr(instance, field_name, name)
    return name


def store_upload(instance, file, *, kinds=(), max_bytes=0, checked: CheckedUpload | None = None,
                 field_name: str = "file") -> CheckedUpload:
    """Check ``file`` by its content and store it in ``instance.<field_name>``, filling the fields kept with it
    (``bimtek.models.upload_fields``: ``original_name``... for ``file``, ``logo_original_name``... for ``logo``).

    Refused (ValidationError on ``field_name``, nothing written) when empty, too large or of another kind.
    ``checked``: the file was already checked (e.g. by a stricter check of its own).
    """
    if checked is None:
        try:
            checked = check_upload(file, kinds=kinds, max_bytes=max_bytes)
        except ValidationError as error:
            raise ValidationError({field_name: error.messages}) from None
    store_file(instance, field_name, file)
    _keep(instance, field_name, original_name=download_name(file.name or "", checked.kind), kind=checked.kind,
          size=checked.size, sha256=checked.sha256)
    return checked


def _keep(instance, field_name: str, **values) -> None:
    for part, name in checked_field_names(field_name).items():
        setattr(instance, name, values[part])


def clear_upload(instance, field_name: str = "file") -> None:
    """Empty ``instance.<field_name>`` and what was kept about it; the file itself goes with delete_after_commit."""
    setattr(instance, field_name, "")
    _keep(instance, field_name, original_name="", kind="", size=0, sha256="")


def delete_after_commit(*fieldfiles) -> None:
    """Delete these stored files once the transaction that stopped using them has committed."""
    names = [(f.storage, f.name) for f in fieldfiles if f]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
