"""A per-client request limit kept in Django's cache (shared by all workers of a machine).

Fixed windows: at most ``limit`` requests per client address in each
``window`` seconds. Behind a reverse proxy (settings.SECURE_PROXY_SSL_HEADER
set, see DJANGO_BEHIND_PROXY) the client is the last address the proxy added
to X-Forwarded-For, the only one a visitor cannot forge.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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
