"""The several-machine set-up, for real: PostgreSQL, Redis, object storage (moto's S3 server) and a worker process.

A `manage.py run_worker` process (another machine, as far as bimtek can tell) makes a participant export that
this process asks for; the file must arrive in the bucket and read back as the workbook it should be, and the
periodic pass must be scheduled. Then the whole suite (but the browser tests) runs in the same configuration:
PostgreSQL, the cache in Redis (REDIS_URL) and every upload in the S3 bucket (tests/settings.py and
tests/conftest.py keep each test's files under their own prefix). Tests marked ``local_disk`` are left out,
by name: each says why it needs the local disk. Exits non-zero (with the worker's log) on any failure.

    .venv/bin/python .ci/several_machines.py                    # the whole suite
    .venv/bin/python .ci/several_machines.py tests/bimtek -x    # or what pytest is given
"""
import io
import logging
import os
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = sys.executable  # the virtual environment this script runs in (.ci/run: .venv/bin/python)
DATABASE = os.environ.get("BIMTEK_SEVERAL_DATABASE", "bimtek_several")
BUCKET = "bimtek-several"
SUITE = ["tests", "--ignore=tests/e2e", "-m", "not local_disk and not browser", "-n", "2"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 — a CI tool; the app never imports moto

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # not a line per request of the suite
    port = free_port()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    s3.start()
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
           "REDIS_URL": "redis://127.0.0.1:6379/14", "DJANGO_FILE_STORAGE": "storages.backends.s3.S3Storage",
           "BIMTEK_S3_BUCKET": BUCKET, "BIMTEK_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
           "BIMTEK_S3_REGION": "us-east-1", "BIMTEK_S3_ACCESS_KEY": "test", "BIMTEK_S3_SECRET_KEY": "test",
           "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    log = open(os.path.join("/tmp", f"{DATABASE}-worker.log"), "w+")  # read back on failure
    worker = subprocess.Popen([PYTHON, "manage.py", "run_worker", "--", "--interval", "1"], cwd=ROOT, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bimtek.settings"
        sys.path.insert(0, ROOT)
        export_through_the_worker()
    except Exception:
        log.seek(0)
        print(log.read()[-4000:], file=sys.stderr)
        s3.stop()
        raise
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print("several machines: the worker's export arrived in the bucket and reads back")
    test_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    test_env.pop("DJANGO_DEBUG")
    started = time.monotonic()
    try:
        code = subprocess.run([PYTHON, "-m", "pytest", "-q", *(sys.argv[1:] or SUITE)], cwd=ROOT,
                              env=test_env).returncode
    finally:
        s3.stop()
    print(f"several machines: the suite took {time.monotonic() - started:.0f} s on PostgreSQL + Redis + S3")
    return code


def export_through_the_worker() -> None:
    import boto3  # noqa: PLC0415 — after the environment is set
    import django  # noqa: PLC0415
    import openpyxl  # noqa: PLC0415

    django.setup()
    from django.db import transaction  # noqa: PLC0415
    from django_tasks import TaskResultStatus  # noqa: PLC0415
    from django_tasks_db.models import DBTaskResult  # noqa: PLC0415

    from bimtek.jobs import job_start  # noqa: PLC0415
    from bimtek.models import BackgroundJob  # noqa: PLC0415
    from bimtek.periodic import periodic_pass  # noqa: PLC0415
    from tests import factories  # noqa: PLC0415

    bucket = boto3.client("s3", endpoint_url=os.environ["BIMTEK_S3_ENDPOINT_URL"], aws_access_key_id="test",
                          aws_secret_access_key="test", region_name="us-east-1")
    bucket.create_bucket(Bucket=BUCKET)
    organizer = factories.make_user()
    program = factories.make_program(organizer=organizer)
    factories.make_participant(factories.make_team(program), full_name="Ayu Lestari")
    with transaction.atomic():
        job = job_start(kind="participants_xlsx", owner=organizer, program=program, title="Peserta")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            break
        time.sleep(1)
    assert job.status == BackgroundJob.Status.DONE, (job.status, job.error)
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert job.file.name in keys, (job.file.name, keys)
    with job.file.open("rb") as stored:
        sheet = openpyxl.load_workbook(io.BytesIO(stored.read())).active
    assert "Ayu Lestari" in [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert DBTaskResult.objects.filter(task_path=periodic_pass.module_path).exclude(
        status=TaskResultStatus.FAILED).exists(), "run_worker did not schedule the periodic pass"


if __name__ == "__main__":
    sys.exit(main())
