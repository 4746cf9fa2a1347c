"""Long work in background tasks: an organizer asks for an export, a worker makes it, the file waits.

Each app registers the work it hands off as a *job kind* (``@job_kind("participants_xlsx")``):
a function that receives the job and a ``progress(done, total)`` callback and returns
the finished document. ``job_start`` records the request and enqueues ``job_run`` on
Django's task framework (django-tasks with its database backend: no extra service,
``manage.py db_worker`` runs them) once the request's transaction commits. A failing
job is tried again after a pause, up to its kind's ``attempts``; then it says what
went wrong. The file is attached in one transaction at the end, so a job that dies
midway and runs again never leaves two files or half of one. Files are kept for
``BIMTEK_JOB_KEEP_DAYS`` days (``job_prune``, which also deletes a file a worker killed before saving its row
left behind).
"""

import datetime
import logging
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from bimtek.models import BackgroundJob
from bimtek.periodic import periodic

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobOutput:
    file_name: str
    content_type: str
    content: bytes | Iterable[bytes]


@dataclass(frozen=True)
class JobKind:
    name: str
    make: Callable[..., JobOutput]
    attempts: int = 3


JOB_KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, attempts: int = 3):
    """Register ``make(job=…, progress=…) -> JobOutput`` (or None: work that leaves no file) as the work of jobs
    of kind ``name``."""
    def register(make):
        JOB_KINDS[name] = JobKind(name=name, make=make, attempts=attempts)
        return make
    return register


@transaction.atomic
def job_start(*, kind: str, owner, title: str, program=None, params: dict | None = None) -> BackgroundJob:
    """Record the request and hand it to a worker once this transaction commits."""
    if kind not in JOB_KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = BackgroundJob.objects.create(kind=kind, owner=owner, program=program, title=title, params=params or {})
    transaction.on_commit(lambda: job_run.enqueue(str(job.pk)))
    return job


def counted(rows: Iterable, *, total: int, progress: Progress | None):
    """Yield ``rows`` unchanged, telling ``progress`` how many have gone by (an exporter's loop, unaltered)."""
    if progress is None:
        yield from rows
        return
    done = 0
    progress(0, total)
    for row in rows:
        yield row
        done += 1
        progress(done, total)


def _retry_delay(attempt: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.BIMTEK_JOB_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def job_run(job_id: str) -> None:
    """Make one job's document; on failure try again later, or say it failed once the attempts are spent."""
    with transaction.atomic():
        job = BackgroundJob.objects.select_for_update(of=("self",)).select_related("owner").filter(pk=job_id).first()
        if job is None or job.status == BackgroundJob.Status.DONE:
            return  # removed meanwhile, or a second delivery of a job that is done: nothing to redo
        kind = JOB_KINDS[job.kind]
        job.status, job.started_at, job.attempts = BackgroundJob.Status.RUNNING, timezone.now(), job.attempts + 1
        job.heartbeat_at = job.started_at
        job.done = job.total = 0
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "done", "total"])
    try:
        # The document reads as its owner's pages do: in their language and their time zone.
        with translation.override(job.owner.language), timezone.override(job.owner.time_zone):
            output = kind.make(job=job, progress=_progress_reporter(job))
            _attach(job, output)
    except Exception as error:  # any failure of the work itself: retried, then reported
        logger.exception("Job %s (%s) failed on attempt %s", job.pk, job.kind, job.attempts)
        _failed(job, kind, error)


def _progress_reporter(job) -> Progress:
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5 and done < total:
            return  # a database write at most twice a second, whatever the loop's pace
        last[0] = now
        BackgroundJob.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())
    return progress


def _attach(job, output: JobOutput | None) -> None:
    """Keep the finished document; ``None`` is work that leaves no file (an import: its page shows the result)."""
    if output is not None:
        chunks = [output.content] if isinstance(output.content, bytes) else output.content
        with tempfile.TemporaryFile() as spool:
            for chunk in chunks:
                spool.write(chunk)
            spool.seek(0)
            job.file.save(output.file_name, File(spool), save=False)
    job.refresh_from_db(fields=["total"])  # the progress reporter wrote it, not this object
    try:
        with transaction.atomic():
            current = BackgroundJob.objects.select_for_update().filter(pk=job.pk).first()
            if current is None or current.status == BackgroundJob.Status.DONE or current.attempts != job.attempts:
                # A newer attempt took the job over (this worker was thought dead) or finished it: keep theirs.
                if job.file:
                    job.file.delete(save=False)
                return
            if output is not None:
                job.file_name, job.content_type = output.file_name, output.content_type
            job.status, job.finished_at, job.error = BackgroundJob.Status.DONE, timezone.now(), ""
            job.done = job.total = max(job.total, 1)
            job.save(update_fields=["file", "file_name", "content_type", "status", "finished_at", "error",
                                    "done", "total"])
    except Exception:
        if job.file:
            job.file.delete(save=False)  # the row was not saved: leave no orphan behind
        raise


def _failed(job, kind: JobKind, error: Exception) -> None:
    if job.attempts < kind.attempts:
        BackgroundJob.objects.filter(pk=job.pk).update(status=BackgroundJob.Status.QUEUED)
        job_run.using(run_after=timezone.now() + _retry_delay(job.attempts)).enqueue(str(job.pk))
        return
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.FAILED, finished_at=timezone.now(),
        error=_("The document could not be made after %(attempts)d attempts. Ask again later; if it fails again, "
                "tell the administrator (reference %(reference)s).") % {"attempts": job.attempts,
                                                                         "reference": str(job.pk)[:8]})


# A job file no row names, this old, is what a worker killed between storing the file and saving the row left.
ORPHAN_GRACE = datetime.timedelta(days=1)


@periodic("jobs_prune")
def job_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete finished jobs older than BIMTEK_JOB_KEEP_DAYS with their files, and job files that no job names
    (older than ORPHAN_GRACE: a file being attached right now is younger); return how many of both."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.BIMTEK_JOB_KEEP_DAYS)
    old = list(BackgroundJob.objects.filter(finished_at__lt=cutoff))
    for job in old:
        if job.file:
            job.file.delete(save=False)
    BackgroundJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old) + job_files_sweep(now=now)


def job_files_sweep(*, now: datetime.datetime) -> int:
    storage = BackgroundJob._meta.get_field("file").storage
    folder = BackgroundJob._meta.get_field("file").upload_to.folder
    named = set(BackgroundJob.objects.exclude(file="").values_list("file", flat=True))
    swept = 0
    for name in _stored_files(storage, folder):
        if name not in named and storage.get_modified_time(name) < now - ORPHAN_GRACE:
            logger.warning("Job file %s belongs to no job (its worker stopped before saving it); deleted", name)
            storage.delete(name)
            swept += 1
    return swept


def _stored_files(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing stored yet
        return
    yield from (f"{folder}/{name}" for name in files)
    for inner in folders:
        yield from _stored_files(storage, f"{folder}/{inner}")


@periodic("jobs_recover")
def job_recover_stale(*, now: datetime.datetime | None = None) -> int:
    """Hand again to a worker every job whose worker died: RUNNING, silent for BIMTEK_JOB_STALE_MINUTES.

    Its task row, left running by the dead worker, is marked failed; the job runs again from the start
    (its file is attached only at the end, so nothing half-made is kept). Returns how many were re-queued.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.BIMTEK_JOB_STALE_MINUTES)
    silent = Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    with transaction.atomic():
        stale = list(BackgroundJob.objects.select_for_update(skip_locked=True)
                     .filter(silent, status=BackgroundJob.Status.RUNNING).values_list("pk", flat=True))
        for pk in stale:
            logger.warning("Job %s was left running by a worker that stopped; queued again", pk)
            BackgroundJob.objects.filter(pk=pk).update(status=BackgroundJob.Status.QUEUED)
            DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path=job_run.module_path,
                                        args_kwargs__args__0=str(pk)).update(
                status=TaskResultStatus.FAILED, finished_at=timezone.now())
            transaction.on_commit(lambda pk=pk: job_run.enqueue(str(pk)))
    return len(stale)
