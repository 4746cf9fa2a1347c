"""Memory of every export and bulk document at national size, each made as a worker makes it.

Seeds a program with bimtek.overview.scale (BENCH_REGIONS regions × 80 people,
default 514: 41,120 participants), then runs each background job of an export or
bulk document through ``job_run`` — the job's function and the copy of its output
into storage — in a forked child process of its own, and reports the growth of
the child's resident high-water mark (Linux /proc, reset at the start) and the
file's size. Target: under 200 MB growth for every job, whatever the program's size.

    BENCH_REGIONS=50 .venv/bin/python bench/export_memory.py
    BENCH_JOBS=certificates_pdf,attendance_sheet_pdf ...   # only these job kinds
"""

import datetime
import gc
import os
import sys
import time
from pathlib import Path

from harness import django_setup  # bench/ is the script's folder, first on sys.path

django_setup(prefix="bimtek-bench-export-memory-")

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from bimtek.jobs import job_run  # noqa: E402
from bimtek.models import BackgroundJob  # noqa: E402
from bimtek.overview.jobs import SUBMISSION_MATRIX_XLSX  # noqa: E402
from bimtek.overview.scale import ScaleSize, build_scale_program  # noqa: E402
from certificates.jobs import BULK_PDF, BULK_ZIP, REGISTER_XLSX  # noqa: E402
from participants.jobs import PARTICIPANTS_XLSX  # noqa: E402
from sessions.jobs import RECAP_XLSX, SHEET_PDF  # noqa: E402
from sessions.models import TrainingSession  # noqa: E402

TARGET_MB = 200
MB = 1024


def rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_in_child(job_id: str) -> tuple[float, float]:
    """Run the job in a forked child; (seconds, resident high-water growth in MB)."""
    connections.close_all()  # the child opens its own connection
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        gc.collect()
        Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from here
        before = rss_kb("VmRSS")
        started = time.perf_counter()
        job_run.call(job_id)
        seconds = time.perf_counter() - started
        growth = (rss_kb("VmHWM") - before) / MB
        os.write(write, f"{seconds} {growth}".encode())
        os._exit(0)
    os.close(write)
    answer = os.read(read, 200).decode()
    os.waitpid(pid, 0)
    seconds, growth = answer.split()
    return float(seconds), float(growth)


def main():
    regions = int(os.environ.get("BENCH_REGIONS", "514"))
    call_command("migrate", verbosity=0)
    program = build_scale_program(size=ScaleSize(regions=regions), name=f"Skala {regions}",
                                  today=timezone.localdate(), progress=lambda line: print(line, flush=True))
    # The organizer the seed made: the first user, before any participant.
    owner = get_user_model().objects.filter(email__startswith="panitia@").order_by("pk").first()
    plenary = (TrainingSession.objects.filter(stage__program=program, kind="plenary")
               .order_by("stage__ordinal").first())
    jobs = [
        ("participant export (XLSX)", PARTICIPANTS_XLSX, {}),
        ("attendance recap (XLSX)", RECAP_XLSX, {}),
        ("submission status matrix (XLSX)", SUBMISSION_MATRIX_XLSX, {}),
        ("certificate register (XLSX)", REGISTER_XLSX, {}),
        ("all certificates in one PDF", BULK_PDF, {}),
        ("all certificates in a ZIP", BULK_ZIP, {}),
        ("Daftar Hadir of the plenary (PDF)", SHEET_PDF, {"session": plenary.pk, "variant": "blank"}),
    ]
    only = {kind for kind in os.environ.get("BENCH_JOBS", "").split(",") if kind}
    jobs = [job for job in jobs if not only or job[1] in only]
    print(f"\n{regions} regions; base process {rss_kb('VmRSS') / MB:.0f} MB resident")
    print(f"{'job':<36} {'seconds':>8} {'growth MB':>10} {'file MB':>8} {'status':>7}")
    results = []
    for title, kind, params in jobs:
        job = BackgroundJob.objects.create(kind=kind, owner=owner, program=program, title=title, params=params)
        seconds, growth = run_in_child(str(job.pk))
        job.refresh_from_db()
        size = job.file.size / (1024 * 1024) if job.file else 0
        print(f"{title:<36} {seconds:>8.1f} {growth:>10.1f} {size:>8.1f} {job.status:>7}", flush=True)
        results.append((kind, growth, job.status))
    print()
    for kind, growth, status in results:
        shown = f"{growth:.0f}MB" if status == BackgroundJob.Status.DONE else "failed"
        print(f"RESULT export_memory_{kind} {shown} target <{TARGET_MB}MB")
    print(f"(finished {datetime.datetime.now():%H:%M:%S})", file=sys.stderr)


if __name__ == "__main__":
    main()
