import datetime

import pytest
from django.core.exceptions import ValidationError

from bimtek.numbering import check_number_format, format_number

DAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize("number_format, sequence, expected", [
    ("{seq:03d}/BIMTEK-SC/{year}", 12, "012/BIMTEK-SC/2026"),
    ("{seq:03d}/BIMTEK-SC/{year}", 1234, "1234/BIMTEK-SC/2026"),
    ("B-{seq:04d}/SC/{month_roman}/{year}", 7, "B-0007/SC/XI/2026"),
    ("{seq}.{month}.{year}", 5, "5.11.2026"),
])
def test_numbers_follow_the_format(number_format, sequence, expected):
    check_number_format(number_format)
    assert format_number(number_format, sequence=sequence, on=DAY) == expected


@pytest.mark.parametrize("number_format", [
    "BIMTEK/{year}",  # no running number: every certificate would get the same number
    "{seq}/{seq}",
    "{seq:03d}/{tahun}",  # unknown field
    "{seq.real}",  # attribute access
    "{seq:03x9}",  # cannot be formatted
    "{seq:03d}/{year",  # unbalanced
])
def test_a_format_that_cannot_number_uniquely_is_refused(number_format):
    with pytest.raises(ValidationError):
        check_number_format(number_format)
