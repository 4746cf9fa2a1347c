"""The program's cached figures: stale after the change they depend on, kept through the others."""

import pytest
from django.core.cache import cache

from bimtek.program_cache import (
    ATTENDANCE,
    DRAFTS,
    cached_program_figures,
    ids_key,
    program_data_changed,
    program_data_version,
)
from tests import factories

pytestmark = pytest.mark.django_db


class Counter:
    """A figure that tells how often it was counted."""

    def __init__(self):
        self.counted = 0

    def __call__(self):
        self.counted += 1
        return self.counted


def read(program, name, figure, **kwargs):
    return cached_program_figures(program, name, figure, **kwargs)


def test_a_figure_is_counted_again_only_after_a_committed_change(django_capture_on_commit_callbacks):
    program, figure = factories.make_program(), Counter()
    assert read(program, "f", figure) == read(program, "f", figure) == 1
    program_data_changed(program)  # not committed: whoever reads now still sees the data as it was
    assert read(program, "f", figure) == 1
    with django_capture_on_commit_callbacks(execute=True):
        program_data_changed(program)
    assert read(program, "f", figure) == 2


def test_a_figure_of_one_topic_survives_the_other_topics_changes(django_capture_on_commit_callbacks):
    program, attendance, everything = factories.make_program(), Counter(), Counter()
    read(program, "present", attendance, depends_on=(ATTENDANCE,))
    read(program, "summary", everything)
    with django_capture_on_commit_callbacks(execute=True):
        program_data_changed(program, DRAFTS)  # an upload
    assert read(program, "present", attendance, depends_on=(ATTENDANCE,)) == 1
    assert read(program, "summary", everything) == 2  # a figure that names no topic depends on all of them
    with django_capture_on_commit_callbacks(execute=True):
        program_data_changed(program, ATTENDANCE)  # a check-in
    assert read(program, "present", attendance, depends_on=(ATTENDANCE,)) == 2
    assert read(program, "summary", everything) == 3
    with django_capture_on_commit_callbacks(execute=True):
        program_data_changed(program)  # a change that names no topic (a session moved) reaches every figure
    assert read(program, "present", attendance, depends_on=(ATTENDANCE,)) == 3


def test_another_programs_change_leaves_the_figures_alone(django_capture_on_commit_callbacks):
    program, other, figure = factories.make_program(), factories.make_program(), Counter()
    read(program, "f", figure)
    with django_capture_on_commit_callbacks(execute=True):
        program_data_changed(other)
    assert read(program, "f", figure) == 1


def test_an_unknown_topic_is_refused():
    with pytest.raises(ValueError):
        cached_program_figures(1, "f", Counter(), depends_on=("weather",))


def test_the_key_of_some_ids_does_not_depend_on_their_order_and_tells_all_from_some():
    assert ids_key([3, 1, 2], None) == ids_key({1, 2, 3}, None)
    assert ids_key([1, 2, 3], None) != ids_key([1, 2], [3]) != ids_key(None, [1, 2, 3])


def test_thousands_of_kept_figures_leave_the_shared_versions_and_rate_limits_in_place():
    """A national program keeps a figure per person and team; they are kept apart from the cache the workers
    share, which holds the versions and the rate limits' counters (a file cache of 300 entries culled a third of
    it at random on each write past that)."""
    program = factories.make_program()
    version = program_data_version(program)
    cache.set("login-failures:probe", 4, 300)
    for person in range(2000):
        read(program, f"person:{person}", Counter())
    assert program_data_version(program) == version
    assert cache.get("login-failures:probe") == 4
    assert read(program, "person:7", Counter()) == 1  # still kept: not counted again
