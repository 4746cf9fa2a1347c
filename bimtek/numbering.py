"""Certificate numbers from a program's format, e.g. ``{seq:03d}/BIMTEK-SC/{year}`` → ``012/BIMTEK-SC/2026``."""

import datetime
import re
import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIELDS = ("seq", "year", "month", "month_roman")
# Indonesian letter numbers write the month in Roman numerals: 012/BIMTEK/XI/2026.
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# A width or precision above this is no certificate number: "{seq:9223372036854775807}" would allocate
# gigabytes (or overflow) before any length check could see the result.
MAX_SPEC_NUMBER = 20


def _check_specs(number_format: str) -> list[str]:
    """The field names of the format; refuses unpaired braces, nested fields and huge widths."""
    try:
        parsed = [(name, spec or "") for _text, name, spec, _conv in string.Formatter().parse(number_format)
                  if name is not None]
    except ValueError:
        raise ValidationError(_("Braces must come in pairs, e.g. {seq:03d}.")) from None
    for _name, spec in parsed:
        if "{" in spec or "}" in spec or any(int(digits) > MAX_SPEC_NUMBER for digits in re.findall(r"\d+", spec)):
            raise ValidationError(_("A field is padded to at most %(max)s characters, e.g. {seq:03d}.")
                                  % {"max": MAX_SPEC_NUMBER})
    return [name for name, _spec in parsed]


def format_number(number_format: str, *, sequence: int, on: datetime.date) -> str:
    _check_specs(number_format)  # a format stored before the check, or set in the back office
    return number_format.format(seq=sequence, year=on.year, month=f"{on.month:02d}",
                                month_roman=ROMAN_MONTHS[on.month - 1])


def check_number_format(number_format: str) -> None:
    """Refuse a format that would not number uniquely or would not format at all."""
    fields = _check_specs(number_format)
    unknown = [name for name in fields if name not in FIELDS]
    if unknown:
        raise ValidationError(_("Unknown field %(field)s; use {seq}, {year}, {month} or {month_roman}.")
                              % {"field": "{%s}" % unknown[0]})
    if fields.count("seq") != 1:
        raise ValidationError(_("The format needs {seq} exactly once, so every number is different."))
    try:
        format_number(number_format, sequence=1, on=datetime.date(2026, 11, 27))
    except (ValueError, TypeError, IndexError, KeyError):
        raise ValidationError(_("This format cannot be filled in; {seq:03d} pads the number to three digits."))\
            from None
    if len(format_number(number_format, sequence=999_999, on=datetime.date(2026, 12, 31))) > 100:
        raise ValidationError(_("The numbers would be longer than 100 characters."))
