"""The placeholders a certificate template may use: one table, documented, checked on save.

Each variable has its name (as written between braces in the template), a
label for the template form's help, a sample value for the preview and a
function that evaluates it for a holder. The values are evaluated once, when
a certificate is issued, and kept on the certificate, so a certificate prints
the same text however the records change later.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bimtek.formats import long_date_id


@dataclass(frozen=True)
class Holder:
    """What the variables are evaluated from: the person, their role and the program."""

    full_name: str
    role: str
    program: object
    issued_on: object  # date printed as {tanggal}
    region: str = ""
    agency: str = ""
    position: str = ""
    nip: str = ""
    lesson_hours: int | None = None
    number: str = ""


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    sample: str
    evaluate: Callable[[Holder], str]


def _period(program) -> str:
    start, end = program.start_date, program.end_date
    if start.year != end.year:
        return f"{long_date_id(start, with_day=False)} – {long_date_id(end, with_day=False)}"
    if start.month != end.month:
        return f"{long_date_id(start, with_day=False).rsplit(' ', 1)[0]} – {long_date_id(end, with_day=False)}"
    if start.day != end.day:
        return f"{start.day}–{long_date_id(end, with_day=False)}"
    return long_date_id(end, with_day=False)


VARIABLES = [
    Variable("nama", _("Holder's full name with titles, as written"), "Dr. Ir. H. Ahmad Fauzi, M.Si.",
             lambda h: h.full_name),
    Variable("peran", _("Role as printed (the template's 'role as printed')"), "Peserta", lambda h: h.role),
    Variable("program", _("Program name"), "Gerakan Menuju Smart City 2026", lambda h: h.program.name),
    Variable("penyelenggara", _("Organizing institution"), "Kementerian Komunikasi dan Digital",
             lambda h: h.program.institution),
    Variable("tahun", _("Program year"), "2026", lambda h: str(h.program.year)),
    Variable("periode", _("Program dates"), "3 Agustus – 27 November 2026", lambda h: _period(h.program)),
    Variable("tanggal_mulai", _("Program start date"), "3 Agustus 2026",
             lambda h: long_date_id(h.program.start_date, with_day=False)),
    Variable("tanggal_selesai", _("Program end date"), "27 November 2026",
             lambda h: long_date_id(h.program.end_date, with_day=False)),
    Variable("tanggal", _("Date of signing (or of issue)"), "15 Desember 2026",
             lambda h: long_date_id(h.issued_on, with_day=False)),
    Variable("jam_pelajaran", _("Lesson hours (JP)"), "32",
             lambda h: "" if h.lesson_hours is None else str(h.lesson_hours)),
    Variable("daerah", _("Participant's region (empty for mentors)"), "Kabupaten Kotawaringin Timur",
             lambda h: h.region),
    Variable("instansi", _("Agency"), "Dinas Komunikasi dan Informatika", lambda h: h.agency),
    Variable("jabatan", _("Position"), "Kepala Bidang Aplikasi Informatika", lambda h: h.position),
    Variable("nip", _("NIP"), "197805122005011003", lambda h: h.nip),
    Variable("nomor", _("Certificate number"), "012/BIMTEK-SC/2026", lambda h: h.number),
]
BY_NAME = {variable.name: variable for variable in VARIABLES}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_placeholders(text: str) -> None:
    """Refuse a text with a placeholder outside the table, or a brace that opens nothing."""
    unknown = [name for name in PLACEHOLDER.findall(text) if name not in BY_NAME]
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(unknown)s. Use only: %(known)s.") % {
                "unknown": ", ".join("{%s}" % name for name in dict.fromkeys(unknown)),
                "known": ", ".join("{%s}" % variable.name for variable in VARIABLES)},
            code="unknown_placeholder")
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        raise ValidationError(_("A brace { or } is not closed. Placeholders are written like {nama}."),
                              code="unbalanced_brace")


def evaluate(holder: Holder) -> dict[str, str]:
    """Every variable's value for this holder."""
    return {variable.name: variable.evaluate(holder) for variable in VARIABLES}


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {name} replaced by its value (a value missing from ``values`` prints empty)."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), ""), text)
