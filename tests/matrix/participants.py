from tests.matrix import PROGRAM, STAFF, TEAM_READERS, Entry


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
