"""The scheduled pass keeps itself going on the workers, and a job whose worker died is made again, once."""
import datetime
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bimtek import periodic
from bimtek.jobs import JobOutput, _attach, job_kind, job_run, job_start
from bimtek.models import BackgroundJob, ScheduleClaim
from bimtek.periodic import periodic_pass, periodic_schedule
from tests.factories import make_user
from tests.stored import stored_files
from tests.workers import work_off

pytestmark = pytest.mark.django_db
MADE = {"count": 0}


@job_kind("test_roll_call")
def make_roll_call(*, job, progress):
    MADE["count"] += 1
    return JobOutput(file_name="absen.txt", content_type="text/plain", content=b"hadir\n")


def waiting_passes():
    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=periodic_pass.module_path)


def test_the_periodic_pass_is_scheduled_once_and_reschedules_itself():
    assert periodic_schedule(delay=0) is True
    assert periodic_schedule() is False and waiting_passes().count() == 1  # a second worker's start adds none
    work_off()  # runs the pass, which enqueues the next one for later
    assert DBTaskResult.objects.filter(task_path=periodic_pass.module_path,
                                       status=TaskResultStatus.SUCCESSFUL).count() == 1
    following = waiting_passes().get()
    assert following.run_after > timezone.now() + datetime.timedelta(minutes=10)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_finishing_a_pass_at_the_same_instant_schedule_one_next_pass(monkeypatch):
    looked = periodic._waiting

    def slow_look():  # each worker looks for a waiting pass, then takes its time before enqueuing
        waiting = looked()
        bool(waiting.exists())
        time.sleep(0.5)
        return waiting

    monkeypatch.setattr(periodic, "_waiting", slow_look)
    ScheduleClaim.objects.create(name=periodic_pass.module_path)  # as after the first pass ever
    start = threading.Barrier(2)

    def finish_a_pass(_):
        try:
            start.wait(timeout=30)
            return periodic_pass.call()
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(finish_a_pass, range(2)))
    assert waiting_passes().count() == 1


def test_run_reminders_does_one_pass_and_can_schedule():
    out = io.StringIO()
    call_command("run_reminders", stdout=out)
    assert "assignment_reminders: 0" in out.getvalue() and "jobs_recover: 0" in out.getvalue()
    assert not waiting_passes().exists()
    call_command("run_reminders", "--schedule", stdout=out)
    assert waiting_passes().count() == 1


def test_a_job_whose_worker_was_killed_is_made_again_with_one_file(django_capture_on_commit_callbacks, settings):
    MADE["count"] = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test_roll_call", owner=make_user(), title="Absen")
    # The worker claimed the task, marked the job running, and was killed: both rows stay "running".
    DBTaskResult.objects.filter(task_path=job_run.module_path).update(status=TaskResultStatus.RUNNING,
                                                                      started_at=timezone.now())
    long_ago = timezone.now() - datetime.timedelta(minutes=settings.BIMTEK_JOB_STALE_MINUTES + 1)
    BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.RUNNING, started_at=long_ago,
                                                   heartbeat_at=long_ago, attempts=1)
    work_off()
    assert MADE["count"] == 0  # nothing to take: the task is still marked running

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_reminders", stdout=io.StringIO())  # the periodic pass finds it silent
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.QUEUED
    assert DBTaskResult.objects.filter(task_path=job_run.module_path, status=TaskResultStatus.FAILED).count() == 1
    work_off()
    job.refresh_from_db()
    assert (job.status, job.attempts, MADE["count"]) == (BackgroundJob.Status.DONE, 2, 1)
    assert job.file.read() == b"hadir\n"
    assert stored_files("jobs") == [job.file.name]  # no second file, nothing half-made


def test_a_worker_thought_dead_that_finishes_late_keeps_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test_roll_call", owner=make_user(), title="Absen")
    work_off()
    job.refresh_from_db()
    first = job.file.name
    late = BackgroundJob.objects.get(pk=job.pk)
    late.attempts = 0  # the attempt that was taken over
    _attach(late, JobOutput(file_name="absen.txt", content_type="text/plain", content=b"terlambat\n"))
    job.refresh_from_db()
    assert job.file.name == first and job.file.read() == b"hadir\n"
    assert stored_files("jobs") == [job.file.name]  # the late file was removed
