"""A program with past sessions and attendance, for eligibility and issuing tests."""

import datetime

from django.utils import timezone

from tests import factories


def past_sessions(program, count, *, teams=None):
    """``count`` sessions that took place in the first stage (all teams unless ``teams``)."""
    stage = program.stages.order_by("ordinal").first()
    start = datetime.datetime.combine(stage.start_date, datetime.time(2), tzinfo=datetime.UTC)
    assert start < timezone.now()
    return [factories.make_session(stage, starts_at=start + datetime.timedelta(hours=3 * n), hours=2, teams=teams)
            for n in range(count)]


def attend(sessions, participant, present: int, *, by):
    """Mark ``participant`` present at the first ``present`` sessions and absent at the rest."""
    for index, session in enumerate(sessions):
        factories.mark(session, participant, "hadir" if index < present else "tidak_hadir", by=by)
