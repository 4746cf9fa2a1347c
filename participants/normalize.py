"""Clean the forms in which regions write names, e-mail addresses, phone numbers and NIPs.

Values arrive from forms and from spreadsheets, where a cell may hold a
number instead of text (Excel drops a phone number's leading zero and keeps
only 15 significant digits of an 18-digit NIP), a placeholder such as "-" for
"none", or stray spaces, non-breaking spaces and line breaks.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# What people write in a cell that has nothing to say.
PLACEHOLDERS = {"-", "--", "---", "–", "—", ".", "..", "?", "n/a", "na", "nil", "nihil", "none", "null",
                "tidak ada", "tdk ada", "belum ada", "blm ada", "kosong"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"\s+")
# Several numbers in one cell ("0812… / 0857…", "0812…, 0857…", "0812… atau 0857…"): the first one counts.
_NUMBER_SEPARATOR = re.compile(r"\s*(?:/|,|;|\|)\s*|\s+(?:atau|or|dan|and)\s+", re.IGNORECASE)
_NIP_SEPARATORS = re.compile(r"[\s.\-]")


class NormalizeError(ValueError):
    """A value that cannot be cleaned; ``message`` says why, in words a user understands."""

    def __init__(self, value, message=None):
        super().__init__(value)
        self.value = value
        self.message = message or _("This value cannot be read.")


NIP_LENGTH = _("A NIP has exactly 18 digits.")
NIP_DIGITS_LOST = _("This NIP lost its last digits because a spreadsheet stored it as a number. Format the NIP "
                    "column as text and type the full 18 digits again.")
PHONE_INVALID = _("Write the phone number as 0812…, +62 812… or 62812….")
PHONE_FOREIGN = _("Only Indonesian phone numbers (+62) are accepted.")
EMAIL_INVALID = _("This is not a valid e-mail address.")


def text_clean(value) -> str:
    """A cell as one line of text: trimmed, inner runs of spaces and line breaks made one space.

    Numbers come back without a spurious ".0", dates as YYYY-MM-DD.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if text.isprintable() and "  " not in text and text.isascii():
        return text.strip()  # the usual cell: nothing to tidy inside
    text = text.translate(_INVISIBLE).replace("\xa0", " ")
    return _SPACES.sub(" ", text).strip()


def is_placeholder(text: str) -> bool:
    return text.strip().lower() in PLACEHOLDERS


def phone_normalize(raw) -> str:
    """'0812-3456 789', '+62 812…', '+62 (0)812…', '62812…', '812…' → '+62812…'. Empty stays empty.

    A cell with several numbers keeps the first; a placeholder such as "-" is
    empty; a number with another country code is refused.
    """
    if raw is None:
        return ""
    if isinstance(raw, float):
        if not raw.is_integer():
            raise NormalizeError(raw, PHONE_INVALID)
        raw = int(raw)
    text = text_clean(raw)
    if not text or is_placeholder(text):
        return ""
    text = _NUMBER_SEPARATOR.split(text)[0]
    text = re.sub(r"\.0+$", "", text)  # a number a spreadsheet wrote as "81234567890.0"
    if text.startswith(("+", "00")) and not re.match(r"(?:\+|00)\s*\(?\s*62", text):
        raise NormalizeError(text, PHONE_FOREIGN)
    digits = re.sub(r"\D", "", text)
    if text.startswith("00"):
        digits = digits[2:]
    if digits.startswith("62"):
        digits = digits[2:]
        if digits.startswith("0"):  # "+62 (0)812…"
            digits = digits[1:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not 8 <= len(digits) <= 13 or digits[0] in "01":
        raise NormalizeError(text, PHONE_INVALID)
    return "+62" + digits


def nip_normalize(raw) -> str:
    """A NIP as 18-digit text. Refuses a value whose digits a spreadsheet already lost.

    Excel keeps 15 significant digits, so an 18-digit NIP typed as a number
    comes back as a float, in scientific notation (1.98503122010011E+17) or
    with its last three digits turned into zeros (198503122010011000). A real
    NIP ends with a sequence number from 001, so such a value is refused
    rather than guessed. Spaces, dots and dashes between the groups are dropped.
    """
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise NormalizeError(raw, NIP_LENGTH)
    if isinstance(raw, float):
        raise NormalizeError(raw, NIP_DIGITS_LOST)
    text = text_clean(raw).lstrip("'")
    if not text or is_placeholder(text):
        return ""
    if re.fullmatch(r"[\d.,]+[eE][+-]?\d+", text.replace(" ", "")):
        raise NormalizeError(text, NIP_DIGITS_LOST)
    if not re.fullmatch(r"[\d\s.\-]+", text):
        raise NormalizeError(text, NIP_LENGTH)
    digits = _NIP_SEPARATORS.sub("", text)
    if len(digits) != 18:
        raise NormalizeError(text, NIP_LENGTH)
    if digits.endswith("000"):
        raise NormalizeError(text, NIP_DIGITS_LOST)
    return digits


EMAIL_MAX_LENGTH = 254  # bimtek.models.User.email


def email_normalize(raw) -> str:
    """A trimmed, lower-case e-mail address ('mailto:' and <…> removed); empty stays empty."""
    text = text_clean(raw)
    if not text or is_placeholder(text):
        return ""
    text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).strip("<> ").lower()
    try:
        validate_email(text)
    except ValidationError:
        raise NormalizeError(text, EMAIL_INVALID) from None
    if len(text) > EMAIL_MAX_LENGTH:  # valid by RFC up to 320, but the account's column holds 254
        raise NormalizeError(text, EMAIL_INVALID)
    return text


def name_key(name: str) -> str:
    """A name without its titles, accents, apostrophes and case, to tell whether two writings are one person.

    'Dr. Ir. H. Muḥammad Ṣāliḥ, M.Si.' and 'muhammad salih' give 'muhammad salih':
    degrees follow the first comma, and titles before the name carry a dot.
    """
    words = [word for word in name.split(",")[0].split() if "." not in word] or name.split()
    plain = unicodedata.normalize("NFKD", " ".join(words))
    plain = "".join(char for char in plain if char.isalnum() or char.isspace())
    return " ".join(plain.casefold().split())


def name_clean(raw) -> str:
    """A person's name exactly as written (titles and capitals kept), spaces tidied."""
    text = text_clean(raw)
    return "" if is_placeholder(text) else text
