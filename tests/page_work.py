"""How much work a request does: queries run, rows fetched from the database, model objects built.

A page that does bounded work runs the same queries and fetches the same rows in a small program and in one
four times larger; its time then cannot grow with the program. Counting beats timing: it is exact on a busy
machine.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models.signals import post_init
from django.test import Client
from django.utils import timezone

from bimtek.overview.scale import ScaleSize, build_scale_program
from bimtek.program_cache import program_figures_reset

# Four times the regions (and so the people, teams and attendance rows); the same team size, so one team's
# page has the same rows to show in both.
SMALL = ScaleSize(regions=3, team_size=5, clinics_per_stage=3, assignments_per_stage=1, versions=1)
LARGE = ScaleSize(regions=12, team_size=5, clinics_per_stage=3, assignments_per_stage=1, versions=1)
# For pages that list a page of teams or people: more than a page (50) of each in the small program already.
WIDE_SMALL = ScaleSize(regions=52, team_size=1, clinics_per_stage=3, assignments_per_stage=1, versions=1)
WIDE_LARGE = ScaleSize(regions=208, team_size=1, clinics_per_stage=3, assignments_per_stage=1, versions=1)

@dataclass
class Work:
    queries: int = 0
    rows: int = 0
    objects: int = 0
    per_query: list = field(default_factory=list, repr=False)  # [sql, rows] in order, to see which query grew

    def __str__(self):
        return f"{self.queries} queries, {self.rows} rows, {self.objects} objects"

@contextmanager
def counting():
    """Counts the queries, the rows fetched and the model instances built inside the block (every fetch Django
    makes goes through the cursor wrapper's fetchone / fetchmany / fetchall)."""
    work = Work()

    def count_query(execute, sql, params, many, context):
        work.queries += 1
        work.per_query.append([sql, 0])
        return execute(sql, params, many, context)

    def fetching(name):
        def fetch(self, *args):
            result = getattr(self.cursor, name)(*args)
            fetched = (result is not None) if name == "fetchone" else len(result)
            work.rows += fetched
            if work.per_query:
                work.per_query[-1][1] += fetched
            return result
        return fetch

    def built(**kwargs):
        work.objects += 1

    originals = {name: CursorWrapper.__dict__.get(name) for name in ("fetchone", "fetchmany", "fetchall")}
    for name in originals:
        setattr(CursorWrapper, name, fetching(name))
    post_init.connect(built, weak=False, dispatch_uid="page_work")
    try:
        with connection.execute_wrapper(count_query):
            yield work
    finally:
        post_init.disconnect(dispatch_uid="page_work")
        for name, original in originals.items():
            if original is None:
                delattr(CursorWrapper, name)
            else:
                setattr(CursorWrapper, name, original)


def scale_program(size, name):
    return build_scale_program(size=size, name=name, today=timezone.localdate(),
                               progress=lambda line: None)

def two_sizes(page_for, sizes=(SMALL, LARGE)):
    """The work of a request in the small program, then in the large one built beside it. ``page_for(program)``
    prepares a request (logging in, choosing whom) and returns it as a function; only that function is counted.
    It is asked twice per program: the first request warms the session; the program's cached figures are then
    forgotten, so the counted request does the counting a page does after every change."""
    results = []
    for size, name in zip(sizes, ("Kecil", "Besar"), strict=True):
        program = scale_program(size, name)
        page_for(program)()
        program_figures_reset(program)
        request = page_for(program)
        with counting() as work:
            request()
        results.append(work)
    return results


def getter(user, url, **params):
    """A function that asks ``url`` as ``user`` (logged in now) and checks the page answered."""
    client = Client()
    client.force_login(user)

    def get():
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
        return response
    return get


def tolerance(small: Work) -> int:
    """The data inside a team is drawn at random, so the same page may differ by a few rows between the two
    programs: a tenth (at least five). A read over the whole program adds a row or more per added team (9 in
    LARGE, 156 in WIDE_LARGE) or person (45, 156), and usually many more."""
    return max(5, small.rows // 10)


def grown(small: Work, large: Work) -> list:
    """The queries that fetched more rows in the large program: [(small rows, large rows, sql)]."""
    return [(a[1], b[1], b[0][:300]) for a, b in zip(small.per_query, large.per_query, strict=False) if b[1] > a[1]]


def assert_bounded(small: Work, large: Work):
    assert large.queries == small.queries, (small, large, [q[0][:200] for q in large.per_query])
    assert abs(large.rows - small.rows) <= tolerance(small), (small, large, grown(small, large))
    assert abs(large.objects - small.objects) <= max(5, small.objects // 10), (small, large)
