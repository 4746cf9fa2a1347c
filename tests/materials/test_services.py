"""Drafts, feedback, extensions and the status machine, through the services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from materials import services
from materials.models import DraftVersion, Extension, Feedback, Submission
from materials.services import workflow
from tests import factories
from tests.stored import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
S = Submission.Status


class Setup:
    def __init__(self, *, due_in=datetime.timedelta(days=7), region="Kotawaringin Timur"):
        self.organizer = factories.make_user()
        self.program = factories.make_program(organizer=self.organizer)
        self.team = factories.make_team(self.program, region=factories.make_region(name=region))
        self.other_team = factories.make_team(self.program)
        self.member = factories.make_participant(self.team).user
        self.second_member = factories.make_participant(self.team).user
        self.outsider_member = factories.make_participant(self.other_team).user
        self.mentor = factories.make_mentor(self.program, self.team)
        self.other_mentor = factories.make_mentor(self.program, self.other_team)
        self.assignment = factories.make_assignment(self.program, created_by=self.organizer, due_in=due_in,
                                                    title="Analisis SWOT")

    def upload(self, content=None, *, by=None, name="draf.pdf", **fields):
        return factories.make_version(self.assignment, self.team, by=by or self.member, content=content, name=name,
                                      **fields)

    def feedback(self, version, decision="revision", *, by=None, **fields):
        return services.feedback_give(version=version, mentor=by or self.mentor, comment="Lengkapi data BPS.",
                                      decision=decision, **fields)

    def submission(self):
        return Submission.objects.get(team=self.team, assignment=self.assignment)


@pytest.fixture
def setup():
    return Setup()


def test_the_first_upload_is_v1_with_size_hash_kind_and_a_server_chosen_name(setup):
    content = factories.pdf_bytes("Bab II")
    version = setup.upload(content, name="../../etc/Bab II final.PDF", note="  Draf awal  ")
    assert (version.number, version.size, version.kind, version.note) == (1, len(content), "pdf", "Draf awal")
    assert version.sha256 == __import__("hashlib").sha256(content).hexdigest()
    assert version.original_name == "Bab II final.pdf"
    assert version.file.name.startswith("drafts/") and "Bab" not in version.file.name
    assert version.file.read() == content
    assert setup.submission().status == S.SUBMITTED and setup.submission().waiting_since == version.uploaded_at


def test_a_misnamed_file_is_named_for_what_it_is_when_downloaded(setup):
    version = setup.upload(factories.docx_bytes("Bab II"), name="laporan.pdf")
    assert (version.kind, version.original_name) == ("docx", "laporan.docx")


def test_every_upload_is_a_new_version_and_earlier_ones_stay_as_they_were(setup):
    contents = [factories.pdf_bytes(text) for text in ("satu", "dua", "tiga")]
    first = setup.upload(contents[0])
    second = setup.upload(contents[1], by=setup.second_member)
    third = setup.upload(contents[2])
    assert [v.number for v in (first, second, third)] == [1, 2, 3]
    first.refresh_from_db()
    assert first.file.read() == contents[0] and first.uploaded_by == setup.member
    assert second.uploaded_by == setup.second_member


def test_a_refused_file_stores_nothing_and_says_why(setup):
    with pytest.raises(ValidationError) as error:
        setup.upload(b"<html>bukan pdf</html>", name="draf.pdf")
    assert "not one of the allowed kinds" in error.value.message_dict["file"][0]
    assert (DraftVersion.objects.count(), Submission.objects.count(), stored_files()) == (0, 0, [])


def test_a_file_over_the_assignments_limit_is_refused(setup):
    setup.assignment.max_size_mb = 1
    setup.assignment.save()
    big = factories.pdf_bytes("x") + b"\0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        setup.upload(big)
    assert stored_files() == []


def test_the_stored_file_is_removed_when_the_version_cannot_be_saved(setup, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(workflow, "team_standing", broken)
    with pytest.raises(RuntimeError):
        setup.upload()
    assert (DraftVersion.objects.count(), stored_files()) == (0, [])


def test_only_members_of_the_team_upload(setup):
    for person in (setup.mentor, setup.organizer, setup.outsider_member):
        with pytest.raises(ValidationError, match="Only members of the team upload"):
            setup.upload(by=person)
    assert stored_files() == []


def test_a_version_after_the_due_time_is_late_and_an_extension_makes_it_on_time():
    setup = Setup(due_in=-datetime.timedelta(hours=2))
    version = setup.upload()
    assert version.is_late
    extension = services.extension_grant(assignment=setup.assignment, team=setup.team, granted_by=setup.mentor,
                                         due_at=timezone.now() + datetime.timedelta(days=2), reason="Banjir")
    version.refresh_from_db()
    assert not version.is_late
    assert not setup.upload().is_late
    services.extension_revoke(extension=extension, actor=setup.organizer)
    assert list(DraftVersion.objects.order_by("number").values_list("is_late", flat=True)) == [True, True]


def test_an_extension_needs_a_later_time_a_reason_and_a_mentor_or_organizer(setup):
    later = setup.assignment.due_at + datetime.timedelta(days=3)
    grant = dict(assignment=setup.assignment, team=setup.team, due_at=later, reason="Banjir")
    with pytest.raises(ValidationError, match="after the assignment's due time"):
        services.extension_grant(**{**grant, "due_at": setup.assignment.due_at}, granted_by=setup.mentor)
    with pytest.raises(ValidationError, match="reason"):
        services.extension_grant(**{**grant, "reason": "  "}, granted_by=setup.mentor)
    for person in (setup.member, setup.other_mentor):
        with pytest.raises(ValidationError, match="Only the team's mentors"):
            services.extension_grant(**grant, granted_by=person)
    services.extension_grant(**grant, granted_by=setup.mentor)
    services.extension_grant(**{**grant, "due_at": later + datetime.timedelta(days=1)}, granted_by=setup.organizer)
    extension = Extension.objects.get()
    assert (extension.due_at, extension.granted_by) == (later + datetime.timedelta(days=1), setup.organizer)


def test_moving_the_assignments_due_time_marks_versions_late_again(setup):
    version = setup.upload()
    services.assignment_update(assignment=setup.assignment, actor=setup.organizer,
                               due_at=timezone.now() - datetime.timedelta(days=1))
    version.refresh_from_db()
    assert version.is_late


ALL = list(S)
ALLOWED = {
    "upload": {S.NOT_SUBMITTED: S.SUBMITTED, S.SUBMITTED: S.SUBMITTED, S.IN_REVIEW: S.RESUBMITTED,
               S.REVISION_REQUESTED: S.RESUBMITTED, S.RESUBMITTED: S.RESUBMITTED},
    "start_review": {S.SUBMITTED: S.IN_REVIEW, S.RESUBMITTED: S.IN_REVIEW},
    "comment": {S.SUBMITTED: S.IN_REVIEW, S.IN_REVIEW: S.IN_REVIEW, S.RESUBMITTED: S.IN_REVIEW,
                S.REVISION_REQUESTED: S.REVISION_REQUESTED, S.APPROVED: S.APPROVED},
    "request_revision": {S.SUBMITTED: S.REVISION_REQUESTED, S.IN_REVIEW: S.REVISION_REQUESTED,
                         S.RESUBMITTED: S.REVISION_REQUESTED, S.REVISION_REQUESTED: S.REVISION_REQUESTED,
                         S.APPROVED: S.REVISION_REQUESTED},
    "approve": {S.SUBMITTED: S.APPROVED, S.IN_REVIEW: S.APPROVED, S.RESUBMITTED: S.APPROVED,
                S.REVISION_REQUESTED: S.APPROVED},
}


@pytest.mark.parametrize("event", list(ALLOWED))
@pytest.mark.parametrize("status", ALL)
def test_the_status_machine_allows_exactly_the_sensible_steps(event, status):
    if status in ALLOWED[event]:
        assert services.next_status(status, event) == ALLOWED[event][status]
    else:
        with pytest.raises(ValidationError) as error:
            services.next_status(status, event)
        assert error.value.messages[0].endswith(".")


def test_approving_a_submission_without_a_version_is_refused(setup):
    submission = Submission.objects.create(team=setup.team, assignment=setup.assignment, status=S.SUBMITTED)
    with pytest.raises(ValidationError, match="nothing to review"):
        services.submission_transition(submission=submission, event="approve", actor=setup.mentor)


def test_a_participant_cannot_approve_or_request_a_revision(setup):
    version = setup.upload()
    for decision in ("approve", "revision", "comment"):
        with pytest.raises(ValidationError, match="Only the team's mentors and the program's organizers"):
            setup.feedback(version, decision, by=setup.member)
    with pytest.raises(ValidationError, match="Only the team's mentors"):
        setup.feedback(version, "approve", by=setup.other_mentor)
    assert (Feedback.objects.count(), setup.submission().status) == (0, S.SUBMITTED)


def test_the_review_loop_from_first_version_to_approval(setup):
    t0 = timezone.now() - datetime.timedelta(days=5)
    v1 = setup.upload(now=t0)
    services.submission_review_start(submission=setup.submission(), actor=setup.mentor,
                                     now=t0 + datetime.timedelta(hours=1))
    assert setup.submission().status == S.IN_REVIEW
    revision = setup.feedback(v1, now=t0 + datetime.timedelta(hours=5))
    assert revision.waited == datetime.timedelta(hours=5)
    assert (setup.submission().status, setup.submission().waiting_since) == (S.REVISION_REQUESTED, None)
    t1 = t0 + datetime.timedelta(days=1)
    v2 = setup.upload(now=t1, addressed=[revision.pk])
    assert (setup.submission().status, setup.submission().waiting_since) == (S.RESUBMITTED, t1)
    comment = setup.feedback(v2, "comment", now=t1 + datetime.timedelta(hours=1))
    assert comment.waited is None and setup.submission().status == S.IN_REVIEW
    approval = setup.feedback(v2, "approve", by=setup.organizer, now=t1 + datetime.timedelta(days=2))
    assert approval.waited == datetime.timedelta(days=2) and setup.submission().status == S.APPROVED
    with pytest.raises(ValidationError, match="approved and takes no new versions"):
        setup.upload()
    with pytest.raises(ValidationError, match="approved already"):
        setup.feedback(v2, "approve")
    setup.feedback(v2, "revision")  # a mentor may reopen an approved submission
    assert setup.upload().number == 3


def test_a_decision_is_taken_on_the_latest_version_comments_on_any(setup):
    v1 = setup.upload()
    setup.upload()
    with pytest.raises(ValidationError, match=r"latest version \(v2\)"):
        setup.feedback(v1, "approve")
    setup.feedback(v1, "comment")
    assert setup.submission().status == S.IN_REVIEW


def test_starting_a_review_twice_or_before_any_version_is_refused(setup):
    setup.upload()
    services.submission_review_start(submission=setup.submission(), actor=setup.mentor)
    with pytest.raises(ValidationError, match="already in review"):
        services.submission_review_start(submission=setup.submission(), actor=setup.mentor)
    with pytest.raises(ValidationError, match="Only the team's mentors"):
        services.submission_review_start(submission=setup.submission(), actor=setup.member)


def test_the_team_marks_feedback_addressed_with_the_next_version(setup):
    v1 = setup.upload()
    first, second = setup.feedback(v1, "comment"), setup.feedback(v1, "revision")
    other = Setup(region="Sleman")
    foreign = other.feedback(other.upload(), "revision")
    v2 = setup.upload(addressed=[first.pk, foreign.pk])
    first.refresh_from_db(), second.refresh_from_db(), foreign.refresh_from_db()
    assert (first.addressed_in, first.addressed_at) == (v2, v2.uploaded_at)
    assert second.addressed_in is None and foreign.addressed_in is None


def test_a_marked_up_file_is_checked_and_kept_under_a_server_name(setup):
    version = setup.upload()
    with pytest.raises(ValidationError) as error:
        setup.feedback(version, file=factories.upload(b"MZ\x90\x00 an exe", "catatan.pdf"))
    assert "file" in error.value.message_dict
    assert (Feedback.objects.count(), setup.submission().status) == (0, S.SUBMITTED)
    feedback = setup.feedback(version, file=factories.upload(factories.docx_bytes("Catatan"), "C:\\tmp\\catatan.docx"))
    assert feedback.original_name == "catatan.docx" and feedback.file.name.startswith("feedback/")


def test_feedback_needs_a_comment(setup):
    version = setup.upload()
    with pytest.raises(ValidationError) as error:
        services.feedback_give(version=version, mentor=setup.mentor, comment="  ", decision="approve")
    assert "comment" in error.value.message_dict


def test_mentors_hear_of_a_new_version_each_in_their_language_and_zone(setup, django_capture_on_commit_callbacks):
    second_mentor = factories.make_mentor(setup.program, setup.team)
    setup.mentor.language, setup.mentor.time_zone = "en", "Asia/Makassar"
    setup.mentor.save()
    second_mentor.language, second_mentor.time_zone = "id", "Asia/Jakarta"
    second_mentor.save()
    uploaded = datetime.datetime(2026, 8, 17, 2, 0, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        setup.upload(note="Mohon dicek bab II", now=uploaded)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {setup.mentor.email, second_mentor.email}
    english, indonesian = by_address[setup.mentor.email], by_address[second_mentor.email]
    assert english.subject == "[bimtek] Kabupaten Kotawaringin Timur uploaded v1 of Analisis SWOT"
    assert "Mohon dicek bab II" in english.body and "/teams/" in english.body
    assert "17 Aug 2026 10.00 WITA" in english.body
    assert "17 Agu 2026 09.00 WIB" in indonesian.body


def test_every_member_of_the_team_hears_of_feedback_and_nobody_else(setup, django_capture_on_commit_callbacks):
    version = setup.upload()
    with django_capture_on_commit_callbacks(execute=True):
        setup.feedback(version, "revision")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([setup.member.email, setup.second_member.email])
    assert all(len(m.to) == 1 and "Lengkapi data BPS." in m.body for m in mail.outbox)


def test_nothing_is_mailed_when_the_upload_is_refused(setup, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        setup.upload(b"not a pdf")
    assert mail.outbox == []
