"""Where uploaded files go: server-chosen names, never the user's path."""

import uuid

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateUploadTo:
    """``upload_to`` that names files ``folder/YYYY/MM/<uuid>``.

    The user's file name is kept in a model field for downloads only; it never
    reaches the storage path, so it can neither collide nor escape the folder.
    Without a folder, the model's ``upload_folder`` names it (see bimtek.models.UploadedFile).
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        folder = self.folder or type(instance).upload_folder
        return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.folder == self.folder
