"""Checks for the files a certificate template carries: logo, signature images, background.

Each file is first checked by its bytes (bimtek.uploads.check_upload), then
opened the way the PDF will open it, so a broken or oversized picture is
refused at upload instead of breaking every certificate later.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bimtek.images import LOGO_KINDS, image_size
from bimtek.uploads import check_upload
from certificates.pdf_background import background_page, displayed_size

SIGNATURE_KINDS = LOGO_KINDS
BACKGROUND_KINDS = ("pdf", "png", "jpeg")
SIGNATURE_MAX_BYTES = 1024 * 1024
BACKGROUND_MAX_BYTES = 10 * 1024 * 1024
A4_RATIO = 297 / 210
RATIO_TOLERANCE = 0.04


def _check_ratio(width: float, height: float, orientation: str):
    landscape = width >= height
    if landscape != (orientation == "landscape"):
        raise ValidationError(
            _("The background is %(found)s but the page is %(page)s.") % {
                "found": _("landscape") if landscape else _("portrait"),
                "page": _("landscape") if orientation == "landscape" else _("portrait")})
    ratio = max(width, height) / min(width, height)
    if abs(ratio - A4_RATIO) / A4_RATIO > RATIO_TOLERANCE:
        raise ValidationError(_("The background does not have the proportions of an A4 page (297 × 210 mm); "
                                "it would be stretched."))


def check_background(file, *, orientation: str) -> str:
    """A PNG or JPEG, or a one-page PDF, shaped like the A4 page it goes under; returns 'image' or 'pdf'."""
    checked = check_upload(file, kinds=BACKGROUND_KINDS, max_bytes=BACKGROUND_MAX_BYTES)
    if checked.kind == "pdf":
        file.seek(0)
        try:
            page = background_page(file.read())
            width, height = displayed_size(page)
        except ValueError as error:
            if "pages" in str(error):
                raise ValidationError(_("The background PDF must have exactly one page.")) from None
            raise ValidationError(_("The background PDF is protected and cannot be used.")) from None
        except Exception:  # pypdf raises many kinds of error for a broken file
            raise ValidationError(_("The background PDF cannot be read; export it again.")) from None
        finally:
            file.seek(0)
        _check_ratio(width, height, orientation)
        return "pdf"
    width, height = image_size(file)
    _check_ratio(width, height, orientation)
    return "image"
