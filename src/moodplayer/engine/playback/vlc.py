"""libVLC behind the engine's ``Player`` protocol.

libVLC plays audio itself and draws video into a native window we hand it
(the now-playing widget's window id). Its events arrive on libVLC's own
thread; we only forward them to ``on_end``/``on_error`` and never call back
into libVLC from there (that deadlocks): a front-end moves them onto its own
thread first (the window's PlayerController does).

``make_player`` never fails: without python-vlc or libVLC it returns the
``NullPlayer`` and a message telling the user how to install VLC.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import NullPlayer, PlayerState

log = logging.getLogger(__name__)

# Options for tests and headless machines: no sound card, no display.
HEADLESS_OPTIONS = ("--aout=adummy", "--vout=dummy", "--no-xlib", "--file-caching=100")
DEFAULT_OPTIONS = ("--no-video-title-show", "--quiet")


def install_hint() -> str:
    if sys.platform.startswith("win"):
        how = ("Install VLC 3 (64-bit) from https://www.videolan.org/vlc/ and restart "
               "MoodPlayer.")
    elif sys.platform == "darwin":
        how = ("Install VLC 3 from https://www.videolan.org/vlc/ into /Applications "
               "(or 'brew install --cask vlc') and restart MoodPlayer.")
    else:
        how = ("Install libVLC and its plugins, for example on Debian/Ubuntu: "
               "'sudo apt install libvlc5 vlc-plugin-base vlc-plugin-video-output', "
               "on Fedora: 'sudo dnf install vlc' — then restart MoodPlayer.")
    return ("VLC was not found, so MoodPlayer cannot play sound or video. Photos are "
            "still analysed and queues are still built; the player moves silently. " + how)


class VlcUnavailable(Exception):
    pass


class VlcPlayer:
    name = "vlc"
    plays_sound = True

    def __init__(self, options: Sequence[str] = DEFAULT_OPTIONS):
        try:
            import vlc
        except Exception as exc:  # ImportError, or OSError when libvlc.so is missing
            raise VlcUnavailable(f"python-vlc could not load libVLC ({exc})") from None
        self._vlc = vlc
        instance = vlc.Instance(list(options))
        if instance is None:  # libVLC without its plugins returns None, silently
            raise VlcUnavailable("libVLC started without its plugins")
        self._instance = instance
        self._player = instance.media_player_new()
        self._path: Optional[str] = None
        self._video_target: Optional[int] = None
        self.on_end = None
        self.on_error = None
        events = self._player.event_manager()
        events.event_attach(vlc.EventType.MediaPlayerEndReached, self._vlc_end)
        events.event_attach(vlc.EventType.MediaPlayerEncounteredError, self._vlc_error)
        events.event_attach(vlc.EventType.MediaPlayerLengthChanged, self._vlc_length)
        self._length_seen = False

    # -- libVLC thread -----------------------------------------------------
    def _vlc_length(self, event) -> None:
        if event.u.new_length > 0:
            self._length_seen = True

    def _vlc_end(self, _event) -> None:
        if not self._path:
            return
        if not self._length_seen:
            # libVLC "ends" a file it could not demux (random bytes named .mp3)
            # instead of reporting an error: no length ever seen means unplayable.
            if self.on_error:
                self.on_error(self._path, "VLC could not play this file (unsupported or damaged)")
        elif self.on_end:
            self.on_end(self._path)

    def _vlc_error(self, _event) -> None:
        if self.on_error and self._path:
            self.on_error(self._path, "VLC could not play this file (unsupported or damaged)")

    # -- Player protocol ---------------------------------------------------
    def play(self, path: Optional[str] = None) -> None:
        if path is not None:
            self._path = str(path)
            if not Path(path).is_file():
                if self.on_error:
                    self.on_error(self._path, "the file is missing")
                return
            self._length_seen = False
            # bytes: a file name that is not UTF-8 reaches libVLC exactly as the OS has it
            media = self._instance.media_new_path(os.fsencode(str(path)))
            self._player.set_media(media)
            media.release()
            self._attach_video()
        if self._player.play() == -1 and self.on_error and self._path:
            self.on_error(self._path, "VLC refused to start this file")

    def _attach_video(self) -> None:
        if self._video_target is None:
            return
        wid = int(self._video_target)
        if sys.platform.startswith("linux"):
            self._player.set_xwindow(wid)
        elif sys.platform.startswith("win"):
            self._player.set_hwnd(wid)
        elif sys.platform == "darwin":
            self._player.set_nsobject(wid)

    def pause(self) -> None:
        if self._player.is_playing():
            self._player.set_pause(1)

    def stop(self) -> None:
        self._player.stop()

    def seek(self, seconds: float) -> None:
        self._player.set_time(int(max(0.0, seconds) * 1000))

    def set_volume(self, volume: int) -> None:
        self._player.audio_set_volume(max(0, min(100, int(volume))))

    def volume(self) -> int:
        v = self._player.audio_get_volume()
        return v if v >= 0 else 0

    def position(self) -> float:
        ms = self._player.get_time()
        return ms / 1000.0 if ms and ms > 0 else 0.0

    def duration(self) -> Optional[float]:
        ms = self._player.get_length()
        return ms / 1000.0 if ms and ms > 0 else None

    def state(self) -> PlayerState:
        st = self._player.get_state()
        S = self._vlc.State
        if st in (S.Playing, S.Opening, S.Buffering):
            return PlayerState.PLAYING
        if st == S.Paused:
            return PlayerState.PAUSED
        return PlayerState.STOPPED

    def current(self) -> Optional[str]:
        return self._path

    def set_video_target(self, window_id: Optional[int]) -> None:
        self._video_target = window_id

    def close(self) -> None:
        try:
            self._player.stop()
            self._player.release()
            self._instance.release()
        except Exception:  # shutting down: nothing useful to report
            pass


def make_player(headless: bool = False):
    """(player, message or None). The message explains a fallback to the null player."""
    try:
        return VlcPlayer(HEADLESS_OPTIONS if headless else DEFAULT_OPTIONS), None
    except VlcUnavailable as exc:
        log.warning("no libVLC: %s", exc)
        return NullPlayer(), install_hint()
