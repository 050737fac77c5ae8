"""Shuffle and repeat as plain rules over a queue: what comes next, what came before."""

import random

import pytest

from moodplayer.core.play_order import PlayOrder
from moodplayer.core.play_queue import PlayQueue
from moodplayer.engine.tracks import Track


def queue(n):
    return PlayQueue([Track(path=f"t{i}", title=f"T{i}") for i in range(n)])


def walk(order, q, steps):
    """Play ``steps`` entries the way the session does; returns their titles."""
    seen = []
    for _ in range(steps):
        index = order.following(q)
        if index is None:
            break
        q.go_to(index)
        order.started(q)
        seen.append(q.current_entry().title)
    return seen


def test_in_order_without_repeat_the_queue_ends_and_with_repeat_it_wraps():
    q, order = queue(3), PlayOrder()
    assert walk(order, q, 10) == ["T0", "T1", "T2"]
    order.set_repeat("queue")
    assert walk(order, q, 4) == ["T0", "T1", "T2", "T0"]
    with pytest.raises(ValueError):
        order.set_repeat("sometimes")


def test_shuffle_plays_every_entry_once_per_round_then_stops_or_starts_a_new_round():
    q, order = queue(8), PlayOrder(random.Random(4))
    order.set_shuffle(True, q)
    first = walk(order, q, 20)
    assert sorted(first) == sorted(f"T{i}" for i in range(8))  # all, once, then the end
    assert first != [f"T{i}" for i in range(8)]  # and not simply in order (seeded)
    order.set_repeat("queue")
    second = walk(order, q, 8)
    assert sorted(second) == sorted(first)  # a fresh round with every entry again
    assert second[0] != first[-1]  # the one that just played is not picked again at once


def test_shuffle_previous_retraces_the_walk_and_skips_removed_entries():
    q, order = queue(6), PlayOrder(random.Random(1))
    order.set_shuffle(True, q)
    played = walk(order, q, 4)
    q.go_to(order.preceding(q))
    order.started(q)
    assert q.current_entry().title == played[2]
    # Remove the one before it: "previous" goes further back instead of failing.
    removed = next(i for i, e in enumerate(q.entries) if e.title == played[1])
    q.remove(removed)
    q.go_to(order.preceding(q))
    assert q.current_entry().title == played[0]
    assert order.preceding(q) is None  # the start of the walk: restart this one


def test_peek_announces_the_same_pick_following_then_takes():
    q, order = queue(10), PlayOrder(random.Random(7))
    order.set_shuffle(True, q)
    q.go_to(0)
    order.started(q)
    announced = order.peek(q)
    assert order.peek(q) is announced  # stable until it is used
    assert q.entries[order.following(q)] is announced


def test_repeat_cycles_off_queue_one():
    order = PlayOrder()
    assert [order.cycle_repeat() for _ in range(3)] == ["queue", "one", "off"]
