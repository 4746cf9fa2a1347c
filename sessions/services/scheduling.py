"""Scheduling: sessions inside stages, changes and cancellations (with e-mails), calendar addresses."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bimtek.models import Stage
from bimtek.models.user import new_calendar_token
from bimtek.program_cache import program_data_changed
from participants.selectors import program_evaluators, program_mentors
from sessions import notifications, selectors
from sessions.models import TrainingSession

# Fields whose change people expected at the session must hear about.
NOTIFIED_FIELDS = ("title", "kind", "starts_at", "ends_at", "time_zone", "venue", "meeting_url")
SESSION_FIELDS = NOTIFIED_FIELDS + ("all_teams", "stage")


class ScheduleConflict(ValidationError):
    """A mentor or team would be in two sessions at once; the person scheduling may confirm anyway."""

    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__([c["message"] for c in conflicts], code="conflict")


def _validate_session(session: TrainingSession, *, mentors, all_teams: bool, teams, confirm_conflicts: bool):
    stage = session.stage
    interview = session.kind == TrainingSession.Kind.INTERVIEW
    errors = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("A session ends after it starts.")
    zone = zoneinfo.ZoneInfo(session.time_zone)
    if session.starts_at and session.ends_at and "ends_at" not in errors:
        first = timezone.localtime(session.starts_at, zone).date()
        last = timezone.localtime(session.ends_at, zone).date()
        if interview and first < stage.start_date:
            # The evaluation comes after the bimtek: an interview is anchored to a stage but not bounded by it.
            errors["starts_at"] = _("A verification interview lies on or after its stage's start (%(start)s).") % {
                "start": stage.start_date.strftime("%d-%m-%Y")}
        elif not interview and (first < stage.start_date or last > stage.end_date):
            errors["starts_at"] = _("A session lies inside its stage's dates (%(start)s – %(end)s).") % {
                "start": stage.start_date.strftime("%d-%m-%Y"), "end": stage.end_date.strftime("%d-%m-%Y")}
    of_program = set(program_mentors(stage.program_id).values_list("pk", flat=True))
    if interview:
        of_program |= set(program_evaluators(stage.program_id).values_list("pk", flat=True))
    strangers = [m for m in mentors if m.pk not in of_program]
    if strangers:
        errors["mentors"] = (_("Not a mentor or evaluator of this program: %(people)s.") if interview
                             else _("Not a mentor of this program: %(people)s.")) % {
            "people": ", ".join(str(m) for m in strangers)}
    if any(team.program_id != stage.program_id for team in teams):
        errors["expected_teams"] = _("Choose teams of this program.")
    elif not all_teams and not teams:
        errors["expected_teams"] = _("Choose the teams expected, or expect all teams of the program.")
    if errors:
        raise ValidationError(errors)
    if not confirm_conflicts:
        conflicts = selectors.schedule_conflicts(session=session, mentors=mentors, all_teams=all_teams, teams=teams)
        if conflicts:
            raise ScheduleConflict(conflicts)


@transaction.atomic
def session_create(*, stage: Stage, title: str, starts_at: datetime.datetime, ends_at: datetime.datetime,
                   kind: str = TrainingSession.Kind.CLASS, time_zone: str = "Asia/Jakarta", venue: str = "",
                   meeting_url: str = "", mentors=(), all_teams: bool = True, expected_teams=(),
                   created_by=None, confirm_conflicts: bool = False, notify: bool = True) -> TrainingSession:
    """Schedule a session inside a stage, and e-mail everyone expected at it an invitation with its calendar entry.

    It lies within the stage's dates (read in the session's own zone; a
    verification interview on or after the stage's start), ends after it
    starts, has mentors of the program (an interview: its evaluators too) and expects all teams or
    chosen teams of the program. A mentor or team already in another session
    at the same time raises ScheduleConflict unless ``confirm_conflicts``.
    ``notify=False`` only for loading data such as the demo.
    """
    program_data_changed(stage.program_id)
    mentors, teams = list(mentors), [] if all_teams else list(expected_teams)
    session = TrainingSession(stage=stage, title=title.strip(), kind=kind, starts_at=starts_at, ends_at=ends_at,
                              time_zone=time_zone, venue=venue.strip(), meeting_url=meeting_url,
                              all_teams=all_teams, created_by=created_by)
    # The check constraint's own message is vague; _validate_session says it in words.
    session.full_clean(exclude=["created_by"], validate_constraints=False)
    _validate_session(session, mentors=mentors, all_teams=all_teams, teams=teams,
                      confirm_conflicts=confirm_conflicts)
    session.save()
    session.mentors.set(mentors)
    session.expected_teams.set(teams)
    if notify:
        notifications.after_commit(notifications.session_scheduled, session_id=session.pk,
                                   recipient_ids=sorted(selectors.roster_user_ids(session)))
    return session


@transaction.atomic
def session_update(*, session: TrainingSession, changed_by=None, confirm_conflicts: bool = False,
                   notify: bool = True, **fields) -> TrainingSession:
    """Change a session; the same rules as scheduling it apply.

    A change of time, place, link, title or roster raises the calendar
    SEQUENCE and e-mails everyone expected at the session (before or after the
    change) in their own language and zone (``notify=False`` only for loading
    data such as the demo). A cancelled session stays as it is.
    """
    program_data_changed(session.program_id)
    session = TrainingSession.objects.select_for_update().select_related("stage").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("A cancelled session cannot be changed."))
    before = {name: getattr(session, name) for name in SESSION_FIELDS}
    old_mentors = set(session.mentors.all())
    old_teams = set(session.expected_teams.all())
    old_roster = set(selectors.roster_user_ids(session))
    mentors = list(fields.pop("mentors", old_mentors))
    all_teams = fields.get("all_teams", session.all_teams)
    teams = [] if all_teams else list(fields.pop("expected_teams", old_teams))
    fields.pop("expected_teams", None)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() cannot change {sorted(unknown)}")
    if "stage" in fields and fields["stage"].program_id != session.stage.program_id:
        raise ValidationError({"stage": _("Choose a stage of this program.")})
    for name, value in fields.items():
        setattr(session, name, value.strip() if isinstance(value, str) and name != "time_zone" else value)
    # The check constraint's own message is vague; _validate_session says it in words.
    session.full_clean(exclude=["created_by"], validate_constraints=False)
    _validate_session(session, mentors=mentors, all_teams=all_teams, teams=teams,
                      confirm_conflicts=confirm_conflicts)
    changes = [name for name in NOTIFIED_FIELDS if getattr(session, name) != before[name]]
    roster_changed = (set(mentors) != old_mentors or set(teams) != old_teams or all_teams != before["all_teams"])
    if not changes and not roster_changed:
        return session
    session.sequence += 1
    session.save()
    session.mentors.set(mentors)
    session.expected_teams.set(teams)
    new_roster = set(selectors.roster_user_ids(session))
    if not notify:
        return session
    notifications.after_commit(notifications.session_changed, session_id=session.pk, changes=changes,
                               previous={"starts_at": before["starts_at"], "ends_at": before["ends_at"]},
                               recipient_ids=sorted(new_roster), removed_ids=sorted(old_roster - new_roster),
                               changed_by_id=getattr(changed_by, "pk", None))
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, reason: str = "", cancelled_by=None,
                   notify: bool = True) -> TrainingSession:
    """Cancel a session (it stays in the schedule and calendars, marked cancelled) and e-mail its roster."""
    program_data_changed(session.program_id)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
    if notify:
        notifications.after_commit(notifications.session_cancelled, session_id=session.pk,
                                   recipient_ids=sorted(selectors.roster_user_ids(session)),
                                   changed_by_id=getattr(cancelled_by, "pk", None))
    return session


@transaction.atomic
def calendar_token_reset(*, user) -> str:
    """Give the user a new secret calendar address; the old one stops working at once."""
    user.calendar_token = new_calendar_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
