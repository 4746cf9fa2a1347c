"""The review queue and the organizer's home at two sizes: the same queries, and one page of drafts read."""

import pytest
from django.urls import reverse

from materials import selectors
from materials.models import Submission
from participants.models import MentorAssignment
from tests.two_sizes import LARGE, SMALL, organizer_of, page_reads, scale_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_page(monkeypatch):
    monkeypatch.setattr(selectors, "QUEUE_PAGE_SIZE", 5)


def test_the_organizers_review_queue_reads_one_page_whatever_the_programs_size(small_page):
    measured = []
    for regions in (SMALL, LARGE):
        program = scale_program(regions)
        reads, response = page_reads(organizer_of(program), reverse("review_queue", args=[program.pk]))
        waiting = Submission.objects.filter(team__program=program, status__in=Submission.WAITING).count()
        assert len(response.context["queue"]) == 5 and response.context["page"].paginator.count == waiting
        measured.append(reads)
    small, large = measured
    assert small.queries == large.queries
    # the mentors' table has a row per mentor (one for two teams); the drafts stay one page of five
    assert large.rows - small.rows <= (LARGE - SMALL) // 2 * 2, (small, large)


def test_a_mentors_queue_and_home_read_the_same_however_large_the_program(small_page):
    measured = []
    for regions in (SMALL, LARGE):
        program = scale_program(regions)
        mentor = MentorAssignment.objects.filter(team__program=program).order_by("team_id").first().mentor
        queue, _response = page_reads(mentor, reverse("review_queue", args=[program.pk]))
        home, _response = page_reads(mentor, reverse("home"))
        measured.append((queue, home))
    (small_queue, small_home), (large_queue, large_home) = measured
    assert (small_queue.queries, small_home.queries) == (large_queue.queries, large_home.queries)
    assert (small_queue.rows, small_home.rows) == (large_queue.rows, large_home.rows)


def test_the_organizers_home_counts_the_waiting_drafts_without_reading_them():
    measured = []
    for regions in (SMALL, LARGE):
        program = scale_program(regions)
        reads, response = page_reads(organizer_of(program), reverse("home"))
        waiting = Submission.objects.filter(team__program=program, status__in=Submission.WAITING).count()
        assert f"{waiting} draf" in response.content.decode()
        measured.append(reads)
    small, large = measured
    assert small.queries == large.queries and small.rows == large.rows, (small, large)
