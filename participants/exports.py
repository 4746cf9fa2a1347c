"""Spreadsheets about participants: the program's list and the template regions fill in.

Both use the import's own columns and Indonesian headers, so an exported
list can be corrected and imported again.
"""

import io

import openpyxl

from bimtek.jobs import Progress, counted
from bimtek.xlsx import Sheet, workbook_bytes
from participants.columns import COLUMNS, GROUP_LABELS, TEAM_ROLE_LABELS
from participants.resources import ParticipantResource

NUMBER_HEADER = "No"
FIX_HEADER = "Yang perlu diperbaiki"  # the column of the rows-to-correct file saying what is wrong
TEXT_COLUMNS = ("nip", "phone")  # typed as text, so Excel keeps a NIP's 18 digits and a phone's leading zero
TEXT_HEADERS = frozenset(COLUMNS[key] for key in TEXT_COLUMNS)
TEMPLATE_ROWS = 500

EXAMPLE = {
    "full_name": "Dr. Ir. H. Ahmad Fauzi, M.Si.",
    "nip": "198503122010011001",
    "position": "Kepala Dinas Komunikasi dan Informatika",
    "agency": "Dinas Komunikasi dan Informatika",
    "email": "ahmad.fauzi@kotimkab.go.id",
    "phone": "0812-3456-7890",
    "region": "Kabupaten Kotawaringin Timur",
    "province": "Kalimantan Tengah",
    "team_role": TEAM_ROLE_LABELS["leader"],
    "group": GROUP_LABELS["opd"],
}

INSTRUCTIONS = [
    ("Kolom", "Wajib?", "Keterangan"),
    (COLUMNS["full_name"], "Ya", "Nama lengkap dengan gelar, persis seperti akan dicetak pada sertifikat."),
    (COLUMNS["nip"], "Tidak", "18 angka, diketik sebagai teks (kolom ini sudah berformat teks). Kosongkan bila "
                              "bukan ASN."),
    (COLUMNS["position"], "Tidak", "Jabatan di instansi."),
    (COLUMNS["agency"], "Tidak", "Instansi, OPD atau unit kerja."),
    (COLUMNS["email"], "Ya, untuk peserta baru", "Alamat e-mail pribadi yang aktif: dipakai untuk masuk ke bimtek. "
                                                 "Peserta yang sama dikenali dari e-mail, atau dari NIP."),
    (COLUMNS["phone"], "Tidak", "Nomor HP/WhatsApp, misalnya 0812-3456-7890 atau +62 812 3456 7890."),
    (COLUMNS["region"], "Ya, kecuali tim dipilih saat unggah", "Tulis Kabupaten atau Kota di depan nama, "
                                                               "misalnya Kabupaten Kotawaringin Timur."),
    (COLUMNS["province"], "Untuk daerah baru", "Provinsi daerah tersebut; menentukan zona waktu (WIB/WITA/WIT)."),
    (COLUMNS["team_role"], "Tidak", "Ketua atau Anggota (kosong berarti Anggota)."),
    (COLUMNS["group"], "Tidak", "OPD, Dewan Smart City atau Tim Pelaksana."),
    ("", "", ""),
    ("Catatan", "", "Baris judul di atas tabel, sel yang digabung dan baris kosong boleh ada. Sel yang kosong tidak "
                    "menghapus data yang sudah tersimpan."),
]


def participants_xlsx(program, *, progress: Progress | None = None) -> bytes:
    """Every participant of ``program`` with the import's columns, sorted by province, region and name."""
    resource = ParticipantResource(program=program)
    queryset = resource.get_queryset().order_by("team__region__province", "team__region__name", "team_role",
                                                 "full_name")
    dataset = resource.export(queryset)
    rows = counted(([number, *row] for number, row in enumerate(dataset, start=1)), total=len(dataset),
                   progress=progress)
    header = [NUMBER_HEADER, *(COLUMNS[key] for key in dataset.headers)]
    # NIP and phone: text cells in text columns, so a row typed below keeps its digits when imported again.
    return workbook_bytes([Sheet("Peserta", header, rows, text_columns=TEXT_HEADERS)])


def import_template_xlsx() -> bytes:
    """The list regions fill in: the expected headers, one example row, and a sheet explaining each column."""
    header = [NUMBER_HEADER, *COLUMNS.values()]
    example = [1, *(EXAMPLE[key] for key in COLUMNS)]
    content = workbook_bytes([Sheet("Daftar Peserta", header, [example], text_columns=TEXT_HEADERS),
                              ("Petunjuk", INSTRUCTIONS[0], INSTRUCTIONS[1:])])
    return _with_text_columns(content, header, TEMPLATE_ROWS)


def import_errors_xlsx(preview: dict) -> bytes:
    """The rows of an import that have errors, in the template's columns, with what to fix in each.

    Corrected and uploaded again, it imports like any list (the extra column is ignored).
    """
    header = [NUMBER_HEADER, *COLUMNS.values(), FIX_HEADER]
    rows = []
    for number, row in enumerate((row for row in preview.get("rows", []) if row["status"] == "error"), start=1):
        cells = row.get("cells", {})
        problems = "; ".join(f"{column}: {message}" if column else message for column, message in row["errors"])
        rows.append([number, *(cells.get(key, "") for key in COLUMNS), f"Baris {row['label']}: {problems}"])
    return _with_text_columns(workbook_bytes([("Perlu diperbaiki", header, rows)]), header, len(rows) + 1)


def _with_text_columns(content: bytes, header, last_row) -> bytes:
    """Format the NIP and phone columns of the first sheet as text down to ``last_row`` (for rows still to type)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    for key in TEXT_COLUMNS:
        column = header.index(COLUMNS[key]) + 1
        for row in range(2, max(last_row, 2) + 1):
            sheet.cell(row=row, column=column).number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
