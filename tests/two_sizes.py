"""The "two sizes" tests: a national program in small and one four times larger, and how much a request
reads from the database (queries run and rows fetched).

A page whose work is bounded runs the same queries and fetches about the same rows for the larger program;
one that loads every row of the program fetches four times as many.
"""

import datetime

from django.test import Client

from bimtek.overview.scale import ScaleSize, build_scale_program
from bimtek.program_cache import program_figures_reset
from participants.models import ProgramRole
from tests.page_work import counting

# Stage III's assignments are due 25 days after its "today": a month ahead, drafts of stage III still wait.
TODAY = datetime.date.today() + datetime.timedelta(days=30)
SMALL, LARGE = 6, 24  # regions


def scale_program(regions: int, *, name: str = ""):
    """A seed_scale program of ``regions`` teams of four, two assignments a stage, two versions."""
    size = ScaleSize(regions=regions, team_size=4, clinics_per_stage=2, assignments_per_stage=2, versions=2,
                     teams_per_mentor=2)
    return build_scale_program(size=size, name=name or f"Skala {regions}", today=TODAY, progress=lambda line: None)


def organizer_of(program):
    return ProgramRole.objects.filter(program=program, role="organizer").select_related("user").first().user


def page_reads(user, url: str, *, program=None):
    """(Work, response) of one GET of ``url`` as ``user``, after one request that warms the caches; with
    ``program``, its cached figures are forgotten first, so the counting itself is measured."""
    client = Client()
    client.force_login(user)
    client.get(url)
    if program is not None:
        program_figures_reset(program)
    with counting() as counted:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return counted, response


