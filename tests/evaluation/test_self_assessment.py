"""The team's self-assessment: answers with own scores, evidence, the register's progress; saved, submitted once
(refused with what is missing), read-only afterwards, sent back by an assessor with a reason."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, Evidence, ProgramProgress, Question, RoundTeam
from evaluation.services import self_assessment as services
from tests import factories
from tests.evaluation.factories import make_plan, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    program = factories.make_program()
    team = factories.make_team(program)
    member = factories.in_english(factories.make_participant(team).user)
    factories.make_participant(team)
    assessor = factories.in_english(factories.make_staff(program, "evaluator"))
    organizer = factories.in_english(factories.make_staff(program, "organizer"))
    plan = make_plan(team, programs=3)
    evaluation_round = make_round(program, teams=[team], assessors=[assessor])
    today = timezone.localdate()
    evaluation_round.opens_on, evaluation_round.closes_on = today - datetime.timedelta(days=3), today
    evaluation_round.save()
    round_team = evaluation_round.round_teams.get()
    questions = list(Question.objects.filter(aspect__scheme=evaluation_round.scheme).order_by("aspect__order",
                                                                                              "order"))
    return {"program": program, "team": team, "member": member, "assessor": assessor, "organizer": organizer,
            "plan": plan, "round": evaluation_round, "round_team": round_team, "questions": questions}


def url(setup, name="evaluation_self_assessment", **extra):
    return reverse(name, kwargs={"program": setup["program"].pk, "round": setup["round"].pk,
                                 "team": setup["team"].pk, **extra})


def complete(setup):
    """Every question answered with a score, evidence where required, every program's progress reported."""
    services.self_assessment_save(
        round_team=setup["round_team"], actor=setup["member"],
        answers={q.pk: {"text": f"Jawaban {q.pk}", "self_score": 3} for q in setup["questions"]},
        files={q.pk: [factories.upload(factories.pdf_bytes("Bukti"), "bukti.pdf")]
               for q in setup["questions"] if q.evidence_required},
        progress={p.pk: {"status": "done", "current_value": 12, "note": ""} for p in setup["plan"].programs.all()})


def form_data(setup, *, action="save", answered=True, progress=True):
    data = {"action": action}
    for question in setup["questions"]:
        if answered:
            data[f"q{question.pk}_text"] = "Sudah berjalan."
            data[f"q{question.pk}_score"] = "2"
    for program in setup["plan"].programs.all():
        data[f"p{program.pk}_status"] = "in_progress" if progress else ""
        data[f"p{program.pk}_value"] = "5"
        data[f"p{program.pk}_note"] = "Tahap pengadaan."
    return data


def test_a_saved_draft_keeps_the_answers_and_the_progress(setup, client):
    client.force_login(setup["member"])
    response = client.post(url(setup), form_data(setup))
    assert response.status_code == 302
    round_team = RoundTeam.objects.get(pk=setup["round_team"].pk)
    assert round_team.status == RoundTeam.Status.DRAFT
    assert Answer.objects.filter(round_team=round_team, text="Sudah berjalan.", self_score=2).count() == len(
        setup["questions"])
    assert ProgramProgress.objects.filter(round_team=round_team, status="in_progress", current_value=5).count() == 3
    page = client.get(url(setup)).content.decode()
    assert "Sudah berjalan." in page and "Tahap pengadaan." in page


def test_submitting_an_incomplete_self_assessment_lists_what_is_missing(setup, client, english):
    client.force_login(setup["member"])
    data = form_data(setup, action="submit", progress=False)
    first = setup["questions"][0]
    data[f"q{first.pk}_text"] = ""
    response = client.post(url(setup), data, follow=True)
    page = response.content.decode()
    assert "cannot be submitted yet" in page
    assert "Question 1 (" in page and "is not answered" in page
    assert "needs evidence" in page
    assert "has no progress reported" in page
    round_team = RoundTeam.objects.get(pk=setup["round_team"].pk)
    assert round_team.status == RoundTeam.Status.DRAFT and round_team.submitted_at is None
    # What was typed is kept as a draft.
    assert Answer.objects.filter(round_team=round_team, text="Sudah berjalan.").exists()


def test_a_complete_self_assessment_is_submitted_once_and_then_read_only(setup, client, english):
    complete(setup)
    client.force_login(setup["member"])
    response = client.post(url(setup), form_data(setup, action="submit"), follow=True)
    assert "is submitted" in response.content.decode()
    round_team = RoundTeam.objects.get(pk=setup["round_team"].pk)
    assert round_team.status == RoundTeam.Status.SUBMITTED and round_team.submitted_at
    page = client.get(url(setup)).content.decode()
    assert 'name="action"' not in page and "It can only be changed again if an assessor sends it back" in page
    changed = form_data(setup)
    changed[f"q{setup['questions'][0].pk}_text"] = "Diganti setelah dikirim."
    again = client.post(url(setup), changed, follow=True)
    assert "It can only be changed again" in again.content.decode()
    assert not Answer.objects.filter(round_team=round_team, text="Diganti setelah dikirim.").exists()
    with pytest.raises(ValidationError):
        services.self_assessment_submit(round_team=round_team, actor=setup["member"])


def test_an_assessor_sends_it_back_with_a_reason_the_team_reads_and_it_is_submitted_again(
        setup, client, english, django_capture_on_commit_callbacks):
    complete(setup)
    services.self_assessment_submit(round_team=setup["round_team"], actor=setup["member"])
    client.force_login(setup["assessor"])
    assert "Send back to the team" in client.get(url(setup)).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(setup, "evaluation_self_assessment_return"), {"reason": "Lampirkan Perda."})
    assert response.status_code == 302
    round_team = RoundTeam.objects.get(pk=setup["round_team"].pk)
    assert round_team.status == RoundTeam.Status.RETURNED and round_team.returned_reason == "Lampirkan Perda."
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.user.email for p in setup["team"].participants.select_related("user"))
    client.force_login(setup["member"])
    page = client.get(url(setup)).content.decode()
    assert "Lampirkan Perda." in page and 'value="submit"' in page
    # Sent back after the closing day: the team may still change and resubmit it.
    later = setup["round"].closes_on + datetime.timedelta(days=10)
    services.self_assessment_submit(round_team=round_team, actor=setup["member"], today=later)
    assert RoundTeam.objects.get(pk=round_team.pk).status == RoundTeam.Status.SUBMITTED


def test_only_a_submitted_self_assessment_is_sent_back_and_never_without_a_reason(setup, client, english):
    with pytest.raises(ValidationError, match="Only a submitted"):
        services.self_assessment_return(round_team=setup["round_team"], reason="x", actor=setup["assessor"])
    complete(setup)
    services.self_assessment_submit(round_team=setup["round_team"], actor=setup["member"])
    client.force_login(setup["organizer"])
    response = client.post(url(setup, "evaluation_self_assessment_return"), {"reason": "   "})
    assert response.status_code == 200
    assert RoundTeam.objects.get(pk=setup["round_team"].pk).status == RoundTeam.Status.SUBMITTED


def test_outside_the_open_days_the_team_cannot_save_or_submit(setup, client, english):
    evaluation_round, today = setup["round"], timezone.localdate()
    evaluation_round.opens_on, evaluation_round.closes_on = today + datetime.timedelta(days=2), today + \
        datetime.timedelta(days=9)
    evaluation_round.save()
    client.force_login(setup["member"])
    page = client.get(url(setup)).content.decode()
    assert "The self-assessment opens on" in page and 'name="action"' not in page
    client.post(url(setup), form_data(setup))
    assert not Answer.objects.filter(round_team=setup["round_team"]).exists()
    evaluation_round.opens_on, evaluation_round.closes_on = today - datetime.timedelta(days=9), today - \
        datetime.timedelta(days=1)
    evaluation_round.save()
    response = client.post(url(setup), form_data(setup), follow=True)
    assert "The self-assessment closed on" in response.content.decode()
    assert not Answer.objects.filter(round_team=setup["round_team"]).exists()


def test_evidence_is_checked_by_content_downloaded_by_readers_and_removed_by_the_team(setup, client, english):
    client.force_login(setup["member"])
    question = setup["questions"][0]
    fake = factories.upload(b"just some text, not a PDF", "perda.pdf")
    response = client.post(url(setup), {**form_data(setup), f"q{question.pk}_file": fake})
    assert response.status_code == 200 and "not one of the allowed kinds" in response.content.decode()
    assert not Evidence.objects.exists() and not Answer.objects.exists()

    real = factories.upload(factories.pdf_bytes("Perda Smart City"), "perda.pdf")
    client.post(url(setup), {**form_data(setup), f"q{question.pk}_file": real})
    evidence = Evidence.objects.get()
    assert evidence.kind == "pdf" and evidence.uploaded_by == setup["member"]
    client.force_login(setup["assessor"])
    download = client.get(url(setup, "evaluation_evidence_download", evidence=evidence.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.post(url(setup, "evaluation_evidence_delete", evidence=evidence.pk)).status_code == 404
    client.force_login(setup["member"])
    client.post(url(setup, "evaluation_evidence_delete", evidence=evidence.pk))
    assert not Evidence.objects.exists()


def test_readers_who_are_not_in_the_team_cannot_change_it(setup, client):
    client.force_login(setup["organizer"])
    assert client.get(url(setup)).status_code == 200
    assert client.post(url(setup), form_data(setup)).status_code == 404
    assert not Answer.objects.exists()


def test_a_score_outside_the_aspects_levels_is_refused(setup):
    question = setup["questions"][0]
    with pytest.raises(ValidationError):
        services.self_assessment_save(round_team=setup["round_team"], actor=setup["member"],
                                      answers={question.pk: {"text": "x", "self_score": 9}})
    assert not Answer.objects.exists()


def test_without_an_approved_register_the_progress_list_is_empty_with_a_note(client, english):
    program = factories.make_program()
    team = factories.make_team(program)
    member = factories.in_english(factories.make_participant(team).user)
    make_plan(team, status="draft")
    evaluation_round = make_round(program, teams=[team])
    client.force_login(member)
    page = client.get(reverse("evaluation_self_assessment", kwargs={
        "program": program.pk, "round": evaluation_round.pk, "team": team.pk})).content.decode()
    assert "no approved master plan register" in page


def add_questions(scheme, count):
    aspects = list(scheme.aspects.all())
    Question.objects.bulk_create(Question(aspect=aspects[i % len(aspects)], text=f"Pertanyaan {i}", order=10 + i)
                                 for i in range(count))


@pytest.mark.parametrize("extra", [0, 15])
def test_the_page_runs_the_same_queries_for_5_or_20_questions(setup, client, django_assert_num_queries, extra):
    add_questions(setup["round"].scheme, extra)
    complete(setup)
    client.force_login(setup["member"])
    client.get(url(setup))
    with django_assert_num_queries(QUERIES):
        assert client.get(url(setup)).status_code == 200


QUERIES = 14


def test_an_assessor_reads_only_the_teams_assigned_to_them(setup, client, english):
    other_team = factories.make_team(setup["program"])
    setup["round"].round_teams.create(team=other_team)
    client.force_login(setup["assessor"])
    listing = client.get(reverse("evaluation_round_list", kwargs={"program": setup["program"].pk})).content.decode()
    assert "Teams you assess" in listing and str(setup["team"]) in listing and str(other_team) not in listing
    assert client.get(url(setup)).status_code == 200
    other = reverse("evaluation_self_assessment", kwargs={"program": setup["program"].pk,
                                                          "round": setup["round"].pk, "team": other_team.pk})
    assert client.get(other).status_code == 404
