"""The mentors of a program, asked in one place."""

import pytest

from participants.selectors import program_mentors
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_mentors_of_a_program_are_the_holders_of_its_mentor_role_by_name(world):
    zulaikha = factories.make_mentor(world.program, user=factories.make_user(full_name="Zulaikha"))
    ahmad = factories.make_mentor(world.program, user=factories.make_user(full_name="Ahmad"))
    factories.make_staff(world.foreign_program, "mentor", user=ahmad)  # a mentor of two programs counts once
    factories.make_staff(world.program, "organizer", user=zulaikha)
    mentors = list(program_mentors(world.program))
    assert mentors[0] == ahmad and set(mentors) == {world.users["mentor"], world.users["other_mentor"], ahmad,
                                                     zulaikha}
    assert set(program_mentors(world.foreign_program.pk)) == {world.foreign_mentor, ahmad}
    assert world.users["organizer"] not in mentors and world.users["participant"] not in mentors
