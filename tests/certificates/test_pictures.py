"""The certificate pictures (logo, background, signatures) are uploads like any other (bimtek.filestore)."""

import hashlib
import importlib
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from bimtek.forms import REMOVE
from certificates.models import CertificateTemplate
from certificates.services import SignatoryData, certificate_template_save
from tests import factories

pytestmark = pytest.mark.django_db


def png(size=(300, 120)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (240, 240, 250)).save(buffer, "PNG")
    return buffer.getvalue()


def stored_files() -> list:
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() \
        else []


def test_a_picture_is_stored_under_a_server_chosen_name_with_what_was_checked():
    program = factories.make_program()
    content = png()
    template = factories.make_certificate_template(
        program, logo=ContentFile(content, name="../../lambang daerah.png"),
        background=ContentFile(png((1169, 827)), name="latar.png"),
        signatories=[SignatoryData(name="Dr. Bambang", position="Direktur",
                                   signature=ContentFile(png(), name="ttd.png"))])
    template.refresh_from_db()
    assert template.logo.name.startswith("certificate-assets/") and "lambang" not in template.logo.name
    assert (template.logo_original_name, template.logo_kind, template.logo_size, template.logo_sha256) == (
        "lambang daerah.png", "png", len(content), hashlib.sha256(content).hexdigest())
    assert template.background_kind == "png" and not template.background_is_pdf
    signatory = template.signatories.get()
    assert (signatory.signature_original_name, signatory.signature_kind) == ("ttd.png", "png")

    certificate_template_save(program=program, template=template, kind=template.kind, title=template.title,
                              body=template.body, logo=REMOVE, signatories=[])
    template.refresh_from_db()
    assert not template.logo and (template.logo_original_name, template.logo_kind, template.logo_size) == ("", "", 0)


def test_a_picture_that_is_not_one_is_refused_by_the_service_and_nothing_is_stored():
    program = factories.make_program()
    with pytest.raises(ValidationError) as refused:
        factories.make_certificate_template(program, logo=ContentFile(factories.pdf_bytes("x"), name="logo.png"))
    assert "not one of the allowed kinds" in str(refused.value.message_dict["logo"])
    assert not CertificateTemplate.objects.exists() and stored_files() == []


def test_a_refused_signature_takes_back_the_pictures_already_stored():
    program = factories.make_program()
    with pytest.raises(ValidationError, match="Signature of Dr. Bambang"):
        factories.make_certificate_template(
            program, logo=ContentFile(png(), name="logo.png"),
            signatories=[SignatoryData(name="Dr. Bambang", position="Direktur",
                                       signature=ContentFile(b"MZ\x90\x00" * 100, name="ttd.png"))])
    assert not CertificateTemplate.objects.exists()
    assert stored_files() == []  # the logo, written first, went with the rollback


def test_a_bad_logo_is_refused_on_the_page_with_a_message_and_nothing_stored(client):
    program = factories.make_program()
    client.force_login(factories.in_english(factories.make_staff(program, "organizer")))
    data = {"kind": "participant", "title": "SERTIFIKAT", "preamble": "", "body": "Atas partisipasinya.",
            "role_label": "", "place": "Jakarta", "signed_on": "", "orientation": "landscape",
            "signatory-TOTAL_FORMS": "3", "signatory-INITIAL_FORMS": "3", "signatory-MIN_NUM_FORMS": "3",
            "signatory-MAX_NUM_FORMS": "3", "logo": factories.upload(factories.pdf_bytes("x"), "logo.png")}
    response = client.post(reverse("certificate_template_create", args=[program.pk]), data)
    assert response.status_code == 200
    assert "not one of the allowed kinds" in response.context["form"].errors["logo"][0]
    assert not CertificateTemplate.objects.exists() and stored_files() == []


def test_the_migration_describes_the_pictures_stored_before(tmp_path):
    migration = importlib.import_module("certificates.migrations.0003_picture_uploads")
    program = factories.make_program()
    template = factories.make_certificate_template(program, signatories=[])
    field = CertificateTemplate._meta.get_field("background")
    content = png((1169, 827))
    name = field.storage.save("certificate-assets/2025/01/oldbackground", ContentFile(content))
    CertificateTemplate.objects.filter(pk=template.pk).update(
        background=name, background_kind="image", logo="certificate-assets/2025/01/gone")

    migration.describe_pictures(apps, None)

    template.refresh_from_db()
    assert (template.background_kind, template.background_size, template.background_original_name) == (
        "png", len(content), "latar.png")
    assert template.background_sha256 == hashlib.sha256(content).hexdigest()
    assert template.logo.name == "certificate-assets/2025/01/gone" and template.logo_kind == ""  # kept as it was
