"""The import resource: matching people, new and changed rows, errors by row and column, all or nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from participants.import_run import participants_import_rows
from participants.models import Participant, Team
from participants.spreadsheet_reading import SourceRow, SpreadsheetRows
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
User = get_user_model()


def sheet_of(*rows, headers=None):
    """A read spreadsheet: rows are dicts of column key -> value, numbered from row 2 below a header."""
    keys = headers or sorted({key for row in rows for key in row})
    return SpreadsheetRows(rows=[SourceRow(sheet="Daftar", number=number, values=row)
                                 for number, row in enumerate(rows, start=2)],
                           headers={key: key.title() for key in keys}, sheets=["Daftar"])


def person(number, **values):
    return {"full_name": f"Peserta {number}", "email": f"peserta{number}@kotim.go.id", "position": "Staf",
            "region": "Kabupaten Kotawaringin Timur", "province": "Kalimantan Tengah", **values}


def statuses(outcome):
    return [row["status"] for row in outcome.rows]


def test_the_preview_writes_nothing_and_says_what_each_row_would_do():
    program = factories.make_program()
    outcome = participants_import_rows(program=program, sheet=sheet_of(person(1), person(2)), dry_run=True)
    assert statuses(outcome) == ["new", "new"]
    assert outcome.new_teams == ["Kabupaten Kotawaringin Timur"]
    assert outcome.counts["new_accounts"] == 2
    assert not Participant.objects.exists() and not Team.objects.exists() and not User.objects.filter(
        email__endswith="kotim.go.id").exists()


def test_an_import_creates_accounts_without_password_and_the_region_with_its_province_time_zone():
    program = factories.make_program()
    sheet = sheet_of(person(1, team_role="Ketua", group="Dewan Smart City", phone="0812 3456 7890",
                            region="Kota Balikpapan", province="Kaltim"))
    outcome = participants_import_rows(program=program, sheet=sheet, dry_run=False)
    assert outcome.ok
    participant = Participant.objects.select_related("user", "team__region").get()
    assert (participant.team.program, str(participant.team.region), participant.team.region.province) == (
        program, "Kota Balikpapan", "Kalimantan Timur")
    assert participant.team.region.time_zone == "Asia/Makassar"
    assert (participant.team_role, participant.group, participant.phone) == ("leader", "council", "+6281234567890")
    user = participant.user
    assert (user.email, user.full_name, user.time_zone) == ("peserta1@kotim.go.id", "Peserta 1", "Asia/Makassar")
    assert not user.has_usable_password()


def test_importing_the_same_rows_again_changes_nothing_and_creates_no_duplicates():
    program = factories.make_program()
    sheet = sheet_of(person(1, nip="198503122010011001"), person(2))
    participants_import_rows(program=program, sheet=sheet, dry_run=False)
    again = participants_import_rows(program=program, sheet=sheet, dry_run=False)
    assert statuses(again) == ["unchanged", "unchanged"]
    assert Participant.objects.count() == 2 and Team.objects.count() == 1


def test_a_person_is_found_by_nip_when_the_row_has_no_email_and_by_email_whatever_its_case():
    program = factories.make_program()
    participants_import_rows(program=program, sheet=sheet_of(person(1, nip="198503122010011001")), dry_run=False)
    by_nip = {"full_name": "Peserta 1", "nip": "198503122010011001", "position": "Kepala Seksi"}
    by_email = {"full_name": "Peserta 1", "email": " PESERTA1@Kotim.go.id ", "position": "Kepala Bidang"}
    assert statuses(participants_import_rows(program=program, sheet=sheet_of(by_nip), dry_run=False)) == ["update"]
    outcome = participants_import_rows(program=program, sheet=sheet_of(by_email), dry_run=False)
    assert statuses(outcome) == ["update"]
    assert outcome.rows[0]["changes"] == [["Position", "Kepala Seksi", "Kepala Bidang"]]
    assert Participant.objects.get().position == "Kepala Bidang"


def test_an_empty_cell_never_erases_what_is_stored_and_a_new_region_moves_the_person():
    program = factories.make_program()
    participants_import_rows(program=program, sheet=sheet_of(person(1, phone="081234567890")), dry_run=False)
    moved = person(1, phone="", position="", region="Kota Palangka Raya")
    outcome = participants_import_rows(program=program, sheet=sheet_of(moved), dry_run=False)
    assert outcome.rows[0]["changes"] == [["Region", "Kabupaten Kotawaringin Timur", "Kota Palangka Raya"]]
    participant = Participant.objects.select_related("team__region").get()
    assert (participant.phone, participant.position, participant.team.region.name) == (
        "+6281234567890", "Staf", "Palangka Raya")


def test_an_account_from_another_program_joins_without_a_new_account():
    program = factories.make_program()
    existing = factories.make_user(email="peserta1@kotim.go.id", full_name="Peserta Lama")
    outcome = participants_import_rows(program=program, sheet=sheet_of(person(1)), dry_run=False)
    assert statuses(outcome) == ["new"] and outcome.counts["new_accounts"] == 0
    assert Participant.objects.get().user == existing
    assert User.objects.filter(email="peserta1@kotim.go.id").count() == 1


def test_errors_name_the_spreadsheet_row_the_column_and_the_problem():
    program = factories.make_program()
    rows = [person(1), person(2, nip=1.98503122010011e17, phone="12", email="peserta2@kotim"),
            person(3, email="", region="Kota Antah", province="Narnia"), person(4, email="peserta1@kotim.go.id")]
    outcome = participants_import_rows(program=program, sheet=sheet_of(*rows), dry_run=True)
    assert statuses(outcome) == ["new", "error", "error", "error"]
    errors = {row["row"]: row["errors"] for row in outcome.rows}
    assert errors[3] == [
        ["Nip", "This NIP lost its last digits because a spreadsheet stored it as a number. Format the NIP column as "
                "text and type the full 18 digits again."],
        ["Phone", "Write the phone number as 0812…, +62 812… or 62812…."],
        ["Email", "This is not a valid e-mail address."],
    ]
    assert errors[4] == [["Email", "A new participant needs an e-mail address: it becomes their login."],
                         ["Province", "\"Narnia\" is not a province of Indonesia."]]
    assert errors[5] == [["Email", "The same e-mail address is already on row 2."]]
    assert not outcome.ok


def test_errors_are_written_in_the_language_of_the_person_importing():
    program = factories.make_program()
    sheet = sheet_of(person(1, phone="12"))
    with translation.override("id"):
        outcome = participants_import_rows(program=program, sheet=sheet, dry_run=True)
    assert outcome.rows[0]["errors"] == [["Phone", "Tulis nomor telepon sebagai 0812…, +62 812… atau 62812…."]]


def test_a_nip_of_someone_else_in_the_program_is_refused():
    program = factories.make_program()
    team = factories.make_team(program)
    factories.make_participant(team, full_name="Ahmad Fauzi", nip="198503122010011001")
    outcome = participants_import_rows(program=program, sheet=sheet_of(person(1, nip="198503122010011001")),
                                       dry_run=True)
    assert outcome.rows[0]["errors"][0][1].startswith("This NIP belongs to Ahmad Fauzi")


def test_a_region_without_kabupaten_or_kota_is_found_when_its_name_is_unique():
    program = factories.make_program()
    factories.make_region(name="Sleman", kind="kabupaten", province="Daerah Istimewa Yogyakarta")
    factories.make_region(name="Kupang", kind="kabupaten", province="Nusa Tenggara Timur")
    factories.make_region(name="Kupang", kind="kota", province="Nusa Tenggara Timur")
    outcome = participants_import_rows(program=program, sheet=sheet_of(
        person(1, region="SLEMAN"), person(2, region="Kupang")), dry_run=True)
    assert outcome.rows[0]["team"] == "Kabupaten Sleman"
    assert outcome.rows[1]["errors"] == [
        ["Region", "Write Kabupaten or Kota before the name (e.g. \"Kabupaten Kupang\")."]]


def test_rows_without_a_region_go_to_the_chosen_team():
    program = factories.make_program()
    team = factories.make_team(program)
    row = {"full_name": "Siti", "email": "siti@kotim.go.id"}
    outcome = participants_import_rows(program=program, sheet=sheet_of(row), default_team=team, dry_run=False)
    assert outcome.ok and Participant.objects.get().team == team


def test_a_name_longer_than_the_field_holds_is_an_error_of_its_row():
    program = factories.make_program()
    too_long = {"full_name": "x" * 201, "email": "x@kotim.go.id", "region": "Kabupaten Kotawaringin Timur",
                "province": "Kalimantan Tengah"}
    outcome = participants_import_rows(program=program, sheet=sheet_of(too_long), dry_run=True)
    assert outcome.rows[0]["errors"] == [["Full_Name", "At most 200 characters (this one has 201)."]]


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_number_of_queries_does_not_grow_with_the_number_of_rows(dry_run):
    def queries(count, offset):
        program = factories.make_program()
        known = [person(offset + number) for number in range(count)]
        participants_import_rows(program=program, sheet=sheet_of(*known), dry_run=False)
        rows = known + [person(offset + 1000 + number) for number in range(count)]
        with CaptureQueriesContext(connection) as captured:
            outcome = participants_import_rows(program=program, sheet=sheet_of(*rows), dry_run=dry_run)
        assert outcome.counts["unchanged"] == count and outcome.counts["new"] == count
        return len(captured)

    assert queries(5, 0) == queries(20, 100)


def test_a_mentor_of_the_program_is_not_imported_as_a_participant():
    program = factories.make_program()
    mentor = factories.make_staff(program, "mentor", user=factories.make_user(email="mentor@kotim.go.id"))
    outcome = participants_import_rows(program=program, sheet=sheet_of(person(1, email="Mentor@kotim.go.id")),
                                       dry_run=True)
    assert outcome.rows[0]["errors"] == [["Email", f"{mentor.email} is Mentor of this program, not a participant."]]


def test_the_preview_shows_what_a_new_row_stores_after_cleaning():
    program = factories.make_program()
    row = person(1, nip="19850312 201001 1 001", phone="0812-3456-7890", agency="Diskominfo", team_role="ketua",
                 group="Tim Pelaksana")
    outcome = participants_import_rows(program=program, sheet=sheet_of(row), dry_run=True)
    assert outcome.rows[0]["stored"] == ("198503122010011001 · Staf · Diskominfo · +6281234567890 · Ketua"
                                         " · Tim Pelaksana")
