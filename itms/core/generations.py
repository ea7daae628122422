"""A generation number in the cache, for readings kept under it: a change bumps it, and nothing read before the
change is read again (rule readings, users' roles).

A generation never comes back to a number used before: a key that the cache evicted or lost restarts from the
clock, not from 0, under which old readings may still be kept.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def current(key: str) -> int:
    generation = cache.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), None)  # another process may have started it first: theirs stands
        generation = cache.get(key, 0)
    return generation


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not there (yet, or any more)
        cache.set(key, time.time_ns(), None)
