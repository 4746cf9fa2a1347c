"""The columns of a participant list: what bimtek writes, and the many ways regions write them.

Headers are compared after ``header_key`` (lower case, punctuation and notes
in brackets dropped): first against exact wordings, then by a telling word.
Cell words for a person's role in the team and their group are Indonesian
whatever the reader's language: the list is an official document.
"""

import re

from participants.normalize import text_clean
from participants.provinces import province_find

# The columns of an import, in the order of the template and the export, with the header bimtek writes.
COLUMNS = {
    "full_name": "Nama Lengkap",
    "nip": "NIP",
    "position": "Jabatan",
    "agency": "Instansi",
    "email": "E-mail",
    "phone": "No. HP",
    "region": "Kabupaten/Kota",
    "province": "Provinsi",
    "team_role": "Peran",
    "group": "Kelompok",
}
# Exact header wordings (compared after header_key()).
HEADER_ALIASES = {
    "full_name": ["nama", "nama lengkap", "nama peserta", "nama lengkap dan gelar", "nama lengkap beserta gelar",
                  "nama dan gelar", "nama gelar", "name", "full name"],
    "nip": ["nip", "nip nik", "no nip", "nomor nip", "nomor induk pegawai", "nip nrp"],
    "position": ["jabatan", "jabatan pangkat", "jabatan golongan", "jabatan dalam instansi", "position"],
    "agency": ["instansi", "opd", "unit kerja", "asal instansi", "asal opd", "perangkat daerah", "satuan kerja",
               "satker", "skpd", "instansi lembaga", "instansi unit kerja", "lembaga", "agency"],
    "email": ["email", "e mail", "surel", "alamat email", "alamat e mail", "alamat surel", "email aktif"],
    "phone": ["no hp", "nomor hp", "hp", "no hp wa", "no hp whatsapp", "no wa", "wa", "whatsapp", "no whatsapp",
              "nomor whatsapp", "telepon", "no telepon", "nomor telepon", "telp", "no telp", "handphone",
              "no handphone", "kontak", "phone"],
    "region": ["kabupaten kota", "kab kota", "kota kabupaten", "daerah", "asal daerah", "pemerintah daerah", "pemda",
               "kabupaten", "kota", "region"],
    "province": ["provinsi", "prov", "province"],
    "team_role": ["peran", "peran dalam tim", "kedudukan dalam tim", "jabatan dalam tim", "posisi dalam tim",
                  "role"],
    "group": ["kelompok", "unsur", "keanggotaan", "group"],
}
# Wordings not listed above are recognised by a telling word, checked in this order.
HEADER_KEYWORDS = [
    (r"\b(email|e mail|surel)\b", "email"),
    (r"\b(hp|wa|whatsapp|telepon|telp|handphone|ponsel)\b", "phone"),
    (r"\bnip\b|induk pegawai", "nip"),
    (r"\bprovinsi\b", "province"),
    (r"\b(instansi|opd|skpd|unit kerja|perangkat daerah|satuan kerja)\b", "agency"),
    (r"\b(kabupaten|kota|daerah)\b", "region"),
    (r"\bjabatan\b", "position"),
    (r"\bnama\b", "full_name"),
]
# Columns a list often has that an import does not need, left out without comment.
NUMBER_HEADERS = {"no", "no urut", "nomor", "nomor urut", "nomer", "#",
                  "yang perlu diperbaiki"}  # the note column of the rows-to-correct file bimtek gives back

GROUP_WORDS = [  # (pattern, Participant.Group value)
    (r"\bdewan\b", "council"),
    (r"\bpelaksana\b", "implementation"),
    (r"\b(opd|perangkat daerah|organisasi perangkat daerah|skpd)\b", "opd"),
]
REGION_PATTERN = re.compile(r"^(?:pemerintah\s+|pem\.?\s*)?(kabupaten|kab\.?|kota|pemkab|pemkot)\s+(.+)$", re.I)

def header_key(text) -> str:
    """'No. HP (WhatsApp)*' → 'no hp': lower case, no notes in brackets, punctuation as spaces."""
    text = re.sub(r"\(.*?\)|\[.*?\]", " ", text_clean(text).lower())
    text = re.sub(r"[.\-_/:*,;&+]", " ", text)
    return " ".join(text.split())


_EXACT = {alias: key for key, aliases in HEADER_ALIASES.items() for alias in aliases}


def column_for_header(text) -> str | None:
    """The import column a header means ('Nama Lengkap' → 'full_name'), or None."""
    wording = header_key(text)
    if not wording:
        return None
    if wording in _EXACT:
        return _EXACT[wording]
    for pattern, key in HEADER_KEYWORDS:
        if re.search(pattern, wording):
            return key
    return None


def region_parse(text) -> tuple[str, str]:
    """('kabupaten' | 'kota' | '', name): 'Kab. Kotawaringin Timur' → ('kabupaten', 'Kotawaringin Timur')."""
    text = text_clean(text)
    match = REGION_PATTERN.match(text)
    if not match:
        return "", text
    word = match.group(1).lower().rstrip(".")
    kind = "kota" if word in ("kota", "pemkot") else "kabupaten"
    return kind, match.group(2).strip()


def group_for_text(text) -> str:
    wording = header_key(text)
    for pattern, group in GROUP_WORDS:
        if re.search(pattern, wording):
            return group
    return ""


def province_of(text) -> str | None:
    return province_find(text_clean(text))


TEAM_ROLE_WORDS = {"ketua": "leader", "ketua tim": "leader", "koordinator": "leader", "leader": "leader",
                   "team leader": "leader", "anggota": "member", "anggota tim": "member", "member": "member"}
# Indonesian words in the spreadsheet, whatever the reader's language: the file is an official list.
TEAM_ROLE_LABELS = {"leader": "Ketua", "member": "Anggota"}
GROUP_LABELS = {"opd": "OPD", "council": "Dewan Smart City", "implementation": "Tim Pelaksana"}
