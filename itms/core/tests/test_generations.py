"""Readings kept under a generation (rule values, users' roles): a change bumps it, and a lost generation key never
brings back what was kept before a change."""

from django.core.cache import cache

from itms.core import generations

KEY = "itms:test:generation"


def test_a_change_moves_the_generation_on():
    first = generations.current(KEY)
    assert generations.current(KEY) == first
    generations.bump(KEY)
    assert generations.current(KEY) == first + 1


def test_an_evicted_generation_does_not_return_to_a_number_used_before():
    """Old readings may outlive the key (their own expiry is later): restarting from 0 would read them again."""
    used = set()
    for _ in range(3):
        used.add(generations.current(KEY))
        cache.set(f"reading:{generations.current(KEY)}", "읽은 값", None)
        generations.bump(KEY)
        used.add(generations.current(KEY))
    cache.delete(KEY)
    assert generations.current(KEY) not in used
    assert cache.get(f"reading:{generations.current(KEY)}") is None


def test_a_bump_of_a_key_not_yet_there_starts_it():
    cache.delete(KEY)
    generations.bump(KEY)
    assert generations.current(KEY) > 1
