from materials import services
from tests import factories
from tests.matrix import MENTORS, PROGRAM, TEAM_MENTORS, TEAM_READERS, Entry
from tests.world import builder


@builder("assignment")
def build_assignment(world, scope):
    """Published by the team's mentor, so only that mentor and the organizers may change it."""
    return factories.make_assignment(world.program_for(scope), created_by=world.mentor_for(scope),
                                     title=f"Tugas {scope}")


@builder("material")
def build_material(world, scope):
    program = world.program_for(scope)
    return services.material_publish(stage=program.stages.first(), title="Bahan paparan",
                                     file=factories.upload(factories.pdf_bytes("Paparan")),
                                     published_by=world.mentor_for(scope))


@builder("version")
def build_version(world, scope):
    return factories.make_version(world.obj("assignment", scope), world.team_for(scope),
                                  by=world.participant_for(scope).user)


@builder("feedback")
def build_feedback(world, scope):
    return services.feedback_give(version=world.obj("version", scope), mentor=world.mentor_for(scope),
                                  comment="Lengkapi data.", decision="revision",
                                  file=factories.upload(factories.pdf_bytes("Catatan"), "catatan.pdf"))


def program(w, s):
    return {"program": w.program_for(s).pk}


def material(w, s):
    return {**program(w, s), "material": w.obj("material", s).pk}


def assignment(w, s):
    return {**program(w, s), "assignment": w.obj("assignment", s).pk}


def submission(w, s):
    return {**assignment(w, s), "team": w.team_for(s).pk}


def version(w, s):
    return {**submission(w, s), "number": w.obj("version", s).number}


def feedback(w, s):
    return {**submission(w, s), "feedback": w.obj("feedback", s).pk}


ENTRIES = {
    "material_list": Entry(kwargs=program, allowed=PROGRAM),
    "material_create": Entry(kwargs=program, allowed=MENTORS),
    "material_download": Entry(kwargs=material, allowed=PROGRAM),
    # Only the organizers and the mentor who published it; GET proves the permission with a 405.
    "material_delete": Entry(kwargs=material, allowed=frozenset({"mentor", "organizer"})),
    "stage_materials": Entry(kwargs=lambda w, s: {**program(w, s), "ordinal": 1}, allowed=PROGRAM),
    "assignment_list": Entry(kwargs=program, allowed=PROGRAM),
    "assignment_create": Entry(kwargs=program, allowed=MENTORS),
    "assignment_detail": Entry(kwargs=assignment, allowed=PROGRAM),
    # Only the organizers and the mentor who published it (materials.rules.changes_publication).
    "assignment_update": Entry(kwargs=assignment, allowed=frozenset({"mentor", "organizer"})),
    "assignment_download_all": Entry(kwargs=assignment, allowed=MENTORS | {"evaluator"},
                                     ok_statuses=frozenset({405})),  # POST-only: a worker makes the ZIP
    "submission_detail": Entry(kwargs=submission, allowed=TEAM_READERS),
    "draft_upload": Entry(kwargs=submission, allowed=frozenset({"participant"})),
    "submission_review_start": Entry(kwargs=submission, allowed=TEAM_MENTORS),
    "extension_grant": Entry(kwargs=submission, allowed=TEAM_MENTORS),
    "version_compare": Entry(kwargs=submission, allowed=TEAM_READERS),
    "version_download": Entry(kwargs=version, allowed=TEAM_READERS),
    "feedback_create": Entry(kwargs=version, allowed=TEAM_MENTORS),
    "feedback_file_download": Entry(kwargs=feedback, allowed=TEAM_READERS),
    "review_queue": Entry(kwargs=program, allowed=MENTORS),
}
