"""Playing a queue: the rules every front-end shares, with no Qt and no threads.

``PlaybackSession`` walks a ``PlayQueue`` through any ``Player`` (libVLC,
the null player): what "next" means, when "previous" restarts the track,
how many broken files in a row are skipped before giving up. It tells its
``listener`` what changed; the listener's methods are all optional.

Backend callbacks (``player.on_end``/``on_error``) may arrive on a backend
thread: a front-end routes them to its own thread and then calls
``handle_end``/``handle_error`` (the window does this with a queued signal).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..engine.playback import PlayerState
from .play_queue import PlayQueue

MAX_SKIPS_IN_A_ROW = 20  # a queue of nothing but broken files must not spin forever
RESTART_AFTER_S = 3.0  # "previous" later than this restarts the current track


class PlaybackListener:
    """What a front-end may want to hear; override what you need."""

    def now_playing(self, entry) -> None: ...
    def queue_changed(self) -> None: ...
    def queue_finished(self) -> None: ...
    def skipped(self, title: str, reason: str) -> None: ...


class PlaybackSession:
    def __init__(self, player, queue: Optional[PlayQueue] = None, listener=None):
        self.player = player
        self.queue = queue or PlayQueue()
        self.listener = listener or PlaybackListener()
        self._skips = 0

    # -- the queue ---------------------------------------------------------------
    def set_queue(self, entries, autoplay: bool = False) -> None:
        self.player.stop()
        self.queue.replace(entries)
        self.listener.queue_changed()
        self.listener.now_playing(None)
        if autoplay and self.queue.entries:
            self.play_index(0)

    def append(self, entries) -> None:
        self.queue.entries.extend(entries)
        self.listener.queue_changed()

    def remove(self, index: int) -> None:
        playing = index == self.queue.current
        self.queue.remove(index)
        self.listener.queue_changed()
        if playing:
            self.player.stop()
            self.next()

    def reorder(self, order: list) -> None:
        self.queue.reorder(order)
        self.listener.queue_changed()

    def play_next(self, index: int) -> None:
        self.queue.play_next(index)
        self.listener.queue_changed()

    def insert_next(self, entries) -> None:
        for e in reversed(list(entries)):
            self.queue.insert_next(e)
        self.listener.queue_changed()

    # -- transport ---------------------------------------------------------------
    def play_index(self, index: int) -> None:
        entry = self.queue.go_to(index)
        if entry is not None:
            self._start(entry)

    def toggle(self) -> None:
        state = self.player.state()
        if state is PlayerState.PLAYING:
            self.player.pause()
        elif state is PlayerState.PAUSED:
            self.player.play()
        elif self.queue.current_entry() is not None:
            self._start(self.queue.current_entry())
        elif len(self.queue):
            self.play_index(0)

    def next(self) -> None:
        entry = self.queue.advance()
        if entry is None:
            self.player.stop()
            self.listener.now_playing(None)
            self.listener.queue_changed()
            self.listener.queue_finished()
        else:
            self._start(entry)

    def previous(self) -> None:
        if self.player.position() > RESTART_AFTER_S:  # like every player: restart first
            self.player.seek(0)
            return
        entry = self.queue.back()
        if entry is not None:
            self._start(entry)

    def stop(self) -> None:
        self.player.stop()

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)

    def set_volume(self, volume: int) -> None:
        self.player.set_volume(volume)

    def _start(self, entry) -> None:
        self.listener.now_playing(entry)
        self.listener.queue_changed()
        self.player.play(entry.path)

    # -- backend events, on the front-end's thread ---------------------------------
    def handle_end(self, path: str) -> None:
        current = self.queue.current_entry()
        if current is None or current.path != path:
            return  # a late event for an item the user already left
        self._skips = 0
        self.next()

    def handle_error(self, path: str, message: str) -> None:
        current = self.queue.current_entry()
        if current is None or current.path != path:
            return
        self.listener.skipped(current.title or Path(path).name, message)
        self._skips += 1
        if self._skips >= MAX_SKIPS_IN_A_ROW:
            self._skips = 0
            self.player.stop()
            self.listener.now_playing(None)
            return
        self.next()
