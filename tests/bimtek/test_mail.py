"""Every e-mail the app writes is plain text: characters arrive as written, never HTML-escaped."""

import datetime

import pytest
from icalendar import Calendar

from bimtek.accounts import user_invite
from materials.services import feedback_give
from sessions import services
from tests import factories

pytestmark = pytest.mark.django_db
TRICKY = "Jum'at & \"Sabtu\" <Pleno>"
ESCAPES = ("&#x27;", "&#39;", "&amp;", "&quot;", "&lt;", "&gt;")


def assert_as_written(message, *, in_subject=True):
    for text in (message.subject, message.body):
        assert not any(escape in text for escape in ESCAPES), text
    if in_subject:
        assert TRICKY in message.subject
    assert TRICKY in message.body


def at(stage, hour):
    return datetime.datetime.combine(stage.start_date, datetime.time(hour),
                                     tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture
def scheduled(world, mailoutbox, django_capture_on_commit_callbacks):
    stage = world.program.stages.get(ordinal=1)
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_create(stage=stage, title=TRICKY, starts_at=at(stage, 9), ends_at=at(stage, 12),
                                          venue="Aula Bappeda & Ruang \"Rapat\"", all_teams=False,
                                          expected_teams=[world.team_a], mentors=[world.users["mentor"]])
    return session


def test_a_scheduled_session_invites_its_teams_and_mentors_with_a_calendar_entry(world, scheduled, mailoutbox):
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.participant.user.email,
                                                         world.users["mentor"].email])
    for message in mailoutbox:
        assert_as_written(message)
        assert "Aula Bappeda & Ruang \"Rapat\"" in message.body
        (name, content, mimetype), = message.attachments
        assert name == "sesi.ics" and mimetype.startswith("text/calendar")
        event = Calendar.from_ical(content).walk("VEVENT")[0]
        assert str(event["SUMMARY"]) == TRICKY
        assert event.decoded("DTSTART") == scheduled.starts_at
    assert world.other_participant.user.email not in [m.to[0] for m in mailoutbox]


def test_session_changed_removed_and_cancelled_are_written_as_typed(world, scheduled, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=scheduled, expected_teams=[world.team_b],
                                starts_at=at(scheduled.stage, 10), ends_at=at(scheduled.stage, 13))
    changed = next(m for m in mailoutbox if m.to == [world.other_participant.user.email])
    removed = next(m for m in mailoutbox if m.to == [world.participant.user.email])
    assert_as_written(changed)
    assert_as_written(removed)
    assert len(changed.attachments) == 1  # the updated calendar entry
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=scheduled, reason="Banjir & longsor <jalan putus>")
    for message in mailoutbox:
        assert_as_written(message)
        assert "Banjir & longsor <jalan putus>" in message.body


def test_review_emails_are_written_as_typed(world, mailoutbox, django_capture_on_commit_callbacks):
    assignment = factories.make_assignment(world.program, title=TRICKY)
    with django_capture_on_commit_callbacks(execute=True):
        version = factories.make_version(assignment, world.team_a, note="Revisi \"bab 2\" & <lampiran>")
    arrived, = mailoutbox
    assert_as_written(arrived)
    assert "Revisi \"bab 2\" & <lampiran>" in arrived.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        feedback_give(version=version, mentor=world.users["mentor"], comment="Perbaiki 'tujuan' & <visi>",
                      decision="comment")
    feedback, = mailoutbox
    assert_as_written(feedback)
    assert "Perbaiki 'tujuan' & <visi>" in feedback.body


def test_the_account_invitation_is_written_as_typed(world, mailoutbox):
    program = world.program
    program.name = TRICKY
    user = factories.make_user(full_name="Ma'ruf & \"Ṣāliḥ\" <Daeng>")
    user_invite(user=user, program=program)
    message, = mailoutbox
    assert_as_written(message)
    assert "Ma'ruf & \"Ṣāliḥ\" <Daeng>" in message.body
