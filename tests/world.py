"""A small world of two programs and every role, for permission tests.

Program A is "own": it has the team the participant and the mentor belong to
(team_a) and another team (team_b). Program B is "foreign": nobody above has a
role in it except ``outsider``, who organizes it. Objects of other apps are
made on demand by the builders each matrix module registers.
"""


from tests import factories

ROLES = ["anonymous", "participant", "other_participant", "mentor", "other_mentor", "evaluator", "organizer",
         "outsider"]


class World:
    builders = {}

    def __init__(self):
        self.program = factories.make_program(name="Program A")
        self.foreign_program = factories.make_program(name="Program B")
        self.team_a = factories.make_team(self.program)
        self.team_b = factories.make_team(self.program)
        self.foreign_team = factories.make_team(self.foreign_program)
        self.users = {"anonymous": None}
        self.users["organizer"] = factories.make_staff(self.program, "organizer")
        self.users["evaluator"] = factories.make_staff(self.program, "evaluator")
        self.users["mentor"] = factories.make_mentor(self.program, self.team_a)
        self.users["other_mentor"] = factories.make_mentor(self.program, self.team_b)
        self.participant = factories.make_participant(self.team_a)
        self.users["participant"] = self.participant.user
        self.other_participant = factories.make_participant(self.team_b)
        self.users["other_participant"] = self.other_participant.user
        self.users["outsider"] = factories.make_staff(self.foreign_program, "organizer")
        self.foreign_participant = factories.make_participant(self.foreign_team)
        self.foreign_mentor = factories.make_mentor(self.foreign_program, self.foreign_team)
        self._objects = {}

    def program_for(self, scope):
        return self.program if scope == "own" else self.foreign_program

    def team_for(self, scope):
        return self.team_a if scope == "own" else self.foreign_team

    def participant_for(self, scope):
        return self.participant if scope == "own" else self.foreign_participant

    def mentor_for(self, scope):
        return self.users["mentor"] if scope == "own" else self.foreign_mentor

    def obj(self, name, scope):
        """An object of kind ``name`` (e.g. "session") in the own or the foreign program, made once."""
        key = (name, scope)
        if key not in self._objects:
            self._objects[key] = self.builders[name](self, scope)
        return self._objects[key]


def builder(name):
    """Register how to make an object kind for the matrix: ``fn(world, scope) -> object``."""

    def register(fn):
        World.builders[name] = fn
        return fn

    return register
