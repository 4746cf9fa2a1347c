"""Main pages of every role at national size, against a page of the same size that runs no query.

Builds the seed_scale program (514 regions × 80 people by default; BENCH_REGIONS and
BENCH_TEAM_SIZE make it smaller for a quick look) in a throwaway SQLite database, or in
the PostgreSQL database named by BENCH_DATABASE_URL, then asks each page through
Django's test client as the person who uses it. The baseline is rendered in the same
run, in turns with the page: a view (bench/harness/baseline.py) through the same middleware
that writes as many bytes as the page did with a template and runs no query of its own,
so a noisy machine slows both alike. Prints the median server time
of each page, its ratio to its baseline, its size and query count, then one RESULT line
per target: every page under 300 ms and within 5× of its baseline.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import django_setup  # noqa: E402

work = django_setup(prefix="bimtek-bench-pages-")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bimtek.overview.scale import ScaleSize, build_scale_program  # noqa: E402
from materials.models import Assignment, Submission  # noqa: E402
from participants.models import MentorAssignment, Participant, ProgramRole, Team  # noqa: E402
from sessions.models import TrainingSession  # noqa: E402

REPEATS = int(os.environ.get("BENCH_REPEATS", "7"))
PAGE_BOUND_MS = 300
RATIO_BOUND = 5.0


def fetch(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content if not response.streaming else b"".join(response.streaming_content)


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    fetch(client, url)
    return time.perf_counter() - start


def measure(client: Client, url: str):
    """Median time of REPEATS requests of the page and of its baseline, taken in turns (a page, then its
    baseline) so that a busy moment slows both; after one request of each that counts the page's queries and
    warms the caches. (page seconds, baseline seconds, page bytes, page queries)."""
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        size = len(fetch(client, url))
    baseline = reverse("bench_baseline", args=[size])
    fetch(client, baseline)
    page_times, base_times = [], []
    for _ in range(REPEATS):
        page_times.append(timed(client, url))
        base_times.append(timed(client, baseline))
    return statistics.median(page_times), statistics.median(base_times), size, len(queries)


def pages(program):
    team = Team.objects.filter(program=program).order_by("pk").first()
    leader = Participant.objects.filter(team=team, team_role=Participant.TeamRole.LEADER).select_related("user").get()
    mentor = MentorAssignment.objects.filter(team=team).select_related("mentor").get().mentor
    organizer = ProgramRole.objects.filter(program=program, role="organizer").select_related("user").first().user
    evaluator = ProgramRole.objects.filter(program=program, role="evaluator").select_related("user").first().user
    plenary = TrainingSession.objects.filter(stage__program=program, kind="plenary").order_by("starts_at").first()
    assignment = Assignment.objects.filter(stage__program=program, submissions__isnull=False).order_by("pk").first()
    submission = Submission.objects.filter(assignment=assignment, team=team).get()
    p = program.pk
    team_page = reverse("team_detail", args=[p, team.pk])
    return [
        ("organizer", organizer, "home", reverse("home")),
        ("organizer", organizer, "program", reverse("program_detail", args=[p])),
        ("organizer", organizer, "dashboard", reverse("program_dashboard", args=[p])),
        ("organizer", organizer, "teams", reverse("team_list", args=[p])),
        ("organizer", organizer, "schedule", reverse("session_list", args=[p])),
        ("organizer", organizer, "plenary", reverse("session_detail", args=[p, plenary.pk])),
        ("organizer", organizer, "plenary marking", reverse("attendance_mark", args=[p, plenary.pk])),
        ("organizer", organizer, "attendance recap", reverse("attendance_recap", args=[p])),
        ("organizer", organizer, "review queue", reverse("review_queue", args=[p])),
        ("organizer", organizer, "certificates", reverse("certificate_overview", args=[p])),
        ("organizer", organizer, "eligibility", reverse("certificate_eligibility", args=[p])),
        ("organizer", organizer, "certificate register", reverse("certificate_register", args=[p])),
        ("mentor", mentor, "home", reverse("home")),
        ("mentor", mentor, "review queue", reverse("review_queue", args=[p])),
        ("mentor", mentor, "team", team_page),
        ("mentor", mentor, "submission", reverse("submission_detail", args=[p, assignment.pk, submission.team_id])),
        ("participant", leader.user, "home", reverse("home")),
        ("participant", leader.user, "team", team_page),
        ("participant", leader.user, "schedule", reverse("session_list", args=[p])),
        ("participant", leader.user, "assignments", reverse("assignment_list", args=[p])),
        ("participant", leader.user, "my attendance", reverse("attendance_mine", args=[p])),
        ("evaluator", evaluator, "home", reverse("home")),
        ("evaluator", evaluator, "dashboard", reverse("program_dashboard", args=[p])),
    ]


def main():
    call_command("migrate", verbosity=0)
    defaults = ScaleSize()
    size = ScaleSize(regions=int(os.environ.get("BENCH_REGIONS", defaults.regions)),
                     team_size=int(os.environ.get("BENCH_TEAM_SIZE", defaults.team_size)))
    print(f"Building {size.regions} regions × {size.team_size} people in {connection.vendor} ({work}) …")
    program = build_scale_program(size=size, name="Bench pages", today=timezone.localdate(),
                                  progress=lambda line: print("  " + line))
    # Measure as production runs: no query log, and the baseline page beside the site's URLs.
    settings.DEBUG = False
    settings.ROOT_URLCONF = "bench.harness.baseline"
    rows, worst_ms, worst_ratio = [], 0.0, 0.0
    clients = {}
    for role, user, name, url in pages(program):
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
        seconds, base, nbytes, queries = measure(client, url)
        ratio = seconds / base if base else float("inf")
        rows.append((role, name, seconds * 1000, ratio, nbytes, queries))
        worst_ms, worst_ratio = max(worst_ms, seconds * 1000), max(worst_ratio, ratio)
        print(f"  {role:<12} {name:<22} {seconds * 1000:9.1f} ms  {ratio:7.1f}×  {nbytes / 1024:8.0f} KB  "
              f"{queries:3d} queries", flush=True)
    print()
    print(f"{'role':<12} {'page':<22} {'median ms':>10} {'× baseline':>11} {'KB':>8} {'queries':>8}")
    for role, name, ms, ratio, nbytes, queries in rows:
        print(f"{role:<12} {name:<22} {ms:10.1f} {ratio:11.1f} {nbytes / 1024:8.0f} {queries:8d}")
    print(f"RESULT pages_slowest_ms {worst_ms:.0f} target {PAGE_BOUND_MS}")
    print(f"RESULT pages_worst_ratio {worst_ratio:.1f} target {RATIO_BOUND}")


if __name__ == "__main__":
    main()
