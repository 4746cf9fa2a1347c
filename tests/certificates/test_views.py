import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfReader, PdfWriter

from bimtek.overview.services import stage_update
from bimtek.templatetags.bimtek import long_date
from certificates import forms
from certificates.models import Certificate, CertificateSettings, CertificateTemplate, ManualIssue
from certificates.services import certificate_reissue, certificate_revoke, certificate_settings_update
from participants.services import staff_add
from sessions.models import TrainingSession
from tests import factories
from tests.certificates.helpers import attend, past_sessions
from tests.workers import prepared

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    program = factories.make_program(name="Gerakan Menuju Smart City 2026")
    organizer = factories.in_english(factories.make_staff(program, "organizer"))
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur"))
    good = factories.make_participant(team, full_name="Ayu Lestari, S.T.", nip="198503122010011001")
    weak = factories.make_participant(team, full_name="Budi Santoso")
    sessions = past_sessions(program, 4)
    attend(sessions, good, 4, by=organizer)
    attend(sessions, weak, 2, by=organizer)
    template = factories.make_certificate_template(program)
    client.force_login(organizer)
    return program, organizer, good, weak, template


def png(size=(300, 120), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (20, 40, 90, 255) if mode == "RGBA" else (240, 240, 250)).save(buffer, "PNG")
    return buffer.getvalue()


def template_data(**fields):
    data = {"kind": "participant", "title": "SERTIFIKAT", "preamble": "diberikan kepada:",
            "body": "Atas partisipasinya sebagai {peran} dalam {program}.", "role_label": "Peserta",
            "place": "Jakarta", "signed_on": "", "orientation": "landscape",
            "signatory-TOTAL_FORMS": "3", "signatory-INITIAL_FORMS": "3", "signatory-MIN_NUM_FORMS": "3",
            "signatory-MAX_NUM_FORMS": "3"}
    for n in range(3):
        data.update({f"signatory-{n}-name": "", f"signatory-{n}-position": "", f"signatory-{n}-nip": ""})
    data.update(fields)
    return data


def test_an_unknown_placeholder_is_refused_on_save_with_a_clear_message(client, setup):
    program = setup[0]
    url = reverse("certificate_template_create", args=[program.pk])
    response = client.post(url, template_data(body="Diberikan kepada {nama} dari {kota}."))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Unknown placeholder {kota}" in text and "{jam_pelajaran}" in text
    assert CertificateTemplate.objects.filter(program=program).count() == 1


def test_a_template_is_saved_with_signatories_logo_and_background(client, setup):
    program = setup[0]
    url = reverse("certificate_template_create", args=[program.pk])
    data = template_data(**{
        "signatory-0-name": "Dr. Ir. Bambang Sutrisno, M.Sc.", "signatory-0-position": "Direktur Jenderal",
        "signatory-0-nip": "19680512 199403 1 002", "signatory-2-name": "Prof. Suhono",
        "signatory-2-position": "Ketua Tim Narasumber",
        "logo": factories.upload(png(), "logo.png"),
        "background": factories.upload(png((1169, 827), "RGB"), "latar.png"),
        "signatory-0-signature": factories.upload(png(), "ttd.png"),
    })
    response = client.post(url, data)
    assert response.status_code == 302
    template = CertificateTemplate.objects.filter(program=program).latest("pk")
    assert template.logo and template.background and template.background_kind == "png"
    assert (template.logo_original_name, template.background_original_name) == ("logo.png", "latar.png")
    assert [(s.order, s.name, s.nip, bool(s.signature)) for s in template.signatories.all()] == [
        (1, "Dr. Ir. Bambang Sutrisno, M.Sc.", "196805121994031002", True), (2, "Prof. Suhono", "", False)]
    # The edit page says a file is set but never links to the private file.
    page = client.get(response.url).content.decode()
    assert "A file is set." in page and "media" not in page


BACKGROUNDS = {
    "portrait-pdf": ("latar.pdf", lambda: factories.pdf_bytes("satu"),
                     "The background is portrait but the page is landscape."),
    "portrait-png": ("latar.png", lambda: png((827, 1169), "RGB"),
                     "The background is portrait but the page is landscape."),
    "not-a4": ("latar.png", lambda: png((900, 300), "RGB"), "does not have the proportions of an A4 page"),
    "program": ("latar.exe", lambda: b"MZ\x90\x00" * 100, "not one of the allowed kinds"),
}


@pytest.mark.parametrize("case", list(BACKGROUNDS))
def test_a_background_that_would_not_fit_is_refused(client, setup, case):
    name, content, message = BACKGROUNDS[case]
    program = setup[0]
    response = client.post(reverse("certificate_template_create", args=[program.pk]),
                           template_data(background=factories.upload(content(), name)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert CertificateTemplate.objects.filter(program=program).count() == 1


def test_a_background_pdf_with_two_pages_is_refused(client, setup):
    writer = PdfWriter()
    writer.add_blank_page(842, 595)
    writer.add_blank_page(842, 595)
    buffer = io.BytesIO()
    writer.write(buffer)
    program = setup[0]
    response = client.post(reverse("certificate_template_create", args=[program.pk]),
                           template_data(background=factories.upload(buffer.getvalue(), "latar.pdf")))
    assert "exactly one page" in response.content.decode()


def test_the_preview_renders_a_sample_person_in_the_program(client, setup):
    program, _organizer, _good, _weak, template = setup
    response = client.get(reverse("certificate_template_preview", args=[program.pk, template.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Dr. Ir. H. Ahmad Fauzi, M.Si." in text and "Gerakan Menuju Smart City 2026" in text
    assert "CONTOH" in text and "Nomor: 001/BIMTEK-SC/" in text
    assert not Certificate.objects.exists()


def test_the_organizer_sees_who_is_eligible_and_why(client, setup):
    program = setup[0]
    text = client.get(reverse("certificate_eligibility", args=[program.pk])).content.decode()
    assert "Ayu Lestari, S.T." in text and "Budi Santoso" in text
    assert "attendance 50% &lt; 75%" in text
    filtered = client.get(reverse("certificate_eligibility", args=[program.pk]), {"status": "not_eligible"})
    assert "Ayu Lestari" not in filtered.content.decode() and "Budi Santoso" in filtered.content.decode()


def test_bulk_issue_from_the_overview_then_again_issues_nobody(client, setup):
    program, _organizer, _good, _weak, template = setup
    overview = client.get(reverse("certificate_overview", args=[program.pk])).content.decode()
    assert "Issue to 1 eligible participant" in overview
    # The program is still running: the form asks why certificates are issued already.
    assert "Reason for issuing before the last stage ends" in overview
    url = reverse("certificate_bulk_issue", args=[program.pk, "participant"])
    response = client.post(url, {"template": template.pk}, follow=True)
    assert "certificates are issued after it" in response.content.decode()
    assert Certificate.objects.count() == 0
    early = {"template": template.pk, "early_reason": "Penutupan dimajukan"}
    response = client.post(url, early, follow=True)
    assert "1 certificate issued" in response.content.decode()
    assert list(Certificate.objects.values_list("holder_name", flat=True)) == ["Ayu Lestari, S.T."]
    response = client.post(url, early, follow=True)
    assert "Nobody was waiting" in response.content.decode()
    assert Certificate.objects.count() == 1
    assert client.post(reverse("certificate_bulk_issue", args=[program.pk, "other"]),
                       {"template": template.pk}).status_code == 404


def test_issue_by_hand_with_a_reason_shows_in_the_log(client, setup):
    program, _organizer, _good, weak, template = setup
    url = reverse("certificate_issue_participant", args=[program.pk, weak.pk])
    assert "attendance 50% &lt; 75%" in client.get(url).content.decode()
    assert client.post(url, {"template": template.pk, "reason": ""}).status_code == 200
    response = client.post(url, {"template": template.pk, "reason": "Sakit, ada surat dokter"})
    certificate = Certificate.objects.get(participant=weak)
    assert response.url == reverse("certificate_detail", args=[program.pk, certificate.pk])
    assert ManualIssue.objects.get().reason == "Sakit, ada surat dokter"
    overview = client.get(reverse("certificate_overview", args=[program.pk])).content.decode()
    assert "Sakit, ada surat dokter" in overview and certificate.number in overview


def test_revoke_and_reissue_from_the_certificate_page(client, setup):
    program, organizer, good, _weak, template = setup
    certificate = factories.issue_certificate(participant=good, template=template, by=organizer)
    detail = reverse("certificate_detail", args=[program.pk, certificate.pk])
    assert certificate.number in client.get(detail).content.decode()
    reissue = reverse("certificate_reissue", args=[program.pk, certificate.pk])
    assert 'value="Ayu Lestari, S.T."' in client.get(reissue).content.decode()
    response = client.post(reissue, {"holder_name": "Ayu Lestari, S.T., M.T.", "reason": "Gelar kurang"})
    new = Certificate.objects.get(replaces=certificate)
    assert response.url == reverse("certificate_detail", args=[program.pk, new.pk])
    assert new.holder_name == "Ayu Lestari, S.T., M.T."
    client.post(reverse("certificate_revoke", args=[program.pk, new.pk]), {"reason": "Dibatalkan panitia"})
    new.refresh_from_db()
    assert new.revoke_reason == "Dibatalkan panitia"
    text = client.get(reverse("certificate_detail", args=[program.pk, new.pk])).content.decode()
    assert "Dibatalkan panitia" in text and "Revoke the certificate" not in text


def test_the_overview_and_the_register_count_a_certificate_right_after_it_is_issued(
        client, setup, django_capture_on_commit_callbacks):
    program, organizer, _good, weak, template = setup
    overview = reverse("certificate_overview", args=[program.pk])
    register = reverse("certificate_register", args=[program.pk])
    issued = '<td data-label="Issued" class="num">%d</td>'
    assert issued % 0 in client.get(overview).content.decode()
    assert "No certificates yet." in client.get(register).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.issue_certificate(participant=weak, template=template, by=organizer)
    assert issued % 1 in client.get(overview).content.decode()
    listed = client.get(register).content.decode()
    assert certificate.number in listed and "by hand" in listed


def test_the_eligibility_page_counts_a_participant_right_after_they_join(client, setup,
                                                                       django_capture_on_commit_callbacks):
    program, _organizer, good, _weak, _template = setup
    url = reverse("certificate_eligibility", args=[program.pk])
    counted = 'Participants <span class="small muted">(%d)</span>'
    assert counted % 2 in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_participant(good.team, full_name="Citra Dewi")
    page = client.get(url).content.decode()
    assert counted % 3 in page and "Citra Dewi" in page


def test_with_many_teams_the_register_search_finds_a_region_instead_of_a_team_list(client, setup, monkeypatch):
    monkeypatch.setattr(forms, "TEAM_CHOICES_MAX", 1)
    program, organizer, good, _weak, template = setup
    elsewhere = factories.make_participant(factories.make_team(program, region=factories.make_region(name="Bantaeng")))
    first = factories.issue_certificate(participant=good, template=template, by=organizer)
    second = factories.issue_certificate(participant=elsewhere, template=template, by=organizer)
    url = reverse("certificate_register", args=[program.pk])
    page = client.get(url).content.decode()
    assert 'name="team"' not in page and "Name, number or region" in page
    found = client.get(url, {"q": "bantaeng"}).content.decode()
    assert second.number in found and first.number not in found


def many_certificates(program, organizer, template, count):
    team = factories.make_team(program)
    for _ in range(count):
        factories.issue_certificate(participant=factories.make_participant(team), template=template, by=organizer)


@pytest.mark.parametrize("name", ["certificate_register", "certificate_eligibility", "certificate_overview"])
def test_list_pages_run_the_same_queries_however_many_certificates(client, setup, name,
                                                                  django_capture_on_commit_callbacks):
    program, organizer, _good, _weak, template = setup
    url = reverse(name, args=[program.pk])
    counts = []
    for count in (2, 6):
        with django_capture_on_commit_callbacks(execute=True):  # the issues commit: cached counts start again
            many_certificates(program, organizer, template, count)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("name", ["certificate_register", "certificate_eligibility"])
def test_long_lists_come_25_people_a_page(client, setup, name):
    program, organizer, _good, _weak, template = setup
    many_certificates(program, organizer, template, 26)  # 28 people, 26 certificates
    url = reverse(name, args=[program.pk])
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    people = 28 if name == "certificate_eligibility" else 26  # the register lists certificates
    rows = [page.count("<tr") for page in (first, second)]
    assert rows[0] - rows[1] == 25 - (people - 25)  # same other tables on both pages


def test_the_register_shows_each_holders_nip_region_and_replacement_in_the_same_queries_however_many(
        client, setup, django_capture_on_commit_callbacks):
    program, organizer, good, _weak, template = setup
    url = reverse("certificate_register", args=[program.pk])
    counts = []
    for extra in (1, 3):
        with django_capture_on_commit_callbacks(execute=True):  # the issues commit: cached counts start again
            for n in range(extra):
                holder = factories.make_participant(good.team, nip=f"19850312201001{len(counts)}{n:03d}")
                first = factories.issue_certificate(participant=holder, template=template, by=organizer)
                replacement = certificate_reissue(certificate=first, reason="Gelar kurang", issued_by=organizer)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counts.append(len(queries))
        assert holder.nip in page and "Kotawaringin Timur" in page and "by hand" in page
        assert f"replaced by {replacement.number}" in page
    assert counts[0] == counts[1]
    sheet = openpyxl.load_workbook(io.BytesIO(prepared(client, django_capture_on_commit_callbacks, reverse(
        "certificate_register_export", args=[program.pk])).body)).active
    assert {row[12] for row in sheet.iter_rows(min_row=2, values_only=True)} == {str(organizer)}  # issued by


def test_the_register_exports_to_excel(client, setup, django_capture_on_commit_callbacks):
    program, organizer, good, weak, template = setup
    first = factories.issue_certificate(participant=good, template=template, by=organizer)
    second = factories.issue_certificate(participant=weak, template=template, by=organizer,
                                         reason="=HYPERLINK(\"http://x\")")

    certificate_revoke(certificate=second, reason="Salah orang", revoked_by=organizer)
    response = prepared(client, django_capture_on_commit_callbacks, reverse("certificate_register_export",
                                                                            args=[program.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Number", "Name", "NIP", "Role")
    assert rows[0][6] == "Issued at (WIB)" and rows[0][8] == "Revoked at (WIB)"
    assert [row[0] for row in rows[1:]] == [first.number, second.number]
    assert rows[1][2] == good.nip and sheet["C2"].number_format == "@" == sheet.column_dimensions["C"].number_format
    assert sheet["G2"].is_date and sheet["I3"].is_date
    assert rows[2][7] == "Revoked" and rows[2][9] == "Salah orang"
    assert rows[2][11] == "=HYPERLINK(\"http://x\")" and sheet["L3"].data_type == "s" and sheet["L3"].quotePrefix
    assert rows[1][13].endswith(f"/v/{first.verification_code}/")
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    only_valid = prepared(client, django_capture_on_commit_callbacks,
                          reverse("certificate_register_export", args=[program.pk]), {"status": "valid"})
    assert openpyxl.load_workbook(io.BytesIO(only_valid.body)).active.max_row == 2


@pytest.mark.parametrize("url_name", ["certificate_register_export", "certificate_bulk_pdf", "certificate_bulk_zip"])
def test_register_documents_are_private_attachments_never_sniffed(client, setup, url_name,
                                                                  django_capture_on_commit_callbacks):
    program = setup[0]
    assert client.get(reverse(url_name, args=[program.pk])).status_code == 405  # a worker makes it: POST only
    response = prepared(client, django_capture_on_commit_callbacks, reverse(url_name, args=[program.pk]))
    assert response["Content-Disposition"].startswith(f'attachment; filename="sertifikat-program-{program.pk}.')
    assert (response["X-Content-Type-Options"], response["Cache-Control"]) == ("nosniff", "private, no-store")


def test_bulk_downloads_hold_every_valid_certificate(client, setup, django_capture_on_commit_callbacks):
    program, organizer, good, weak, template = setup
    kept = factories.issue_certificate(participant=good, template=template, by=organizer)
    gone = factories.issue_certificate(participant=weak, template=template, by=organizer)

    certificate_revoke(certificate=gone, reason="Salah", revoked_by=organizer)
    mentor = factories.make_mentor(program, good.team, user=factories.make_user(full_name="Prof. Suhono"))
    factories.issue_certificate(mentor=mentor, program=program, by=organizer)

    merged = prepared(client, django_capture_on_commit_callbacks, reverse("certificate_bulk_pdf", args=[program.pk]))
    reader = PdfReader(io.BytesIO(merged.body))
    assert len(reader.pages) == 2
    assert (reader.metadata.title, reader.metadata.author) == (f"Sertifikat {program.name}", program.institution)
    assert "Ayu Lestari, S.T." in reader.pages[0].extract_text()
    assert "Prof. Suhono" in reader.pages[1].extract_text()
    only_mentors = prepared(client, django_capture_on_commit_callbacks,
                            reverse("certificate_bulk_pdf", args=[program.pk]), {"kind": "mentor"})
    assert len(PdfReader(io.BytesIO(only_mentors.body)).pages) == 1

    response = prepared(client, django_capture_on_commit_callbacks, reverse("certificate_bulk_zip", args=[program.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.body))
    names = archive.namelist()
    assert len(names) == 2 and names[0].startswith("sertifikat-" + kept.number.replace("/", "-"))
    assert "Ayu Lestari" in PdfReader(io.BytesIO(archive.read(names[0]))).pages[0].extract_text()


def test_holders_download_their_own_certificate_from_their_home_page(client, setup,
                                                                     django_capture_on_commit_callbacks):
    program, organizer, good, weak, template = setup
    certificate = factories.issue_certificate(participant=good, template=template, by=organizer)
    client.force_login(factories.in_english(good.user))
    home = client.get(reverse("home")).content.decode()
    download = reverse("certificate_download", args=[program.pk, certificate.pk])
    assert download in home and certificate.number in home
    response = client.get(download)
    assert response["Content-Disposition"].startswith("attachment")
    reader = PdfReader(io.BytesIO(response.content))
    assert "Ayu Lestari, S.T." in reader.pages[0].extract_text()
    assert reader.metadata.title == f"Sertifikat {certificate.number}"
    assert reader.metadata.author == program.institution
    assert reader.metadata.subject == f"Sertifikat {program.name}"

    client.force_login(factories.in_english(weak.user))
    assert "No certificate yet" in client.get(reverse("home")).content.decode()
    assert client.get(download).status_code == 404


    with django_capture_on_commit_callbacks(execute=True):  # the home's kept certificates move at the commit
        certificate_revoke(certificate=certificate, reason="Salah", revoked_by=organizer)
    client.force_login(good.user)
    assert client.get(download).status_code == 404
    assert download not in client.get(reverse("home")).content.decode()


def test_a_mentor_finds_their_certificate_on_the_home_page(client, setup):
    program, organizer, good, _weak, _template = setup
    mentor = factories.in_english(factories.make_mentor(program, good.team))
    certificate = factories.issue_certificate(mentor=mentor, program=program, by=organizer)
    client.force_login(mentor)
    home = client.get(reverse("home")).content.decode()
    assert reverse("certificate_download", args=[program.pk, certificate.pk]) in home
    assert "Your mentor certificate" in home


def test_a_huge_width_in_the_number_format_is_refused_with_a_message(client, setup):
    program = setup[0]
    url = reverse("certificate_settings", args=[program.pk])
    response = client.post(url, {"min_attendance_percent": 75, "number_format": "{seq:9223372036854775807}/{year}",
                                 "lesson_hours": 32})
    assert response.status_code == 200
    assert "padded to at most 20 characters" in response.content.decode()

    assert not CertificateSettings.objects.filter(program=program, number_format__startswith="{seq:9").exists()


def test_the_home_page_offers_the_person_their_own_certificates_as_participant_and_as_mentor(client, setup):
    program, organizer, good, weak, template = setup
    mine = factories.issue_certificate(participant=good, template=template, by=organizer)
    theirs = factories.issue_certificate(participant=weak, template=template, by=organizer)
    mentored = factories.make_program()
    factories.make_mentor(mentored, factories.make_team(mentored), user=good.user)
    as_mentor = factories.issue_certificate(mentor=good.user, program=mentored)
    factories.in_english(good.user)
    client.force_login(good.user)
    home = client.get(reverse("home")).content.decode()
    assert "Your certificate" in home and "Your mentor certificate" in home
    assert mine.number in home and as_mentor.verification_code in home
    assert theirs.verification_code not in home


def test_the_home_page_shows_a_certificate_right_after_it_is_issued_revoked_or_reissued(
        client, setup, django_capture_on_commit_callbacks):
    """The certificates a home page shows are kept in the cache; each service moves them once it commits."""
    program, organizer, good, _weak, template = setup
    client.force_login(factories.in_english(good.user))

    def shown():
        return [c.number for c in client.get(reverse("home")).context["panels"][0].get("participant_certificates", [])]

    assert shown() == []
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.issue_certificate(participant=good, template=template, by=organizer)
    assert shown() == [first.number]
    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_reissue(certificate=first, reason="Salah ketik nama", issued_by=organizer)
    assert shown() == [second.number]
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=second, reason="Tidak memenuhi syarat", revoked_by=organizer)
    assert shown() == []


def test_the_eligibility_pages_list_everyone_by_region_and_name_right_after_someone_joins(
        client, setup, django_capture_on_commit_callbacks):
    program = setup[0]
    regions = [factories.make_region(name="Bone", province="Sulawesi Selatan"),  # a kabupaten and a kota
               factories.make_region(name="Bone", kind="kota", province="Sulawesi Selatan"),  # of one name
               factories.make_region(name="Garut", province="Jawa Barat")]
    teams = [factories.make_team(program, region=region) for region in regions]
    joined = [factories.make_participant(teams[n % 3], full_name=f"Orang {(n * 7) % 30:02d}") for n in range(30)]

    def listed():
        url = reverse("certificate_eligibility", args=[program.pk])
        names = []
        for page in (1, 2):
            for name in re.findall(r"Orang \d\d", client.get(url, {"page": page}).content.decode()):
                if name not in names:
                    names.append(name)
        return names

    def in_order(people):
        return sorted((p for p in people if p.full_name.startswith("Orang")),
                      key=lambda p: (p.team.region.province, p.team.region.name, p.full_name, p.pk))

    assert listed() == [p.full_name for p in in_order(joined)]
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = factories.make_participant(teams[1], full_name="Orang 99")
    assert listed() == [p.full_name for p in in_order([*joined, newcomer])]


def test_the_eligibility_page_lists_mentors_by_their_listed_name_right_after_an_organizer_renames_one(
        client, setup, django_capture_on_commit_callbacks):
    program = setup[0]
    url = reverse("certificate_eligibility", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        staff_add(program=program, email="budi@test.example", full_name="Mentor Budi", role="mentor")
        staff_add(program=program, email="citra@test.example", full_name="Mentor Citra", role="mentor")
    page = client.get(url).content.decode()
    assert page.index("Mentor Budi") < page.index("Mentor Citra")
    with django_capture_on_commit_callbacks(execute=True):
        staff_add(program=program, email="budi@test.example", full_name="Mentor Dodi", role="mentor")
    page = client.get(url).content.decode()
    # listed and shown by the name the program lists: never the account's own name
    assert page.index("Mentor Citra") < page.index("Mentor Dodi") and "Mentor Budi" not in page


def test_the_eligibility_page_shows_a_new_mark_and_certificate_right_after_they_are_made(
        client, setup, django_capture_on_commit_callbacks):
    """Its tables are kept rendered (and their numbers counted) until the program's data changes: a mark through
    the attendance service, a certificate issued or revoked, each shows on the next request."""
    program, organizer, _good, weak, template = setup
    url = reverse("certificate_eligibility", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        mentor = staff_add(program=program, email="dewi@test.example", full_name="Mentor Dewi", role="mentor").user
        first = TrainingSession.objects.filter(stage__program=program).order_by("starts_at").first()
        mentored = factories.make_session(first.stage, starts_at=first.starts_at + datetime.timedelta(hours=12),
                                          teams=[factories.make_team(program)], mentors=[mentor])
    mentor_rate = 'data-label="Attendance" class="num">%s <span class="small muted">(%s)</span>'
    page = client.get(url).content.decode()
    assert "attendance 50% &lt; 75%" in page and mentor_rate % ("0%", "0/5") in page
    third = TrainingSession.objects.filter(stage__program=program, all_teams=True).order_by("starts_at")[2]
    with django_capture_on_commit_callbacks(execute=True):
        factories.mark(third, weak, "hadir", by=organizer)
        factories.mark(mentored, mentor, "hadir", by=organizer)
    page = client.get(url).content.decode()
    assert "attendance 50%" not in page and "75% <span class=\"small muted\">(3/4)</span>" in page
    assert mentor_rate % ("20%", "1/5") in page
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.issue_certificate(participant=weak, template=template, by=organizer)
    page = client.get(url).content.decode()
    assert certificate.number in page and '<span class="badge bad">Revoked</span>' not in page
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Salah orang", revoked_by=organizer)
    assert '<span class="badge bad">Revoked</span>' in client.get(url).content.decode()


def test_the_register_shows_a_revocation_right_after_it_is_made(
        client, setup, django_capture_on_commit_callbacks):
    """Its table is kept rendered until the program's data changes."""
    program, organizer, good, _weak, template = setup
    url = reverse("certificate_register", args=[program.pk])
    revoked = '<span class="badge bad">Revoked</span>'
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.issue_certificate(participant=good, template=template, by=organizer)
    page = client.get(url).content.decode()
    assert certificate.number in page and revoked not in page
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Salah orang", revoked_by=organizer)
    assert revoked in client.get(url).content.decode()


def test_the_overview_logs_a_certificate_issued_by_hand_right_after_it_is_issued(
        client, setup, django_capture_on_commit_callbacks):
    """Which certificates were issued by hand is kept until the program's data changes."""
    program, organizer, _good, weak, template = setup
    url = reverse("certificate_overview", args=[program.pk])
    assert "No certificate has been issued by hand." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = factories.issue_certificate(participant=weak, template=template, by=organizer,
                                                  reason="Sakit, ada surat dokter")
    page = client.get(url).content.decode()
    assert "Sakit, ada surat dokter" in page and certificate.number in page


def test_the_overview_shows_the_rule_the_next_number_and_the_last_stage_right_after_each_service_commits(
        client, setup, django_capture_on_commit_callbacks):
    """The settings, the last number given and the end of the last stage are kept with the overview's figures
    until a service changes the program's data (certificates.selectors.overview_figures)."""
    program, organizer, _good, weak, template = setup
    url = reverse("certificate_overview", args=[program.pk])

    def page():
        with translation.override("en"):
            return client.get(url).content.decode()

    def ends(stage):
        with translation.override("en"):
            return f"The program's last stage ends on {long_date(stage.end_date)}."

    last = program.stages.order_by("-ordinal").first()
    first = page()
    year = timezone.localdate().year
    assert "A participant attended at least 75% of the sessions" in first
    assert f"<strong>001/BIMTEK-SC/{year}</strong>" in first and ends(last) in first
    with django_capture_on_commit_callbacks(execute=True):
        certificate_settings_update(program=program, min_attendance_percent=61, require_approved_assignments=False,
                                    number_format="SC-{seq:04d}/{year}", lesson_hours=None)
    shown = page()
    assert "A participant attended at least 61% of the sessions" in shown
    assert f"<strong>SC-0001/{year}</strong>" in shown
    with django_capture_on_commit_callbacks(execute=True):
        factories.issue_certificate(participant=weak, template=template, by=organizer)
    assert f"<strong>SC-0002/{year}</strong>" in page()
    with django_capture_on_commit_callbacks(execute=True):
        last = stage_update(stage=last, end_date=last.end_date - datetime.timedelta(days=1))
    assert ends(last) in page()
