"""Numbers, shares and sizes as each language writes them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from bimtek.formats import decimal_text, long_date_id, nip_grouped, percent_text, size_text


@pytest.mark.parametrize(("language", "size", "text"), [
    ("id", 0, "0 B"), ("id", 1023, "1.023 B"), ("id", 1536, "1,5 KB"), ("id", 100 * 1024 * 1024, "100 MB"),
    ("id", 3 * 1024 ** 3, "3 GB"), ("en", 1536, "1.5 KB"), ("en", 100 * 1024 * 1024, "100 MB"),
    ("en", 100 * 1024 * 1024 + 1, "100.1 MB"),
])
def test_sizes(language, size, text):
    with translation.override(language):
        assert size_text(size) == text


@pytest.mark.parametrize(("language", "fraction", "text"), [
    ("id", 2 / 3, "66,7%"), ("id", 1, "100%"), ("id", 0.8, "80%"), ("id", 0, "0%"), ("id", None, "–"),
    ("en", 2 / 3, "66.7%"),
])
def test_percentages(language, fraction, text):
    with translation.override(language):
        assert percent_text(fraction) == text


def test_a_share_just_under_a_threshold_can_be_shown_without_rounding_up():
    with translation.override("id"):
        assert percent_text(0.7499, floor=True) == "74,9%" and percent_text(0.75, floor=True) == "75%"
        assert percent_text(0.7499) == "75%"


def test_thousands_are_grouped_in_indonesian():
    with translation.override("id"):
        assert decimal_text(12345.26) == "12.345,3"


def test_the_pages_filters_speak_the_same_form():
    template = Template("{% load bimtek materials %}{{ share|percent }} · {{ bytes|size }} · {{ since|duration }}")
    since = timezone.now() - datetime.timedelta(days=3, hours=4, minutes=5)
    with translation.override("id"):
        text = template.render(Context({"share": 2 / 3, "bytes": 100 * 1024 * 1024, "since": since}))
    assert text == "66,7% · 100 MB · 3 hari 4 jam"


def test_a_nip_prints_in_its_usual_groups():
    assert nip_grouped("197503122000031001") == "19750312 200003 1 001"


@pytest.mark.parametrize("value", ["", "12345", "19750312200003100X"])
def test_something_that_is_not_a_nip_prints_as_it_is(value):
    assert nip_grouped(value) == value


def test_a_long_date_names_the_day_in_indonesian():
    assert long_date_id(datetime.date(2026, 11, 27)) == "Jumat, 27 November 2026"
