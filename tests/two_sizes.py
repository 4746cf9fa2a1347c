"""The "two sizes" tests: a national program in small and one four times larger, and how much a request
reads from the database (queries run and rows fetched).

A page whose work is bounded runs the same queries and fetches about the same rows for the larger program;
one that loads every row of the program fetches four times as many.
"""

import contextlib
import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.test import Client

from bimtek.overview.scale import ScaleSize, build_scale_program
from bimtek.program_cache import program_figures_reset
from participants.models import ProgramRole

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
    """(Reads, response) of one GET of ``url`` as ``user``, after one request that warms the caches; with
    ``program``, its cached figures are forgotten first, so the counting itself is measured."""
    client = Client()
    client.force_login(user)
    client.get(url)
    if program is not None:
        program_figures_reset(program)
    with reads() as counted:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return counted, response


@dataclass
class Reads:
    queries: int = 0
    rows: int = 0


@contextlib.contextmanager
def reads():
    """Count the queries run and the rows fetched inside the block (every fetch Django makes goes through
    the cursor wrapper's fetchone / fetchmany / fetchall)."""
    counted = Reads()

    def count_query(execute, sql, params, many, context):
        counted.queries += 1
        return execute(sql, params, many, context)

    def counting(name):
        def fetch(self, *args):
            result = getattr(self.cursor, name)(*args)
            if name == "fetchone":
                counted.rows += result is not None
            else:
                counted.rows += len(result)
            return result
        return fetch

    originals = {name: CursorWrapper.__dict__.get(name) for name in ("fetchone", "fetchmany", "fetchall")}
    for name in originals:
        setattr(CursorWrapper, name, counting(name))
    try:
        with connection.execute_wrapper(count_query):
            yield counted
    finally:
        for name, original in originals.items():
            if original is None:
                delattr(CursorWrapper, name)
            else:
                setattr(CursorWrapper, name, original)
