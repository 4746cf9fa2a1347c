"""Importing a master plan register from a messy, real-world-like spreadsheet: upload, preview, confirm."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from evaluation.models import MasterPlan, PlanProgram
from evaluation.register_import import register_sheet_read
from tests import factories
from tests.evaluation.factories import make_plan
from tests.factories import upload, xlsx_bytes
from tests.html_validity import html_errors

pytestmark = pytest.mark.django_db

UPPER = ["No", "Dimensi", "Program", "Deskripsi", "OPD Penanggung Jawab", "Tahun", None, "Indikator", None, None,
         None, "Anggaran (Rp)", "Sumber Anggaran", "Risiko", "Quick Win (Ya/Tidak)"]
LOWER = [None, None, None, None, None, "Mulai", "Selesai", "Uraian", "Satuan", "Baseline", "Target"]
HEADER_MERGES = ["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:G5", "H5:K5", "L5:L6", "M5:M6", "N5:N6",
                 "O5:O6"]


def program_row(number, title, *, dimension=None, start=2027, end=2027, budget="Rp 1.500.000.000", quick="Tidak"):
    return [number, dimension, title, "Uraian singkat", "Diskominfo", start, end, "Layanan daring", "layanan",
            "5", "40", budget, "APBD", "SDM terbatas", quick]


def messy_register(*, bad_year=False):
    """Title rows, a two-row merged header, a dimension heading, the header repeated on the next page, a
    dimension merged over its programs, a totals line and the signature block under the table."""
    rows = [
        ["MASTERPLAN SMART CITY KABUPATEN CONTOH"],                                   # 1
        ["TAHUN 2027 – 2031"],                                                         # 2
        [],                                                                            # 3
        [],                                                                            # 4
        UPPER,                                                                         # 5
        LOWER,                                                                         # 6
        ["A. SMART GOVERNANCE"],                                                       # 7
        program_row(1, "Layanan perizinan daring", quick="Ya", budget=750_000_000),    # 8
        program_row(2, "Satu data kabupaten", end=2029 if not bad_year else 2035),     # 9
        UPPER,                                                                         # 10 the next page
        program_row(3, "Pasar digital UMKM", dimension="Smart Economy", start="2028", end=2030,
                    budget="2,5 M"),                                                   # 11
        program_row(4, "Kampung wisata daring", start=2029, end=2031),                 # 12 (Smart Economy, merged)
        ["Jumlah", None, None, None, None, None, None, None, None, None, None, 4_750_000_000],  # 13
        [],                                                                            # 14
        [None, None, None, None, None, None, None, None, None, None, None, "Contoh, 12 Desember 2026"],  # 15
        [None, None, None, None, None, None, None, None, None, None, None, "Kepala Bappeda"],  # 16
        [None, None, None, None, None, None, None, None, None, None, None, "Dr. Budi Santoso, M.Si."],  # 17
        [None, None, None, None, None, None, None, None, None, None, None, "NIP. 19750312 200003 1 001"],  # 18
    ]
    return xlsx_bytes(*rows, merged=["A1:O1", "A2:O2", *HEADER_MERGES, "A7:O7", "B11:B12"])


@pytest.fixture
def register(db):
    program = factories.make_program()
    team = factories.make_team(program)
    member = factories.make_participant(team)
    member.user.language = "en"
    member.user.save()
    plan = make_plan(team, status=MasterPlan.Status.DRAFT, programs=0, first_year=2027)
    return plan, member.user


def read(content, plan):
    return register_sheet_read(io.BytesIO(content), "xlsx", plan, list(plan.team.program.dimensions.all()))


def test_a_messy_sheet_is_read_row_by_row(register, english):
    plan, _user = register
    sheet = read(messy_register(), plan)
    programs = [row for row in sheet.rows if row["status"] != "aside"]
    assert [(row["number"], row["status"], row["title"], row["dimension"], row["years"]) for row in programs] == [
        ("8", "ok", "Layanan perizinan daring", "Smart Governance", "2027"),
        ("9", "ok", "Satu data kabupaten", "Smart Governance", "2027–2029"),
        ("11", "ok", "Pasar digital UMKM", "Smart Economy", "2028–2030"),
        ("12", "ok", "Kampung wisata daring", "Smart Economy", "2029–2031"),
    ]
    assert programs[0]["quick_win"] is True and programs[1]["quick_win"] is False
    assert programs[2]["values"]["budget"] == "2500000000" and programs[1]["values"]["budget"] == "1500000000"
    assert programs[0]["values"]["baseline_value"] == "5.00" and programs[0]["values"]["target_value"] == "40.00"
    assert programs[0]["values"]["unit"] == "layanan" and programs[0]["values"]["indicator"] == "Layanan daring"
    aside = {row["number"]: row["reason"] for row in sheet.rows if row["status"] == "aside"}
    assert aside == {"7": "Dimension heading", "10": "The header repeated",
                     "13": "Signature or total line under the table",
                     "15": "Signature or total line under the table", "16": "Signature or total line under the table",
                     "17": "Signature or total line under the table", "18": "Signature or total line under the table"}


def test_a_year_outside_the_plan_is_an_error_by_row_number_and_nothing_is_written(register, client, english):
    plan, user = register
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    response = client.post(reverse("register_import", kwargs=kwargs),
                           {"file": upload(messy_register(bad_year=True), "register.xlsx")})
    assert response.url == reverse("register_import_preview", kwargs=kwargs)
    page = client.get(response.url).content.decode()
    assert '<td data-label="Row">9</td>' in page and "Cannot import yet" in page
    assert html_errors(page) == []
    assert "years: The year must lie within the plan&#x27;s five years, 2027 to 2031." in page
    client.post(reverse("register_import_preview", kwargs=kwargs))
    assert not PlanProgram.objects.exists()


def test_upload_preview_confirm_writes_every_program_in_one_go(register, client, english):
    plan, user = register
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    response = client.post(reverse("register_import", kwargs=kwargs),
                           {"file": upload(messy_register(), "register.xlsx")})
    page = client.get(response.url).content.decode()
    assert "Preview of the import" in page and "Import 4 programs" in page and "Signature or total line" in page
    assert html_errors(page) == []
    assert not PlanProgram.objects.exists()
    response = client.post(reverse("register_import_preview", kwargs=kwargs))
    assert response.url == reverse("register_detail", kwargs=kwargs)
    assert list(plan.programs.order_by("order").values_list("title", "start_year", "end_year", "quick_win")) == [
        ("Layanan perizinan daring", 2027, 2027, True), ("Satu data kabupaten", 2027, 2029, False),
        ("Pasar digital UMKM", 2028, 2030, False), ("Kampung wisata daring", 2029, 2031, False)]
    assert plan.programs.get(title="Pasar digital UMKM").budget == Decimal(2_500_000_000)
    # The preview is gone once confirmed: the page sends back to the upload.
    assert client.get(reverse("register_import_preview", kwargs=kwargs)).url == reverse("register_import",
                                                                                         kwargs=kwargs)


def test_the_import_replaces_the_programs_of_the_version(register, client, english):
    plan, user = register
    PlanProgram.objects.create(plan=plan, dimension=plan.team.program.dimensions.first(), title="Lama",
                               responsible_agency="Bappeda", start_year=2027, end_year=2027, indicator="X")
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    client.post(reverse("register_import", kwargs=kwargs), {"file": upload(messy_register(), "register.xlsx")})
    client.post(reverse("register_import_preview", kwargs=kwargs))
    assert plan.programs.count() == 4 and not plan.programs.filter(title="Lama").exists()


def test_indonesian_one_row_headers_a_csv_and_a_year_range_in_one_column(register, english):
    plan, _user = register
    content = (b"Program;Dimensi;OPD Penanggung Jawab;Tahun;Indikator;Baseline;Target;Anggaran;Sumber Anggaran;"
               b"Risiko;Quick Win\n"
               b"Portal data;Tata Kelola;Diskominfo;2027 s.d. 2028;Dataset terbuka;10;50;1.000.000;APBD;-;Tidak\n"
               b"Aplikasi aduan;Smart Living;Diskominfo;2027;Aduan selesai;0;90;Rp 250 juta;DAK;-;Ya\n"
               b"Wifi taman;Smart Rocket;Diskominfo;2027;Titik;0;5;x;APBD;-;mungkin\n")
    rows = [row for row in register_sheet_read(io.BytesIO(content), "csv", plan,
                                               list(plan.team.program.dimensions.all())).rows]
    assert [(row["status"], row["years"]) for row in rows] == [("ok", "2027–2028"), ("ok", "2027"),
                                                                ("error", "2027")]
    assert [row["dimension"] for row in rows[:2]] == ["Smart Governance", "Smart Living"]
    assert rows[1]["values"]["budget"] == "250000000" and rows[1]["quick_win"] is True
    assert {column for column, _message in rows[2]["errors"]} == {"dimension", "estimated budget (Rp)",
                                                                   "quick win"}


def test_a_quick_win_after_the_first_year_is_an_error(register, english):
    plan, _user = register
    content = xlsx_bytes(["Dimensi", "Program", "OPD", "Tahun", "Indikator", "Quick Win"],
                         ["Smart Living", "Aplikasi", "Diskominfo", 2028, "Pengguna", "Ya"])
    row = read(content, plan).rows[0]
    assert row["status"] == "error"
    assert row["errors"] == [("quick win", "A quick win is done in the plan's first year, 2027.")]


def test_a_sheet_without_a_register_header_is_refused_with_a_message(register, client, english):
    plan, user = register
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    response = client.post(reverse("register_import", kwargs=kwargs),
                           {"file": upload(xlsx_bytes(["Nama", "Email"], ["Budi", "b@x.id"]), "register.xlsx")})
    assert response.status_code == 200
    assert "No header row was found" in response.content.decode()
    assert not PlanProgram.objects.exists()


def test_the_template_reads_back_as_two_correct_programs(register, client):
    plan, user = register
    client.force_login(user)
    response = client.get(reverse("register_template", kwargs={"program": plan.team.program_id,
                                                                "team": plan.team_id}))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert [cell.value for cell in book.worksheets[0][1]][:4] == ["No", "Dimensi", "Program", "Deskripsi Singkat"]
    assert [row["status"] for row in read(content, plan).rows] == ["ok", "ok"]


def test_discarding_the_preview_writes_nothing(register, client):
    plan, user = register
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    client.post(reverse("register_import", kwargs=kwargs), {"file": upload(messy_register(), "register.xlsx")})
    client.post(reverse("register_import_discard", kwargs=kwargs))
    client.post(reverse("register_import_preview", kwargs=kwargs))
    assert not PlanProgram.objects.exists()


@hypothesis_settings(max_examples=25, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=st.one_of(
    st.binary(max_size=2048),
    st.lists(st.integers(0, 2**16), min_size=1, max_size=6).map(
        lambda cuts: bytes(byte for index, byte in enumerate(messy_register()) if index not in cuts)),
    st.lists(st.lists(st.sampled_from(["Program", "Dimensi", "OPD", "Tahun", "Indikator", "Quick Win", "2027",
                                       "2027-2040", "Smart Living", "Ya", "", "x", "Rp 1,5 M", "=1+1", "Jumlah"]),
                      max_size=8), max_size=10).map(lambda rows: "\n".join(";".join(row) for row in rows).encode())),
       name=st.sampled_from(["register.xlsx", "register.csv", "register.xls", "register"]))
def test_any_file_is_refused_with_a_message_or_previewed_and_nothing_is_written(register, client, content, name):
    plan, user = register
    client.force_login(user)
    kwargs = {"program": plan.team.program_id, "team": plan.team_id}
    response = client.post(reverse("register_import", kwargs=kwargs), {"file": upload(content, name)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors, "a refused file must say why"
    else:
        assert client.get(response.url).status_code == 200
    assert not PlanProgram.objects.exists()
