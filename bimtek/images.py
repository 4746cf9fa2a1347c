"""Pictures people upload for documents (a logo, a signature): PNG or JPEG that really opens, of a sane size."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from bimtek.uploads import check_upload

LOGO_MAX_BYTES = 2 * 1024 * 1024
# What a logo may be, on a letterhead or a certificate.
LOGO_KINDS = ("png", "jpeg")
MAX_PIXELS = 40_000_000  # a 300 dpi A4 page is about 8.7 million


def image_size(file) -> tuple[int, int]:
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The picture is %(w)d × %(h)d pixels; make it smaller.") % {
                    "w": width, "h": height})
            image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise ValidationError(_("The picture cannot be read; save it again as PNG or JPEG.")) from None
    finally:
        file.seek(0)
    return width, height


def check_image(file, *, max_bytes: int) -> str:
    """A PNG or JPEG that opens; returns its kind."""
    checked = check_upload(file, kinds=["png", "jpeg"], max_bytes=max_bytes)
    image_size(file)
    return checked.kind
