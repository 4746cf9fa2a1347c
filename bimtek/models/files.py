from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.storage import PrivateUploadTo
from bimtek.uploads import KIND_LABELS


def checked_field_names(field_name: str = "file") -> dict:
    """The names of what is kept about the upload in ``field_name``: for ``file`` the plain names, for any other
    field the same names after the field's (``logo`` -> ``logo_original_name``, ``logo_kind``, ...)."""
    prefix = "" if field_name == "file" else f"{field_name}_"
    return {part: f"{prefix}{part}" for part in ("original_name", "kind", "size", "sha256")}


def upload_fields(field_name: str, *, label, folder=None) -> dict:
    """The fields of one stored upload: the file under a server-chosen name, and what was checked about it.

    ``bimtek.filestore.store_upload`` fills them all. Without ``folder``, the model's ``upload_folder`` names the
    storage folder.
    """
    names = checked_field_names(field_name)
    return {
        field_name: models.FileField(label, upload_to=PrivateUploadTo(folder), blank=True),
        names["original_name"]: models.CharField(_("file name"), max_length=255, blank=True),
        names["kind"]: models.CharField(_("file kind"), max_length=10, choices=list(KIND_LABELS.items()),
                                        blank=True),
        names["size"]: models.PositiveBigIntegerField(_("size"), default=0),
        names["sha256"]: models.CharField(max_length=64, blank=True),
    }


def uploaded_file_model(field_name: str, *, label, folder: str | None) -> type[models.Model]:
    """An abstract model with one more named upload (``upload_fields``), for a model that holds several files."""
    meta = type("Meta", (), {"abstract": True})
    return type(f"Uploaded_{field_name}", (models.Model,), {
        "__module__": __name__, "Meta": meta, **upload_fields(field_name, label=label, folder=folder)})


class UploadedFile(uploaded_file_model("file", label=_("file"), folder=None)):
    """The fields every stored upload has (``upload_fields``), for a model that holds one file in ``file``.

    A model names its storage folder in ``upload_folder``.
    """

    upload_folder = "uploads"

    class Meta:
        abstract = True
