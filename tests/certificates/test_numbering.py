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
    "{seq:9223372036854775807}",  # a width that would allocate gigabytes or overflow
    "{seq:099999999999}",
    "{seq:.999999999f}",
    "{seq:03d}/{year:>21}",
    "{seq:{year}}",  # a nested field
])
def test_a_format_that_cannot_number_uniquely_is_refused(number_format):
    with pytest.raises(ValidationError):
        check_number_format(number_format)


def test_a_huge_width_is_refused_before_anything_is_formatted():
    with pytest.raises(ValidationError, match="at most 20"):
        check_number_format("{seq:9223372036854775807}/{year}")
    with pytest.raises(ValidationError, match="at most 20"):  # e.g. a format stored before the check
        format_number("{seq:999999999}", sequence=1, on=DAY)
    check_number_format("{seq:020d}/{year}")
