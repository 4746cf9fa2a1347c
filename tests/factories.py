"""Test data made through the same services the application uses."""

import datetime
import io
import itertools

import docx
import openpyxl
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from bimtek.overview.services import program_create
from certificates.services import SignatoryData, certificate_issue_by_hand, certificate_template_save
from materials.services import assignment_create, draft_submit
from participants import services as people
from participants.import_run import participant_import_upload
from participants.mfa import AUTHENTICATION_RECORDS_KEY
from sessions.services import attendance_mark, session_create

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def make_user(*, email=None, full_name="", password=None, **fields):
    user = get_user_model().objects.create_user(email=email or f"{unique('user')}@test.example",
                                                full_name=full_name or unique("Person "), **fields)
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def in_english(user, *, zone=None):
    """The person reads the pages in English, the source language (and, given ``zone``, in that time zone)."""
    user.language = "en"
    fields = ["language"]
    if zone:
        user.time_zone = zone
        fields.append("time_zone")
    user.save(update_fields=fields)
    return user


def log_in_to_back_office(client, user):
    """``client.force_login(user)`` as after a login with a second factor, which the back office asks of staff
    (participants.mfa)."""
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_RECORDS_KEY] = [{"method": "mfa", "type": "totp", "at": timezone.now().timestamp()}]
    session.save()


def make_program(*, name=None, start=None, days=120, stage_count=4, organizer=None):
    start = start or timezone.localdate() - datetime.timedelta(days=30)
    return program_create(name=name or unique("Program "), year=start.year, institution="Kementerian Uji",
                          start_date=start, end_date=start + datetime.timedelta(days=days),
                          stage_count=stage_count, created_by=organizer)


def make_region(*, name=None, kind="kabupaten", province="Jawa Barat", time_zone="Asia/Jakarta"):
    return people.region_create(name=name or unique("Region "), kind=kind, province=province, time_zone=time_zone)


def make_team(program, *, region=None):
    return people.team_create(program=program, region=region or make_region())


def make_participant(team, *, user=None, full_name=None, **fields):
    email = user.email if user else f"{unique('peserta')}@test.example"
    return people.participant_add(team=team, email=email, full_name=full_name or unique("Peserta "), **fields)


def make_staff(program, role, *, user=None):
    user = user or make_user()
    people.program_role_grant(program=program, user=user, role=role)
    return user


def make_mentor(program, *teams, user=None):
    user = make_staff(program, "mentor", user=user)
    for team in teams:
        people.mentor_assign(team=team, mentor=user)
    return user


def make_session(stage, *, title=None, starts_at=None, hours=2, teams=None, mentors=(), **fields):
    """A session through the real service; ``teams=None`` expects all teams. Conflicts are confirmed."""
    if starts_at is None:
        starts_at = datetime.datetime.combine(stage.start_date, datetime.time(9),
                                              tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    return session_create(stage=stage, title=title or unique("Sesi "), starts_at=starts_at,
                          ends_at=starts_at + datetime.timedelta(hours=hours), mentors=mentors,
                          all_teams=teams is None, expected_teams=teams or [], confirm_conflicts=True, **fields)


def mark(session, person, status="hadir", *, by=None, note=""):
    return attendance_mark(session=session, person=getattr(person, "user", person), status=status, note=note,
                           marked_by=by)


# --- materials: assignments, draft files and versions -------------------------------------------------------

def make_assignment(program, *, stage=None, title=None, due_in=datetime.timedelta(days=7), created_by=None,
                    **fields):
    stage = stage or program.stages.order_by("ordinal").first()
    created_by = created_by or make_staff(program, "organizer")
    return assignment_create(stage=stage, title=title or unique("Tugas "), due_at=timezone.now() + due_in,
                             created_by=created_by, **fields)


def pdf_bytes(*paragraphs: str) -> bytes:
    """A real one-page PDF with each paragraph on its own line (pypdf reads the text back)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number, text in enumerate(paragraphs or ("Draf.",)):
        pdf.drawString(72, 760 - 18 * number, text)
    pdf.save()
    return buffer.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs or ("Draf.",):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "draf.pdf"):
    return SimpleUploadedFile(name, content)


def make_version(assignment, team, *, by=None, content=None, name="draf.pdf", **fields):
    """The team's next draft version, uploaded through the service by a member."""
    by = by or team.participants.select_related("user").first().user
    return draft_submit(assignment=assignment, team=team, file=upload(content or pdf_bytes("Draf."), name),
                        uploaded_by=by, **fields)


# --- certificates: templates and issued certificates ---------------------------------------------------------

def make_certificate_template(program, *, kind="participant", title="SERTIFIKAT",
                              body="Atas partisipasinya sebagai {peran} dalam {program}.", signatories=None, **fields):
    if signatories is None:
        signatories = [SignatoryData(name="Dr. Ir. Bambang Sutrisno, M.Sc.", position="Direktur Jenderal",
                                     nip="196512121990031002")]
    return certificate_template_save(program=program, kind=kind, title=title, body=body, signatories=signatories,
                                     **fields)


def issue_certificate(*, participant=None, mentor=None, program=None, template=None, by=None,
                      reason="Diterbitkan untuk pengujian."):
    """A certificate issued by hand (whatever the rule says) through the real service."""
    program = program or (participant.team.program if participant else None)
    kind = "participant" if participant else "mentor"
    template = template or program.certificate_templates.filter(kind=kind).first() or \
        make_certificate_template(program, kind=kind)
    by = by or make_staff(program, "organizer")
    return certificate_issue_by_hand(program=program, template=template, reason=reason, issued_by=by,
                                     participant=participant, mentor=mentor)


# --- participant lists: spreadsheets and imports ----------------------------------------------------------------

def xlsx_bytes(*rows, sheets=None, merged=()):
    """An XLSX file with ``rows`` on one sheet (or ``sheets``: {title: rows}); ``merged``: ranges like 'A1:F1'."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, sheet_rows in (sheets or {"Daftar Peserta": rows}).items():
        sheet = book.create_sheet(title)
        for row in sheet_rows:
            sheet.append(list(row))
    for cell_range in merged:
        book.worksheets[0].merge_cells(cell_range)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


LIST_HEADER = ["No", "Nama Lengkap", "NIP", "Jabatan", "Instansi", "Email", "No. HP", "Kabupaten/Kota", "Provinsi"]


def list_row(number, *, name=None, email=None, nip="", region="Kabupaten Kotawaringin Timur",
             province="Kalimantan Tengah", phone="0812-3456-7890", position="Staf", agency="Diskominfo"):
    return [number, name or unique("Peserta "), nip, position, agency, email or f"{unique('peserta')}@test.example",
            phone, region, province]


def make_participant_import(program, *, uploaded_by, rows=None, team=None, send_invitations=False):
    """A participant list uploaded and previewed through the real service (not confirmed yet)."""
    rows = rows if rows is not None else [list_row(1), list_row(2)]
    return participant_import_upload(program=program, file=upload(xlsx_bytes(LIST_HEADER, *rows), "daftar.xlsx"),
                                     uploaded_by=uploaded_by, team=team, send_invitations=send_invitations)
