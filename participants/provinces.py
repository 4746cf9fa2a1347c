"""Indonesia's 38 provinces and their time zones, with the short names lists use for them.

Every province lies in one time zone, so a region's zone follows from its
province when an import creates the region.
"""

import re

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

PROVINCES = {
    # official name: (time zone, other ways lists write it)
    "Aceh": (WIB, ["nanggroe aceh darussalam", "nad"]),
    "Sumatera Utara": (WIB, ["sumut", "sumatra utara"]),
    "Sumatera Barat": (WIB, ["sumbar", "sumatra barat"]),
    "Riau": (WIB, []),
    "Kepulauan Riau": (WIB, ["kepri", "kep riau"]),
    "Jambi": (WIB, []),
    "Sumatera Selatan": (WIB, ["sumsel", "sumatra selatan"]),
    "Kepulauan Bangka Belitung": (WIB, ["bangka belitung", "babel", "kep bangka belitung"]),
    "Bengkulu": (WIB, []),
    "Lampung": (WIB, []),
    "DKI Jakarta": (WIB, ["jakarta", "daerah khusus jakarta", "daerah khusus ibukota jakarta", "dki"]),
    "Jawa Barat": (WIB, ["jabar"]),
    "Banten": (WIB, []),
    "Jawa Tengah": (WIB, ["jateng"]),
    "Daerah Istimewa Yogyakarta": (WIB, ["di yogyakarta", "diy", "yogyakarta", "jogja", "d i yogyakarta"]),
    "Jawa Timur": (WIB, ["jatim"]),
    "Kalimantan Barat": (WIB, ["kalbar"]),
    "Kalimantan Tengah": (WIB, ["kalteng"]),
    "Bali": (WITA, []),
    "Nusa Tenggara Barat": (WITA, ["ntb"]),
    "Nusa Tenggara Timur": (WITA, ["ntt"]),
    "Kalimantan Selatan": (WITA, ["kalsel"]),
    "Kalimantan Timur": (WITA, ["kaltim"]),
    "Kalimantan Utara": (WITA, ["kaltara"]),
    "Sulawesi Utara": (WITA, ["sulut"]),
    "Gorontalo": (WITA, []),
    "Sulawesi Tengah": (WITA, ["sulteng"]),
    "Sulawesi Barat": (WITA, ["sulbar"]),
    "Sulawesi Selatan": (WITA, ["sulsel"]),
    "Sulawesi Tenggara": (WITA, ["sultra"]),
    "Maluku": (WIT, []),
    "Maluku Utara": (WIT, ["malut"]),
    "Papua": (WIT, []),
    "Papua Barat": (WIT, ["pabar"]),
    "Papua Barat Daya": (WIT, []),
    "Papua Selatan": (WIT, []),
    "Papua Tengah": (WIT, []),
    "Papua Pegunungan": (WIT, []),
}


def _key(text: str) -> str:
    text = re.sub(r"[.\-_/,]", " ", text.lower())
    text = re.sub(r"^\s*(provinsi|prov)\s+", "", text)
    return " ".join(text.split())


_LOOKUP = {}
for _name, (_zone, _aliases) in PROVINCES.items():
    for _alias in [_name, *_aliases]:
        _LOOKUP[_key(_alias)] = _name


def province_find(text: str) -> str | None:
    """The official name of the province ``text`` means ('Prov. Jabar' → 'Jawa Barat'), or None."""
    return _LOOKUP.get(_key(text or ""))


def province_time_zone(name: str) -> str:
    return PROVINCES[name][0]
