"""The master plan register and the evaluation: teams write their register and self-assessment, mentors review
the register, assessors score only the teams assigned to them, organizers run rounds."""

from tests.matrix import Entry  # noqa: F401

ENTRIES = {
}

# --- The master plan register (eval_register) ---
from evaluation.models import MasterPlan  # noqa: E402
from tests.evaluation.factories import make_plan  # noqa: E402
from tests.matrix import TEAM_MENTORS, TEAM_READERS  # noqa: E402
from tests.world import builder  # noqa: E402

REGISTER_WRITERS = frozenset({"participant", "organizer"})


@builder("register")
def build_register(world, scope):
    """A draft register (version 1) of the scope's team, so its pages that change it open."""
    return make_plan(world.team_for(scope), status=MasterPlan.Status.DRAFT, programs=2)


def register_team(w, s):
    return {"program": w.program_for(s).pk, "team": w.team_for(s).pk}


def register_version(w, s):
    return {**register_team(w, s), "number": w.obj("register", s).number}


def register_item(w, s):
    return {**register_team(w, s), "item": w.obj("register", s).programs.first().pk}


def _with_register(kwargs):
    def build(w, s):
        w.obj("register", s)
        return kwargs(w, s)
    return build


ENTRIES.update({
    "register_detail": Entry(kwargs=_with_register(register_team), allowed=TEAM_READERS),
    "register_version": Entry(kwargs=register_version, allowed=TEAM_READERS),
    "register_template": Entry(kwargs=register_team, allowed=TEAM_READERS),
    "register_start": Entry(kwargs=register_team, allowed=REGISTER_WRITERS),
    "register_settings": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_program_create": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_program_update": Entry(kwargs=register_item, allowed=REGISTER_WRITERS),
    "register_program_delete": Entry(kwargs=register_item, allowed=REGISTER_WRITERS),
    "register_submit": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_new_version": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_review": Entry(kwargs=register_version, allowed=TEAM_MENTORS),
    "register_import": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_import_preview": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
    "register_import_discard": Entry(kwargs=_with_register(register_team), allowed=REGISTER_WRITERS),
})
