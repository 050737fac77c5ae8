"""What the app needs from a media player, and a player that only pretends.

The app drives playback through the small ``Player`` protocol so it never
cares which backend plays: libVLC (``engine/playback/vlc.py``), or
``NullPlayer`` here. The null player keeps the app fully usable when libVLC
is missing (queues still build, the transport still moves) and it is the
test double for the app's queue logic: the idea comes from Quod Libet's
null backend.

Callbacks (``on_end``, ``on_error``) may be called from a backend thread
(libVLC calls them from its own event thread), so a GUI must marshal them to
its own thread before touching widgets or the player again.
"""

from __future__ import annotations

import enum
import threading
import time
from pathlib import Path
from typing import Callable, Optional, Protocol


class PlayerState(enum.Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


EndCallback = Callable[[str], None]  # path that ended
ErrorCallback = Callable[[str, str], None]  # path, message for a person


class Player(Protocol):
    """One item at a time; times in seconds, volume 0-100."""

    name: str
    plays_sound: bool  # False for the null player: the UI says so
    on_end: Optional[EndCallback]
    on_error: Optional[ErrorCallback]

    def play(self, path: Optional[str] = None) -> None:
        """Start ``path`` from the beginning, or resume the current item."""

    def pause(self) -> None: ...
    def stop(self) -> None: ...
    def seek(self, seconds: float) -> None: ...
    def set_volume(self, volume: int) -> None: ...
    def volume(self) -> int: ...
    def position(self) -> float: ...
    def duration(self) -> Optional[float]: ...
    def state(self) -> PlayerState: ...
    def current(self) -> Optional[str]: ...
    def set_video_target(self, window_id: Optional[int]) -> None: ...
    def close(self) -> None: ...

    # Optional (a session checks with getattr): open a file paused at a time, e.g.
    # the queue restored at start-up; and open the next file ahead of time.
    # def cue(self, path: str, position: float) -> None: ...
    # def prepare(self, path: Optional[str]) -> None: ...


def media_duration(path: str) -> Optional[float]:
    """Length of an audio file from its tags (mutagen), or None when unknown."""
    try:
        import mutagen

        info = mutagen.File(path)
        length = getattr(getattr(info, "info", None), "length", None)
        return float(length) if length and length > 0 else None
    except Exception:  # unreadable tags only mean "unknown length"
        return None


class NullPlayer:
    """Plays nothing, keeps perfect time.

    A missing or empty file is reported through ``on_error`` just as a real
    backend would report an unplayable item, so the queue's skip logic is
    exercised the same way. ``speed`` > 1 makes tests run items quickly.
    """

    name = "null"
    plays_sound = False

    def __init__(self, default_duration: float = 180.0, speed: float = 1.0,
                 duration_of: Callable[[str], Optional[float]] = media_duration):
        self.default_duration = default_duration
        self.speed = speed
        self.duration_of = duration_of
        self.on_end: Optional[EndCallback] = None
        self.on_error: Optional[ErrorCallback] = None
        self._lock = threading.Lock()
        self._path: Optional[str] = None
        self._duration: Optional[float] = None
        self._state = PlayerState.STOPPED
        self._offset = 0.0  # media seconds played before _started
        self._started = 0.0  # monotonic time of the last (re)start
        self._timer: Optional[threading.Timer] = None
        self._volume = 80
        self._generation = 0  # a timer from an earlier item must not end this one
        self.prepared: Optional[str] = None  # what prepare() was last told

    # -- timing ------------------------------------------------------------
    def _now_position(self) -> float:
        if self._state is PlayerState.PLAYING:
            return self._offset + (time.monotonic() - self._started) * self.speed
        return self._offset

    def _arm(self) -> None:
        self._cancel_timer()
        remaining = max(0.0, (self._duration or 0.0) - self._offset) / self.speed
        generation = self._generation
        self._timer = threading.Timer(remaining, self._ended, args=(generation,))
        self._timer.daemon = True
        self._timer.start()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _ended(self, generation: int) -> None:
        with self._lock:
            if generation != self._generation or self._state is not PlayerState.PLAYING:
                return
            path = self._path
            self._offset = self._duration or 0.0
            self._state = PlayerState.STOPPED
        if self.on_end and path:
            self.on_end(path)

    # -- Player protocol ---------------------------------------------------
    def play(self, path: Optional[str] = None) -> None:
        if path is not None:
            problem = None
            p = Path(path)
            if not p.is_file():
                problem = "the file is missing"
            elif p.stat().st_size == 0:
                problem = "the file is empty"
            with self._lock:
                self._generation += 1
                self._cancel_timer()
                self._path = str(path)
                self._offset = 0.0
                self._state = PlayerState.STOPPED
                if problem is None:
                    self._duration = self.duration_of(str(path)) or self.default_duration
            if problem is not None:
                if self.on_error:
                    self.on_error(str(path), problem)
                return
        with self._lock:
            if self._path is None or self._state is PlayerState.PLAYING:
                return
            if self._offset >= (self._duration or 0.0):
                self._offset = 0.0
            self._state = PlayerState.PLAYING
            self._started = time.monotonic()
            self._arm()

    def pause(self) -> None:
        with self._lock:
            if self._state is PlayerState.PLAYING:
                self._offset = self._now_position()
                self._state = PlayerState.PAUSED
                self._cancel_timer()

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            self._cancel_timer()
            self._offset = 0.0
            self._state = PlayerState.STOPPED

    def seek(self, seconds: float) -> None:
        with self._lock:
            if self._path is None:
                return
            self._offset = max(0.0, min(float(seconds), self._duration or 0.0))
            if self._state is PlayerState.PLAYING:
                self._started = time.monotonic()
                self._arm()

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, int(volume)))

    def volume(self) -> int:
        return self._volume

    def position(self) -> float:
        with self._lock:
            return min(self._now_position(), self._duration or 0.0)

    def duration(self) -> Optional[float]:
        return self._duration

    def state(self) -> PlayerState:
        return self._state

    def current(self) -> Optional[str]:
        return self._path

    def set_video_target(self, window_id: Optional[int]) -> None:
        """Nothing to draw."""

    def cue(self, path: str, position: float) -> None:
        """Load ``path`` paused at ``position`` seconds, as a restored queue needs."""
        self.play(path)  # reports a missing file exactly as play does
        with self._lock:
            if self._path != str(path) or self._state is not PlayerState.PLAYING:
                return  # the file was missing or empty: play() has reported it
            self._cancel_timer()
            self._offset = max(0.0, min(float(position), self._duration))
            self._state = PlayerState.PAUSED

    def prepare(self, path: Optional[str]) -> None:
        """Remember what comes next; a real backend would open it early."""
        self.prepared = path

    def close(self) -> None:
        self.stop()
