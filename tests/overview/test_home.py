import datetime

import pytest
import rules
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bimtek.overview.services import stage_update
from bimtek.services import dimension_save
from certificates.services import certificate_issue_by_hand
from materials.models import Assignment
from materials.services import assignment_update, extension_grant, feedback_give
from participants.services import mentor_assign, participant_update
from sessions.models import TrainingSession
from sessions.services import session_cancel, session_update
from tests import factories

pytestmark = pytest.mark.django_db


def add_session(program, team=None, *, title="Klinik", starts_in=datetime.timedelta(days=3)):
    stage = program.stages.order_by("ordinal").last()
    start = timezone.now() + starts_in
    session = TrainingSession.objects.create(stage=stage, title=title, starts_at=start,
                                             ends_at=start + datetime.timedelta(hours=2), all_teams=team is None)
    if team:
        session.expected_teams.set([team])
    return session


def test_a_participant_sees_team_stages_next_sessions_and_assignments(client):
    program = factories.make_program(name="Gerakan Menuju Smart City 2026")
    team = factories.make_team(program, region=factories.make_region(name="Kotawaringin Timur"))
    other = factories.make_team(program)
    participant = factories.make_participant(team)
    add_session(program, team, title="Klinik Kotawaringin Timur")
    add_session(program, other, title="Klinik daerah lain")
    Assignment.objects.create(stage=program.stages.first(), title="Analisis SWOT", due_at=timezone.now())
    client.force_login(factories.in_english(participant.user))

    page = client.get(reverse("home")).content.decode()

    assert "Kabupaten Kotawaringin Timur" in page
    assert "Stage IV" in page
    assert "Klinik Kotawaringin Timur" in page
    assert "Klinik daerah lain" not in page
    assert "Analisis SWOT" in page and "Not submitted" in page


def test_a_mentor_sees_the_teams_assigned_to_them(client):
    program = factories.make_program()
    mine = factories.make_team(program, region=factories.make_region(name="Banyuwangi"))
    factories.make_team(program, region=factories.make_region(name="Sleman"))
    mentor = factories.make_mentor(program, mine)
    client.force_login(factories.in_english(mentor))
    page = client.get(reverse("home")).content.decode()
    assert "Banyuwangi" in page and "Sleman" not in page
    assert "Teams you guide" in page


def test_a_mentors_next_sessions_are_fresh_right_after_each_service_commits(client,
                                                                             django_capture_on_commit_callbacks):
    """A mentor's next sessions are kept in the cache; scheduling, cancelling and assigning teams move them."""
    program = factories.make_program()
    other = factories.make_team(program)
    mentor = factories.make_mentor(program)
    client.force_login(factories.in_english(mentor))
    stage = program.stages.order_by("ordinal").last()
    soon = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=datetime.UTC)

    def shown():
        return [s.title for s in client.get(reverse("home")).context["panels"][0]["mentor_sessions"]]

    assert shown() == []
    with django_capture_on_commit_callbacks(execute=True):
        plenary = factories.make_session(stage, title="Pleno", starts_at=soon)
        factories.make_session(stage, title="Klinik", starts_at=soon + datetime.timedelta(hours=3), teams=[other])
    assert shown() == ["Pleno"]
    with django_capture_on_commit_callbacks(execute=True):
        mentor_assign(team=other, mentor=mentor)
    assert shown() == ["Pleno", "Klinik"]
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=plenary, title="Pleno pembuka", confirm_conflicts=True, notify=False)
    assert shown() == ["Pleno pembuka", "Klinik"]
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=plenary, notify=False)
    assert shown() == ["Klinik"]


def test_a_mentors_teams_and_waiting_drafts_are_fresh_right_after_each_service_commits(
        client, monkeypatch, django_capture_on_commit_callbacks):
    """A mentor's teams and drafts waiting are kept in the cache; assigning a team, a new member, an upload and a
    decision show at once, and the wait is measured on every visit."""
    program = factories.make_program()
    team, other = factories.make_team(program), factories.make_team(program)
    member = factories.make_participant(team)
    mentor = factories.make_mentor(program, team)
    assignment = factories.make_assignment(program)
    client.force_login(factories.in_english(mentor))

    def shown():
        panel = client.get(reverse("home")).context["panels"][0]
        return ([(str(t), t.member_count) for t in panel["mentor_teams"]],
                [(str(item.submission.team), item.submission.latest_number) for item in panel["mentor_waiting"]])

    assert shown() == ([(str(team), 1)], [])
    with django_capture_on_commit_callbacks(execute=True):
        mentor_assign(team=other, mentor=mentor)
    assert sorted(shown()[0]) == sorted([(str(team), 1), (str(other), 0)])
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_participant(team)
    assert sorted(shown()[0]) == sorted([(str(team), 2), (str(other), 0)])
    with django_capture_on_commit_callbacks(execute=True):
        version = factories.make_version(assignment, team, by=member.user)
    assert shown()[1] == [(str(team), 1)]
    later = timezone.now() + datetime.timedelta(hours=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    waited = client.get(reverse("home")).context["panels"][0]["mentor_waiting"][0].waited
    assert datetime.timedelta(hours=5) <= waited < datetime.timedelta(hours=5, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_give(version=version, mentor=mentor, comment="Lengkapi data BPS.", decision="revision",
                      notify=False)
    assert shown()[1] == []


def test_a_participants_sessions_are_fresh_right_after_each_service_commits(client,
                                                                           django_capture_on_commit_callbacks):
    """A person's sessions are kept in the cache; scheduling one and moving them to another team show at once."""
    program = factories.make_program()
    team, other = factories.make_team(program), factories.make_team(program)
    participant = factories.make_participant(team)
    client.force_login(factories.in_english(participant.user))
    stage = program.stages.order_by("ordinal").last()
    start = datetime.datetime.combine(stage.start_date, datetime.time(9), tzinfo=datetime.UTC)

    def shown():
        return [s.title for s in client.get(reverse("home")).context["panels"][0]["own_attendance"].sessions]

    assert shown() == []
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_session(stage, title="Klinik lain", starts_at=start, teams=[other])
    assert shown() == []
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_session(stage, title="Klinik", starts_at=start + datetime.timedelta(hours=3), teams=[team])
    assert shown() == ["Klinik"]
    with django_capture_on_commit_callbacks(execute=True):
        participant_update(participant=participant, team=other)
    assert shown() == ["Klinik lain"]


def test_a_participants_stages_and_assignments_are_fresh_right_after_each_service_commits(
        client, django_capture_on_commit_callbacks):
    """The program's stages and assignments are kept in the cache; editing them or a dimension shows at once."""
    program = factories.make_program()
    participant = factories.make_participant(factories.make_team(program))
    organizer = factories.make_staff(program, "organizer")
    client.force_login(factories.in_english(participant.user))

    def shown():
        panel = client.get(reverse("home")).context["panels"][0]
        return ([stage.venue for stage in panel["stages"]][:1],
                [(row.assignment.title, str(row.assignment.dimension or "")) for row in panel["assignments"]])

    assert shown() == ([""], [])
    with django_capture_on_commit_callbacks(execute=True):
        dimension = dimension_save(program=program, name="Tata kelola", order=1)
        assignment = factories.make_assignment(program, title="Analisis SWOT", created_by=organizer,
                                               dimension=dimension)
    assert shown() == ([""], [("Analisis SWOT", "Tata kelola")])
    with django_capture_on_commit_callbacks(execute=True):
        assignment_update(assignment=assignment, actor=organizer, title="Analisis SWOT daerah")
    assert shown() == ([""], [("Analisis SWOT daerah", "Tata kelola")])
    with django_capture_on_commit_callbacks(execute=True):
        dimension_save(program=program, name="Tata kelola data", order=1, dimension=dimension)
    assert shown() == ([""], [("Analisis SWOT daerah", "Tata kelola data")])
    with django_capture_on_commit_callbacks(execute=True):
        stage_update(stage=program.stages.order_by("ordinal").first(), venue="Aula Bappeda")
    assert shown() == (["Aula Bappeda"], [("Analisis SWOT daerah", "Tata kelola data")])


def test_a_participants_work_is_fresh_after_each_upload_review_and_extension_and_turns_overdue_on_time(
        client, monkeypatch, django_capture_on_commit_callbacks):
    """The team's submissions are kept in the cache; an upload, a review and an extension show once they commit,
    and work left unsent shows overdue as soon as its due time passes, with no change at all."""
    program = factories.make_program()
    team = factories.make_team(program)
    participant = factories.make_participant(team)
    mentor = factories.make_mentor(program, team)
    organizer = factories.make_staff(program, "organizer")
    client.force_login(factories.in_english(participant.user))
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.make_assignment(program, title="Analisis SWOT", created_by=organizer)
        second = factories.make_assignment(program, title="Rencana aksi", created_by=organizer,
                                           due_in=datetime.timedelta(days=8))

    def shown():
        return [(row.assignment.title, row.status, row.versions, row.extended, row.overdue)
                for row in client.get(reverse("home")).context["panels"][0]["assignments"]]

    assert shown() == [("Analisis SWOT", "not_submitted", 0, False, False),
                       ("Rencana aksi", "not_submitted", 0, False, False)]
    with django_capture_on_commit_callbacks(execute=True):
        version = factories.make_version(first, team, by=participant.user)
    assert shown()[0] == ("Analisis SWOT", "submitted", 1, False, False)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_give(version=version, mentor=mentor, comment="Sudah baik.", decision="approve", notify=False)
    assert shown()[0] == ("Analisis SWOT", "approved", 1, False, False)
    later = second.due_at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert shown()[1] == ("Rencana aksi", "not_submitted", 0, False, True)
    with django_capture_on_commit_callbacks(execute=True):
        extension_grant(assignment=second, team=team, due_at=later + datetime.timedelta(days=2),
                        reason="Banjir di daerah.", granted_by=organizer)
    assert shown()[1] == ("Rencana aksi", "not_submitted", 0, True, False)


def test_an_organizer_sees_the_programs_counts(client):
    organizer = factories.make_user()
    program = factories.make_program(organizer=organizer)
    for _ in range(3):
        factories.make_participant(factories.make_team(program))
    client.force_login(factories.in_english(organizer))
    response = client.get(reverse("home"))
    counts = response.context["panels"][0]["counts"]
    assert (counts["teams"], counts["participants"]) == (3, 3)


def test_the_organizers_counts_are_fresh_right_after_each_service_commits(organizer_client,
                                                                         django_capture_on_commit_callbacks):
    """The counts are kept in the cache; every service that changes one moves them once it commits."""
    client, program = organizer_client, organizer_client.program

    def shown():
        panel = client.get(reverse("home")).context["panels"][0]
        counts = panel["counts"]
        return ({name: counts[name] for name in ("teams", "participants", "mentors", "evaluators", "sessions",
                                                 "assignments", "drafts", "certificates")},
                panel["waiting"]["count"], panel["waiting"]["oldest"] is not None)

    empty = dict.fromkeys(("teams", "participants", "mentors", "evaluators", "sessions", "assignments", "drafts",
                           "certificates"), 0)
    assert shown() == (empty, 0, False)
    with django_capture_on_commit_callbacks(execute=True):
        team = factories.make_team(program)
        participant = factories.make_participant(team)
    assert shown() == ({**empty, "teams": 1, "participants": 1}, 0, False)
    with django_capture_on_commit_callbacks(execute=True):
        mentor = factories.make_mentor(program, team)
        factories.make_staff(program, "evaluator")
        assignment = factories.make_assignment(program, created_by=client.user)
        factories.make_session(program.stages.order_by("ordinal").last())
    counts = {**empty, "teams": 1, "participants": 1, "mentors": 1, "evaluators": 1, "sessions": 1,
              "assignments": 1}
    assert shown() == (counts, 0, False)
    with django_capture_on_commit_callbacks(execute=True):
        version = factories.make_version(assignment, team)
    assert shown() == ({**counts, "drafts": 1}, 1, True)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_give(version=version, mentor=mentor, comment="Lengkapi data BPS.", decision="revision")
    assert shown() == ({**counts, "drafts": 1}, 0, False)
    with django_capture_on_commit_callbacks(execute=True):
        certificate_issue_by_hand(program=program, template=factories.make_certificate_template(program),
                                  reason="Hadir di sesi pengganti", issued_by=client.user, participant=participant)
    assert shown() == ({**counts, "drafts": 1, "certificates": 1}, 0, False)


def test_an_evaluator_finds_every_team_through_the_teams_list(client):
    program = factories.make_program()
    teams = [factories.make_team(program) for _ in range(3)]
    evaluator = factories.make_staff(program, "evaluator")
    client.force_login(factories.in_english(evaluator))
    page = client.get(reverse("home")).content.decode()
    team_list = reverse("team_list", args=[program.pk])
    assert "3 teams" in page and f'href="{team_list}"' in page and f'action="{team_list}"' in page
    listed = client.get(team_list).content.decode()
    assert all(str(team) in listed for team in teams)


def test_the_sections_follow_the_rules(client, replace_rule):
    program = factories.make_program()
    mine = factories.make_team(program, region=factories.make_region(name="Banyuwangi"))
    factories.make_team(program, region=factories.make_region(name="Sleman"))
    mentor = factories.make_mentor(program, mine)
    client.force_login(factories.in_english(mentor))
    replace_rule("overview.home_mentor", rules.always_false)
    replace_rule("overview.home_evaluator", rules.always_true)
    page = client.get(reverse("home")).content.decode()
    assert "Teams you guide" not in page
    assert "2 teams" in page and reverse("team_list", args=[program.pk]) in page  # the evaluator's way to the teams


def test_a_superuser_sees_the_sections_of_the_roles_they_hold(client):
    program = factories.make_program()
    mine = factories.make_team(program, region=factories.make_region(name="Banyuwangi"))
    factories.make_team(program, region=factories.make_region(name="Sleman"))
    mentor = factories.make_mentor(program, mine)
    mentor.is_superuser = True
    mentor.save()
    client.force_login(factories.in_english(mentor))
    page = client.get(reverse("home")).content.decode()
    assert "Teams you guide" in page and "Banyuwangi" in page and "Sleman" not in page


def test_times_are_shown_in_the_viewers_zone_with_the_zone_named(client):
    program = factories.make_program()
    team = factories.make_team(program)
    participant = factories.make_participant(team)
    participant.user.time_zone = "Asia/Makassar"
    participant.user.save(update_fields=["time_zone"])
    start = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    TrainingSession.objects.create(stage=program.stages.last(), title="Pleno", starts_at=start,
                                   ends_at=start + datetime.timedelta(hours=2))
    client.force_login(participant.user)
    page = client.get(reverse("home")).content.decode()
    assert "09.00–11.00 WITA" in page  # 01:00 UTC is 09:00 in Makassar


@pytest.mark.parametrize("role", ["organizer", "mentor", "participant", "evaluator"])
def test_the_home_page_runs_the_same_queries_however_big_the_program(client, role):
    def build(size):
        program = factories.make_program()
        teams = [factories.make_team(program) for _ in range(size)]
        for team in teams:
            for _ in range(size):
                factories.make_participant(team)
            add_session(program, team)
        Assignment.objects.create(stage=program.stages.first(), title="A", due_at=timezone.now())
        users = {"organizer": factories.make_staff(program, "organizer"),
                 "mentor": factories.make_mentor(program, *teams),
                 "participant": teams[0].participants.first().user,
                 "evaluator": factories.make_staff(program, "evaluator")}
        return users[role]

    counts = []
    for size in (2, 6):
        client.force_login(build(size))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("role", ["organizer", "mentor", "participant", "evaluator"])
def test_the_home_page_runs_the_same_queries_however_many_programs_a_person_is_in(client, role):
    def programs_of(user, count):
        for _ in range(count):
            program = factories.make_program()
            team = factories.make_team(program)
            factories.make_participant(team)
            add_session(program, team)
            add_session(program)
            Assignment.objects.create(stage=program.stages.first(), title="A", due_at=timezone.now())
            if role == "participant":
                factories.make_participant(team, user=user)
            elif role == "mentor":
                factories.make_mentor(program, team, user=user)
            else:
                factories.make_staff(program, role, user=user)
        return user

    counts = []
    for count in (1, 3):
        client.force_login(programs_of(factories.make_user(), count))
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("home"))
        assert page.status_code == 200 and len(page.context["panels"]) == count
        counts.append(len(queries))
    assert counts[0] == counts[1]
