import datetime

import pytest

from bimtek import selectors
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_dimension_goes_after_the_programs_others():
    program = factories.make_program()
    other = factories.make_program()
    assert selectors.next_dimension_order(program) == program.dimensions.count() + 1 == 7
    program.dimensions.first().delete()
    assert selectors.next_dimension_order(program) == 6 and selectors.next_dimension_order(other) == 7


def test_the_first_stage_not_over_is_the_default_stage():
    program = factories.make_program(start=datetime.date(2026, 1, 5))
    stages = list(selectors.program_stages(program))
    assert [s.ordinal for s in stages] == [1, 2, 3, 4]
    assert selectors.first_stage_not_over(program, stages[0].start_date) == stages[0]
    assert selectors.first_stage_not_over(program, stages[0].end_date + datetime.timedelta(days=1)) == stages[1]
    assert selectors.first_stage_not_over(program, stages[-1].end_date + datetime.timedelta(days=1)) is None
    assert selectors.stage_by_ordinal(program, 3) == stages[2] and selectors.stage_by_ordinal(program, 9) is None
