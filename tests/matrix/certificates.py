"""Certificates: organizers run everything; a holder downloads their own; verification is public."""

from tests import factories
from tests.matrix import STAFF, Entry
from tests.world import builder


def _organizer(world, scope):
    return world.users["organizer"] if scope == "own" else world.users["outsider"]


@builder("certificate_template")
def build_certificate_template(world, scope):
    return factories.make_certificate_template(world.program_for(scope))


@builder("certificate")
def build_certificate(world, scope):
    """The participant's (own program) or the foreign participant's certificate."""
    return factories.issue_certificate(participant=world.participant_for(scope),
                                       template=world.obj("certificate_template", scope), by=_organizer(world, scope))


def program(w, s):
    return {"program": w.program_for(s).pk}


def template(w, s):
    return {**program(w, s), "template": w.obj("certificate_template", s).pk}


def certificate(w, s):
    return {**program(w, s), "certificate": w.obj("certificate", s).pk}


ENTRIES = {
    # Public, no login; an unknown code answers 404 (tested in tests/certificates/test_verify.py).
    "certificate_verify": Entry(public=True, scoped=False, ok_statuses=frozenset({200}),
                                kwargs=lambda w, s: {"code": w.obj("certificate", "own").verification_code}),
    # Public: the form to check a certificate by its code, or its number and holder name.
    "certificate_verify_search": Entry(public=True, scoped=False, ok_statuses=frozenset({200}),
                                       kwargs=lambda w, s: {}),
    "certificate_overview": Entry(kwargs=program, allowed=STAFF),
    "certificate_settings": Entry(kwargs=program, allowed=STAFF),
    "certificate_template_create": Entry(kwargs=program, allowed=STAFF),
    "certificate_template_update": Entry(kwargs=template, allowed=STAFF),
    "certificate_template_preview": Entry(kwargs=template, allowed=STAFF, ok_statuses=frozenset({200})),
    "certificate_template_delete": Entry(kwargs=template, allowed=STAFF),
    "certificate_eligibility": Entry(kwargs=program, allowed=STAFF),
    "certificate_bulk_issue": Entry(kwargs=lambda w, s: {**program(w, s), "kind": "participant"}, allowed=STAFF),
    "certificate_issue_participant": Entry(kwargs=lambda w, s: {**program(w, s),
                                                                "participant": w.participant_for(s).pk},
                                           allowed=STAFF),
    "certificate_issue_mentor": Entry(kwargs=lambda w, s: {**program(w, s), "user": w.mentor_for(s).pk},
                                      allowed=STAFF),
    "certificate_register": Entry(kwargs=program, allowed=STAFF),
    # POST-only: a worker makes the file (probed with GET, the 405 proves the permission passed).
    "certificate_register_export": Entry(kwargs=program, allowed=STAFF, ok_statuses=frozenset({405})),
    "certificate_bulk_pdf": Entry(kwargs=program, allowed=STAFF, ok_statuses=frozenset({405})),
    "certificate_bulk_zip": Entry(kwargs=program, allowed=STAFF, ok_statuses=frozenset({405})),
    "certificate_detail": Entry(kwargs=certificate, allowed=STAFF),
    # The holder of the certificate (the own team's participant) downloads it too.
    "certificate_download": Entry(kwargs=certificate, allowed=STAFF | {"participant"}, ok_statuses=frozenset({200})),
    "certificate_revoke": Entry(kwargs=certificate, allowed=STAFF),
    "certificate_reissue": Entry(kwargs=certificate, allowed=STAFF),
}
