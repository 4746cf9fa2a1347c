from django.db import models
from django.utils.translation import gettext_lazy as _

from bimtek.storage import PrivateUploadTo
from bimtek.uploads import KIND_LABELS


class UploadedFile(models.Model):
    """The fields every stored upload has: the file under a server-chosen name, and what was checked about it.

    ``bimtek.filestore.store_upload`` fills them all. A model names its storage folder in ``upload_folder``.
    """

    upload_folder = "uploads"

    file = models.FileField(_("file"), upload_to=PrivateUploadTo(None), blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    kind = models.CharField(_("file kind"), max_length=10, choices=list(KIND_LABELS.items()), blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True
