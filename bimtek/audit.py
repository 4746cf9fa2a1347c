"""Who is acting and from which address, for the audit trail (bimtek.services.audit_record).

AuditContextMiddleware remembers the logged-in person and their address for
the length of a request, so the services that write the trail need no request
passed down to them. The address is the one allauth's login limits use, so a
configured proxy set-up applies to both.
"""

import contextvars
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class AuditContext:
    actor: object = None
    ip_address: str | None = None


_current = contextvars.ContextVar("bimtek_audit_context", default=None)


def audit_context() -> AuditContext:
    return _current.get() or AuditContext()


def client_ip(request) -> str | None:
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        token = _current.set(AuditContext(actor=user, ip_address=client_ip(request)))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
