from sessions import services
from sessions.models import MeetingReportRow
from tests import factories
from tests.matrix import PROGRAM, READERS, STAFF, TEAM_MENTORS, Entry
from tests.world import builder

SESSION_READERS = frozenset({"participant", "mentor", "other_mentor", "evaluator", "organizer"})
SHEET_READERS = frozenset({"mentor", "evaluator", "organizer"})
ALL_MENTORS = frozenset({"mentor", "other_mentor", "organizer"})
RECAP_READERS = frozenset({"mentor", "other_mentor", "evaluator", "organizer"})
OWN_ATTENDANCE = frozenset({"participant", "other_participant", "mentor", "other_mentor"})


@builder("session")
def build_session(world, scope):
    """A past clinic of the own (or foreign) team, with that team's mentor as mentor."""
    program = world.program_for(scope)
    return factories.make_session(program.stages.get(ordinal=1), title=f"Klinik {scope}",
                                  teams=[world.team_for(scope)], mentors=[world.mentor_for(scope)])


@builder("signed_sheet")
def build_signed_sheet(world, scope):
    return services.signed_sheet_add(session=world.obj("session", scope), uploaded_by=world.mentor_for(scope),
                                     file=factories.upload(factories.pdf_bytes("Daftar hadir"), "scan.pdf"))


@builder("report_row")
def build_report_row(world, scope):
    return MeetingReportRow.objects.create(session=world.obj("session", scope), name="Tamu", email="tamu@x.example")


def program(w, s):
    return {"program": w.program_for(s).pk}


def session(w, s):
    return {**program(w, s), "session": w.obj("session", s).pk}


ENTRIES = {
    "session_list": Entry(kwargs=program, allowed=PROGRAM),
    "session_calendar": Entry(kwargs=program, allowed=PROGRAM),
    "session_create": Entry(kwargs=program, allowed=ALL_MENTORS),
    "session_detail": Entry(kwargs=session, allowed=SESSION_READERS),
    "session_update": Entry(kwargs=session, allowed=TEAM_MENTORS),
    "session_cancel": Entry(kwargs=session, allowed=TEAM_MENTORS),
    "attendance_mark": Entry(kwargs=session, allowed=TEAM_MENTORS),
    # Anyone of the program may open the check-in page; the roster decides, with a clear message.
    "checkin": Entry(kwargs=session, allowed=PROGRAM),
    "checkin_display": Entry(kwargs=session, allowed=TEAM_MENTORS),
    "attendance_sheet": Entry(kwargs=session, allowed=SHEET_READERS),
    "signed_sheet_upload": Entry(kwargs=session, allowed=TEAM_MENTORS),
    "signed_sheet_download": Entry(kwargs=lambda w, s: {**session(w, s), "sheet": w.obj("signed_sheet", s).pk},
                                   allowed=SHEET_READERS),
    "signed_sheet_remove": Entry(kwargs=lambda w, s: {**session(w, s), "sheet": w.obj("signed_sheet", s).pk},
                                 allowed=TEAM_MENTORS),
    "meeting_report": Entry(kwargs=session, allowed=TEAM_MENTORS),
    "meeting_report_match": Entry(kwargs=lambda w, s: {**session(w, s), "row": w.obj("report_row", s).pk},
                                  allowed=TEAM_MENTORS),
    "attendance_recap": Entry(kwargs=program, allowed=RECAP_READERS),
    "attendance_mine": Entry(kwargs=program, allowed=OWN_ATTENDANCE),
    "attendance_recap_export": Entry(kwargs=program, allowed=READERS, ok_statuses=frozenset({405})),
    "attendance_settings": Entry(kwargs=program, allowed=STAFF),
    "letter_settings": Entry(kwargs=program, allowed=STAFF),
    "invitation_letters": Entry(kwargs=lambda w, s: {**program(w, s), "ordinal": 1}, allowed=STAFF),
    "invitation_letter": Entry(kwargs=lambda w, s: {**program(w, s), "ordinal": 1, "team": w.team_for(s).pk},
                               allowed=STAFF),
    "checkin_code": Entry(login_only=True, scoped=False),
    "calendar_settings": Entry(login_only=True, scoped=False),
    "calendar_feed": Entry(public=True, scoped=False, ok_statuses=frozenset({200}),
                           kwargs=lambda w, s: {"token": w.participant.user.calendar_token}),
}
