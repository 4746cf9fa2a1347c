"""Uploads on object storage: the same views and services work against an S3 API.

A deployment with several web machines keeps uploads in object storage
(django-storages' S3 backend, DJANGO_FILE_STORAGE=storages.backends.s3.S3Storage).
Here moto's S3 server stands in for it, on a local port.
"""
import os
import socket
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.urls import reverse
from moto.server import ThreadedMotoServer

from materials.models import DraftVersion
from tests import factories

pytestmark = pytest.mark.django_db
BUCKET = "bimtek-uploads"


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(settings, s3_endpoint):
    client = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                          region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_endpoint, "access_key": "test", "secret_key": "test",
                    "region_name": "us-east-1", "default_acl": None, "querystring_auth": True},
    }}
    storages._storages.clear()
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
    storages._storages.clear()


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_draft_goes_to_the_bucket_under_a_server_chosen_name_and_comes_back_through_the_view(client, bucket):
    program = factories.make_program()
    team = factories.make_team(program)
    member = factories.make_participant(team).user
    mentor = factories.make_mentor(program, team)
    assignment = factories.make_assignment(program, title="Analisis SWOT")
    url = {"program": program.pk, "assignment": assignment.pk, "team": team.pk}
    content = factories.pdf_bytes("Bab II")

    client.force_login(member)
    response = client.post(reverse("draft_upload", kwargs=url), {"file": factories.upload(content, "../../Bab II.pdf")})
    assert response.status_code == 302
    version = DraftVersion.objects.get()
    assert keys(bucket) == [version.file.name]
    assert version.file.name.startswith("drafts/") and "Bab" not in version.file.name

    client.force_login(mentor)
    download = client.get(reverse("version_download", kwargs={**url, "number": 1}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"] == 'attachment; filename="Bab II.pdf"'


def test_a_refused_upload_leaves_nothing_in_the_bucket(client, bucket):
    program = factories.make_program()
    team = factories.make_team(program)
    assignment = factories.make_assignment(program)
    client.force_login(factories.make_participant(team).user)
    url = reverse("draft_upload", kwargs={"program": program.pk, "assignment": assignment.pk, "team": team.pk})
    response = client.post(url, {"file": factories.upload(b"MZ\x90\x00 not a pdf", "draf.pdf")})
    assert response.status_code == 200
    assert keys(bucket) == [] and not DraftVersion.objects.exists()


def test_the_environment_alone_switches_a_deployment_to_the_bucket(bucket, s3_endpoint, tmp_path):
    """What an operator sets (README, Running at scale) is enough: no settings file to edit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "BIMTEK_", "PYTEST"))}
    env.update(DJANGO_SETTINGS_MODULE="bimtek.settings", DJANGO_DEBUG="1", BIMTEK_VAR_DIR=str(tmp_path),
               DJANGO_FILE_STORAGE="storages.backends.s3.S3Storage", BIMTEK_S3_BUCKET=BUCKET,
               BIMTEK_S3_ENDPOINT_URL=s3_endpoint, BIMTEK_S3_REGION="us-east-1", BIMTEK_S3_ACCESS_KEY="test",
               BIMTEK_S3_SECRET_KEY="test")
    script = ("from django.core.files.base import ContentFile; from django.core.files.storage import default_storage;"
              "print(default_storage.save('materials/probe.txt', ContentFile(b'hello')))")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], env=env, capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert keys(bucket) == ["materials/probe.txt"]
    assert bucket.get_object(Bucket=BUCKET, Key="materials/probe.txt")["Body"].read() == b"hello"
