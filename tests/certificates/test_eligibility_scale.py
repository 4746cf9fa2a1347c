"""The certificate pages at two sizes, and the rule in SQL against the attendance rates read in Python."""

import pytest
from django.urls import reverse

from certificates import eligibility, forms
from certificates.models import Certificate
from certificates.services import certificate_revoke, certificate_settings_update
from certificates.views import issuing
from participants.models import Participant, Team
from sessions.selectors import person_attendance_rates
from tests.page_work import WIDE_LARGE, WIDE_SMALL, assert_bounded, getter, two_sizes
from tests.two_sizes import LARGE, SMALL, organizer_of, page_reads, scale_program

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("approvals", [False, True])
def test_the_rule_counted_by_the_database_agrees_with_every_persons_rates(approvals):
    program = scale_program(SMALL)
    certificate_settings_update(program=program, min_attendance_percent=80, require_approved_assignments=approvals,
                                number_format="{seq:03d}/BIMTEK-SC/{year}", lesson_hours=None)
    rates = person_attendance_rates(program)
    rows = eligibility.participant_eligibility(program)
    assert len(rows) == Participant.objects.filter(team__program=program).count()
    assert [(row.attended, row.expected) for row in rows] == [rates[row.participant.user_id] for row in rows]
    for row in rows:
        assert row.eligible == (not row.reasons)
    # stage III's drafts still wait for feedback: with approvals asked for, nobody is eligible yet
    assert {row.eligible for row in rows} == ({False} if approvals else {True, False})
    mentors = eligibility.mentor_eligibility(program)
    assert [(row.attended, row.expected) for row in mentors] == [rates[row.mentor.pk] for row in mentors]
    summary = eligibility.eligibility_summary(program)
    assert summary["eligible"] == sum(row.eligible for row in rows)
    assert summary["eligible_without"] == sum(row.eligible and not row.certificate for row in rows)
    assert summary["certified"] == sum(bool(row.certificate and not row.certificate.revoked_at) for row in rows)


@pytest.mark.parametrize("page", ["certificate_overview", "certificate_eligibility"])
def test_the_certificate_pages_read_one_page_of_people_whatever_the_programs_size(page, monkeypatch):
    monkeypatch.setattr(issuing, "PAGE_SIZE", 5)
    measured = []
    for regions in (SMALL, LARGE):
        program = scale_program(regions)
        reads, response = page_reads(organizer_of(program), reverse(page, args=[program.pk]), program=program)
        if page == "certificate_eligibility":
            assert len(response.context["rows"]) == 5
            assert len(response.context["mentors"]) == min(5, response.context["mentor_page"].paginator.count)
            assert response.context["page"].paginator.count == Participant.objects.filter(
                team__program=program).count()
        measured.append(reads)
    small, large = measured
    assert small.queries == large.queries
    # the team filter lists every team and the mentors' table every mentor (one for two teams); the people
    # (four a team) stay one page: reading them all would add at least four rows a team
    assert large.rows - small.rows <= 2 * (LARGE - SMALL), (small, large)


def test_the_eligibility_list_searches_by_name_and_filters_by_outcome(client):
    program = scale_program(SMALL)
    client.force_login(organizer_of(program))
    person = Participant.objects.filter(team__program=program).order_by("pk").last()
    url = reverse("certificate_eligibility", args=[program.pk])
    rows = client.get(url, {"query": person.full_name}).context["rows"]
    assert [row.participant for row in rows] == [person]
    for status, wanted in (("eligible", True), ("not_eligible", False)):
        shown = client.get(url, {"status": status}).context["page"]
        assert shown.paginator.count and all(row.eligible is wanted for row in client.get(
            url, {"status": status}).context["rows"])


def test_the_overviews_cached_counts_follow_a_committed_revocation(client, django_capture_on_commit_callbacks):
    program = scale_program(SMALL)
    client.force_login(organizer_of(program))
    url = reverse("certificate_overview", args=[program.pk])
    before = client.get(url).context["summary"]["certified"]
    certificate = Certificate.objects.filter(program=program, participant__isnull=False,
                                             revoked_at__isnull=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(certificate=certificate, reason="Salah nama.", revoked_by=organizer_of(program))
    assert client.get(url).context["summary"]["certified"] == before - 1


def test_the_unfiltered_eligibility_page_shows_the_lists_first_people_with_their_rule(client, monkeypatch):
    monkeypatch.setattr(issuing, "PAGE_SIZE", 5)
    program = scale_program(SMALL)
    settings = eligibility.settings_for(program)
    whole = eligibility.eligibility_rows(program, eligibility.eligibility_list(program, settings=settings)[5:10],
                                         settings=settings)
    client.force_login(organizer_of(program))
    shown = client.get(reverse("certificate_eligibility", args=[program.pk]), {"page": 2}).context["rows"]
    assert [(r.participant.pk, r.attended, r.expected, r.eligible, r.reasons) for r in shown] == \
        [(r.participant.pk, r.attended, r.expected, r.eligible, r.reasons) for r in whole]


def test_with_many_teams_the_eligibility_search_finds_a_region_instead_of_a_team_list(client, monkeypatch):
    monkeypatch.setattr(forms, "TEAM_CHOICES_MAX", 1)
    program = scale_program(SMALL)
    team = Team.objects.filter(program=program).select_related("region").order_by("pk").last()
    client.force_login(organizer_of(program))
    url = reverse("certificate_eligibility", args=[program.pk])
    page = client.get(url).content.decode()
    assert 'name="team"' not in page and 'name="query"' in page
    found = client.get(url, {"query": team.region.name}).context
    assert {row.participant.team_id for row in found["rows"]} == {team.pk}
    assert found["page"].paginator.count == Participant.objects.filter(team=team).count()


def test_the_eligibility_page_does_the_same_work_in_a_program_of_many_more_teams(monkeypatch):
    monkeypatch.setattr(issuing, "PAGE_SIZE", 5)

    def eligibility_page(program):
        return getter(organizer_of(program), reverse("certificate_eligibility", args=[program.pk]))

    small, large = two_sizes(eligibility_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)
