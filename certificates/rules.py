"""Who may do what with certificates.

Organizers run everything (templates, rule, issuing, revoking, the register).
A holder downloads their own valid certificate. The verification page is public.
"""

import rules

from participants.predicates import is_organizer


@rules.predicate
def is_certificate_holder(user, certificate):
    """The user is the person a valid certificate was issued to."""
    if certificate is None or not user.is_authenticated or certificate.revoked_at is not None:
        return False
    return certificate.holder_user_id == user.pk


rules.add_perm("certificates.manage_certificates", is_organizer)
rules.add_perm("certificates.download_certificate", is_organizer | is_certificate_holder)
