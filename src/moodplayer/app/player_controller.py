"""The window's side of playback: Qt signals around the Qt-free ``PlaybackSession``.

The rules (next, previous, skipping broken files) live in ``core.player``.
This class only moves things between threads: the backend's end and error
callbacks come from libVLC's event thread (or the null player's timer), so
they are re-emitted as queued signals and handled on the GUI thread, where
it is safe to call the player again; and a timer polls state and position
for the transport bar.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from ..core.play_queue import PlayQueue
from ..core.player import PlaybackListener, PlaybackSession


class _Emitter(PlaybackListener):
    """The session's news, re-emitted as the controller's signals."""

    def __init__(self, controller: "PlayerController"):
        self.c = controller

    def now_playing(self, entry) -> None:
        self.c.now_playing.emit(entry)

    def queue_changed(self) -> None:
        self.c.queue_changed.emit()

    def queue_finished(self) -> None:
        self.c.queue_finished.emit()

    def skipped(self, title: str, reason: str) -> None:
        self.c.skipped.emit(title, reason)

    def restored(self, entry) -> None:
        self.c.restored.emit(entry)

    def options_changed(self) -> None:
        self.c.options_changed.emit()

    def seeked(self, seconds: float) -> None:
        self.c.seeked.emit(seconds)


class PlayerController(QObject):
    # Raised from any thread by the backend callbacks:
    _ended = Signal(str)
    _errored = Signal(str, str)
    # For the widgets (GUI thread):
    now_playing = Signal(object)  # Track or None
    state_changed = Signal(str)  # PlayerState value
    position_changed = Signal(float, float)  # position, duration (0 when unknown)
    skipped = Signal(str, str)  # title, reason: the window shows it
    queue_changed = Signal()
    queue_finished = Signal()
    restored = Signal(object)  # Track: a saved queue came back, paused (not a new play)
    options_changed = Signal()  # shuffle, repeat, volume or mute
    seeked = Signal(float)  # seconds: a jump, for the desktop's media controls

    def __init__(self, player, queue: Optional[PlayQueue] = None, parent=None):
        super().__init__(parent)
        self.session = PlaybackSession(player, queue, listener=_Emitter(self))
        self._last_state = None
        player.on_end = self._ended.emit
        player.on_error = self._errored.emit
        # Queued even when raised on the GUI thread (the null player reports a
        # missing file from inside play()): no re-entering the session from itself.
        self._ended.connect(self._on_ended, Qt.QueuedConnection)
        self._errored.connect(self._on_error, Qt.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    @property
    def player(self):
        return self.session.player

    @property
    def queue(self) -> PlayQueue:
        return self.session.queue

    # -- intents from the widgets -------------------------------------------------
    def set_queue(self, entries, autoplay: bool = False) -> None:
        self.session.set_queue(entries, autoplay)
        self._poll()

    def append(self, entries) -> None:
        self.session.append(entries)

    def remove(self, index: int) -> None:
        self.session.remove(index)
        self._poll()

    def reorder(self, order: list) -> None:
        self.session.reorder(order)

    def play_next(self, index: int) -> None:
        self.session.play_next(index)

    def insert_next(self, entries) -> None:
        self.session.insert_next(entries)

    def play_index(self, index: int) -> None:
        self.session.play_index(index)
        self._poll()

    def toggle(self) -> None:
        self.session.toggle()
        self._poll()

    def next(self) -> None:
        self.session.next()
        self._poll()

    def previous(self) -> None:
        self.session.previous()
        self._poll()

    def stop(self) -> None:
        self.session.stop()
        self._poll()

    def seek(self, seconds: float) -> None:
        self.session.seek(seconds)
        self._poll()

    def set_volume(self, volume: int) -> None:
        self.session.set_volume(volume)

    def seek_by(self, delta: float) -> None:
        self.session.seek_by(delta)
        self._poll()

    def toggle_mute(self) -> None:
        self.session.toggle_mute()

    def set_shuffle(self, on: bool) -> None:
        self.session.set_shuffle(on)

    def set_repeat(self, mode: str) -> None:
        self.session.set_repeat(mode)

    def cycle_repeat(self) -> None:
        self.session.cycle_repeat()

    def restore(self, memory) -> "str | None":
        """Put the saved queue back (core.queue_memory); returns a message for the user."""
        message = memory.restore(self.session)
        self._poll()
        return message

    # -- backend events, delivered on the GUI thread -------------------------------
    @Slot(str)
    def _on_ended(self, path: str) -> None:
        self.session.handle_end(path)
        self._poll()

    @Slot(str, str)
    def _on_error(self, path: str, message: str) -> None:
        self.session.handle_error(path, message)

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
