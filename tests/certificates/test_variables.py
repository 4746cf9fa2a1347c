import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from certificates.variables import VARIABLES, Holder, check_placeholders, evaluate, fill


def test_known_placeholders_pass_and_print_as_their_samples():
    text = "Atas partisipasinya sebagai {peran} dalam {program} ({periode}), {jam_pelajaran} JP."
    assert check_placeholders(text) is None  # an unknown one raises (below)
    assert fill(text, {variable.name: variable.sample for variable in VARIABLES}) == (
        "Atas partisipasinya sebagai Peserta dalam Gerakan Menuju Smart City 2026 (3 Agustus – 27 November 2026), "
        "32 JP.")


def test_every_placeholder_of_the_table_passes():
    assert check_placeholders(" ".join(f"{{{variable.name}}}" for variable in VARIABLES)) is None


@pytest.mark.parametrize("text, named", [
    ("Diberikan kepada {name}", "{name}"),
    ("{nama} dari {kota}", "{kota}"),
    ("{Nama}", "{Nama}"),
])
def test_an_unknown_placeholder_is_refused_with_its_name_and_the_list(text, named):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_placeholders(text)
    message = error.value.messages[0]
    assert named in message and "{nama}" in message and "{jam_pelajaran}" in message


@pytest.mark.parametrize("text", ["Hadir {nama", "nama}", "{{nama}}"])
def test_an_unclosed_brace_is_refused(text):
    with pytest.raises(ValidationError):
        check_placeholders(text)


def test_every_variable_is_documented_with_a_label_and_a_sample():
    assert all(v.label and v.sample for v in VARIABLES)
    assert len({v.name for v in VARIABLES}) == len(VARIABLES)


def test_values_are_evaluated_in_indonesian_and_filled_in():
    class Program:
        name, institution, year = "Gerakan Menuju Smart City 2026", "Kementerian", 2026
        start_date, end_date = datetime.date(2026, 8, 3), datetime.date(2026, 11, 27)

    values = evaluate(Holder(full_name="Dr. Ir. H. Ahmad Fauzi, M.Si.", role="Peserta", program=Program(),
                             issued_on=datetime.date(2026, 12, 15), region="Kabupaten Kotawaringin Timur",
                             lesson_hours=32, number="012/BIMTEK-SC/2026"))
    text = fill("{nama}, {peran} dari {daerah}: {periode}; {tanggal}; {jam_pelajaran} JP; {nomor}", values)
    assert text == ("Dr. Ir. H. Ahmad Fauzi, M.Si., Peserta dari Kabupaten Kotawaringin Timur: "
                    "3 Agustus – 27 November 2026; 15 Desember 2026; 32 JP; 012/BIMTEK-SC/2026")
