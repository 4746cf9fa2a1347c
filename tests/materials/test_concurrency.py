"""Version numbers stay gapless and unique when a whole team uploads to one submission at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from materials.models import DraftVersion, Submission
from tests import factories

PARALLEL = 20  # a large team's members, each on their own connection


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_uploads_to_one_submission_get_versions_1_to_20():
    program = factories.make_program()
    team = factories.make_team(program)
    members = [factories.make_participant(team).user for _ in range(PARALLEL)]
    assignment = factories.make_assignment(program)
    content = factories.pdf_bytes("Bab II")
    start = threading.Barrier(PARALLEL)

    def upload(member):
        try:
            start.wait(timeout=30)  # every thread reaches the service at the same moment
            return factories.make_version(assignment, team, by=member, content=content, notify=False).number
        finally:
            connection.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        numbers = list(pool.map(upload, members))

    assert sorted(numbers) == list(range(1, PARALLEL + 1))
    assert Submission.objects.filter(team=team, assignment=assignment).count() == 1
    versions = DraftVersion.objects.filter(submission__team=team).order_by("number")
    assert list(versions.values_list("number", flat=True)) == list(range(1, PARALLEL + 1))
    assert {v.uploaded_by for v in versions} == set(members)
    assert len({v.file.name for v in versions}) == PARALLEL
