"""D-Bus values with the exact types a protocol asks for, from PySide6's QtDBus.

PySide6 turns a Python int into a 32-bit D-Bus ``i`` (and only a huge one
into ``x``), writes ``as`` for an empty list as ``av``, and offers no way to
write a 64-bit integer by hand. MPRIS needs ``x`` for positions and lengths
and ``as`` for lists, and strict clients (GLib's proxies, playerctl) drop
values of the wrong type. So:

- a 64-bit integer is *read back* from a tiny helper object whose Qt property
  is declared ``qlonglong``: QtDBus answers our own local Get with a variant
  that keeps that type, and we pass the variant on untouched;
- ``a{sv}`` maps are written entry by entry into a ``QDBusArgument``, each
  value wrapped in exactly one variant of its own type.

A value of any other Python type raises TypeError here, in Python: handing
QtDBus something it cannot marshal aborts the whole process inside libdbus.
"""

from __future__ import annotations

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject
from PySide6.QtDBus import (QDBusAbstractAdaptor, QDBusArgument, QDBusConnection, QDBusMessage,
                            QDBusObjectPath, QDBusVariant)

HELPER_PATH = "/org/moodplayer/MoodPlayer/Int64"
HELPER_INTERFACE = "org.moodplayer.Int64"
_STRING = QMetaType(QMetaType.Type.QString)
_VARIANT = QMetaType.fromName(b"QDBusVariant")


class Int64(int):
    """Marks an int that must travel as D-Bus ``x`` (µs positions and lengths)."""


@ClassInfo({"D-Bus Interface": HELPER_INTERFACE})
class _Int64Source(QDBusAbstractAdaptor):
    value = 0
    Value = Property("qlonglong", lambda self: self.value)


class DBusValues:
    """Typed values for one connection (the helper object lives on it)."""

    def __init__(self, bus: QDBusConnection):
        self.bus = bus
        self._holder = QObject()
        self._source = _Int64Source(self._holder)
        self.registered = bus.registerObject(HELPER_PATH, self._holder)

    def close(self) -> None:
        if self.registered:
            self.bus.unregisterObject(HELPER_PATH)
            self.registered = False

    def int64(self, value: int) -> QDBusVariant:
        """A variant holding ``value`` as D-Bus ``x``."""
        self._source.value = int(value)
        call = QDBusMessage.createMethodCall(self.bus.baseService(), HELPER_PATH,
                                             "org.freedesktop.DBus.Properties", "Get")
        call.setArguments([HELPER_INTERFACE, "Value"])
        reply = self.bus.call(call)  # our own object: answered locally, at once
        args = reply.arguments()
        if reply.type() != QDBusMessage.ReplyMessage or not args \
                or not isinstance(args[0], QDBusVariant):
            raise RuntimeError(f"cannot build a 64-bit D-Bus value: {reply.errorMessage()}")
        return args[0]

    def variant(self, value) -> QDBusVariant:
        """One variant of the right type for a Python value (see the module doc)."""
        if isinstance(value, QDBusVariant):
            return value
        if isinstance(value, Int64):
            return self.int64(value)
        if isinstance(value, (bool, float, str, QDBusObjectPath)):
            return QDBusVariant(value)
        if isinstance(value, (list, tuple)):
            return QDBusVariant(string_list(value))
        if isinstance(value, dict):
            return QDBusVariant(self.vardict(value))
        raise TypeError(f"no D-Bus type chosen for {type(value).__name__} {value!r}")

    def vardict(self, values: dict) -> QDBusArgument:
        """An ``a{sv}`` map, every value in one variant of its own type."""
        typed = [(str(k), self.variant(v)) for k, v in values.items()]  # fail before writing
        out = QDBusArgument()
        out.beginMap(_STRING, _VARIANT)
        for key, value in typed:
            out.beginMapEntry()
            out.appendVariant(key)  # appendVariant: a plain "s" (<< on a str writes "as")
            out << value
            out.endMapEntry()
        out.endMap()
        return out


def string_list(items) -> QDBusArgument:
    """An ``as`` array, also when empty (PySide writes an empty list as ``av``)."""
    items = list(items)
    if not all(isinstance(i, str) for i in items):
        raise TypeError("a D-Bus string list holds strings only")
    out = QDBusArgument()
    out.beginArray(_STRING)
    for item in items:
        out.appendVariant(item)
    out.endArray()
    return out
