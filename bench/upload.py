"""Benchmark: a large draft through the real upload view, against copying the same file on disk.

The request body is streamed from disk into Django's test client (the client's
own post() would build the whole multipart body in memory, which is the
client's cost, not the server's). The view spools the file to a temporary file,
checks it by content, hashes it in chunks and moves it into storage.

Memory is measured two ways: the peak of Python allocations (tracemalloc) and
the growth of the process's resident high-water mark (Linux, reset through
/proc/self/clear_refs). Target: growth under 50 MB whatever the file size.

    .venv/bin/python bench/upload.py [size in MB, default 200]
"""

import hashlib
import io
import os
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

from harness import django_setup  # bench/ is the script's folder, first on sys.path

WORK = django_setup(prefix="bimtek-bench-upload-")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

TARGET_MB = 50
MB = 1024 * 1024
BOUNDARY = "BimtekBenchBoundary"


class StreamedBody(io.RawIOBase):
    """A multipart/form-data body read piece by piece: bytes and files from disk, never joined."""

    def __init__(self, pieces):
        self.pieces = list(pieces)
        self.current = None

    def readable(self):
        return True

    def readinto(self, buffer):
        while self.pieces or self.current:
            if self.current is None:
                piece = self.pieces.pop(0)
                self.current = io.BytesIO(piece) if isinstance(piece, bytes) else open(piece, "rb")  # noqa: SIM115
            count = self.current.readinto(buffer)
            if count:
                return count
            self.current.close()
            self.current = None
        return 0


def multipart(path, fields):
    head = "".join(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                   for name, value in fields.items())
    head += (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
             "Content-Type: application/pdf\r\n\r\n")
    pieces = [head.encode(), path, f"\r\n--{BOUNDARY}--\r\n".encode()]
    length = len(pieces[0]) + path.stat().st_size + len(pieces[2])
    return StreamedBody(pieces), length


def make_pdf(path, size):
    """A file that is a PDF by its signature, filled with random bytes (nothing to compress or cache)."""
    with open(path, "wb") as file:
        file.write(b"%PDF-1.7\n")
        remaining = size - 9 - 6
        while remaining > 0:
            chunk = os.urandom(min(remaining, 4 * MB))
            file.write(chunk)
            remaining -= len(chunk)
        file.write(b"%%EOF\n")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(MB), b""):
            digest.update(chunk)
    return digest.hexdigest()


def rss_peak_kb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def reset_rss_peak():
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure(action):
    """(seconds, peak Python allocation growth in MB, resident high-water growth in MB or None)."""
    import gc

    gc.collect()
    resettable = reset_rss_peak()
    rss_before = rss_peak_kb()
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_growth = (rss_peak_kb() - rss_before) / 1024 if resettable else None
    return seconds, peak / MB, rss_growth, result


def setup_world():
    from materials.models import Assignment
    from tests import factories

    program = factories.make_program(name="Bench")
    team = factories.make_team(program, region=factories.make_region(name="Bench"))
    member = factories.make_participant(team).user
    factories.make_mentor(program, team)
    assignment = factories.make_assignment(program, title="Masterplan", max_size_mb=500)
    return program, team, member, Assignment.objects.get(pk=assignment.pk)


def upload_through_view(client, url, path):
    body, length = multipart(path, {"note": "bench"})
    response = client.request(REQUEST_METHOD="POST", PATH_INFO=url, CONTENT_LENGTH=str(length),
                              CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}", **{"wsgi.input": body})
    assert response.status_code == 302, (response.status_code, response.content[:500])
    return response


def main():
    sizes = [int(arg) for arg in sys.argv[1:]] or [50, 200]
    call_command("migrate", verbosity=0)
    from materials.models import DraftVersion

    program, team, member, assignment = setup_world()
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    url = reverse("draft_upload", args=[program.pk, assignment.pk, team.pk])
    rows, growths = [], {}
    try:
        for size in sizes:
            source = WORK / f"draf-{size}mb.pdf"
            make_pdf(source, size * MB)
            expected = sha256_of(source)
            copy_s, copy_py, copy_rss, _ = measure(lambda s=source: shutil.copyfile(s, WORK / "copy.pdf"))
            (WORK / "copy.pdf").unlink()
            # Control: what reading the whole upload into memory would cost; proves the measurement sees it.
            naive_s, naive_py, naive_rss, _ = measure(lambda s=source: hashlib.sha256(s.read_bytes()).hexdigest())
            view_s, view_py, view_rss, _ = measure(lambda s=source: upload_through_view(client, url, s))
            version = DraftVersion.objects.order_by("-pk").first()
            assert (version.size, version.sha256) == (size * MB, expected), "the stored file differs"
            rows.append((f"copy {size} MB (baseline)", copy_s, 1.0, copy_py, copy_rss))
            rows.append((f"read whole {size} MB (control)", naive_s, naive_s / copy_s, naive_py, naive_rss))
            rows.append((f"upload view {size} MB", view_s, view_s / copy_s, view_py, view_rss))
            growths[size] = max(view_py, view_rss or 0)
            source.unlink()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)

    print(f"{'':30} {'seconds':>9} {'× copy':>8} {'Python peak MB':>15} {'RSS growth MB':>14}")
    for name, seconds, ratio, python_mb, rss_mb in rows:
        rss = f"{rss_mb:14.1f}" if rss_mb is not None else f"{'n/a':>14}"
        print(f"{name:30} {seconds:9.2f} {ratio:8.2f} {python_mb:15.1f} {rss}")
    print("Memory growth of the upload view is the larger of the Python peak and the RSS growth.")
    for size, growth in growths.items():
        print(f"RESULT upload_memory_growth_{size}mb {growth:.1f}MB target <{TARGET_MB}MB")


if __name__ == "__main__":
    main()
