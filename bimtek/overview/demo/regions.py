REGIONS = [
    # name, kind, province, time zone
    ("Kotawaringin Timur", "kabupaten", "Kalimantan Tengah", "Asia/Jakarta"),
    ("Banyuwangi", "kabupaten", "Jawa Timur", "Asia/Jakarta"),
    ("Semarang", "kota", "Jawa Tengah", "Asia/Jakarta"),
    ("Sleman", "kabupaten", "Daerah Istimewa Yogyakarta", "Asia/Jakarta"),
    ("Makassar", "kota", "Sulawesi Selatan", "Asia/Makassar"),
    ("Badung", "kabupaten", "Bali", "Asia/Makassar"),
    ("Balikpapan", "kota", "Kalimantan Timur", "Asia/Makassar"),
    ("Kupang", "kota", "Nusa Tenggara Timur", "Asia/Makassar"),
    ("Jayapura", "kota", "Papua", "Asia/Jayapura"),
    ("Ambon", "kota", "Maluku", "Asia/Jayapura"),
]
