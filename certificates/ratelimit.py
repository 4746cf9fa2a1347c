"""A per-client request limit (bimtek.ratelimit's counter, keyed by the client's address).

Fixed windows: at most ``limit`` requests per client address in each
``window`` seconds. The client address is the one allauth's login limits
count (settings.ALLAUTH_TRUSTED_PROXY_COUNT, DJANGO_TRUSTED_PROXY_COUNT):
behind our proxies, the address the outermost one added to X-Forwarded-For.
"""

from allauth.account.adapter import get_adapter

from bimtek import ratelimit as counter


def client_ip(request) -> str:
    return get_adapter(request).get_client_ip(request)


def allow(scope: str, request, *, limit: int, window: int) -> tuple[bool, int]:
    """Count this request of its client; (allowed, seconds until the window ends)."""
    return counter.allow(scope, client_ip(request), limit=limit, window=window)
