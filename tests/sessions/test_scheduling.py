import datetime

import pytest
from django.core.exceptions import ValidationError

from bimtek.formats import DAYS_ID
from sessions import services
from sessions.models import TrainingSession
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_world")]
WIB = datetime.timezone(datetime.timedelta(hours=7))


def at(stage, hour, day=0, tz=WIB):
    return datetime.datetime.combine(stage.start_date + datetime.timedelta(days=day), datetime.time(hour), tzinfo=tz)


def create(stage, **fields):
    values = dict(stage=stage, title="Klinik", starts_at=at(stage, 9), ends_at=at(stage, 12))
    values.update(fields)
    return services.session_create(**values)


def test_session_lies_inside_its_stage_dates(stages):
    stage = stages[1]
    with pytest.raises(ValidationError) as error:
        create(stage, starts_at=at(stage, 9, day=5), ends_at=at(stage, 12, day=5))
    assert "inside its stage's dates" in str(error.value)
    assert TrainingSession.objects.count() == 0


def test_stage_dates_are_read_in_the_sessions_own_zone(stages):
    stage = stages[1]
    # 00.30 WIT on the first day is still the day before in WIB: fine for a session held in WIT.
    wit = datetime.timezone(datetime.timedelta(hours=9))
    session = create(stage, time_zone="Asia/Jayapura", starts_at=at(stage, 0, tz=wit).replace(minute=30),
                     ends_at=at(stage, 2, tz=wit))
    assert session.pk
    with pytest.raises(ValidationError):
        create(stage, time_zone="Asia/Jakarta", starts_at=at(stage, 0, tz=wit).replace(minute=30),
               ends_at=at(stage, 2, tz=wit), confirm_conflicts=True)


def test_session_ends_after_it_starts(stages):
    with pytest.raises(ValidationError) as error:
        create(stages[1], starts_at=at(stages[1], 12), ends_at=at(stages[1], 9))
    assert "ends after it starts" in str(error.value)


def test_chosen_teams_are_required_unless_all_teams(stages):
    with pytest.raises(ValidationError) as error:
        create(stages[1], all_teams=False, expected_teams=[])
    assert "expected_teams" in error.value.message_dict


def test_mentors_and_teams_come_from_the_program(world, stages):
    with pytest.raises(ValidationError) as error:
        create(stages[1], mentors=[world.foreign_mentor])
    assert "mentors" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(stages[1], all_teams=False, expected_teams=[world.foreign_team])
    assert "expected_teams" in error.value.message_dict


def test_mentor_in_two_sessions_at_once_is_a_conflict_that_can_be_confirmed(world, stages):
    mentor = world.users["mentor"]
    create(stages[1], title="Klinik A", all_teams=False, expected_teams=[world.team_a], mentors=[mentor])
    with pytest.raises(services.ScheduleConflict) as conflict:
        create(stages[1], title="Klinik B", starts_at=at(stages[1], 11), ends_at=at(stages[1], 13),
               all_teams=False, expected_teams=[world.team_b], mentors=[mentor])
    assert "Klinik A" in conflict.value.conflicts[0]["message"]
    assert str(mentor) in conflict.value.conflicts[0]["message"]
    assert TrainingSession.objects.count() == 1
    create(stages[1], title="Klinik B", starts_at=at(stages[1], 11), ends_at=at(stages[1], 13),
           all_teams=False, expected_teams=[world.team_b], mentors=[mentor], confirm_conflicts=True)
    assert TrainingSession.objects.count() == 2


def test_team_in_two_sessions_at_once_is_a_conflict_also_against_all_team_sessions(world, stages):
    create(stages[1], title="Pleno")
    with pytest.raises(services.ScheduleConflict) as conflict:
        create(stages[1], title="Klinik", all_teams=False, expected_teams=[world.team_b])
    assert str(world.team_b) in conflict.value.conflicts[0]["message"]


def test_back_to_back_cancelled_and_other_teams_sessions_do_not_conflict(world, stages):
    first = create(stages[1], title="Klinik A", all_teams=False, expected_teams=[world.team_a])
    create(stages[1], title="Klinik B", all_teams=False, expected_teams=[world.team_b])
    create(stages[1], title="Klinik A sore", starts_at=at(stages[1], 12), ends_at=at(stages[1], 14),
           all_teams=False, expected_teams=[world.team_a])
    services.session_cancel(session=first)
    create(stages[1], title="Klinik A ganti", all_teams=False, expected_teams=[world.team_a])
    assert TrainingSession.objects.count() == 4


def test_a_change_raises_the_sequence_and_emails_everyone_expected_in_their_language_and_zone(
        world, stages, mailoutbox, django_capture_on_commit_callbacks):
    participant = world.participant.user
    participant.language, participant.time_zone = "en", "Asia/Jayapura"
    participant.save()
    mentor = world.users["mentor"]
    mentor.language = "id"
    mentor.save()
    session = create(stages[1], all_teams=False, expected_teams=[world.team_a], mentors=[world.users["mentor"]])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=session, starts_at=at(stages[1], 10), ends_at=at(stages[1], 13))
    session.refresh_from_db()
    assert session.sequence == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([participant.email, world.users["mentor"].email])
    message = next(m for m in mailoutbox if m.to == [participant.email])
    assert message.subject == "Session changed: Klinik"
    # 10.00 WIB is 12.00 WIT; the old time (09.00 WIB) is 11.00 WIT.
    assert "12.00–15.00 WIT" in message.body and "11.00 WIT" in message.body
    indonesian = next(m for m in mailoutbox if m.to == [mentor.email])
    assert "10.00–13.00 WIB" in indonesian.body
    # Day names follow each reader's language.
    weekday = stages[1].start_date.weekday()
    assert DAYS_ID[weekday] in indonesian.body and DAYS_ID[weekday] not in message.body
    assert stages[1].start_date.strftime("%A") in message.body


def test_saving_without_a_change_changes_nothing(world, stages, mailoutbox, django_capture_on_commit_callbacks):
    session = create(stages[1])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=session, title="Klinik")
    session.refresh_from_db()
    assert session.sequence == 0
    assert mailoutbox == []


def test_people_taken_off_the_roster_hear_they_are_no_longer_expected(
        world, stages, mailoutbox, django_capture_on_commit_callbacks):
    for person in (world.participant.user, world.other_participant.user):
        person.language = "en"
        person.save()
    session = create(stages[1], all_teams=False, expected_teams=[world.team_a])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_update(session=session, expected_teams=[world.team_b])
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects == {world.participant.user.email: "No longer expected: Klinik",
                        world.other_participant.user.email: "Session changed: Klinik"}


def test_cancelling_keeps_the_session_marked_and_emails_the_roster(
        world, stages, mailoutbox, django_capture_on_commit_callbacks):
    session = create(stages[1], all_teams=False, expected_teams=[world.team_a])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, reason="Banjir di lokasi")
    session.refresh_from_db()
    assert session.is_cancelled and session.sequence == 1
    assert [m.to[0] for m in mailoutbox] == [world.participant.user.email]
    assert "Banjir di lokasi" in mailoutbox[0].body
    with pytest.raises(ValidationError):
        services.session_update(session=session, title="Lagi")


def test_calendar_token_reset_gives_a_new_secret(world):
    user = world.participant.user
    old = user.calendar_token
    new = services.calendar_token_reset(user=user)
    user.refresh_from_db()
    assert user.calendar_token == new != old and len(new) >= 20


def test_moving_to_another_programs_stage_is_refused(world, stages):
    session = create(stages[1])
    with pytest.raises(ValidationError):
        services.session_update(session=session, stage=world.foreign_program.stages.first())


def test_factory_makes_sessions_through_the_service(world, stages):
    session = factories.make_session(stages[1], teams=[world.team_a])
    assert list(session.expected_teams.all()) == [world.team_a]
