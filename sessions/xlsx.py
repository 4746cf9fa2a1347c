"""The attendance recap as a spreadsheet: people × sessions with rates, then teams, stages and sessions.

Indonesian headers whatever the reader's language; bimtek.xlsx writes values
starting with = + - @ as text that never runs. Each session's column names its
time in the session's own zone (WIB, WITA or WIT); the session list gives
real date cells in the reader's zone, named in the header, and the local time.
"""

import zoneinfo

from django.utils import timezone

from bimtek.formats import time_range_id, zone_label
from bimtek.xlsx import Sheet, workbook_bytes
from sessions.pdf import STATUS_ID, short_region

NOT_RECORDED = "Belum dicatat"
KIND_ID = {"plenary": "Pleno", "class": "Kelas", "clinic": "Klinik daerah"}


def _percent(rate):
    return round(rate * 100, 1) if rate is not None else None


def _session_label(session):
    """'27-11-2026 09.00 WITA Pleno Pembukaan': the time where the session is held, with its zone."""
    zone = zoneinfo.ZoneInfo(session.time_zone)
    local = timezone.localtime(session.starts_at, zone)
    return f"{local:%d-%m-%Y %H.%M} {zone_label(zone)} {session.title}"


def _naive(moment, zone):
    return timezone.localtime(moment, zone).replace(tzinfo=None, second=0, microsecond=0)


def attendance_recap_xlsx(recap, *, zone_name: str = "Asia/Jakarta") -> bytes:
    """``recap`` from ``selectors.attendance_recap``; times are written in ``zone_name`` (named in the headers)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    sessions = recap.sessions
    people_header = (["No", "Nama", "NIP", "Jabatan", "Instansi", "Daerah", "Provinsi"]
                     + [_session_label(s) for s in sessions]
                     + ["Hadir", "Diharapkan", "Persentase (%)"])

    def people_rows():
        for number, person in enumerate(recap.people, start=1):
            region = person.team.region if person.team else None
            cells = [STATUS_ID.get(person.cells[s.pk], NOT_RECORDED) if s.pk in person.cells else ""
                     for s in sessions]
            yield ([number, person.name, person.nip, person.position if person.team else "Narasumber", person.agency,
                    short_region(str(region)) if region else "", region.province if region else ""]
                   + cells + [person.attended, person.expected, _percent(person.rate)])

    team_header = ["Daerah", "Provinsi", "Anggota", "Hadir", "Diharapkan", "Persentase (%)", "Sesi",
                   f"Sesi dengan kuorum (≥ {recap.quorum} anggota hadir)"]
    team_rows = ([short_region(str(t.team.region)), t.team.region.province, t.members, t.attended, t.expected,
                  _percent(t.rate), t.sessions, t.quorum_reached] for t in recap.teams)
    stage_header = ["Tahap", "Judul", "Sesi", "Hadir", "Diharapkan", "Persentase (%)"]
    stage_rows = ([f"Tahap {s.stage.roman}", s.stage.title, s.sessions, s.attended, s.expected, _percent(s.rate)]
                  for s in recap.stages)
    label = zone_label(zone)
    session_header = ["No", "Tahap", f"Mulai ({label})", f"Selesai ({label})", "Waktu setempat", "Judul", "Jenis",
                      "Tempat"]
    session_rows = ([n, f"Tahap {s.stage.roman}", _naive(s.starts_at, zone), _naive(s.ends_at, zone),
                     time_range_id(s.starts_at, s.ends_at, zoneinfo.ZoneInfo(s.time_zone)),
                     s.title, KIND_ID.get(s.kind, s.kind), s.venue or s.meeting_url]
                    for n, s in enumerate(sessions, start=1))
    return workbook_bytes([
        Sheet("Rekap Peserta", people_header, people_rows(), text_columns=frozenset({"NIP"})),
        ("Rekap Tim", team_header, team_rows),
        ("Rekap Tahap", stage_header, stage_rows),
        ("Sesi", session_header, session_rows),
    ])
