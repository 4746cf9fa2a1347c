"""Session pages and check-in do the same work in a program four times larger."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participants.models import MentorAssignment, Participant, ProgramRole, Team
from sessions import checkin, selectors
from sessions.models import Attendance, TrainingSession
from tests.page_work import LARGE, SMALL, WIDE_LARGE, WIDE_SMALL, assert_bounded, getter, scale_program, two_sizes

pytestmark = pytest.mark.django_db


def plenary_now(program):
    """An all-team session of the program whose check-in is open now (made once per program)."""
    stage = program.stages.order_by("ordinal").last()
    start = timezone.now().replace(microsecond=0)
    session, _created = TrainingSession.objects.get_or_create(
        stage=stage, title="Pleno Sekarang", defaults={
            "kind": TrainingSession.Kind.PLENARY, "all_teams": True, "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2), "time_zone": "Asia/Jakarta"})
    return session


def test_typed_code_check_in_does_the_same_work_in_a_larger_program(monkeypatch):
    def check_in(program):
        session = plenary_now(program)
        team = Team.objects.filter(program=program).order_by("pk").first()
        person = Participant.objects.filter(team=team).exclude(user__attendances__session=session).first().user
        client = Client()
        client.force_login(person)
        code = checkin.current_code(session, selectors.attendance_policy(program))

        def post():
            response = client.post(reverse("checkin_code"), {"code": code})
            assert response.status_code == 200 and b"Pleno Sekarang" in response.content
            assert Attendance.objects.filter(session=session, person=person).exists()
        return post

    small, large = two_sizes(check_in)
    assert_bounded(small, large)


def plenary_of(program):
    return TrainingSession.objects.filter(stage__program=program, kind="plenary").order_by("starts_at").first()


def organizer_of(program):
    return ProgramRole.objects.filter(program=program, role="organizer").select_related("user").first().user


def mentor_of(program):
    team = Team.objects.filter(program=program).order_by("pk").first()
    return MentorAssignment.objects.filter(team=team).select_related("mentor").get().mentor


@pytest.mark.parametrize("person", [organizer_of, mentor_of], ids=["organizer", "mentor"])
def test_plenary_page_does_the_same_work_in_a_larger_program(monkeypatch, person):
    def plenary_page(program):
        return getter(person(program), reverse("session_detail", args=[program.pk, plenary_of(program).pk]))

    small, large = two_sizes(plenary_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)


def test_plenary_page_searched_for_one_region_does_the_same_work_in_a_larger_program(monkeypatch):
    def plenary_page(program):
        return getter(organizer_of(program), reverse("session_detail", args=[program.pk, plenary_of(program).pk]),
                      q="Contoh 002")

    small, large = two_sizes(plenary_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)


def test_plenary_page_counts_everyone_and_shows_a_page_of_them_searchable_by_name_or_region(client):
    program = scale_program(LARGE, "Pleno")
    plenary = plenary_of(program)
    client.force_login(organizer_of(program))
    url = reverse("session_detail", args=[program.pk, plenary.pk])
    context = client.get(url).context
    everyone = selectors.roster(plenary)
    assert context["counts"] == {**selectors.status_counts(everyone), "size": len(everyone)}
    assert [e.name for e in context["roster_page"]] == [e.name for e in everyone[:selectors.ROSTER_PAGE_SIZE]]
    last = client.get(url, {"page": context["roster_page"].paginator.num_pages}).context["roster_page"]
    assert [e.name for e in last] == [e.name for e in everyone[-len(last):]] and last[-1].is_mentor
    region = everyone[0].team.region
    found = client.get(url, {"q": region.name}).context
    assert {e.team_id for e in found["roster_page"]} == {everyone[0].team.pk}
    assert [row["team_id"] for row in found["quorum_rows"]] == [everyone[0].team.pk]
    named = client.get(url, {"q": everyone[7].name}).context["roster_page"]
    assert everyone[7].name in [e.name for e in named]


def test_a_mentor_sees_the_counts_and_people_of_the_teams_they_guide(client):
    program = scale_program(SMALL, "Mentor")
    plenary, mentor = plenary_of(program), mentor_of(program)
    plenary.mentors.remove(mentor)  # a session's own mentors manage its attendance, and so see everyone
    guided = set(MentorAssignment.objects.filter(mentor=mentor).values_list("team_id", flat=True))
    client.force_login(mentor)
    context = client.get(reverse("session_detail", args=[program.pk, plenary.pk])).context
    theirs = [e for e in selectors.roster(plenary) if e.team is not None and e.team.pk in guided]
    assert context["counts"] == {**selectors.status_counts(theirs), "size": len(theirs)}
    assert [e.name for e in context["roster_page"]] == [e.name for e in theirs]
    assert {row["team_id"] for row in context["quorum_rows"]} == guided


@pytest.mark.parametrize("group", ["", "second", "mentors"])
def test_plenary_marking_form_does_the_same_work_in_a_larger_program(monkeypatch, group):
    def marking_page(program):
        plenary = plenary_of(program)
        wanted = group
        if group == "second":
            wanted = str(selectors.TeamOrder(plenary).next(selectors.TeamOrder(plenary).first()).pk)
        return getter(organizer_of(program), reverse("attendance_mark", args=[program.pk, plenary.pk]),
                      **({"team": wanted} if wanted else {}))

    small, large = two_sizes(marking_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)


def test_the_marking_form_of_a_plenary_of_many_teams_finds_a_team_by_region_and_steps_through_them(client):
    program = scale_program(WIDE_SMALL, "Cari")
    plenary = plenary_of(program)
    client.force_login(organizer_of(program))
    url = reverse("attendance_mark", args=[program.pk, plenary.pk])
    everyone = selectors.roster(plenary)
    teams = list(dict.fromkeys(e.team for e in everyone if e.team is not None))
    first = client.get(url).context
    assert first["team_search"] and not first["teams"]
    assert [e.name for e in first["entries"]] == [e.name for e in everyone if e.team == teams[0]]
    assert (first["group_number"], first["group_count"], first["previous_group"], first["next_group"]) == (
        1, len(teams) + 1, "", str(teams[1].pk))
    found = client.get(url, {"region": teams[30].region.name}).context
    assert found["group"] == str(teams[30].pk) and found["group_number"] == 31
    assert (found["previous_group"], found["next_group"]) == (str(teams[29].pk), str(teams[31].pk))
    last = client.get(url, {"team": teams[-1].pk}).context
    assert last["next_group"] == "mentors"
    mentors = client.get(url, {"team": "mentors"}).context
    assert [e.name for e in mentors["entries"]] == [e.name for e in everyone if e.is_mentor]
    assert (mentors["group_number"], mentors["previous_group"]) == (len(teams) + 1, str(teams[-1].pk))
    missed = client.get(url, {"region": "Atlantis"}).content.decode()
    assert "Atlantis" in missed


def test_saving_one_team_of_a_plenary_does_the_same_work_in_a_larger_program(monkeypatch):
    def save_team(program):
        plenary = plenary_of(program)
        team = selectors.TeamOrder(plenary).first()
        people = list(Participant.objects.filter(team=team).values_list("user_id", flat=True))
        client = Client()
        client.force_login(organizer_of(program))
        url = reverse("attendance_mark", args=[program.pk, plenary.pk])
        status = "izin" if Attendance.objects.filter(session=plenary, person_id=people[0], status="hadir") else "hadir"

        def post():
            response = client.post(f"{url}?team={team.pk}", {f"status-{people[0]}": status})
            assert response.status_code == 302
            assert Attendance.objects.get(session=plenary, person_id=people[0]).status == status
        return post

    small, large = two_sizes(save_team, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)


@pytest.mark.parametrize("query", [{}, {"page": "2"}, {"q": "Contoh 003"}],
                         ids=["first pages", "second page", "search"])
def test_attendance_recap_does_the_same_work_in_a_larger_program(monkeypatch, query):
    def recap_page(program):
        return getter(organizer_of(program), reverse("attendance_recap", args=[program.pk]), **query)

    small, large = two_sizes(recap_page, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)


def test_attendance_recap_page_shows_what_the_whole_recap_computes(client):
    program = scale_program(LARGE, "Rekap")
    program_mentor = mentor_of(program)
    whole = selectors.attendance_recap(program)
    client.force_login(organizer_of(program))
    url = reverse("attendance_recap", args=[program.pk])
    context = client.get(url).context
    shown = context["recap"]

    def stage_row(row):
        return (row.stage.pk, row.sessions, row.attended, row.expected)

    def team_row(row):
        return (row.team.pk, row.members, row.attended, row.expected, row.sessions, row.quorum_reached)

    def person_row(person):
        return (person.user_id, person.cells, person.attended, person.expected, person.by_stage)

    assert [stage_row(r) for r in shown.stages] == [stage_row(r) for r in whole.stages]
    assert [team_row(r) for r in shown.teams] == [team_row(r) for r in whole.teams]
    everyone = {p.user_id: person_row(p) for p in whole.people}
    participants = [p for p in whole.people if not p.is_mentor]
    assert len(context["page"]) == 25 and context["page"].paginator.count == len(participants)
    assert [person_row(p) for p in context["page"]] == [everyone[p.user_id] for p in context["page"]]
    assert {p.user_id for p in context["page"]} == {p.user_id for p in participants[:25]}
    mentors = [p for p in whole.people if p.is_mentor]
    assert [person_row(p) for p in context["mentors"]] == [person_row(p) for p in mentors]
    assert program_mentor.pk in {p.user_id for p in context["mentors"]}

    team = whole.teams[4].team
    one_team = client.get(url, {"team": team.pk}).context["page"]
    assert {p.user_id for p in one_team} == {p.user_id for p in participants if p.team == team}
    found = client.get(url, {"q": team.region.name}).context
    assert [r.team for r in found["recap"].teams] == [team]
    assert {p.user_id for p in found["page"]} == {p.user_id for p in participants if p.team == team}


def test_a_mentor_recap_covers_their_teams_only(client):
    program = scale_program(SMALL, "Rekap Mentor")
    mentor = mentor_of(program)
    guided = set(MentorAssignment.objects.filter(mentor=mentor).values_list("team_id", flat=True))
    whole = selectors.attendance_recap(program, team_ids=guided, include_mentors=False)
    client.force_login(mentor)
    context = client.get(reverse("attendance_recap", args=[program.pk])).context
    assert [r.stage.pk for r in context["recap"].stages] == [r.stage.pk for r in whole.stages]
    assert [(r.attended, r.expected) for r in context["recap"].stages] == [(r.attended, r.expected)
                                                                             for r in whole.stages]
    assert {r.team.pk for r in context["recap"].teams} == guided
    assert {p.user_id for p in context["page"]} == {p.user_id for p in whole.people}
    assert context["mentors"] is None


def participant_of(program):
    return Participant.objects.filter(team__program=program).order_by("pk").select_related("user").first().user


@pytest.mark.parametrize("person", [participant_of, organizer_of], ids=["participant", "organizer"])
def test_schedule_of_a_stage_does_the_same_work_in_a_larger_program(monkeypatch, person):
    def schedule(program):
        return getter(person(program), reverse("session_list", args=[program.pk]), stage=1)

    small, large = two_sizes(schedule, sizes=(WIDE_SMALL, WIDE_LARGE))
    assert_bounded(small, large)
