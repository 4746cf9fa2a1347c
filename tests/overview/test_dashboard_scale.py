"""The dashboard at two sizes, and its cached province summary made stale by the services."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bimtek.models import Stage
from bimtek.overview import dashboard as dashboard_module
from bimtek.overview import team_figures
from bimtek.overview.dashboard import program_provinces, program_team_summary
from participants import services as people
from participants.selectors import program_mentors
from sessions.models import TrainingSession
from tests import factories
from tests.two_sizes import LARGE, SMALL, organizer_of, page_reads, scale_program

pytestmark = pytest.mark.django_db


def test_the_dashboard_summarises_provinces_and_shows_one_page_of_teams_whatever_the_size(monkeypatch):
    monkeypatch.setattr(dashboard_module, "PAGE_SIZE", 2)
    measured = []
    for regions in (SMALL, LARGE):
        program = scale_program(regions)
        organizer, url = organizer_of(program), reverse("program_dashboard", args=[program.pk])
        cold, response = page_reads(organizer, url, program=program)
        assert response.context["dashboard"].rows == []
        assert sum(item["teams"] for item in response.context["dashboard"].provinces) == regions
        warm, _response = page_reads(organizer, url)
        status, teams = Counter(row.status for row in program_team_summary(program)).most_common(1)[0]
        assert teams >= 2
        drill, response = page_reads(organizer, f"{url}?status={status}", program=program)
        assert len(response.context["dashboard"].rows) == 2 and response.content.decode().count(
            '<th scope="row" class="team">') == 2
        listed = len(program_provinces(program)) + program_mentors(program).count()
        measured.append((cold, warm, drill, listed))
    (small_cold, small_warm, small_drill, small_listed), (large_cold, large_warm, large_drill, large_listed) = measured
    assert (small_cold.queries, small_warm.queries, small_drill.queries) == (
        large_cold.queries, large_warm.queries, large_drill.queries)
    # from the cache, the page reads the provinces and mentors it lists (filters, mentors' table), no team
    assert large_warm.rows - small_warm.rows <= 2 * (large_listed - small_listed), (small_warm, large_warm)


def test_the_cached_summary_follows_a_change_once_it_is_committed(organizer_client,
                                                                   django_capture_on_commit_callbacks):
    program = organizer_client.program
    url = reverse("program_dashboard", args=[program.pk])
    people.team_create(program=program, region=factories.make_region(province="Bali"))
    with django_capture_on_commit_callbacks(execute=True):
        people.team_create(program=program, region=factories.make_region(province="Bali"))
    assert [(item["province"], item["teams"]) for item in organizer_client.get(url).context["dashboard"].provinces] \
        == [("Bali", 2)]
    people.team_create(program=program, region=factories.make_region(province="Papua"))  # not committed yet
    assert len(organizer_client.get(url).context["dashboard"].provinces) == 1
    with django_capture_on_commit_callbacks(execute=True):
        people.team_create(program=program, region=factories.make_region(province="Aceh"))
    provinces = organizer_client.get(url).context["dashboard"].provinces
    assert [(item["province"], item["teams"]) for item in provinces] == [("Aceh", 1), ("Bali", 2), ("Papua", 1)]


def test_an_upload_leaves_the_counted_attendance_kept_and_a_mark_counts_it_again(
        client, world, django_capture_on_commit_callbacks):
    stage = world.program.stages.get(ordinal=1)  # a month back: its session has been held
    session = factories.make_session(stage)
    assignment = factories.make_assignment(world.program, stage=stage)
    client.force_login(world.users["organizer"])
    url = reverse("program_dashboard", args=[world.program.pk])

    def read():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        summary = {row.team_id: row for row in program_team_summary(world.program)}  # as the page kept it
        attendance_reads = sum("training_attendance" in query["sql"] for query in queries.captured_queries)
        return summary[world.team_a.pk], attendance_reads

    before, _reads = read()
    with django_capture_on_commit_callbacks(execute=True):
        factories.mark(session, world.participant, "hadir")
    marked, reads_after_mark = read()
    assert marked.stages[0][1] == before.stages[0][1] + 1  # members present, summed over the stage's sessions
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_version(assignment, world.team_a)
    uploaded, reads_after_upload = read()
    assert uploaded.stages[0][1] == marked.stages[0][1]
    assert reads_after_upload < reads_after_mark  # the upload made the summary stale, not the attendance counted


def test_a_session_the_clock_starts_is_counted_at_the_next_recount_not_one_kept_figure_later(
        world, django_capture_on_commit_callbacks):
    stage = world.program.stages.get(ordinal=1)
    assignment = factories.make_assignment(world.program, stage=stage)
    with django_capture_on_commit_callbacks(execute=True):
        session = factories.make_session(stage)
    held = {"starts_at": session.starts_at, "ends_at": session.ends_at}
    later = timezone.now() + datetime.timedelta(hours=1)
    TrainingSession.objects.filter(pk=session.pk).update(starts_at=later, ends_at=later + datetime.timedelta(hours=2))
    before = {row.team_id: row for row in program_team_summary(world.program)}[world.team_a.pk]
    # The hour passes: the session starts, and nothing tells the program's figures.
    TrainingSession.objects.filter(pk=session.pk).update(**held)
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_version(assignment, world.team_a)  # the summary is counted again
    after = {row.team_id: row for row in program_team_summary(world.program)}[world.team_a.pk]
    assert after.stages[0][2] == before.stages[0][2] + 1  # sessions held in stage I


def test_a_stage_list_newer_than_the_kept_attendance_leaves_the_summary_readable(
        world, monkeypatch, django_capture_on_commit_callbacks):
    program = world.program
    assignment = factories.make_assignment(program, stage=program.stages.get(ordinal=1))
    program_team_summary(program)  # counted and kept, with the attendance of each stage
    last = program.stages.order_by("ordinal").last()
    Stage.objects.create(program=program, ordinal=last.ordinal + 1, title="Tahap tambahan",
                         start_date=last.end_date, end_date=last.end_date)  # as the admin site does, unannounced
    # the stages read afresh (a kept list expires on its own clock), the attendance still kept
    monkeypatch.setattr(team_figures, "ordered_stages",
                        lambda programs: {p.pk: list(p.stages.order_by("ordinal")) for p in programs})
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_version(assignment, world.team_a)  # the summary is counted again, the attendance kept
    rows = program_team_summary(program)
    assert rows and all(len(row.stages) == last.ordinal + 1 for row in rows)
    assert all(row.stages[-1] == ("not_started", 0, 0) for row in rows)
