"""Invented people for the demo program: names with titles as Indonesian lists write them."""

import random

FIRST = ["Ahmad", "Siti", "Budi", "Dewi", "Rudi", "Sri", "Agus", "Rina", "Hendra", "Nur", "Yusuf", "Wahyuni",
         "Bambang", "Fitri", "Eko", "Ratna", "Andi", "Maria", "Yohanes", "Fransiska", "Made", "Ketut", "Nyoman",
         "Putu", "Muhammad", "Aisyah", "Rahmat", "Lestari", "Teguh", "Intan", "Zulkifli", "Yuliana", "Arif",
         "Novita", "Gede", "Ayu", "Daniel", "Hana", "Irfan", "Nadia"]
LAST = ["Fauzi", "Rahayu", "Santoso", "Lestari", "Hidayat", "Wulandari", "Saputra", "Kurniawan", "Siregar",
        "Nasution", "Pattiasina", "Wenda", "Tanjung", "Setiawan", "Pratama", "Simanjuntak", "Manuputty", "Sembiring",
        "Wijaya", "Harahap", "Kogoya", "Laitupa", "Daeng Matta", "Purnomo", "Susanti", "Ramadhan", "Mahendra"]
PREFIX = ["", "", "", "", "Dr. ", "Ir. ", "H. ", "Hj. ", "Drs. ", "Dr. Ir. H. "]
SUFFIX = ["", ", S.Kom.", ", M.Si.", ", S.T., M.T.", ", S.E.", ", M.M.", ", S.Sos., M.A.P.", ", S.H.", ", M.Kom.",
          ", S.Si."]
POSITIONS = [
    ("Kepala Dinas Komunikasi dan Informatika", "Dinas Komunikasi dan Informatika"),
    ("Sekretaris Dinas", "Dinas Komunikasi dan Informatika"),
    ("Kepala Bidang Aplikasi Informatika", "Dinas Komunikasi dan Informatika"),
    ("Perencana Ahli Muda", "Badan Perencanaan Pembangunan Daerah"),
    ("Kepala Bidang Perekonomian", "Badan Perencanaan Pembangunan Daerah"),
    ("Analis Kebijakan", "Bagian Organisasi Sekretariat Daerah"),
    ("Kepala Seksi Pelayanan", "Dinas Kependudukan dan Pencatatan Sipil"),
    ("Pranata Komputer", "Dinas Komunikasi dan Informatika"),
    ("Anggota Dewan Smart City", "Universitas setempat"),
    ("Anggota Tim Pelaksana", "Komunitas TIK"),
    ("Kepala Bidang Lingkungan Hidup", "Dinas Lingkungan Hidup"),
    ("Staf Ahli Bupati", "Sekretariat Daerah"),
]


def invented_person(rng: random.Random):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    name = f"{rng.choice(PREFIX)}{first} {last}{rng.choice(SUFFIX)}"
    position, agency = rng.choice(POSITIONS)
    nip = ""
    if rng.random() < 0.6:
        born = f"{rng.randint(1965, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        appointed = f"{rng.randint(1990, 2020)}{rng.randint(1, 12):02d}"
        nip = f"{born}{appointed}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
    phone = f"+628{rng.randint(11, 59)}{rng.randint(1000000, 99999999)}"
    return {"full_name": name, "first": first, "last": last, "position": position, "agency": agency, "nip": nip,
            "phone": phone}
