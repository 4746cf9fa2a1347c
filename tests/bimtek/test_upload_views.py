"""Every upload view drops a file that passes its limit while it arrives, and says so next to the field.

(Drafts, feedback, materials and participant lists are tested with their pages; these are the other three.)
"""


import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bimtek import images
from bimtek.uploads import SizeLimitUploadHandler
from certificates import assets
from certificates.models import CertificateTemplate
from sessions.models import MeetingReportRow, SignedSheet
from tests import factories
from tests.stored import stored_files

pytestmark = pytest.mark.django_db

DROPPED = "The file is larger than the limit of 1,000 B and was not kept."  # sizes as bimtek.formats.size_text


@pytest.fixture
def organizer(client, world):
    user = world.users["organizer"]
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    return user


@pytest.fixture
def never_read(monkeypatch):
    """Fails the test if a file of over 1000 bytes reaches the end of the upload handlers."""
    original = SizeLimitUploadHandler.receive_data_chunk

    def receive(self, raw_data, start):
        assert self.max_bytes == 1000, "the view's own limit is in place before the body is read"
        return original(self, raw_data, start)

    monkeypatch.setattr(SizeLimitUploadHandler, "receive_data_chunk", receive)


def big(name):
    return SimpleUploadedFile(name, factories.pdf_bytes("x") + b"\0" * 5000)


def test_a_signed_sheet_over_the_limit_is_dropped_while_it_arrives(client, world, organizer, monkeypatch,
                                                                   never_read):
    monkeypatch.setattr("sessions.views.documents.SIGNED_SHEET_MAX_BYTES", 1000)
    session = factories.make_session(world.program.stages.get(ordinal=1))
    response = client.post(reverse("signed_sheet_upload", args=[world.program.pk, session.pk]),
                           {"file": big("scan.pdf")})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [DROPPED]
    assert not SignedSheet.objects.exists() and stored_files() == []


def test_a_meeting_report_over_the_limit_is_dropped_while_it_arrives(client, world, organizer, monkeypatch,
                                                                     never_read):
    monkeypatch.setattr("sessions.views.documents.MEETING_REPORT_MAX_BYTES", 1000)
    session = factories.make_session(world.program.stages.get(ordinal=1))
    response = client.post(reverse("meeting_report", args=[world.program.pk, session.pk]),
                           {"file": big("zoom.csv"), "time_zone": "Asia/Jakarta"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [DROPPED]
    assert not MeetingReportRow.objects.exists()


def test_a_certificate_picture_over_the_limit_is_dropped_while_it_arrives(client, world, organizer, monkeypatch,
                                                                          never_read):
    monkeypatch.setattr(images, "LOGO_MAX_BYTES", 1000)
    for name in ("SIGNATURE_MAX_BYTES", "BACKGROUND_MAX_BYTES"):
        monkeypatch.setattr(assets, name, 1000)
    data = {"kind": "participant", "title": "SERTIFIKAT", "preamble": "", "body": "Atas partisipasinya.",
            "role_label": "Peserta", "place": "Jakarta", "signed_on": "", "orientation": "landscape",
            "signatory-TOTAL_FORMS": "3", "signatory-INITIAL_FORMS": "3", "signatory-MIN_NUM_FORMS": "3",
            "signatory-MAX_NUM_FORMS": "3", "logo": big("logo.png"),
            "signatory-0-name": "Dr. Bambang", "signatory-0-position": "Direktur", "signatory-0-nip": "",
            "signatory-0-signature": big("ttd.png")}
    for n in (1, 2):
        data.update({f"signatory-{n}-name": "", f"signatory-{n}-position": "", f"signatory-{n}-nip": ""})
    response = client.post(reverse("certificate_template_create", args=[world.program.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["logo"] == [DROPPED]
    assert response.context["signatories"][0].errors["signature"] == [DROPPED]
    assert not CertificateTemplate.objects.exists() and stored_files() == []
