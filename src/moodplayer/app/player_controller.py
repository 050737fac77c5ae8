"""Walks the play queue through a ``Player``, on the GUI thread.

The player's end and error callbacks come from a backend thread (libVLC's
event thread, or the null player's timer); they only emit a signal here,
and the connected @Slot does the real work (next item, skip with a message)
on the GUI thread, where it may safely call the player again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from ..engine.playback import PlayerState
from .play_queue import PlayQueue, QueueEntry

MAX_SKIPS_IN_A_ROW = 20  # a queue of nothing but broken files must not spin forever


class PlayerController(QObject):
    # Raised from any thread by the backend callbacks:
    _ended = Signal(str)
    _errored = Signal(str, str)
    # For the widgets (GUI thread):
    now_playing = Signal(object)  # QueueEntry or None
    state_changed = Signal(str)  # PlayerState value
    position_changed = Signal(float, float)  # position, duration (0 when unknown)
    skipped = Signal(str, str)  # title, reason: the window shows it
    queue_changed = Signal()
    queue_finished = Signal()

    def __init__(self, player, queue: Optional[PlayQueue] = None, parent=None):
        super().__init__(parent)
        self.player = player
        self.queue = queue or PlayQueue()
        self._skips = 0
        self._last_state = None
        player.on_end = self._ended.emit
        player.on_error = self._errored.emit
        # Queued even when raised on the GUI thread (the null player reports a
        # missing file from inside play()): no re-entering _start from _start.
        self._ended.connect(self._on_ended, Qt.QueuedConnection)
        self._errored.connect(self._on_error, Qt.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    # -- queue ---------------------------------------------------------------
    def set_queue(self, entries, autoplay: bool = False) -> None:
        self.player.stop()
        self.queue.replace(entries)
        self.queue_changed.emit()
        self.now_playing.emit(None)
        if autoplay and entries:
            self.play_index(0)

    def append(self, entries) -> None:
        self.queue.entries.extend(entries)
        self.queue_changed.emit()

    def remove(self, index: int) -> None:
        playing = index == self.queue.current
        self.queue.remove(index)
        self.queue_changed.emit()
        if playing:
            self.player.stop()
            self.next()

    def reorder(self, order: list) -> None:
        self.queue.reorder(order)
        self.queue_changed.emit()

    def play_next(self, index: int) -> None:
        self.queue.play_next(index)
        self.queue_changed.emit()

    def insert_next(self, entries) -> None:
        for e in reversed(list(entries)):
            self.queue.insert_next(e)
        self.queue_changed.emit()

    # -- transport -------------------------------------------------------------
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
        self._poll()

    def next(self) -> None:
        entry = self.queue.advance()
        if entry is None:
            self.player.stop()
            self.now_playing.emit(None)
            self.queue_changed.emit()
            self.queue_finished.emit()
        else:
            self._start(entry)

    def previous(self) -> None:
        if self.player.position() > 3.0:  # like every player: restart first
            self.player.seek(0)
            return
        entry = self.queue.back()
        if entry is not None:
            self._start(entry)

    def stop(self) -> None:
        self.player.stop()
        self._poll()

    def seek(self, seconds: float) -> None:
        self.player.seek(seconds)
        self._poll()

    def set_volume(self, volume: int) -> None:
        self.player.set_volume(volume)

    def _start(self, entry: QueueEntry) -> None:
        self.now_playing.emit(entry)
        self.queue_changed.emit()
        self.player.play(entry.path)
        self._poll()

    # -- backend events, delivered on the GUI thread ----------------------------
    @Slot(str)
    def _on_ended(self, path: str) -> None:
        current = self.queue.current_entry()
        if current is None or current.path != path:
            return  # a late event for an item the user already left
        self._skips = 0
        self.next()

    @Slot(str, str)
    def _on_error(self, path: str, message: str) -> None:
        current = self.queue.current_entry()
        if current is None or current.path != path:
            return
        self.skipped.emit(current.title or Path(path).name, message)
        self._skips += 1
        if self._skips >= MAX_SKIPS_IN_A_ROW:
            self._skips = 0
            self.player.stop()
            self.now_playing.emit(None)
            return
        self.next()

    @Slot()
    def _poll(self) -> None:
        state = self.player.state()
        if state is not self._last_state:
            self._last_state = state
            self.state_changed.emit(state.value)
        self.position_changed.emit(self.player.position(), self.player.duration() or 0.0)

    def shutdown(self) -> None:
        self._timer.stop()
        self.player.on_end = None
        self.player.on_error = None
        self.player.close()
