"""The many ways regions write a list's headers, regions and groups."""

import pytest

from participants.columns import column_for_header, group_for_text, province_of, region_parse


@pytest.mark.parametrize(("header", "key"), [
    ("Nama", "full_name"), ("Nama Lengkap", "full_name"), ("NAMA LENGKAP (dengan gelar)", "full_name"),
    ("Instansi", "agency"), ("OPD", "agency"), ("Unit Kerja", "agency"), ("Nama Instansi", "agency"),
    ("Jabatan", "position"), ("Email", "email"), ("E-mail", "email"), ("Alamat E-mail*", "email"),
    ("No. HP", "phone"), ("WhatsApp", "phone"), ("Telepon", "phone"), ("No. HP/WA", "phone"), ("NIP", "nip"),
    ("Kab/Kota", "region"), ("Kabupaten / Kota", "region"), ("Provinsi", "province"),
    ("Jabatan dalam Tim", "team_role"),
    ("No", None), ("Tanda Tangan", None), ("", None),
])
def test_usual_header_wordings_are_understood(header, key):
    assert column_for_header(header) == key


@pytest.mark.parametrize(("text", "parsed"), [
    ("Kabupaten Kotawaringin Timur", ("kabupaten", "Kotawaringin Timur")),
    ("Kab. Kotawaringin Timur", ("kabupaten", "Kotawaringin Timur")),
    ("KOTA  MAKASSAR ", ("kota", "MAKASSAR")),
    ("Pemerintah Kota Ambon", ("kota", "Ambon")),
    ("Sleman", ("", "Sleman")),
])
def test_a_region_is_read_with_its_kind(text, parsed):
    assert region_parse(text) == parsed


@pytest.mark.parametrize(("text", "group"), [("OPD", "opd"), ("Dewan Smart City", "council"),
                                             ("B. TIM PELAKSANA", "implementation"), ("Akademisi", "")])
def test_a_group_is_read_from_its_usual_words(text, group):
    assert group_for_text(text) == group


@pytest.mark.parametrize(("text", "province"), [
    ("Prov. Jabar", "Jawa Barat"), ("KALIMANTAN TENGAH", "Kalimantan Tengah"),
    ("D.I. Yogyakarta", "Daerah Istimewa Yogyakarta"), ("Narnia", None)])
def test_a_province_is_found_under_its_usual_names(text, province):
    assert province_of(text) == province
