import pytest

from participants.normalize import NormalizeError, nip_normalize, phone_normalize


@pytest.mark.parametrize("raw", ["081234567890", "+62 812-3456-7890", "62812 3456 7890", "0812.3456.7890",
                                 "(0812) 34567890", 81234567890])
def test_usual_phone_forms_become_plus_62(raw):
    assert phone_normalize(raw) == "+6281234567890"


@pytest.mark.parametrize("raw", ["12", "abc", "0000"])
def test_impossible_phone_numbers_are_refused(raw):
    with pytest.raises(NormalizeError):
        phone_normalize(raw)


def test_a_nip_stays_eighteen_digit_text():
    assert nip_normalize(" 198503122010011001 ") == "198503122010011001"
    assert nip_normalize(198503122010011001) == "198503122010011001"
    assert nip_normalize("") == ""


@pytest.mark.parametrize("raw", [1.98503122010011e17, "1.98503122010011E+17", "19850312201001100"])
def test_a_nip_whose_digits_were_lost_is_refused(raw):
    with pytest.raises(NormalizeError):
        nip_normalize(raw)
