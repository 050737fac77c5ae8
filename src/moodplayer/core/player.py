"""Playing a queue: the rules every front-end shares, with no Qt and no threads.

``PlaybackSession`` walks a ``PlayQueue`` through any ``Player`` (libVLC,
the null player): what "next" means, when "previous" restarts the track,
how many broken files in a row are skipped before giving up. It tells its
``listener`` what changed; the listener's methods are all optional.

Backend callbacks (``player.on_end``/``on_error``) may arrive on a backend
thread: a front-end routes them to its own thread and then calls
``handle_end``/``handle_error`` (the window does this with a queued signal).

Shuffle and repeat (``core.play_order``), mute, relative seeks and putting a
saved queue back (paused where it was) are rules too, so the window, the
tray and the MPRIS adaptor all get them from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..engine.playback import PlayerState
from .play_order import PlayOrder
from .play_queue import PlayQueue

MAX_SKIPS_IN_A_ROW = 20  # a queue of nothing but broken files must not spin forever
RESTART_AFTER_S = 3.0  # "previous" later than this restarts the current track


class PlaybackListener:
    """What a front-end may want to hear; override what you need."""

    def now_playing(self, entry) -> None: ...
    def queue_changed(self) -> None: ...
    def queue_finished(self) -> None: ...
    def skipped(self, title: str, reason: str) -> None: ...
    def restored(self, entry) -> None: ...  # a saved queue came back, paused
    def options_changed(self) -> None: ...  # shuffle, repeat, volume or mute
    def seeked(self, seconds: float) -> None: ...  # a jump the clock cannot explain


class PlaybackSession:
    def __init__(self, player, queue: Optional[PlayQueue] = None, listener=None):
        self.player = player
        self.queue = queue or PlayQueue()
        self.listener = listener or PlaybackListener()
        self.order = PlayOrder()
        self.muted = False
        self._volume = 80
        self._skips = 0

    # -- the queue ---------------------------------------------------------------
    def set_queue(self, entries, autoplay: bool = False) -> None:
        self.player.stop()
        self.queue.replace(entries)
        self.order.reset()
        self.listener.queue_changed()
        self.listener.now_playing(None)
        if autoplay and self.queue.entries:
            self.play_index(0)

    def append(self, entries) -> None:
        self.queue.entries.extend(entries)
        self._edited()

    def remove(self, index: int) -> None:
        playing = index == self.queue.current
        self.queue.remove(index)
        self._edited()
        if playing:
            self.player.stop()
            self.next()

    def reorder(self, order: list) -> None:
        self.queue.reorder(order)
        self._edited()

    def play_next(self, index: int) -> None:
        self.queue.play_next(index)
        self._edited()

    def insert_next(self, entries) -> None:
        for e in reversed(list(entries)):
            self.queue.insert_next(e)
        self._edited()

    def _edited(self) -> None:
        self.listener.queue_changed()
        self._prepare_upcoming()

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
        index = self.order.following(self.queue)
        if index is not None:
            self.play_index(index)
        else:
            self.queue.current = len(self.queue)  # past the end: "previous" comes back
            self.player.stop()
            self.listener.now_playing(None)
            self.listener.queue_changed()
            self.listener.queue_finished()

    def previous(self) -> None:
        if self.player.position() > RESTART_AFTER_S:  # like every player: restart first
            self.seek(0)
            return
        index = self.order.preceding(self.queue)
        if index is not None:
            self.play_index(index)
        elif self.queue.current_entry() is not None:
            self._start(self.queue.current_entry())

    def stop(self) -> None:
        self.player.stop()

    def seek(self, seconds: float) -> None:
        if self.queue.current_entry() is None:
            return
        seconds = max(0.0, float(seconds))
        self.player.seek(seconds)
        self.listener.seeked(seconds)  # what was asked: libVLC reports the new time later

    def _start(self, entry) -> None:
        self.listener.now_playing(entry)
        self.listener.queue_changed()
        self.player.play(entry.path)
        self.order.started(self.queue)
        self._prepare_upcoming()

    # -- backend events, on the front-end's thread ---------------------------------
    def handle_end(self, path: str) -> None:
        current = self.queue.current_entry()
        if current is None or current.path != path:
            return  # a late event for an item the user already left
        self._skips = 0
        if self.order.repeat == "one":
            self._start(current)
        else:
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

    # -- options every front-end shows: shuffle, repeat, volume, mute --------------------
    @property
    def shuffle(self) -> bool:
        return self.order.shuffle

    @property
    def repeat(self) -> str:
        return self.order.repeat

    def set_shuffle(self, on: bool) -> None:
        self.order.set_shuffle(on, self.queue)
        self._options_changed()

    def set_repeat(self, mode: str) -> None:
        self.order.set_repeat(mode)
        self._options_changed()

    def cycle_repeat(self) -> str:
        mode = self.order.cycle_repeat()
        self._options_changed()
        return mode

    def _options_changed(self) -> None:
        self._prepare_upcoming()
        self.listener.options_changed()

    @property
    def volume(self) -> int:
        """The volume the user chose (0-100), also while muted."""
        return self._volume

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, int(volume)))
        self.muted = False  # moving the volume is the usual way out of mute
        self.player.set_volume(self._volume)
        self.listener.options_changed()

    def set_muted(self, on: bool) -> None:
        self.muted = bool(on)
        self.player.set_volume(0 if self.muted else self._volume)
        self.listener.options_changed()

    def toggle_mute(self) -> None:
        self.set_muted(not self.muted)

    def seek_by(self, delta: float) -> None:
        """Jump ``delta`` seconds from here, kept inside the track."""
        if self.queue.current_entry() is None or self.player.state() is PlayerState.STOPPED:
            return
        target = max(0.0, self.player.position() + float(delta))
        duration = self.player.duration()
        self.seek(min(target, duration) if duration else target)

    # -- what a front-end may ask ----------------------------------------------------------
    def current(self):
        return self.queue.current_entry()

    def can_go_next(self) -> bool:
        return self.order.following(self.queue) is not None

    def can_go_previous(self) -> bool:
        if self.queue.current_entry() is not None:
            return True  # at least a restart
        return not self.shuffle and self.queue.current > 0  # after the end: the last one

    def restore(self, entries, index: int, position: float = 0.0) -> None:
        """Put a saved queue back, paused ``position`` seconds into entry ``index``."""
        self.player.stop()
        self.queue.replace(entries)
        self.order.reset()
        entry = self.queue.go_to(index)
        self.listener.queue_changed()
        if entry is None:
            return
        cue = getattr(self.player, "cue", None)  # optional: players that can start paused
        if cue is not None:
            cue(entry.path, max(0.0, float(position)))
        self.order.started(self.queue)
        self.listener.restored(entry)
        self._prepare_upcoming()

    def _prepare_upcoming(self) -> None:
        """Let the player open what comes next ahead of time (shorter gap between items)."""
        prepare = getattr(self.player, "prepare", None)
        if prepare is None or self.queue.current_entry() is None:
            return
        upcoming = (self.queue.current_entry() if self.order.repeat == "one"
                    else self.order.peek(self.queue))
        prepare(upcoming.path if upcoming is not None else None)
