import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluation.models import Assessment, RoundTeam
from evaluation.report_pdf import reports_pdf
from evaluation.selectors.results import round_reports
from evaluation.services.finalise import round_finalise
from sessions.services import letter_settings_update
from tests import factories
from tests.evaluation.assessing import score_all, submit_self_assessment
from tests.evaluation.factories import make_plan, make_round
from tests.sessions.pdf_reading import read
from tests.workers import prepared

pytestmark = pytest.mark.django_db


def finalised_round(program, teams, assessor, *, scores=(3, 2)):
    """A round over ``teams`` with registers, all submitted and scored, the first ``len(scores)`` finalised."""
    for team in teams:
        make_plan(team, programs=4, quick_wins=2)
    evaluation_round = make_round(program, teams=teams, assessors=[assessor])
    round_teams = list(RoundTeam.objects.filter(round=evaluation_round).order_by("team__region__name"))
    for round_team, score in zip(round_teams, scores, strict=False):
        submit_self_assessment(round_team, done=score)
        score_all(Assessment.objects.get(round_team=round_team), score, note=f"Catatan {round_team.team.region.name}")
    round_finalise(evaluation_round=evaluation_round, round_team_ids=[rt.pk for rt in round_teams[:len(scores)]])
    return evaluation_round


def test_results_rank_by_index_with_provinces_in_colour_and_words(client, english_world):
    world = english_world
    other = factories.make_team(world.program, region=factories.make_region(province="Bali"))
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b, other], world.users["evaluator"],
                                       scores=(3, 2))
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("evaluation_results", args=[world.program.pk, evaluation_round.pk])).content.decode()
    first, second = sorted([world.team_a, world.team_b], key=lambda t: t.region.name)
    assert page.index(str(first.region)) < page.index(str(second.region))  # 75 before 50
    assert "75.00" in page and 'class="badge ok">2 finalised' in page and 'class="badge neutral">1 not started' in page
    drill = client.get(reverse("evaluation_results", args=[world.program.pk, evaluation_round.pk]),
                       {"province": "Bali"}).content.decode()
    ranking = drill[drill.index('id="ranking"'):]
    assert str(other.region) in ranking and str(first.region) not in ranking


def test_the_team_sees_its_scores_once_finalised(client, english_world):
    world = english_world
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b], world.users["evaluator"],
                                       scores=(3,))
    finalised, pending = (RoundTeam.objects.get(round=evaluation_round, team=t) for t in (world.team_a, world.team_b))
    assert finalised.status == RoundTeam.Status.FINALISED
    client.force_login(world.users["participant"])
    page = client.get(reverse("evaluation_scores", args=[world.program.pk, finalised.pk])).content.decode()
    assert finalised.index is not None and f">{finalised.index}<" in page
    assert "Strongest dimension" in page and f"Catatan {world.team_a.region.name} Output" in page
    client.force_login(world.users["other_participant"])
    assert client.get(reverse("evaluation_scores", args=[world.program.pk, pending.pk])).status_code == 404


def test_the_report_is_one_page_per_region_in_indonesian(world):
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b], world.users["evaluator"])
    reports = round_reports(evaluation_round)
    reader, pages = read(reports_pdf(reports, world.program))
    assert len(reader.pages) == 2
    assert "LAPORAN EVALUASI" in pages[0] and world.team_a.region.name in pages[0] + pages[1]
    assert "Indeks" in pages[0] and "Dimensi terkuat" in pages[0] and "NIP" in pages[0]


def test_the_results_and_scores_pages_run_a_fixed_number_of_queries(client, world):
    counts = []
    for teams in (3, 12):
        program = factories.make_program()
        evaluator = factories.make_staff(program, "evaluator")
        evaluation_round = finalised_round(program, [factories.make_team(program) for _ in range(teams)], evaluator,
                                           scores=(3,) * teams)
        client.force_login(evaluator)
        with CaptureQueriesContext(connection) as results:
            assert client.get(reverse("evaluation_results", args=[program.pk, evaluation_round.pk])).status_code == 200
        round_team = RoundTeam.objects.filter(round=evaluation_round).first()
        with CaptureQueriesContext(connection) as scores:
            assert client.get(reverse("evaluation_scores", args=[program.pk, round_team.pk])).status_code == 200
        counts.append((len(results), len(scores)))
    assert counts[0] == counts[1]


def test_the_merged_pdf_and_the_xlsx_are_made_by_a_worker(client, world, django_capture_on_commit_callbacks):
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b], world.users["evaluator"])
    client.force_login(world.users["organizer"])
    pdf = prepared(client, django_capture_on_commit_callbacks,
                   reverse("evaluation_reports_job", args=[world.program.pk, evaluation_round.pk]))
    reader, pages = read(pdf.body)
    assert len(reader.pages) == 2 and "LAPORAN EVALUASI" in pages[1]
    xlsx = prepared(client, django_capture_on_commit_callbacks,
                    reverse("evaluation_scores_xlsx_job", args=[world.program.pk, evaluation_round.pk]))
    book = load_workbook(io.BytesIO(xlsx.body))
    index_sheet, finals, assessors = book.worksheets
    rows = list(index_sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[3] for row in rows) == [50, 75]
    assert finals.max_row == 1 + 2 * 5 and assessors.max_row == 1 + 2 * 5


def test_the_dashboard_links_to_the_queue_and_the_results(client, english_world):
    world = english_world
    evaluation_round = make_round(world.program, teams=[world.team_a], assessors=[world.users["evaluator"]])
    client.force_login(world.users["evaluator"])
    page = client.get(reverse("program_dashboard", args=[world.program.pk])).content.decode()
    assert reverse("evaluation_assessor_queue", args=[world.program.pk]) in page
    assert reverse("evaluation_results", args=[world.program.pk, evaluation_round.pk]) in page


def test_the_dashboard_shows_the_finalised_rounds_provinces_and_highest_indices(client, english_world):
    world = english_world
    other = factories.make_team(world.program, region=factories.make_region(province="Bali"))
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b, other], world.users["evaluator"],
                                       scores=(3, 2))
    client.force_login(world.users["organizer"])
    page = client.get(reverse("program_dashboard", args=[world.program.pk])).content.decode()
    section = page[page.index('id="evaluation-results"'):]
    assert "Bali" in section and 'class="badge neutral">1 not started' in section
    assert 'class="badge ok">2 finalised' in section and "75.00" in section  # Jawa Barat: 75 and 50, mean 62.50
    assert "62.50" in section
    first = sorted([world.team_a, world.team_b], key=lambda t: t.region.name)[0]
    assert section.index(str(first.region)) < section.index("The whole ranking")
    assert reverse("evaluation_results", args=[world.program.pk, evaluation_round.pk]) + "?province=Bali" in section
    # Participants and mentors do not see the dashboard at all; an evaluator of the program does.
    client.force_login(world.users["evaluator"])
    dashboard = client.get(reverse("program_dashboard", args=[world.program.pk])).content.decode()
    assert 'id="evaluation-results"' in dashboard


def test_the_dashboards_evaluation_section_runs_a_fixed_number_of_queries(client):
    counts = []
    for teams in (3, 12):
        program = factories.make_program()
        organizer = factories.make_staff(program, "organizer")
        evaluator = factories.make_staff(program, "evaluator")
        finalised_round(program, [factories.make_team(program, region=factories.make_region(province=f"P{i % 5}"))
                                  for i in range(teams)], evaluator, scores=(3,) * teams)
        client.force_login(organizer)
        client.get(reverse("program_dashboard", args=[program.pk]))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("program_dashboard", args=[program.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_team_downloads_its_report_once_finalised(client, english_world):
    world = english_world
    evaluation_round = finalised_round(world.program, [world.team_a, world.team_b], world.users["evaluator"],
                                       scores=(3,))
    finalised, pending = (RoundTeam.objects.get(round=evaluation_round, team=t) for t in (world.team_a, world.team_b))
    client.force_login(world.users["participant"])
    response = client.get(reverse("evaluation_report_pdf", args=[world.program.pk, finalised.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader, pages = read(response.content)
    assert len(reader.pages) == 1 and world.team_a.region.name in pages[0]
    client.force_login(world.users["organizer"])
    response = client.get(reverse("evaluation_report_pdf", args=[world.program.pk, pending.pk]), follow=True)
    assert "The report is made once the team&#x27;s scores are finalised" in response.content.decode()


def test_the_report_stays_on_one_page_with_a_letterhead_and_long_notes(world):
    letter_settings_update(program=world.program, letterhead_lines="KEMENTERIAN\nDIREKTORAT\nJalan Medan Merdeka",
                           number_format="{seq}/{year}", official_name="Dr. Bambang Santoso",
                           official_position="Direktur", official_nip="197003152000031002")
    assessors = [world.users["evaluator"], factories.make_staff(world.program, "evaluator")]
    make_plan(world.team_a, programs=4, quick_wins=1)
    evaluation_round = make_round(world.program, teams=[world.team_a], assessors=assessors)
    round_team = submit_self_assessment(RoundTeam.objects.get(round=evaluation_round))
    for assessment in Assessment.objects.filter(round_team=round_team):
        score_all(assessment, 3, note="Catatan panjang " + "bukti pendukung belum lengkap " * 40)
    round_finalise(evaluation_round=evaluation_round)
    reader, pages = read(reports_pdf(round_reports(evaluation_round), world.program))
    assert len(reader.pages) == 1 and "Dr. Bambang Santoso" in pages[0] and "KEMENTERIAN" in pages[0]
