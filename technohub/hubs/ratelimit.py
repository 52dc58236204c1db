"""One small rate limiter for the public forms (sign-up, resending a confirmation).

Fixed windows counted in Django's cache: with REDIS_URL every worker shares the counts; with the
default in-process cache each worker counts alone (good enough for the demo, documented in
docs/accounts.md). Issue 17 brings a library: swap the body of `hit`, keep its signature.
"""

import hashlib

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key` in `scope`; False when the limit for this window is passed.

    `key` (an address, an IP) is hashed, so the cache never holds it in plain text.
    """
    digest = hashlib.sha256(f"{scope}:{key.strip().lower()}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=window_seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds)
        return True
    return count <= limit
