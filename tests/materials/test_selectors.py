import pytest

from materials import selectors
from materials.services import feedback_give
from tests import factories

pytestmark = pytest.mark.django_db


def test_earlier_feedback_is_what_the_versions_before_got_newest_first(django_assert_num_queries):
    program = factories.make_program()
    team = factories.make_team(program)
    factories.make_participant(team)
    mentor = factories.make_mentor(program, team)
    assignment = factories.make_assignment(program)
    first = factories.make_version(assignment, team)
    on_first = feedback_give(version=first, mentor=mentor, comment="Lengkapi data BPS.", decision="revision")
    second = factories.make_version(assignment, team)
    again = feedback_give(version=first, mentor=mentor, comment="Catatan tambahan.", decision="comment")
    on_second = feedback_give(version=second, mentor=mentor, comment="Sudah baik.", decision="comment")
    third = factories.make_version(assignment, team)

    with django_assert_num_queries(1):
        assert selectors.earlier_feedback(third) == [on_second, again, on_first]
    assert selectors.earlier_feedback(second) == [again, on_first]
    assert selectors.earlier_feedback(first) == []
    assert [selectors.is_latest_version(v) for v in (first, second, third)] == [False, False, True]
