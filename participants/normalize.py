"""Clean the forms in which regions write phone numbers and NIPs."""

import re
from decimal import Decimal, InvalidOperation


class NormalizeError(ValueError):
    pass


def phone_normalize(raw) -> str:
    """'0812-3456 789', '+62 812…', '62812…', '812…' → '+62812…'. Empty stays empty."""
    if raw is None:
        return ""
    text = str(raw).strip()
    if text.endswith(".0"):  # a spreadsheet number
        text = text[:-2]
    if not text:
        return ""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    if not 8 <= len(digits) <= 13 or not digits.startswith(("8", "2", "3", "4", "5", "6", "7", "9")):
        raise NormalizeError(text)
    return "+62" + digits


def nip_normalize(raw) -> str:
    """A NIP as 18-digit text. Refuses a value whose digits a spreadsheet already lost.

    Excel keeps 15 significant digits, so an 18-digit NIP typed as a number
    comes back as a float or in scientific notation (1.98503122010011E+17)
    with its last digits gone: such a value is refused rather than guessed.
    """
    if raw is None:
        return ""
    if isinstance(raw, bool) or isinstance(raw, float):
        raise NormalizeError(str(raw))
    text = str(raw).strip().lstrip("'").replace(" ", "")
    if not text:
        return ""
    if not re.fullmatch(r"\d{18}", text):
        raise NormalizeError(text)
    return text
