from tests import factories
from tests.matrix import PROGRAM, STAFF, TEAM_READERS, Entry
from tests.world import builder


def team(w, s):
    return {"program": w.program_for(s).pk, "team": w.team_for(s).pk}


ENTRIES = {
    "region_list": Entry(allowed=STAFF | {"outsider"}, scoped=False),
    "team_list": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=PROGRAM),
    "team_create": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "team_detail": Entry(kwargs=team, allowed=TEAM_READERS),
    "team_update": Entry(kwargs=team, allowed=STAFF),
    "participant_create": Entry(kwargs=team, allowed=STAFF),
    "participant_update": Entry(kwargs=lambda w, s: {**team(w, s), "participant": w.participant_for(s).pk},
                                allowed=STAFF),
    "participant_remove": Entry(kwargs=lambda w, s: {**team(w, s), "participant": w.participant_for(s).pk},
                                allowed=STAFF, method="get"),
    "mentor_assign": Entry(kwargs=team, allowed=STAFF),
    "staff_list": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "staff_revoke": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk,
                                               "grant": w.program_for(s).roles.first().pk}, allowed=STAFF),
    "invitation_send": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk,
                                                  "user": w.participant_for(s).user.pk}, allowed=STAFF),
}


@builder("participant_import")
def _participant_import(w, s):
    organizer = w.users["organizer"] if s == "own" else w.users["outsider"]
    return factories.make_participant_import(w.program_for(s), uploaded_by=organizer)


def participant_import(w, s):
    return {"program": w.program_for(s).pk, "upload": w.obj("participant_import", s).pk}


ENTRIES.update({
    "participant_import": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "participant_import_detail": Entry(kwargs=participant_import, allowed=STAFF),
    "participant_import_discard": Entry(kwargs=participant_import, allowed=STAFF),
    "participant_import_errors": Entry(kwargs=participant_import, allowed=STAFF),
    "participant_import_template": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF),
    "participant_export": Entry(kwargs=lambda w, s: {"program": w.program_for(s).pk}, allowed=STAFF,
                                ok_statuses=frozenset({405})),  # POST-only: a worker makes the file
})
