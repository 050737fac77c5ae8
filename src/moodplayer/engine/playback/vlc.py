"""libVLC behind the engine's ``Player`` protocol.

libVLC plays audio itself and draws video into a native window we hand it
(the now-playing widget's window id), or into a window of its own when no
id is given (Wayland: a Qt window id means nothing to libVLC there). Its
events arrive on libVLC's own thread; we only forward them to
``on_end``/``on_error`` and never call back into libVLC from there (that
deadlocks): a front-end moves them onto its own thread first (the window's
PlayerController does).

``make_player`` never fails: without python-vlc or libVLC it returns the
``NullPlayer`` and a message telling the user how to install VLC.

ReplayGain is an option of the libVLC *instance* (``--audio-replay-gain-mode``),
read when the audio output opens, so changing it builds a new instance; that
happens between two items, never in the middle of one.

Gaps between items: libVLC 3 has no gapless playback. Measured on this
backend (paced audio callbacks standing in for a sound card, 4 s files) the
silence between two items is about 130 ms: ~95 ms until libVLC reports the
end of the first, ~35 ms to start the second. Opening the next file early
(pre-parsed, or a second player waiting paused) did not shorten it, so
``prepare`` only pre-parses the next file: its length is known the moment
it starts (the seek bar and the desktop's media controls need it).
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
REPLAY_GAIN_MODES = {"track": "track", "album": "album", "off": "none"}


def replay_gain_option(mode: str) -> str:
    """The libVLC option for a ReplayGain setting: track, album or off."""
    if mode not in REPLAY_GAIN_MODES:
        raise ValueError(f"ReplayGain must be one of {', '.join(REPLAY_GAIN_MODES)}, not {mode!r}")
    return f"--audio-replay-gain-mode={REPLAY_GAIN_MODES[mode]}"


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

    def __init__(self, options: Sequence[str] = DEFAULT_OPTIONS, replay_gain: str = "off"):
        try:
            import vlc
        except Exception as exc:  # ImportError, or OSError when libvlc.so is missing
            raise VlcUnavailable(f"python-vlc could not load libVLC ({exc})") from None
        self._vlc = vlc
        self._options = [o for o in options if not o.startswith("--audio-replay-gain-mode")]
        self.replay_gain = replay_gain
        self._gain_pending = False
        self._path: Optional[str] = None
        self._video_target: Optional[int] = None
        self._prepared = None  # (path, parsed media) for the item after this one
        self._media = None  # the current item's media, whose parsed length we may use
        self._cued_at: Optional[float] = None  # a cued position, until playback moves
        self._volume = 100
        self.on_end = None
        self.on_error = None
        self._length_seen = False
        self._open()

    def _open(self) -> None:
        """A libVLC instance and media player with the current options."""
        vlc = self._vlc
        instance = vlc.Instance(self._options + [replay_gain_option(self.replay_gain)])
        if instance is None:  # libVLC without its plugins returns None, silently
            raise VlcUnavailable("libVLC started without its plugins")
        self._instance = instance
        self._player = instance.media_player_new()
        self._player.audio_set_volume(self._volume)
        events = self._player.event_manager()
        events.event_attach(vlc.EventType.MediaPlayerEndReached, self._vlc_end)
        events.event_attach(vlc.EventType.MediaPlayerEncounteredError, self._vlc_error)
        events.event_attach(vlc.EventType.MediaPlayerLengthChanged, self._vlc_length)

    def set_replay_gain(self, mode: str) -> None:
        """Takes effect from the next item (libVLC reads it when the output opens)."""
        replay_gain_option(mode)  # refuse an unknown mode now, not at the next track
        if mode != self.replay_gain:
            self.replay_gain, self._gain_pending = mode, True
            if self.state() is PlayerState.STOPPED:
                self._reopen()

    def _reopen(self) -> None:
        old_player, old_instance = self._player, self._instance
        self._gain_pending = False
        self._drop_prepared()  # parsed by the old instance
        self._open()
        old_player.stop()
        old_player.release()
        old_instance.release()

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
        if path is not None and not self._load(path):
            return
        if self._player.play() == -1 and self.on_error and self._path:
            self.on_error(self._path, "VLC refused to start this file")

    def cue(self, path: str, position: float) -> None:
        """Open ``path`` paused at ``position`` seconds, without a sound."""
        if self._load(path, (":start-paused", f":start-time={float(position):.3f}")):
            self._cued_at = float(position)  # libVLC reports 0 until playback moves
            self._player.play()

    def _load(self, path, options=()) -> bool:
        self._path, self._cued_at = str(path), None
        if not Path(path).is_file():
            if self.on_error:
                self.on_error(self._path, "the file is missing")
            return False
        if self._gain_pending:
            self._reopen()
        self._length_seen = False
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[0] == self._path and not options:
            media = prepared[1]
        else:
            media = self._media_for(self._path)
        for option in options:
            media.add_option(option)
        self._player.set_media(media)
        self._release(self._media)
        self._media = media  # kept: its parsed length stands in until playback reports one
        self._attach_video()
        return True

    def prepare(self, path: Optional[str]) -> None:
        """Parse the next file's tags and length ahead (local only, no network)."""
        if path is None or not Path(path).is_file():
            self._prepared = None
            return
        if self._prepared is not None and self._prepared[0] == str(path):
            return
        self._drop_prepared()
        media = self._media_for(str(path))
        media.parse_with_options(self._vlc.MediaParseFlag.local, 0)  # async, on libVLC's thread
        self._prepared = (str(path), media)

    def _media_for(self, path: str):
        # bytes: a file name that is not UTF-8 reaches libVLC exactly as the OS has it
        return self._instance.media_new_path(os.fsencode(path))

    def _drop_prepared(self) -> None:
        if self._prepared is not None:
            self._release(self._prepared[1])
            self._prepared = None

    @staticmethod
    def _release(media) -> None:
        if media is not None:
            media.release()

    def _attach_video(self) -> None:
        if self._video_target is None:
            if sys.platform.startswith("linux"):
                self._player.set_xwindow(0)  # forget an earlier target: libVLC's own window
            return
        # Clicks and keys go to our widget (double-click for fullscreen), not to libVLC.
        self._player.video_set_mouse_input(False)
        self._player.video_set_key_input(False)
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
        self._cued_at = None
        self._player.stop()

    def seek(self, seconds: float) -> None:
        if self._cued_at is not None:
            self._cued_at = max(0.0, seconds)
        self._player.set_time(int(max(0.0, seconds) * 1000))

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, int(volume)))
        self._player.audio_set_volume(self._volume)

    def volume(self) -> int:
        v = self._player.audio_get_volume()
        return v if v >= 0 else 0

    def position(self) -> float:
        ms = self._player.get_time()
        if self._cued_at is not None:
            if not (ms and ms > 0):
                return self._cued_at
            self._cued_at = None  # playback moved: libVLC knows the time again
        return ms / 1000.0 if ms and ms > 0 else 0.0

    def duration(self) -> Optional[float]:
        ms = self._player.get_length()
        if not (ms and ms > 0) and self._media is not None:
            ms = self._media.get_duration()  # parsed ahead by prepare()
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
        """A native window id to draw into, or None for libVLC's own window."""
        self._video_target = window_id

    def set_fullscreen(self, on: bool) -> None:
        """Fullscreen for libVLC's own window (an embedded video is the window's job)."""
        self._player.set_fullscreen(bool(on))

    def close(self) -> None:
        try:
            self._player.stop()
            self._drop_prepared()
            self._release(self._media)
            self._media = None
            self._player.release()
            self._instance.release()
        except Exception:  # shutting down: nothing useful to report
            pass


def make_player(headless: bool = False, replay_gain: str = "off"):
    """(player, message or None). The message explains a fallback to the null player."""
    try:
        return VlcPlayer(HEADLESS_OPTIONS if headless else DEFAULT_OPTIONS, replay_gain), None
    except VlcUnavailable as exc:
        log.warning("no libVLC: %s", exc)
        return NullPlayer(), install_hint()
