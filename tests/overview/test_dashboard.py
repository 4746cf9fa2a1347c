"""The organizer's and evaluator's dashboard: matrix, words and colours, filters, charts, fixed query count."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bimtek.overview.charts import percent_bars, stacked_bars
from bimtek.overview.dashboard import DashboardFilters, program_dashboard
from certificates.models import Certificate
from certificates.services import certificate_revoke
from materials.models import DraftVersion
from materials.services import feedback_give
from participants import services as people
from tests import factories

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def build(program, *, teams, organizer, provinces=("Jawa Barat", "Bali")):
    """Teams with members, a mentor each, a held session, two assignments, a draft and a certificate each."""
    stage = program.stages.get(ordinal=1)
    made = []
    for index in range(teams):
        region = factories.make_region(province=provinces[index % len(provinces)])
        team = factories.make_team(program, region=region)
        members = [factories.make_participant(team) for _ in range(3)]
        factories.make_mentor(program, team)
        made.append((team, members))
    session = factories.make_session(stage)
    first = factories.make_assignment(program, stage=stage, created_by=organizer)
    factories.make_assignment(program, stage=program.stages.get(ordinal=2), created_by=organizer,
                              due_in=datetime.timedelta(days=-1))
    for team, members in made:
        factories.mark(session, members[0], by=organizer)
        factories.make_version(first, team)
        factories.issue_certificate(participant=members[0], by=organizer)
    return made


def test_the_query_count_does_not_depend_on_the_number_of_teams(client):
    def count(teams, **filters):
        organizer = factories.make_user()
        program = factories.make_program(start=timezone.localdate() - datetime.timedelta(days=40),
                                         organizer=organizer)
        build(program, teams=teams, organizer=organizer)
        client.force_login(organizer)
        url = reverse("program_dashboard", args=[program.pk])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, filters)
        assert response.status_code == 200
        # the first page summarises the provinces; a province opens its teams
        assert response.content.decode().count('<th scope="row" class="team">') == (teams // 2 if filters else 0)
        return len(captured)

    assert count(3) == count(12)
    assert count(4, province="Bali") == count(12, province="Bali")


def test_the_first_page_summarises_each_province_and_links_to_its_teams(organizer_client):
    program = organizer_client.program
    build(program, teams=4, organizer=organizer_client.user)
    page = organizer_client.get(reverse("program_dashboard", args=[program.pk])).content.decode()
    assert page.index('<a href="?province=Bali">Bali</a>') < page.index('<a href="?province=Jawa%20Barat">')
    dashboard = program_dashboard(program)
    assert [(item["province"], item["teams"], item["counts"]["behind"], item["progress"])
            for item in dashboard.provinces] == [("Bali", 2, 2, 0.0), ("Jawa Barat", 2, 2, 0.0)]
    assert dashboard.rows == [] and dashboard.page is None


def test_every_team_shows_its_status_in_words_grouped_by_province(organizer_client):
    program = organizer_client.program
    build(program, teams=2, organizer=organizer_client.user)
    page = organizer_client.get(reverse("program_dashboard", args=[program.pk]), {"status": "behind"}).content.decode()
    assert page.index('>Bali</span></th>') < page.index(
        '>Jawa Barat</span></th>')
    # Stage I: a session held but only one of three members present (quorum 3): behind, in words and colour.
    assert '<span class="badge bad">Behind</span>' in page
    assert '<span class="badge info">Submitted</span>' in page
    assert '<span class="badge bad">Overdue</span>' in page
    assert "quorum at 0 of 1 sessions" in page and "33.3%" in page
    assert 'aria-labelledby="chart-progress-title chart-progress-desc"' in page


def test_filters_by_province_mentor_and_status(organizer_client):
    program = organizer_client.program
    made = build(program, teams=4, organizer=organizer_client.user)
    url = reverse("program_dashboard", args=[program.pk])
    page = organizer_client.get(url, {"province": "Bali"}).content.decode()
    assert page.count('<th scope="row" class="team">') == 2
    mentor = made[0][0].mentors.get()
    page = organizer_client.get(url, {"mentor": mentor.pk}).content.decode()
    assert page.count('<th scope="row" class="team">') == 1 and str(made[0][0]) in page
    row = '<th scope="row" class="team">'
    assert organizer_client.get(url, {"status": "completed"}).content.decode().count(row) == 0
    assert organizer_client.get(url, {"status": "behind"}).content.decode().count(row) == 4


def test_an_evaluator_reads_the_dashboard_but_gets_no_link_to_change_the_rule(client):
    program = factories.make_program()
    evaluator = factories.make_staff(program, "evaluator")
    client.force_login(evaluator)
    page = client.get(reverse("program_dashboard", args=[program.pk])).content.decode()
    assert reverse("progress_rule", args=[program.pk]) not in page


def test_the_organizer_changes_the_stage_rule(organizer_client):
    program = organizer_client.program
    url = reverse("progress_rule", args=[program.pk])
    assert organizer_client.post(url, {"stage_session_share": 0}).status_code == 200
    response = organizer_client.post(url, {"stage_session_share": 75})
    assert response.url == reverse("program_dashboard", args=[program.pk])
    program.refresh_from_db()
    assert program.stage_session_share == 75


def test_the_progress_chart_tells_series_apart_by_pattern_and_words_not_colour_alone():
    svg = stacked_bars(chart_id="c", title="Progress", description="Teams per status",
                       rows=[("Stage I", {"done": 8, "late": 2})],
                       series=[("done", "Completed", "ok"), ("late", "Behind <late>", "bad")])
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Progress"
    fills = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if (rect.get("fill") or "").startswith("url(")]
    assert "url(#c-ok)" in fills and "url(#c-bad)" in fills
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert {"Stage I", "8", "2", "Completed", "Behind <late>"} <= set(texts)
    patterns = {pattern.get("id"): [child.tag for child in pattern] for pattern in root.iter(f"{SVG}pattern")}
    assert patterns["c-bad"] != patterns["c-ok"]  # cross-hatch against solid, not just another colour


def test_the_attendance_chart_writes_each_value():
    root = ElementTree.fromstring(percent_bars(chart_id="a", title="Attendance", description="Per stage",
                                               rows=[("Stage I", 0.8), ("Stage II", None)]))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "80%" in texts and "–" in texts and "Stage II" in texts


def test_drafts_waiting_per_mentor_overdue_work_and_certificates_are_counted(organizer_client):
    program = organizer_client.program
    made = build(program, teams=3, organizer=organizer_client.user)
    dashboard = program_dashboard(program, DashboardFilters(status="behind"))
    assert sorted(stat["waiting"] for stat in dashboard.waiting) == [1, 1, 1]
    assert dashboard.certificates == {"participants": 3, "mentors": 0}
    assert [row.certificates for row in dashboard.rows] == [1, 1, 1]
    # The stage II assignment was due yesterday and nobody sent it.
    assert sorted(str(team) for team, _cell in dashboard.overdue) == sorted(str(team) for team, _m in made)
    page = organizer_client.get(reverse("program_dashboard", args=[program.pk])).content.decode()
    mentor = made[0][0].mentors.get()
    assert f'<td data-label="Mentor">{mentor}</td>' in page


def test_every_team_a_page_at_a_time_without_a_filter(organizer_client):
    program = organizer_client.program
    build(program, teams=3, organizer=organizer_client.user)
    url = reverse("program_dashboard", args=[program.pk])
    assert 'href="?teams=all"' in organizer_client.get(url).content.decode()
    page = organizer_client.get(url, {"teams": "all"}).content.decode()
    assert page.count('<th scope="row" class="team">') == 3


def test_the_first_pages_figures_are_fresh_right_after_each_service_commits(organizer_client,
                                                                            django_capture_on_commit_callbacks):
    """Provinces, stages, totals, certificates and the mentors' waiting drafts are kept in the cache as the
    program's figures; each service that changes them moves them once it commits."""
    program, organizer = organizer_client.program, organizer_client.user
    url = reverse("program_dashboard", args=[program.pk])
    with django_capture_on_commit_callbacks(execute=True):
        made = build(program, teams=2, organizer=organizer)

    def shown():
        response = organizer_client.get(url)
        context, page = response.context, response.content.decode()
        dashboard = context["dashboard"]
        # the province table is kept rendered: it shows what the figures say
        assert ('<a href="?province=Aceh">Aceh</a>' in page) == any(
            item["province"] == "Aceh" for item in dashboard.provinces)
        return ([(item["province"], item["teams"]) for item in dashboard.provinces], context["totals"]["teams"],
                context["totals"]["waiting"], dashboard.unassigned_waiting,
                dashboard.certificates["participants"],
                sorted((stat["teams"], stat["waiting"], stat["decisions"]) for stat in dashboard.waiting))

    assert shown() == ([("Bali", 1), ("Jawa Barat", 1)], 2, 2, 0, 2, [(1, 1, 0), (1, 1, 0)])
    (first, members), (second, _members) = made
    with django_capture_on_commit_callbacks(execute=True):
        feedback_give(version=DraftVersion.objects.get(submission__team=first), mentor=first.mentors.get(),
                      comment="Lengkapi data BPS.", decision="revision")
    assert shown() == ([("Bali", 1), ("Jawa Barat", 1)], 2, 1, 0, 2, [(1, 0, 1), (1, 1, 0)])
    with django_capture_on_commit_callbacks(execute=True):
        people.mentor_unassign(team=second, mentor=second.mentors.get())
    assert shown() == ([("Bali", 1), ("Jawa Barat", 1)], 2, 1, 1, 2, [(0, 0, 0), (1, 0, 1)])
    with django_capture_on_commit_callbacks(execute=True):
        people.team_create(program=program, region=factories.make_region(province="Aceh"))
        certificate_revoke(certificate=Certificate.objects.get(participant=members[0]), reason="Salah nama",
                           revoked_by=organizer)
    assert shown() == ([("Aceh", 1), ("Bali", 1), ("Jawa Barat", 1)], 3, 1, 1, 1, [(0, 0, 0), (1, 0, 1)])
    queue = organizer_client.get(reverse("review_queue", args=[program.pk]))
    assert queue.context["page"].paginator.count == 1 == len(queue.context["queue"])


def test_the_mentor_filter_lists_every_mentor_by_the_name_the_program_lists_with_the_chosen_one_selected(
        organizer_client, django_capture_on_commit_callbacks):
    program = organizer_client.program
    made = build(program, teams=2, organizer=organizer_client.user)
    first, other = made[0][0].mentors.get(), made[1][0].mentors.get()
    first.full_name = "Nama Akun Sendiri"  # the account's own name: not the program's to show
    first.save(update_fields=["full_name"])
    url = reverse("program_dashboard", args=[program.pk])
    assert "Ir. Budi" not in organizer_client.get(url).content.decode()  # the mentors read and kept
    with django_capture_on_commit_callbacks(execute=True):
        for mentor, name in ((first, "Dr. Sri <Wahyuni> & Co"), (other, "Ir. Budi")):
            people.staff_add(program=program, email=mentor.email, full_name=name, role="mentor")
    page = organizer_client.get(url, {"mentor": first.pk}).content.decode()
    chosen = f'<option value="{first.pk}" selected>Dr. Sri &lt;Wahyuni&gt; &amp; Co</option>'
    assert chosen in page and f'<option value="{other.pk}">Ir. Budi</option>' in page
    assert "Nama Akun Sendiri" not in page
    assert '<option value="" selected>' not in page.split('name="mentor"')[1].split("</select>")[0]


def test_the_kept_province_table_is_written_in_each_readers_language(organizer_client):
    program = organizer_client.program
    build(program, teams=2, organizer=organizer_client.user)
    url = reverse("program_dashboard", args=[program.pk])
    english = organizer_client.get(url).content.decode()
    organizer_client.force_login(factories.make_staff(program, "organizer", user=factories.make_user(language="id")))
    indonesian = organizer_client.get(url).content.decode()
    assert 'data-label="Stages completed"' in english and 'data-label="Tahap selesai"' in indonesian
