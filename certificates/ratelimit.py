"""A per-client request limit kept in Django's cache (shared by all workers of a machine).

Fixed windows: at most ``limit`` requests per client address in each
``window`` seconds. The client address is the one allauth's login limits
count (settings.ALLAUTH_TRUSTED_PROXY_COUNT, DJANGO_TRUSTED_PROXY_COUNT):
behind our proxies, the address the outermost one added to X-Forwarded-For.
"""

import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_ip(request) -> str:
    return get_adapter(request).get_client_ip(request)


def allow(scope: str, request, *, limit: int, window: int) -> tuple[bool, int]:
    """Count this request; (allowed, seconds until the window ends)."""
    now = time.time()
    slot = int(now // window)
    key = f"ratelimit:{scope}:{client_ip(request)}:{slot}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit, max(1, int((slot + 1) * window - now))
