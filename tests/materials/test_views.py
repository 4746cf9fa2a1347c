"""The pages of the review loop as participants, mentors and organizers use them."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bimtek.models import BackgroundJob
from materials import services
from materials.models import DraftVersion, Extension, Submission
from participants.services import staff_add
from tests import factories
from tests.stored import stored_files
from tests.workers import prepared

pytestmark = pytest.mark.django_db


class Loop:
    """One program with a team, its member and mentor, an organizer and one assignment."""

    def __init__(self, *, region="Kotawaringin Timur"):
        self.organizer = factories.in_english(factories.make_user())
        self.program = factories.make_program(organizer=self.organizer)
        self.team = factories.make_team(self.program, region=factories.make_region(name=region))
        self.member = factories.in_english(factories.make_participant(self.team).user)
        self.mentor = factories.in_english(factories.make_mentor(self.program, self.team))
        self.assignment = factories.make_assignment(self.program, created_by=self.organizer, title="Analisis SWOT")

    def url(self, name, **kwargs):
        base = {"program": self.program.pk, "assignment": self.assignment.pk, "team": self.team.pk}
        return reverse(name, kwargs={**base, **kwargs})

    def upload(self, content=None, **fields):
        return factories.make_version(self.assignment, self.team, by=self.member, content=content, **fields)


@pytest.fixture
def loop():
    return Loop()


def test_a_member_uploads_a_draft_and_the_mentor_is_told(client, loop, django_capture_on_commit_callbacks):
    client.force_login(loop.member)
    content = factories.pdf_bytes("Bab II")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(loop.url("draft_upload"), {"note": "Draf awal",
                                                         "file": factories.upload(content, "Bab II.pdf")})
    assert response.status_code == 302 and response.url == loop.url("submission_detail")
    version = DraftVersion.objects.get()
    assert (version.number, version.note, version.file.read()) == (1, "Draf awal", content)
    assert [m.to for m in mail.outbox] == [[loop.mentor.email]]
    page = client.get(response.url).content.decode()
    assert "Version 1 is saved" in page and "Bab II.pdf" in page and "Submitted" in page


def test_the_submission_page_shows_each_version_feedback_and_extension_right_after_it_commits(
        client, loop, django_capture_on_commit_callbacks):
    """The page's versions, feedback and standing are kept in the cache; every service moves them once it
    commits."""
    client.force_login(loop.member)

    def shown():
        context = client.get(loop.url("submission_detail")).context
        return ([v.number for v in context["versions"]], [entry.kind for entry in context["thread"]],
                context["status"], str(context["due_at"]))

    due = str(loop.assignment.due_at)
    assert shown() == ([], [], "not_submitted", due)
    with django_capture_on_commit_callbacks(execute=True):
        version = loop.upload()
    assert shown() == ([1], ["version"], "submitted", due)
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_give(version=version, mentor=loop.mentor, comment="Lengkapi data BPS.",
                               decision="revision", notify=False)
    assert shown() == ([1], ["feedback", "version"], "revision_requested", due)
    later = loop.assignment.due_at + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.extension_grant(assignment=loop.assignment, team=loop.team, due_at=later, reason="Banjir.",
                                 granted_by=loop.organizer)
    assert shown()[3] == str(later)
    with django_capture_on_commit_callbacks(execute=True):
        loop.upload()
    assert shown()[:3] == ([2, 1], ["version", "feedback", "version"], "resubmitted")


def test_the_team_sees_who_granted_an_extension_by_the_name_the_program_lists_and_no_secret_is_kept(
        client, loop):
    """The granter is named as the organizer's program lists them, never by the account's own name; the rows the
    page keeps in the cache hold no password hash or calendar token."""
    granter = factories.in_english(factories.make_user(full_name="Nama Akun Pribadi"))
    staff_add(program=loop.program, email=granter.email, full_name="Koordinator Bimtek", role="organizer")
    services.extension_grant(assignment=loop.assignment, team=loop.team,
                             due_at=loop.assignment.due_at + datetime.timedelta(days=2), reason="Banjir.",
                             granted_by=granter)
    client.force_login(loop.member)
    response = client.get(loop.url("submission_detail"))
    page = response.content.decode()
    assert "Granted by Koordinator Bimtek" in page and "Nama Akun Pribadi" not in page
    kept = response.context["extension"].granted_by
    assert {"password", "calendar_token"} <= kept.get_deferred_fields()


def test_a_refused_file_is_explained_next_to_the_field_and_nothing_is_kept(client, loop):
    client.force_login(loop.member)
    response = client.post(loop.url("draft_upload"), {"file": factories.upload(b"MZ\x90\x00", "draf.pdf")})
    assert response.status_code == 200
    assert "not one of the allowed kinds" in response.context["form"].errors["file"][0]
    assert (DraftVersion.objects.count(), stored_files()) == (0, [])


def test_an_oversized_upload_is_dropped_while_it_arrives(client, loop):
    loop.assignment.max_size_mb = 1
    loop.assignment.save()
    client.force_login(loop.member)
    big = factories.upload(factories.pdf_bytes("x") + b"\0" * (3 * 1024 * 1024), "besar.pdf")
    response = client.post(loop.url("draft_upload"), {"file": big, "note": "catatan tetap ada"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is larger than the limit of 1 MB and was not kept."]
    assert response.context["form"]["note"].value() == "catatan tetap ada"
    assert (DraftVersion.objects.count(), stored_files()) == (0, [])


def test_the_upload_still_checks_the_csrf_token(loop):
    client = Client(enforce_csrf_checks=True)
    client.force_login(loop.member)
    data = {"file": factories.upload(factories.pdf_bytes("x"), "a.pdf")}
    assert client.post(loop.url("draft_upload"), data).status_code == 403
    client.get(loop.url("draft_upload"))
    data = {"file": factories.upload(factories.pdf_bytes("x"), "a.pdf"),
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value}
    assert client.post(loop.url("draft_upload"), data).status_code == 302
    assert DraftVersion.objects.count() == 1


def test_a_version_downloads_as_an_attachment_with_an_encoded_name(client, loop):
    content = factories.pdf_bytes("Bab II")
    loop.upload(content, name="Analisis “SWOT” — Bab II.pdf")
    client.force_login(loop.mentor)
    response = client.get(loop.url("version_download", number=1))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Analisis%20%E2%80%9CSWOT%E2%80%9D%20%E2%80%94%20Bab%20II.pdf")
    assert b"".join(response.streaming_content) == content


def test_download_all_is_made_by_a_worker_with_the_latest_version_of_the_askers_teams_named_by_region(
        client, loop, django_capture_on_commit_callbacks):
    other_team = factories.make_team(loop.program, region=factories.make_region(name="Sleman"))
    other_member = factories.make_participant(other_team).user
    loop.upload(factories.pdf_bytes("v1"))
    latest = factories.pdf_bytes("v2")
    loop.upload(latest)
    factories.make_version(loop.assignment, other_team, by=other_member, content=factories.docx_bytes("x"),
                           name="b.docx")
    url = reverse("assignment_download_all", args=[loop.program.pk, loop.assignment.pk])

    def names_for(user):
        client.force_login(user)
        response = prepared(client, django_capture_on_commit_callbacks, url)
        assert response["Content-Type"] == "application/zip"
        assert response["Content-Disposition"].startswith('attachment; filename="Analisis SWOT - ')
        archive = zipfile.ZipFile(io.BytesIO(response.body))
        assert archive.testzip() is None
        return archive, response.job_id

    archive, mentors_job = names_for(loop.mentor)
    assert archive.namelist() == ["Kabupaten Kotawaringin Timur - v2.pdf"]
    assert archive.read("Kabupaten Kotawaringin Timur - v2.pdf") == latest
    archive, _job = names_for(loop.organizer)
    assert sorted(archive.namelist()) == ["Kabupaten Kotawaringin Timur - v2.pdf", "Kabupaten Sleman - v1.docx"]
    # The mentor's file is theirs: the organizer (and anyone else) is answered as if it did not exist.
    assert client.get(reverse("job_download", args=[mentors_job])).status_code == 404
    assert client.get(reverse("job_detail", args=[mentors_job])).status_code == 404


def test_the_assignment_page_asks_for_the_zip_with_a_post_and_nothing_is_streamed_in_the_request(client, loop):
    loop.upload(factories.pdf_bytes("v1"))
    client.force_login(loop.mentor)
    url = reverse("assignment_download_all", args=[loop.program.pk, loop.assignment.pk])
    page = client.get(reverse("assignment_detail", args=[loop.program.pk, loop.assignment.pk])).content.decode()
    assert f'<form method="post" action="{url}"' in page
    assert client.get(url).status_code == 405
    response = client.post(url)
    job = BackgroundJob.objects.get(owner=loop.mentor)
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert (job.kind, job.params, job.status) == ("assignment_drafts_zip", {"assignment": loop.assignment.pk},
                                                  BackgroundJob.Status.QUEUED)


def test_the_team_sees_the_whole_thread_newest_first_and_the_mentor_what_was_addressed(client, loop):
    v1 = loop.upload(now=timezone.now() - datetime.timedelta(days=3))
    feedback = services.feedback_give(version=v1, mentor=loop.mentor, comment="Tambahkan data <BPS>.",
                                      decision="revision", now=timezone.now() - datetime.timedelta(days=2))
    loop.upload(addressed=[feedback.pk], note="Sudah ditambah")
    client.force_login(loop.member)
    page = client.get(loop.url("submission_detail")).content.decode()
    assert page.index("v2 uploaded by") < page.index("Feedback on v1 from") < page.index("v1 uploaded by")
    assert "Tambahkan data &lt;BPS&gt;." in page and "<BPS>" not in page
    client.force_login(loop.mentor)
    page = client.get(loop.url("submission_detail")).content.decode()
    assert "addressed in v2" in page and "Resubmitted" in page


def test_a_mentor_gives_feedback_through_the_form_and_the_team_hears(client, loop, django_capture_on_commit_callbacks):
    loop.upload()
    client.force_login(loop.mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(loop.url("feedback_create", number=1), {
            "decision": "approve", "comment": "Sudah baik.",
            "file": factories.upload(factories.docx_bytes("catatan"), "catatan.docx")})
    assert response.status_code == 302
    assert Submission.objects.get().status == Submission.Status.APPROVED
    assert [m.to for m in mail.outbox] == [[loop.member.email]]
    client.force_login(loop.member)
    feedback_file = client.get(loop.url("feedback_file_download", feedback=loop.assignment.submissions.get()
                                        .versions.get().feedback.get().pk))
    assert feedback_file["Content-Disposition"] == 'attachment; filename="catatan.docx"'


def test_the_feedback_form_on_an_older_version_offers_comments_only(client, loop):
    loop.upload()
    loop.upload()
    client.force_login(loop.mentor)
    form = client.get(loop.url("feedback_create", number=1)).context["form"]
    assert [value for value, _label in form.fields["decision"].choices] == ["comment"]


def test_an_extension_is_typed_in_the_mentors_own_zone(client, loop):
    factories.in_english(loop.mentor, zone="Asia/Makassar")
    client.force_login(loop.mentor)
    due = timezone.localtime(loop.assignment.due_at + datetime.timedelta(days=3),
                             datetime.timezone(datetime.timedelta(hours=8)))
    response = client.post(loop.url("extension_grant"), {"due_at": due.strftime("%Y-%m-%dT%H:%M"),
                                                         "reason": "Banjir"})
    assert response.status_code == 302
    assert Extension.objects.get().due_at == due.replace(second=0, microsecond=0)
    client.force_login(loop.member)
    home = client.get(reverse("home")).content.decode()
    assert "extended" in home


def test_a_due_time_before_the_first_calendar_year_is_refused_as_invalid(client, loop):
    client.force_login(loop.mentor)
    response = client.post(loop.url("extension_grant"), {"due_at": "0001-01-01T00:00", "reason": "Banjir"})
    assert response.status_code == 200
    assert response.context["form"].errors["due_at"] == ["Enter a valid date/time."]
    assert not Extension.objects.exists()


def test_what_changed_shows_escaped_differences(client, loop):
    loop.upload(factories.docx_bytes("Visi kota cerdas 2025.", "<script>alert(1)</script>"), name="a.docx")
    loop.upload(factories.docx_bytes("Visi kota cerdas 2030.", "<script>alert(1)</script>", "Misi baru."),
                name="b.docx")
    client.force_login(loop.member)
    response = client.get(loop.url("version_compare"))
    page = response.content.decode()
    assert response.context["comparison"].changed == 1
    assert "<del>2025</del><ins>2030</ins>" in page and "<ins>Misi baru.</ins>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    explicit = client.get(loop.url("version_compare"), {"old": 2, "new": 1}).context
    assert (explicit["old"].number, explicit["new"].number) == (1, 2)


def test_what_changed_explains_when_it_cannot_compare(client, loop):
    loop.upload()
    client.force_login(loop.member)
    assert "Two versions" in client.get(loop.url("version_compare")).context["error"]


def test_a_mentor_starts_the_review_and_the_team_sees_it(client, loop):
    loop.upload()
    client.force_login(loop.mentor)
    client.post(loop.url("submission_review_start"))
    assert Submission.objects.get().status == Submission.Status.IN_REVIEW
    response = client.post(loop.url("submission_review_start"), follow=True)
    assert "already in review" in response.content.decode()


def build_program(size):
    """A program with ``size`` teams, each with two versions and a revision request, and a shared mentor."""
    loop = Loop(region=factories.unique("Daerah "))
    for _ in range(size):
        team = factories.make_team(loop.program)
        member = factories.make_participant(team).user
        factories.make_mentor(loop.program, team, user=loop.mentor)
        v1 = factories.make_version(loop.assignment, team, by=member)
        services.feedback_give(version=v1, mentor=loop.mentor, comment="Perbaiki.", decision="revision")
        factories.make_version(loop.assignment, team, by=member)
        services.material_publish(stage=loop.assignment.stage, title="Paparan", published_by=loop.mentor,
                                  url="https://example.org/paparan")
    return loop


@pytest.mark.parametrize(("role", "name", "kwargs"), [
    ("mentor", "review_queue", lambda loop: {"program": loop.program.pk}),
    ("organizer", "review_queue", lambda loop: {"program": loop.program.pk}),
    ("organizer", "assignment_list", lambda loop: {"program": loop.program.pk}),
    ("member", "assignment_list", lambda loop: {"program": loop.program.pk}),
    ("mentor", "assignment_detail", lambda loop: {"program": loop.program.pk, "assignment": loop.assignment.pk}),
    ("member", "material_list", lambda loop: {"program": loop.program.pk}),
    ("member", "stage_materials", lambda loop: {"program": loop.program.pk, "ordinal": 1}),
])
def test_list_pages_run_the_same_queries_however_many_teams(client, role, name, kwargs):
    counts = []
    for size in (2, 6):
        loop = build_program(size)
        client.force_login(getattr(loop, role))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, kwargs=kwargs(loop))).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_submission_page_runs_the_same_queries_however_long_the_thread(client):
    counts = []
    for rounds in (1, 4):
        loop = Loop(region=factories.unique("Daerah "))
        for _ in range(rounds):
            version = loop.upload()
            services.feedback_give(version=version, mentor=loop.mentor, comment="Perbaiki.", decision="revision")
        client.force_login(loop.mentor)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(loop.url("submission_detail")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_review_queue_lists_the_mentors_waiting_drafts_oldest_first(client):
    loop = build_program(0)
    now = timezone.now()
    teams = []
    for days, region in ((1, "Banyuwangi"), (5, "Sleman"), (3, "Badung")):
        team = factories.make_team(loop.program, region=factories.make_region(name=region))
        factories.make_mentor(loop.program, team, user=loop.mentor)
        member = factories.make_participant(team).user
        factories.make_version(loop.assignment, team, by=member, now=now - datetime.timedelta(days=days))
        teams.append(team)
    not_mine = factories.make_team(loop.program, region=factories.make_region(name="Kupang"))
    factories.make_version(loop.assignment, not_mine, by=factories.make_participant(not_mine).user)
    client.force_login(loop.mentor)
    queue = client.get(reverse("review_queue", args=[loop.program.pk])).context["queue"]
    assert [item.submission.team.region.name for item in queue] == ["Sleman", "Badung", "Banyuwangi"]
    assert queue[0].waited >= datetime.timedelta(days=5)
    home = client.get(reverse("home")).content.decode()
    assert "3 drafts waiting for your feedback" in home


def test_organizers_see_every_mentors_queue_and_median_time_to_feedback(client):
    loop = build_program(0)
    now = timezone.now()
    for hours in (2, 4, 30):
        team = factories.make_team(loop.program)
        factories.make_mentor(loop.program, team, user=loop.mentor)
        version = factories.make_version(loop.assignment, team, by=factories.make_participant(team).user,
                                         now=now - datetime.timedelta(hours=hours + 1))
        services.feedback_give(version=version, mentor=loop.mentor, comment="Perbaiki.", decision="revision",
                               now=now - datetime.timedelta(hours=1) + datetime.timedelta(hours=0))
    orphan = factories.make_team(loop.program)
    factories.make_version(loop.assignment, orphan, by=factories.make_participant(orphan).user)
    client.force_login(loop.organizer)
    response = client.get(reverse("review_queue", args=[loop.program.pk]))
    stats = {row["mentor"].pk: row for row in response.context["stats"]}
    assert stats[loop.mentor.pk]["median"] == datetime.timedelta(hours=4)
    assert stats[loop.mentor.pk]["decisions"] == 3 and stats[loop.mentor.pk]["waiting"] == 0
    assert response.context["unassigned"] == 1
    assert "4 hours <span class=\"small muted\">(3 decisions)</span>" in response.content.decode()
    chosen = client.get(reverse("review_queue", args=[loop.program.pk]), {"mentor": loop.mentor.pk})
    assert f'<a href="?mentor={loop.mentor.pk}" aria-current="true">' in chosen.content.decode()


def test_participants_see_and_download_materials_on_their_stage_page(client, loop):
    client.force_login(loop.mentor)
    content = factories.pdf_bytes("Paparan")
    response = client.post(reverse("material_create", args=[loop.program.pk]), {
        "stage": loop.program.stages.get(ordinal=1).pk, "title": "Paparan Tahap I",
        "file": factories.upload(content, "Paparan Tahap I.pdf")})
    assert response.status_code == 302
    client.force_login(loop.member)
    page = client.get(reverse("stage_materials", args=[loop.program.pk, 1])).content.decode()
    assert "Paparan Tahap I" in page and "Analisis SWOT" in page
    material = loop.assignment.stage.materials.get()
    download = client.get(reverse("material_download", args=[loop.program.pk, material.pk]))
    assert b"".join(download.streaming_content) == content and download["X-Content-Type-Options"] == "nosniff"


def test_the_participant_home_shows_status_and_the_teams_own_due_time(client, loop):
    loop.upload()
    services.extension_grant(assignment=loop.assignment, team=loop.team, granted_by=loop.mentor,
                             due_at=datetime.datetime(2030, 1, 10, 16, 0, tzinfo=datetime.UTC), reason="Banjir")
    client.force_login(loop.member)
    page = client.get(reverse("home")).content.decode()
    assert "Analisis SWOT" in page and "Submitted" in page
    assert "10 Jan 2030 23.00 WIB" in page and "extended" in page


def test_the_organizer_home_counts_the_drafts_waiting_for_a_decision(client, loop):
    loop.upload(now=timezone.now() - datetime.timedelta(days=2, hours=3))
    client.force_login(loop.organizer)
    page = client.get(reverse("home")).content.decode()
    assert "1 draft waits for a mentor's decision" in page and "(the oldest for 2 days 3 hours)" in page


def test_a_mentor_creates_an_assignment_with_a_due_time_in_their_zone(client, loop):
    factories.in_english(loop.mentor, zone="Asia/Jayapura")
    client.force_login(loop.mentor)
    response = client.post(reverse("assignment_create", args=[loop.program.pk]), {
        "stage": loop.program.stages.get(ordinal=2).pk, "title": "Rencana Aksi", "instructions": "Bab IV",
        "dimension": loop.program.dimensions.first().pk, "due_at": "2026-12-01T23:00",
        "allowed_kinds": ["pdf", "docx"], "max_size_mb": 50})
    assert response.status_code == 302
    assignment = loop.program.stages.get(ordinal=2).assignments.get()
    assert assignment.due_at == datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC)  # 23.00 WIT
    assert (assignment.allowed_kinds, assignment.max_size_mb, assignment.created_by) == (["pdf", "docx"], 50,
                                                                                       loop.mentor)
    form = client.get(reverse("assignment_update", args=[loop.program.pk, assignment.pk])).context["form"]
    assert form["due_at"].value().strftime("%H.%M") == "23.00"


def test_a_material_is_withdrawn_by_the_mentor_who_published_it(client, loop):
    material = services.material_publish(stage=loop.assignment.stage, title="Paparan", published_by=loop.mentor,
                                         url="https://example.org/paparan")
    client.force_login(loop.mentor)
    response = client.post(reverse("material_delete", args=[loop.program.pk, material.pk]))
    assert response.status_code == 302 and not loop.assignment.stage.materials.exists()


def test_the_upload_page_of_an_approved_assignment_says_so_instead_of_offering_the_form(client, loop):
    version = loop.upload()
    services.feedback_give(version=version, mentor=loop.mentor, comment="Bagus.", decision="approve")
    client.force_login(loop.member)
    page = client.get(loop.url("draft_upload")).content.decode()
    assert "takes no new versions" in page and 'type="file"' not in page
    response = client.post(loop.url("draft_upload"), {"file": factories.upload(factories.pdf_bytes("x"), "a.pdf")})
    assert "takes no new versions" in response.content.decode() and DraftVersion.objects.count() == 1


def test_the_feedback_page_of_a_team_without_a_submission_answers_404(client, loop):
    client.force_login(loop.organizer)
    for method in (client.get, client.post):
        response = method(loop.url("feedback_create", number=1))
        assert response.status_code == 404
    assert not Submission.objects.filter(team=loop.team).exists()


def test_moving_the_due_time_in_the_form_marks_uploaded_versions_late_or_on_time_again(client, loop):
    version = loop.upload()
    assert not version.is_late
    client.force_login(loop.organizer)
    url = reverse("assignment_update", args=[loop.program.pk, loop.assignment.pk])
    form = client.get(url).context["form"]
    data = {**{name: form[name].value() for name in ("stage", "title", "instructions", "max_size_mb")},
            "allowed_kinds": loop.assignment.allowed_kinds, "dimension": "",
            "due_at": (version.uploaded_at - datetime.timedelta(days=1)).astimezone(
                datetime.timezone(datetime.timedelta(hours=7))).strftime("%Y-%m-%dT%H:%M")}
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.is_late
    data["due_at"] = "2099-01-01T10:00"
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert not version.is_late


def test_the_team_reads_its_mentors_feedback_under_the_name_the_program_lists(client, loop):
    loop.mentor.full_name = "Nama Akun Sendiri"  # the account's own name: not the program's to show
    loop.mentor.save(update_fields=["full_name"])
    staff_add(program=loop.program, email=loop.mentor.email, full_name="Ir. Tebakan, M.T.", role="mentor")
    first = loop.upload()
    services.feedback_give(version=first, mentor=loop.mentor, comment="Perbaiki bab dua.", decision="revision")
    second = loop.upload()
    services.feedback_give(version=second, mentor=loop.mentor, comment="Lengkapi data.", decision="revision")
    pages = []
    client.force_login(loop.member)
    pages.append(client.get(loop.url("submission_detail")).content.decode())
    pages.append(client.get(loop.url("draft_upload")).content.decode())  # the open feedback to tick
    client.force_login(loop.mentor)
    pages.append(client.get(loop.url("feedback_create", number=2)).content.decode())  # the earlier feedback, on v1
    for page in pages:
        assert "Ir. Tebakan, M.T." in page and "Nama Akun Sendiri" not in page
