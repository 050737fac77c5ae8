"""The play queue as plain data: tracks, the current position, and edits.

The rules (what "next" means after a removal, where "play next" inserts)
live here and are tested without a window; ``core.player`` walks the queue.
"""

from __future__ import annotations

from typing import Optional

from ..engine.tracks import Track


class PlayQueue:
    def __init__(self, entries=None):
        self.entries: list = list(entries or [])
        self.current: int = -1  # index of the playing entry, -1 before the first

    def __len__(self) -> int:
        return len(self.entries)

    def replace(self, entries) -> None:
        self.entries = list(entries)
        self.current = -1

    def current_entry(self) -> Optional[Track]:
        if 0 <= self.current < len(self.entries):
            return self.entries[self.current]
        return None

    def go_to(self, index: int) -> Optional[Track]:
        if 0 <= index < len(self.entries):
            self.current = index
            return self.entries[index]
        return None

    def advance(self) -> Optional[Track]:
        """Move to the next entry; None (and past the end) when there is none."""
        if self.current + 1 < len(self.entries):
            self.current += 1
            return self.entries[self.current]
        self.current = len(self.entries)
        return None

    def back(self) -> Optional[Track]:
        if self.current > 0:
            self.current -= 1
            return self.entries[self.current]
        return self.current_entry()

    def remove(self, index: int) -> None:
        if not 0 <= index < len(self.entries):
            return
        del self.entries[index]
        if index < self.current:
            self.current -= 1
        elif index == self.current:
            # The playing entry is gone: the one after it takes its place, so
            # "next" continues from there rather than skipping one.
            self.current -= 1

    def move(self, src: int, dst: int) -> None:
        if not (0 <= src < len(self.entries) and 0 <= dst < len(self.entries)) or src == dst:
            return
        entry = self.entries.pop(src)
        self.entries.insert(dst, entry)
        if self.current == src:
            self.current = dst
        elif src < self.current <= dst:
            self.current -= 1
        elif dst <= self.current < src:
            self.current += 1

    def reorder(self, order: list) -> None:
        """Apply a permutation of indices (what a drag in the view produced)."""
        if sorted(order) != list(range(len(self.entries))):
            raise ValueError("not a permutation of the queue")
        playing = self.current_entry()
        self.entries = [self.entries[i] for i in order]
        if playing is not None:
            self.current = next(i for i, e in enumerate(self.entries) if e is playing)

    def insert_next(self, entry: Track) -> int:
        index = self.current + 1 if self.current >= 0 else 0
        self.entries.insert(index, entry)
        return index

    def play_next(self, index: int) -> None:
        """Move an existing entry to right after the playing one."""
        target = self.current + 1 if self.current >= 0 else 0
        if index < target:
            target -= 1
        self.move(index, target)

    def paths(self) -> set:
        return {e.path for e in self.entries}
