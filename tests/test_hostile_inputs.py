"""Random and hostile files through the real upload and import screens (property-based, hypothesis).

Whatever arrives — random bytes, a real PDF, DOCX or XLSX with bytes flipped, cut
short or spliced, any file name — the answer is never a server error (the test
client raises on one): either the file is refused with a message next to the
field and nothing is stored, or it is taken and stored exactly as sent under a
name the server chose.
"""
import io
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from materials.models import DraftVersion
from participants.models import Participant, ParticipantImport
from tests import factories
from tests.factories import LIST_HEADER, list_row, xlsx_bytes
from tests.stored import stored_files

pytestmark = pytest.mark.django_db
EXAMPLES = hypothesis_settings(max_examples=30, deadline=None, derandomize=True, database=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def docx_bytes():
    from docx import Document  # noqa: PLC0415 — python-docx is slow to import; only this strategy needs it

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Bab II Analisis SWOT")
    document.save(buffer)
    return buffer.getvalue()


SEEDS = {"pdf": factories.pdf_bytes("Bab II"), "docx": docx_bytes(),
         "xlsx": xlsx_bytes(LIST_HEADER, list_row(1, name="Siti Rahayu"))}


@st.composite
def damaged(draw, seed: bytes):
    """A real file with some bytes flipped, a piece cut out, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data) - 1))
        del data[start:start + draw(st.integers(1, 2000))]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def hostile_files(*kinds):
    return st.one_of(st.binary(max_size=4096), *(damaged(SEEDS[kind]) for kind in kinds),
                     *(st.just(SEEDS[kind]) for kind in kinds))


file_names = st.one_of(st.sampled_from(["draf.pdf", "Bab II.docx", "../../etc/passwd", "a\x00b.pdf", "daftar.xlsx",
                                         "C:\\Users\\x\\draf.pdf", ".pdf", "draf.PDF.exe", "ﬁle—“x”.pdf"]),
                       st.text(min_size=1, max_size=80))


@pytest.fixture
def loop():
    program = factories.make_program()
    team = factories.make_team(program)
    member = factories.make_participant(team).user
    assignment = factories.make_assignment(program, max_size_mb=1)
    return member, reverse("draft_upload", kwargs={"program": program.pk, "assignment": assignment.pk,
                                                   "team": team.pk})


@EXAMPLES
@given(content=hostile_files("pdf", "docx"), name=file_names)
def test_a_draft_upload_is_refused_with_a_message_or_stored_exactly(client, loop, content, name):
    member, url = loop
    client.force_login(member)
    versions, files = DraftVersion.objects.count(), stored_files()
    response = client.post(url, {"file": factories.upload(content, name or "x")})
    if response.status_code == 302:
        version = DraftVersion.objects.latest("pk")
        assert version.file.read() == content
        assert re.fullmatch(r"drafts/\d{4}/\d{2}/[0-9a-f]{32}", version.file.name), "a server-chosen name"
        assert len(stored_files()) == len(files) + 1
    else:
        assert response.status_code == 200
        assert response.context["form"].errors, "a refused file must say why"
        assert (DraftVersion.objects.count(), stored_files()) == (versions, files)


@pytest.fixture
def organizer(client):
    user = factories.make_user()
    client.force_login(user)
    return factories.make_program(organizer=user)


@EXAMPLES
@given(content=st.one_of(hostile_files("xlsx"), st.lists(st.lists(st.text(max_size=30), max_size=9), max_size=12)
                         .map(lambda rows: "\n".join(",".join(row) for row in rows).encode())),
       name=st.sampled_from(["daftar.xlsx", "daftar.csv", "daftar.xls", "peserta"]))
def test_a_participant_list_is_refused_with_a_message_or_previewed_without_changing_anyone(client, organizer,
                                                                                       content, name):
    people, files = Participant.objects.count(), stored_files()
    response = client.post(reverse("participant_import", args=[organizer.pk]),
                           {"file": factories.upload(content, name)})
    assert response.status_code in (200, 302)
    assert Participant.objects.count() == people, "an upload only previews; nobody is added before confirming"
    if response.status_code == 200:
        assert response.context["form"].errors, "a refused list must say why"
        assert stored_files() == files
    else:
        preview = client.get(response.url)
        assert preview.status_code == 200
        assert ParticipantImport.objects.filter(program=organizer).exists()
