"""Which entry plays after (and before) the current one: shuffle and repeat.

Plain rules over a ``PlayQueue``, no player and no Qt. ``PlaybackSession``
asks ``following`` when a track ends or the user presses "next", and
``preceding`` for "previous"; it calls ``started`` each time an entry starts
so shuffle knows what was already heard.

Shuffle is a walk without repeats: every entry plays once per round, in a
random order, and "previous" retraces the walk (a fresh random pick would
make "previous" useless). With repeat "queue" a new round starts when the
walk runs out; without it the queue ends. Repeat "one" only changes what
happens when a track *ends*: the user can still skip away from it.
"""

from __future__ import annotations

import random
from typing import Optional

REPEAT_MODES = ("off", "queue", "one")


def _index_of(entries, entry) -> int:
    """Index of this very entry object (two equal Tracks are still two entries)."""
    return next((i for i, e in enumerate(entries) if e is entry), -1)


class PlayOrder:
    def __init__(self, rng: Optional[random.Random] = None):
        self.shuffle = False
        self.repeat = "off"
        self._rng = rng or random.Random()
        self._heard: list = []  # entries started in this shuffle round, oldest first
        self._planned = None  # the shuffle pick announced by peek(), kept until used

    # -- settings --------------------------------------------------------------------
    def set_shuffle(self, on: bool, queue=None) -> None:
        self.shuffle = bool(on)
        self._planned = None
        current = queue.current_entry() if queue is not None else None
        # A new round starts from what plays now, so it is not picked again at once.
        self._heard = [current] if current is not None else []

    def set_repeat(self, mode: str) -> None:
        if mode not in REPEAT_MODES:
            raise ValueError(f"repeat must be one of {', '.join(REPEAT_MODES)}, not {mode!r}")
        self.repeat = mode

    def cycle_repeat(self) -> str:
        """off -> queue -> one -> off: what a single repeat button does."""
        self.set_repeat(REPEAT_MODES[(REPEAT_MODES.index(self.repeat) + 1) % len(REPEAT_MODES)])
        return self.repeat

    def reset(self) -> None:
        """A new queue: nothing heard, nothing planned."""
        self._heard = []
        self._planned = None

    # -- bookkeeping -----------------------------------------------------------------
    def started(self, queue) -> None:
        entry = queue.current_entry()
        if entry is None:
            return
        if self._planned is entry:
            self._planned = None
        if not any(e is entry for e in self._heard):
            self._heard.append(entry)

    # -- the rules -------------------------------------------------------------------
    def following(self, queue) -> Optional[int]:
        """Index to play after the current entry (for "next" and for the end of a track)."""
        entries = queue.entries
        if not entries:
            return None
        if not self.shuffle:
            if queue.current + 1 < len(entries):
                return queue.current + 1
            return 0 if self.repeat == "queue" else None
        pick = self.peek(queue)
        return None if pick is None else _index_of(entries, pick)

    def peek(self, queue):
        """The entry that will follow, without moving (so the player can prepare it)."""
        entries = queue.entries
        if not self.shuffle:
            index = self.following(queue)
            return None if index is None else entries[index]
        if self._planned is not None and _index_of(entries, self._planned) >= 0:
            return self._planned
        current = queue.current_entry()
        unheard = [e for e in entries
                   if e is not current and not any(e is h for h in self._heard)]
        if not unheard:
            if self.repeat != "queue":
                return None
            # A new round: everything again, only not the one that just played first.
            self._heard = []
            unheard = [e for e in entries if e is not current] or list(entries)
        self._planned = self._rng.choice(unheard)
        return self._planned

    def preceding(self, queue) -> Optional[int]:
        """Index for "previous", or None to restart the current entry."""
        entries = queue.entries
        if not self.shuffle:
            if queue.current > 0:
                return min(queue.current, len(entries)) - 1
            return None
        current = queue.current_entry()
        at = _index_of(self._heard, current)
        at = len(self._heard) if at < 0 else at
        for back in range(at - 1, -1, -1):  # walk back, past entries removed since
            index = _index_of(entries, self._heard[back])
            if index >= 0:
                del self._heard[back + 1:]  # what came after it may be picked again
                self._planned = None
                return index
        return None
