"""Checking and storing the files of drafts, feedback and materials."""

from django.core.exceptions import ValidationError

from bimtek.downloads import clean_filename
from bimtek.uploads import EXTENSIONS, check_upload


def download_name(original_name: str, kind: str) -> str:
    """The user's file name, cleaned, ending in the extension of what the file really is."""
    name = clean_filename(original_name)
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) <= 5 and extension.isalnum():
        name = stem
    return f"{name}.{EXTENSIONS[kind]}"


def check_file(file, *, kinds, max_bytes):
    """check_upload, with its refusal attached to the form's ``file`` field."""
    try:
        return check_upload(file, kinds=kinds, max_bytes=max_bytes)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None


def store_checked_file(model, field_name: str, file) -> str:
    """Save an already checked file under a server-chosen name; returns the name in storage.

    A file Django spooled to disk is moved, not read again, by the file-system storage.
    """
    field = model._meta.get_field(field_name)
    return field.storage.save(field.generate_filename(None, file.name or "upload"), file,
                              max_length=field.max_length)
