"""The fast mask choice gives exactly the QR code segno itself makes, over many addresses and sizes."""

import random
import string

import pytest
import segno

from certificates.qr import qr_matrix

HOSTS = ["https://x.id", "http://127.0.0.1:8000", "https://bimtek.komdigi.go.id",
         "https://sertifikat.bimtek-smartcity.kemkomdigi.go.id",
         "https://a-very-long-host-name-for-certificates.pemerintah-daerah.example.go.id/bimtek/sertifikat/arsip"]


def addresses(count, seed):
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "-_"
    for _ in range(count):
        code = "".join(rng.choice(alphabet) for _ in range(rng.choice([4, 22, 32, 43, 64])))
        yield f"{rng.choice(HOSTS)}/v/{code}/"


@pytest.mark.parametrize("seed", range(4))
def test_the_matrix_is_the_one_segno_makes(seed):
    seen = set()
    for address in addresses(40, seed):
        expected = segno.make(address, error="m", micro=False)
        seen.add(expected.designator)
        assert [bytes(row) for row in qr_matrix(address)] == [bytes(row) for row in expected.matrix], address
    assert len(seen) >= 3  # several versions (and raised error levels for short data) were covered


def test_short_data_gets_the_higher_error_level_segno_gives():
    expected = segno.make("https://x.id/v/abc/", error="m", micro=False)
    assert expected.error != "M"
    assert [bytes(row) for row in qr_matrix("https://x.id/v/abc/")] == [bytes(row) for row in expected.matrix]
