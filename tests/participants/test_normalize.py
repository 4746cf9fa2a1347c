import datetime

import pytest

from participants.normalize import (
    NIP_DIGITS_LOST,
    NIP_LENGTH,
    PHONE_FOREIGN,
    NormalizeError,
    email_normalize,
    name_clean,
    nip_normalize,
    phone_normalize,
    text_clean,
)


@pytest.mark.parametrize("raw", ["081234567890", "+62 812-3456-7890", "62812 3456 7890", "0812.3456.7890",
                                 "(0812) 34567890", 81234567890, 81234567890.0, "81234567890.0",
                                 "+62 (0)812 3456 7890", "0062 812 3456 7890", "(+62) 812-3456-7890",
                                 "0812-3456-7890 / 0857-1111-2222", "0812 3456 7890 atau 0857 1111 2222",
                                 " 0812\xa03456\u200b7890 "])
def test_usual_phone_forms_become_plus_62(raw):
    assert phone_normalize(raw) == "+6281234567890"


def test_a_landline_keeps_its_area_code():
    assert phone_normalize("(0536) 322-1234") == "+625363221234"


@pytest.mark.parametrize("raw", ["", None, "-", "—", "tidak ada", "N/A"])
def test_no_phone_number_is_empty(raw):
    assert phone_normalize(raw) == ""


@pytest.mark.parametrize("raw", ["12", "abc", "0000", "0812", "081234567890123456", "0112345678", 8.12e9 + 0.5])
def test_impossible_phone_numbers_are_refused(raw):
    with pytest.raises(NormalizeError):
        phone_normalize(raw)


def test_a_foreign_number_is_refused_not_turned_into_an_indonesian_one():
    with pytest.raises(NormalizeError) as caught:
        phone_normalize("+60 12-345 6789")
    assert caught.value.message == PHONE_FOREIGN


def test_a_nip_stays_eighteen_digit_text():
    assert nip_normalize(" 198503122010011001 ") == "198503122010011001"
    assert nip_normalize(198503122010011001) == "198503122010011001"
    assert nip_normalize("'198503122010011001") == "198503122010011001"
    assert nip_normalize("19850312 201001 1 001") == "198503122010011001"
    assert nip_normalize("19850312.201001.1.001") == "198503122010011001"
    assert nip_normalize("") == ""
    assert nip_normalize("-") == ""
    assert nip_normalize(None) == ""


@pytest.mark.parametrize("raw", [1.98503122010011e17, "1.98503122010011E+17", "1,98503E+17", 198503122010011000,
                                 "198503122010011000"])
def test_a_nip_whose_digits_were_lost_is_refused_with_the_reason(raw):
    with pytest.raises(NormalizeError) as caught:
        nip_normalize(raw)
    assert caught.value.message == NIP_DIGITS_LOST


@pytest.mark.parametrize("raw", ["19850312201001100", "1985031220100110011", "NIP 198503122010011001", True])
def test_a_nip_of_the_wrong_length_is_refused(raw):
    with pytest.raises(NormalizeError) as caught:
        nip_normalize(raw)
    assert caught.value.message == NIP_LENGTH


def test_an_email_address_is_trimmed_and_lower_case():
    assert email_normalize("  Ahmad.Fauzi@Kotim.go.id ") == "ahmad.fauzi@kotim.go.id"
    assert email_normalize("mailto:<ahmad@kotim.go.id>") == "ahmad@kotim.go.id"
    assert email_normalize("-") == ""


def test_a_broken_email_address_is_refused():
    with pytest.raises(NormalizeError):
        email_normalize("ahmad@kotim")


def test_an_email_address_too_long_for_an_account_is_refused():
    domain = ".".join(["b" * 61, "b" * 61, "b" * 60]) + ".go.id"
    assert email_normalize("a" * 59 + "@" + domain) == "a" * 59 + "@" + domain  # 250 characters: fits
    with pytest.raises(NormalizeError):
        email_normalize("a" * 64 + "@" + domain)  # 255: valid by the RFC, but longer than an account holds


def test_text_is_one_tidy_line_and_numbers_lose_their_spurious_decimal():
    assert text_clean("  Kepala   Dinas\nKominfo ") == "Kepala Dinas Kominfo"
    assert text_clean(12.0) == "12"
    assert text_clean(datetime.datetime(2026, 11, 27)) == "2026-11-27"
    assert name_clean(" Dr. Ir. H.  Ahmad Fauzi, M.Si. ") == "Dr. Ir. H. Ahmad Fauzi, M.Si."
