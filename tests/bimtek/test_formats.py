import datetime

import pytest

from bimtek.formats import long_date_id, nip_grouped


def test_a_nip_prints_in_its_usual_groups():
    assert nip_grouped("197503122000031001") == "19750312 200003 1 001"


@pytest.mark.parametrize("value", ["", "12345", "19750312200003100X"])
def test_something_that_is_not_a_nip_prints_as_it_is(value):
    assert nip_grouped(value) == value


def test_a_long_date_names_the_day_in_indonesian():
    assert long_date_id(datetime.date(2026, 11, 27)) == "Jumat, 27 November 2026"
