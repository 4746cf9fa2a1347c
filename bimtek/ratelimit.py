"""A fixed-window counter kept in Django's cache (shared by all workers of a machine).

At most ``limit`` events per key in each ``window`` seconds: certificate verifications per client address
(certificates.ratelimit), invitations per person (bimtek.accounts).
"""

import time

from django.core.cache import cache


def allow(scope: str, key, *, limit: int, window: int) -> tuple[bool, int]:
    """Count this event for ``key``; (allowed, seconds until the window ends)."""
    now = time.time()
    slot = int(now // window)
    name = f"ratelimit:{scope}:{key}:{slot}"
    cache.add(name, 0, timeout=window + 5)
    try:
        count = cache.incr(name)
    except ValueError:  # the entry expired between add and incr
        cache.set(name, 1, timeout=window + 5)
        count = 1
    return count <= limit, max(1, int((slot + 1) * window - now))
