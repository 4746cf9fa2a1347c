"""Load: gunicorn on PostgreSQL at national size, 50 simulated users, then a burst of check-ins.

1. Creates the database if needed (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/bimtek_load), migrates it and seeds a program
   with bimtek.overview.scale (BENCH_REGIONS regions × 80 people, default 514; a
   program seeded by an earlier run of the same size is reused).
2. Starts gunicorn on a free port of 127.0.0.1 as the README runs it (gunicorn.conf.py:
   two workers per core and one; not debugging; 30 s timeout), the static files collected.
3. 50 users for BENCH_SECONDS (default 60), each a thread with its own HTTP session,
   logged in through a session made for them: participants open their home page,
   the schedule and an assignment, and upload a small PDF; mentors open the review
   queue and a team they guide; organizers open the program's dashboard. Like
   people, they read each page before the next: a pause drawn between
   BENCH_THINK_SECONDS (default "2-8") seconds, as load tools model users.
   Before it, not measured, every user's pages once (a warm-up: each gunicorn worker
   loads its templates, the program's kept figures are counted, as on a server that
   has been running). Then the same 50 users for BENCH_SECONDS with no pause at all: every user asks
   again the moment a page arrives, which finds the server's capacity (requests/s);
   its waits are queueing (50 requests always in line for the workers), reported but
   not held to the target.
4. 1,000 participants check in to one plenary that starts now, spread over a minute:
   half through the QR code's link (the check-in page with the code, then its
   button), half by typing the code on /check-in/.
5. Prints requests/s, p50/p95/p99 and the errors of each phase, then counts rows:
   each successful upload and check-in stored once. The p95 targets hold for the
   users reading pages and for the check-ins, each on its own.

    BENCH_REGIONS=20 .venv/bin/python bench/load.py
"""

import datetime
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg
import requests

os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bimtek_load")
# One key for the seeding process and gunicorn: the check-in codes are derived from it.
os.environ["DJANGO_SECRET_KEY"] = "bench-load-" + secrets.token_hex(24)

from harness import ROOT, django_setup  # noqa: E402  (bench/ is the script's folder, first on sys.path)

REGIONS = int(os.environ.get("BENCH_REGIONS", "514"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
USERS = 50
CHECKINS = 1000
CHECKIN_SPREAD = 60.0  # seconds over which the check-ins arrive
# Enough clients that each check-in starts at its moment even when the server answers slowly.
CHECKIN_CLIENTS = 200
# A user's pause between two pages, seconds: "low-high" drawn evenly, or one number.
THINK = tuple(float(part) for part in os.environ.get("BENCH_THINK_SECONDS", "2-8").split("-"))
TIMEOUT = 90  # a client waits this long at most (gunicorn cuts a worker off after 30 s)
P95_TARGET_MS = 500


def ensure_database(url: str):
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')


ensure_database(os.environ["BENCH_DATABASE_URL"])
WORK = django_setup(prefix="bimtek-bench-load-")

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bimtek.models import Program  # noqa: E402
from bimtek.overview.scale import ScaleSize, build_scale_program  # noqa: E402
from bimtek.overview.services import stage_update  # noqa: E402
from materials.demo import demo_pdf  # noqa: E402
from materials.models import Assignment, DraftVersion  # noqa: E402
from participants.mfa import AUTHENTICATION_RECORDS_KEY  # noqa: E402
from participants.models import MentorAssignment, Participant  # noqa: E402
from sessions import checkin, selectors  # noqa: E402
from sessions.models import Attendance, TrainingSession  # noqa: E402
from sessions.services import session_cancel, session_create  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- the data ---------------------------------------------------------------------------------------------

def seeded_program():
    name = f"Beban {REGIONS} daerah"
    program = Program.objects.filter(name=name).first()
    if program is None:
        program = build_scale_program(size=ScaleSize(regions=REGIONS), name=name, today=timezone.localdate(),
                                      progress=lambda line: print(line, flush=True))
    return program


def live_plenary(program):
    """A plenary starting now, in the last stage (moved to span today): everyone is on its roster."""
    today = timezone.localdate()
    stage = program.stages.order_by("-ordinal").first()
    stage = stage_update(stage=stage, start_date=min(stage.start_date, today - datetime.timedelta(days=1)),
                         end_date=max(stage.end_date, today + datetime.timedelta(days=1)))
    starts = timezone.now().replace(second=0, microsecond=0)
    # An earlier run's plenary would clash with this one (everyone is expected at both).
    for earlier in TrainingSession.objects.filter(stage=stage, title__startswith="Pleno uji beban",
                                                  cancelled_at__isnull=True):
        session_cancel(session=earlier, reason="Uji beban berikutnya", notify=False)
    return session_create(stage=stage, title=f"Pleno uji beban {starts:%H.%M}", kind="plenary", starts_at=starts,
                          ends_at=starts + datetime.timedelta(hours=2), venue="Daring",
                          meeting_url="https://meet.example.org/pleno", notify=False)


def login_cookie(user) -> str:
    """A session as a login makes it (two-factor done, as an organizer past the grace days would have)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[AUTHENTICATION_RECORDS_KEY] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    store.create()
    return store.session_key


# --- the server -------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_DEBUG", "BIMTEK_VAR_DIR"))}
    env.update(DJANGO_DEBUG="0", DJANGO_HTTPS="0", DJANGO_ALLOWED_HOSTS="127.0.0.1", BIMTEK_VAR_DIR=str(WORK),
               DJANGO_LOG_LEVEL="WARNING")
    return env


def start_gunicorn(port: int):
    env = server_env()
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env,
                   check=True)
    log = open(WORK / "gunicorn.log", "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "bimtek.wsgi", "--bind",
                               f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=30).status_code == 200:
                return server
        except requests.RequestException:  # not listening yet, or still loading
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {WORK / 'gunicorn.log'}")


def worker_count(server) -> int:
    """How many workers the gunicorn master started (its child processes)."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return len(children.read_text().split()) if children.exists() else 0


# --- the simulated users ----------------------------------------------------------------------------------

class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.timings = defaultdict(list)  # label -> [ms]
        self.errors = defaultdict(int)  # label -> count
        self.examples = []

    def call(self, http, label, method, url, *, expect=(200,), **kwargs):
        started = time.perf_counter()
        try:
            response = http.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
            status = response.status_code
        except requests.RequestException as error:
            response, status = None, type(error).__name__
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.timings[label].append(elapsed)
            if status not in expect:
                self.errors[label] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{label}: {status} {url}")
        return response if status in expect else None


def client(base: str, session_key: str) -> requests.Session:
    http = requests.Session()
    http.cookies.set(settings.SESSION_COOKIE_NAME, session_key, domain="127.0.0.1")
    http.headers["Referer"] = base + "/"
    return http


def token(response) -> str:
    found = CSRF.search(response.text) if response is not None else None
    return found.group(1) if found else ""


def participant_visit(http, record, base, urls, pdf, uploads, pause):
    record.call(http, "participant: home", "GET", base + "/")
    pause()
    record.call(http, "participant: schedule", "GET", base + urls["schedule"])
    pause()
    record.call(http, "participant: assignment", "GET", base + urls["assignment"])
    pause()
    form = record.call(http, "participant: upload form", "GET", base + urls["upload"])
    pause()
    if form is not None:
        done = record.call(http, "participant: upload", "POST", base + urls["upload"], expect=(302,),
                           data={"csrfmiddlewaretoken": token(form), "note": "Uji beban"},
                           files={"file": ("draf.pdf", pdf, "application/pdf")})
        if done is not None:
            with record.lock:
                uploads[urls["user"]] += 1


def mentor_visit(http, record, base, urls, _pdf, _uploads, pause):
    record.call(http, "mentor: review queue", "GET", base + urls["review"])
    pause()
    record.call(http, "mentor: team", "GET", base + urls["team"])


def organizer_visit(http, record, base, urls, _pdf, _uploads, _pause):
    record.call(http, "organizer: dashboard", "GET", base + urls["dashboard"])


def users_for(program):
    """(visit, cookie, urls) for 50 users: 35 participants, 10 mentors, 5 organizer sessions."""
    rng = random.Random(50)
    assignment = Assignment.objects.filter(stage__program=program).order_by("-stage__ordinal", "pk").first()
    common = {"schedule": reverse("session_list", args=[program.pk]),
              "assignment": reverse("assignment_detail", args=[program.pk, assignment.pk]),
              "review": reverse("review_queue", args=[program.pk]),
              "dashboard": reverse("program_dashboard", args=[program.pk])}
    members = list(Participant.objects.filter(team__program=program).select_related("user", "team")
                   .order_by("pk")[:5000])
    users = []
    for member in rng.sample(members, 35):
        urls = {**common, "user": member.user_id,
                "upload": reverse("draft_upload", args=[program.pk, assignment.pk, member.team_id])}
        users.append((participant_visit, login_cookie(member.user), urls))
    guided = list(MentorAssignment.objects.filter(team__program=program).select_related("mentor")
                  .order_by("pk"))
    seen = set()
    for pair in guided:
        if pair.mentor_id in seen or len(seen) == 10:
            continue
        seen.add(pair.mentor_id)
        urls = {**common, "team": reverse("team_detail", args=[program.pk, pair.team_id])}
        users.append((mentor_visit, login_cookie(pair.mentor), urls))
    organizer = get_user_model().objects.filter(email__startswith="panitia@", program_roles__program=program).first()
    users += [(organizer_visit, login_cookie(organizer), common) for _ in range(USERS - len(users))]
    return users, assignment


def mixed_load(base, users, record, pdf, uploads, *, think):
    """Every user visits their pages over and over for SECONDS, pausing ``think`` ((low, high) seconds, or
    None: never) after each page."""
    stop = time.monotonic() + SECONDS

    def run(number, visit, cookie, urls):
        http = client(base, cookie)
        rng = random.Random(number)

        def pause():
            if think:
                time.sleep(min(rng.uniform(think[0], think[-1]), max(0.0, stop - time.monotonic())))

        if think:  # the users arrive over the first pause, not all in the same instant
            time.sleep(rng.uniform(0, think[-1]))
        while time.monotonic() < stop:
            visit(http, record, base, urls, pdf, uploads, pause)
            pause()

    threads = [threading.Thread(target=run, args=(number, *user)) for number, user in enumerate(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def warm_up(base, users, record, pdf, uploads):
    """Each user's visit once, all at once, with no pause (its uploads are counted with the run's)."""
    threads = [threading.Thread(target=visit, args=(client(base, cookie), record, base, urls, pdf, uploads,
                                                     lambda: None))
               for visit, cookie, urls in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def check_in_burst(base, program, session, people, record):
    """Each person checks in at their moment within the minute; half by the QR link, half by typing the code."""
    policy = selectors.attendance_policy(program)
    qr_url = reverse("checkin", args=[program.pk, session.pk])
    typed_url = reverse("checkin_code")
    start = time.monotonic()
    queue = list(enumerate(people))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                index, cookie = queue.pop(0)
            pause = start + index * CHECKIN_SPREAD / len(people) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            http = client(base, cookie)
            code = checkin.current_code(session, policy, timezone.now())
            if index % 2:
                page = record.call(http, "check-in: QR link page", "GET", f"{base}{qr_url}?code={code}&via=qr")
                if page is not None:
                    record.call(http, "check-in: QR confirm", "POST", base + qr_url,
                                data={"csrfmiddlewaretoken": token(page), "code": code, "via": "qr"})
            else:
                page = record.call(http, "check-in: code page", "GET", base + typed_url)
                if page is not None:
                    record.call(http, "check-in: typed code", "POST", base + typed_url,
                                data={"csrfmiddlewaretoken": token(page), "code": code})

    threads = [threading.Thread(target=worker) for _ in range(CHECKIN_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- the report -------------------------------------------------------------------------------------------

def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def report(title, record, seconds):
    print(f"\n{title}")
    print(f"{'request':<28} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    everything = []
    for label, values in sorted(record.timings.items()):
        everything += values
        print(f"{label:<28} {len(values):>6} {record.errors[label]:>6} {statistics.median(values):>8.0f} "
              f"{percentile(values, 0.95):>8.0f} {percentile(values, 0.99):>8.0f}")
    errors = sum(record.errors.values())
    print(f"{'all':<28} {len(everything):>6} {errors:>6} {statistics.median(everything or [0]):>8.0f} "
          f"{percentile(everything, 0.95):>8.0f} {percentile(everything, 0.99):>8.0f}")
    print(f"{len(everything) / seconds:.1f} requests/s over {seconds:.0f} s")
    for example in record.examples:
        print("  e.g.", example)
    return everything, errors


def main():
    call_command("migrate", verbosity=0)
    program = seeded_program()
    users, assignment = users_for(program)
    plenary = live_plenary(program)
    attendees = list(Participant.objects.filter(team__program=program).select_related("user")
                     .order_by("?")[:CHECKINS])
    cookies = [login_cookie(member.user) for member in attendees]
    versions_before = DraftVersion.objects.filter(submission__assignment=assignment).count()
    pdf = demo_pdf(["Draf uji beban", "Bab I Pendahuluan"])
    port = free_port()
    server = start_gunicorn(port)
    base = f"http://127.0.0.1:{port}"
    print(f"{REGIONS} regions, gunicorn ({worker_count(server)} workers) on {base}, PostgreSQL "
          f"{settings.DATABASES['default']['NAME']}")
    uploads = defaultdict(int)

    def phase(title, run):
        """Runs ``run(recorder)`` and reports it: (every time measured, errors)."""
        record, started = Recorder(), time.monotonic()
        run(record)
        return report(title, record, time.monotonic() - started)

    try:
        # Not measured: each user's pages once, so every worker has loaded its templates and the program's kept
        # figures exist, as on a server that has been running (its first requests would otherwise be the tail).
        phase("warm-up (not counted): every user's pages once",
              lambda record: warm_up(base, users, record, pdf, uploads))
        mixed_all, mixed_errors = phase(
            f"{USERS} users for {SECONDS:.0f} s, reading each page {'-'.join(f'{t:g}' for t in THINK)} s",
            lambda record: mixed_load(base, users, record, pdf, uploads, think=THINK))
        _saturated, saturated_errors = phase(
            f"capacity: the same {USERS} users for {SECONDS:.0f} s with no pause (their waits are queueing)",
            lambda record: mixed_load(base, users, record, pdf, uploads, think=None))
        burst_all, burst_errors = phase(f"{len(cookies)} check-ins, half by QR link, half by typed code",
                                        lambda record: check_in_burst(base, program, plenary, cookies, record))
    finally:
        server.terminate()
        server.wait(timeout=30)

    uploaded = sum(uploads.values())
    stored_versions = DraftVersion.objects.filter(submission__assignment=assignment).count() - versions_before
    checked_in = Attendance.objects.filter(session=plenary, person__in=[m.user_id for m in attendees])
    stored = checked_in.count()
    print(f"\nuploads answered as saved: {uploaded}; versions stored: {stored_versions}")
    print(f"check-ins stored: {stored} of {len(cookies)} people, {checked_in.values('person').distinct().count()} "
          f"distinct; rows for the session: {Attendance.objects.filter(session=plenary).count()}")
    p95, checkins_p95 = percentile(mixed_all, 0.95), percentile(burst_all, 0.95)
    print(f"RESULT load_errors {mixed_errors + saturated_errors + burst_errors} target 0")
    print(f"RESULT load_p95_ms {p95:.0f} target {P95_TARGET_MS}")
    print(f"RESULT checkins_p95_ms {checkins_p95:.0f} target {P95_TARGET_MS}")
    print(f"RESULT checkins_stored {stored} target {CHECKINS}")
    print(f"RESULT uploads_duplicated {max(stored_versions - uploaded, 0)} target 0")
    if stored_versions < uploaded:
        print(f"RESULT uploads_lost {uploaded - stored_versions} target 0")


if __name__ == "__main__":
    main()
