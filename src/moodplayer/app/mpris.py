"""MPRIS 2: the desktop's media controls, playerctl and headset keys drive MoodPlayer.

``MprisService`` only translates. Calls become the player controller's
methods (the rules stay in ``core.player``), and the session's state becomes
MPRIS properties, announced with PropertiesChanged whenever one changes and
with Seeked after every jump.

How it is built, and why: PySide6's QtDBus cannot write a 64-bit integer
inside a map, so the object is a ``QDBusVirtualObject`` that answers every
call itself with values typed by ``dbus_values`` (``x`` positions, ``o``
track ids, ``a{sv}`` metadata). Seeked, a bare ``x`` outside any map, is
sent by a Qt adaptor whose signal is declared ``qlonglong``; QtDBus relays
adaptor signals of a virtual object registered with the SubPath option.
tests/app/test_mpris.py checks every type on a private bus, so a Qt release
that changes any of this fails the tests instead of the user's controls.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

from PySide6.QtCore import ClassInfo, QTimer, Signal
from PySide6.QtDBus import (QDBusAbstractAdaptor, QDBusConnection, QDBusMessage,
                            QDBusObjectPath, QDBusVirtualObject)

from ..core.now_playing import describe
from ..engine.tracks import Track, guess_kind
from . import mpris_spec as spec
from .dbus_values import DBusValues, Int64, string_list

log = logging.getLogger(__name__)
US = 1_000_000  # MPRIS counts microseconds
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".bmp", ".tif",
                  ".tiff"}


@ClassInfo({"D-Bus Interface": spec.PLAYER})
class _SeekedSignal(QDBusAbstractAdaptor):
    """Only for Seeked: QtDBus sends it with its declared 64-bit type."""

    Seeked = Signal("qlonglong")


class MprisService(QDBusVirtualObject):
    def __init__(self, window, bus: Optional[QDBusConnection] = None):
        super().__init__()
        self.w = window
        self.c = window.controller
        self.bus = bus or QDBusConnection.sessionBus()
        self.values = DBusValues(self.bus)
        self._seeked = _SeekedSignal(self)
        self._track_serial = 0
        self._track = None  # the entry the current track id and metadata belong to
        self._metadata = None  # cached: covers are read from disk once per track
        self._last = {}  # the properties as last announced, per interface
        self.bus_name = None

    # -- start and stop ----------------------------------------------------------------
    def register(self) -> bool:
        ok = self.bus.registerVirtualObject(spec.OBJECT_PATH, self,
                                            QDBusConnection.VirtualObjectRegisterOption.SubPath)
        if not ok:
            log.warning("MPRIS: %s is taken on this bus connection", spec.OBJECT_PATH)
            return False
        for name in (spec.BUS_NAME, f"{spec.BUS_NAME}.instance{os.getpid()}"):
            if self.bus.registerService(name):  # a second MoodPlayer gets the spec's suffix
                self.bus_name = name
                break
        c = self.c
        for signal in (c.state_changed, c.now_playing, c.restored, c.queue_changed,
                       c.options_changed):
            signal.connect(self.announce)
        c.position_changed.connect(self._position_changed)
        c.seeked.connect(lambda seconds: self._seeked.Seeked.emit(int(seconds * US)))
        self._last = {iface: self.properties(iface) for iface in (spec.ROOT, spec.PLAYER)}
        return self.bus_name is not None

    def close(self) -> None:
        if self.bus_name:
            self.bus.unregisterService(self.bus_name)
            self.bus_name = None
        self.bus.unregisterObject(spec.OBJECT_PATH)
        self.values.close()

    # -- the state, as MPRIS properties -------------------------------------------------------
    def properties(self, interface: str) -> dict:
        if interface == spec.ROOT:
            return {"CanQuit": True, "CanRaise": True, "HasTrackList": False,
                    "Identity": "MoodPlayer", "DesktopEntry": "moodplayer",
                    "SupportedUriSchemes": spec.SUPPORTED_SCHEMES,
                    "SupportedMimeTypes": spec.SUPPORTED_MIME_TYPES}
        if interface != spec.PLAYER:
            return {}
        s = self.c.session
        has_track = s.current() is not None
        return {
            "PlaybackStatus": s.player.state().value.capitalize(),
            "LoopStatus": spec.LOOP_STATUS[s.repeat],
            "Rate": 1.0, "MinimumRate": 1.0, "MaximumRate": 1.0,
            "Shuffle": s.shuffle,
            "Metadata": self.metadata(),
            "Volume": 0.0 if s.muted else s.volume / 100.0,
            "Position": Int64(round(s.player.position() * US)) if has_track else Int64(0),
            "CanGoNext": s.can_go_next(),
            "CanGoPrevious": s.can_go_previous(),
            "CanPlay": len(s.queue) > 0,
            "CanPause": has_track,
            "CanSeek": has_track and bool(s.player.duration()),
            "CanControl": True,
        }

    def track_id(self) -> str:
        track = self.c.session.current()
        if track is None:
            return spec.NO_TRACK
        if track is not self._track:
            self._track, self._metadata = track, None
            self._track_serial += 1
        return f"{spec.TRACK_PREFIX}{self._track_serial}"

    def metadata(self) -> dict:
        track_id = self.track_id()
        if self._track is None or self.c.session.current() is None:
            return {"mpris:trackid": QDBusObjectPath(spec.NO_TRACK)}
        if self._metadata is None:
            info = describe(self._track, self.c.player, self.w.library.cover_art)
            meta = {"mpris:trackid": QDBusObjectPath(track_id), "xesam:title": info.title,
                    "xesam:url": Path(info.path).resolve().as_uri()}
            if info.artist:
                meta["xesam:artist"] = [info.artist]
            if info.album:
                meta["xesam:album"] = info.album
            if info.cover is not None:
                meta["mpris:artUrl"] = info.cover.resolve().as_uri()
            self._metadata = meta
        length = self.c.player.duration() or self._track.duration
        meta = dict(self._metadata)
        if length:
            meta["mpris:length"] = Int64(round(length * US))
        return meta

    # -- telling the desktop ------------------------------------------------------------------
    def announce(self, *_) -> None:
        """PropertiesChanged with whatever differs from what was last announced."""
        for interface in (spec.PLAYER,):
            now = self.properties(interface)
            now.pop("Position", None)  # the spec: clients compute it, we never announce it
            before = self._last.get(interface, {})
            changed = {k: v for k, v in now.items() if before.get(k) != v}
            self._last[interface] = now
            if changed:
                signal = QDBusMessage.createSignal(spec.OBJECT_PATH, spec.PROPERTIES,
                                                   "PropertiesChanged")
                signal.setArguments([interface, self.values.vardict(changed), string_list([])])
                self.bus.send(signal)

    def _position_changed(self, _position: float, duration: float) -> None:
        # The length of a track is often known only once it plays; so is CanSeek.
        last = self._last.get(spec.PLAYER, {})
        if bool(duration) != last.get("CanSeek") or \
                ("mpris:length" in last.get("Metadata", {})) != bool(duration):
            self.announce()

    # -- answering calls ------------------------------------------------------------------------
    def introspect(self, path: str) -> str:
        return ""  # no child nodes

    def handleMessage(self, message, connection) -> bool:
        try:
            reply = self._answer(message)
        except Exception as exc:  # noqa: BLE001 - a bad call gets an error reply, never a crash
            log.exception("MPRIS: %s.%s failed", message.interface(), message.member())
            reply = message.createErrorReply("org.freedesktop.DBus.Error.Failed", str(exc))
        if message.type() == QDBusMessage.MethodCallMessage:
            connection.send(reply)
        return True

    def _error(self, message, name: str, text: str):
        return message.createErrorReply(f"org.freedesktop.DBus.Error.{name}", text)

    def _answer(self, message):
        iface, member, args = message.interface(), message.member(), message.arguments()
        if message.path() != spec.OBJECT_PATH:
            return self._error(message, "UnknownObject", f"No object at {message.path()}")
        if iface == spec.INTROSPECTABLE and member == "Introspect":
            return message.createReply(spec.INTROSPECTION)  # one value: a list would be "av"
        if iface == spec.PEER and member == "Ping":
            return message.createReply()
        if iface == spec.PEER and member == "GetMachineId":
            return message.createReply(bytes(self.bus.localMachineId()).decode())
        if iface == spec.PROPERTIES:
            return self._properties_call(message, member, args)
        if iface in spec.METHODS and member in spec.METHODS[iface]:
            if message.signature() != spec.METHODS[iface][member]:
                return self._error(message, "InvalidArgs",
                                   f"{member} takes ({spec.METHODS[iface][member]}), "
                                   f"not ({message.signature()})")
            return self._method(message, member, args)
        return self._error(message, "UnknownMethod", f"No method {iface}.{member}")

    def _properties_call(self, message, member, args):
        if member == "GetAll" and message.signature() == "s":
            reply = message.createReply()
            reply.setArguments([self.values.vardict(self.properties(args[0]))])
            return reply
        if member == "Get" and message.signature() == "ss":
            props = self.properties(args[0])
            if args[1] not in props:
                return self._error(message, "UnknownProperty", f"No property {args[1]}")
            reply = message.createReply()
            reply.setArguments([self.values.variant(props[args[1]])])
            return reply
        if member == "Set" and message.signature() == "ssv":
            return self._set(message, args[0], args[1], args[2].variant())
        return self._error(message, "InvalidArgs",
                           f"Properties.{member} with ({message.signature()})")

    def _set(self, message, iface, name, value):
        if name not in spec.WRITABLE.get(iface, set()):
            return self._error(message, "PropertyReadOnly", f"{name} cannot be set")
        c = self.c
        if name == "Volume" and isinstance(value, (int, float)):
            c.set_volume(round(max(0.0, min(1.0, float(value))) * 100))
        elif name == "Shuffle" and isinstance(value, bool):
            c.set_shuffle(value)
        elif name == "LoopStatus" and value in spec.LOOP_STATUS.values():
            c.set_repeat(next(k for k, v in spec.LOOP_STATUS.items() if v == value))
        elif name == "Rate" and isinstance(value, (int, float)):
            pass  # MinimumRate = MaximumRate = 1.0: other rates are ignored, as the spec allows
        else:
            return self._error(message, "InvalidArgs", f"{value!r} is not a valid {name}")
        return message.createReply()

    def _method(self, message, member, args):
        c, state = self.c, self.c.player.state().value
        if member == "Raise":
            self.w.show_in_front()
        elif member == "Quit":
            QTimer.singleShot(0, self.w.quit_app)  # after the reply has gone out
        elif member in ("Next", "Previous", "Stop"):
            getattr(c, member.lower())()
        elif member == "PlayPause" or (member == "Play" and state != "playing") \
                or (member == "Pause" and state == "playing"):
            c.toggle()
        elif member == "Seek" and c.session.current() is not None:
            c.seek_by(args[0] / US)
        elif member == "SetPosition":
            self._set_position(args[0].path(), args[1])
        elif member == "OpenUri":
            problem = self.open_uri(args[0])
            if problem:
                return self._error(message, "InvalidArgs", problem)
        return message.createReply()

    def _set_position(self, track_id: str, position_us: int) -> None:
        length = self.c.player.duration()
        if track_id != self.track_id() or position_us < 0 or (length and position_us > length * US):
            return  # a stale id or a time outside the track: ignored, as the spec says
        self.c.seek(position_us / US)

    def open_uri(self, uri: str) -> Optional[str]:
        """Photos (or a folder of them) are read for their mood; music and videos play now."""
        parsed = urlparse(uri)
        if parsed.scheme not in ("file", ""):
            return f"Only local files can be opened, not {parsed.scheme}: URIs."
        path = unquote(parsed.path)
        if not os.path.exists(path):
            return f"{path} does not exist."
        if os.path.isdir(path) or Path(path).suffix.lower() in PHOTO_SUFFIXES:
            self.w.show_in_front()
            self.w.photos.add_photos([path])
            return None
        self.c.insert_next([Track(path, kind=guess_kind(path))])
        self.c.next()
        return None


def start_mpris(window, bus: Optional[QDBusConnection] = None) -> Optional[MprisService]:
    """The MPRIS service for ``window``, or None (one log line) where there is no session bus."""
    bus = bus or QDBusConnection.sessionBus()
    if not bus.isConnected():
        log.info("no D-Bus session bus (%s): desktop media controls are off",
                 bus.lastError().message() or "not connected")
        return None
    service = MprisService(window, bus)
    if not service.register():
        service.close()
        return None
    return service
