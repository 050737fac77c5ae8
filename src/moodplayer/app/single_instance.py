"""One MoodPlayer per user: a second launch hands its photos to the first and leaves.

The first window listens on a local socket whose name is private to the user
and to the data folder (two data folders, e.g. a portable copy, are two
independent apps). A second launch - from a terminal, a file manager or the
desktop entry's ``%F`` - connects, sends its paths as one JSON line, waits
for "ok" and exits 0; the first window comes to the front and analyses the
photos. Every wait has a timeout, so a hung first instance costs the second
a few seconds and a message, never a hang. ``--new-instance`` skips all this.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from .startup import launch_paths, socket_name  # noqa: F401 - Qt-free, re-exported here

log = logging.getLogger(__name__)

CONNECT_MS = 1000
REPLY_MS = 3000
MAX_MESSAGE = 1 << 20  # a megabyte of paths is plenty; more is not a launch


def hand_over(paths_: list, name: Optional[str] = None) -> Optional[bool]:
    """Give ``paths_`` to a running MoodPlayer.

    True: it took them (this process should exit). None: nobody listens (start
    normally). False: something listens but did not answer in time.
    """
    socket = QLocalSocket()
    socket.connectToServer(name or socket_name())
    if not socket.waitForConnected(CONNECT_MS):
        return None
    socket.write(json.dumps({"paths": list(paths_)}).encode("utf-8") + b"\n")
    while socket.bytesToWrite() > 0 and socket.waitForBytesWritten(REPLY_MS):
        pass
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(REPLY_MS):
        answer += bytes(socket.readAll())
    socket.disconnectFromServer()
    return answer.strip() == b"ok"


class InstanceServer(QObject):
    """The first instance's side: paths from later launches arrive as a signal."""

    paths_received = Signal(list)

    def __init__(self, name: Optional[str] = None, parent=None):
        super().__init__(parent)
        self.name = name or socket_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.UserAccessOption)  # nobody else may talk to us
        self.server.newConnection.connect(self._accept)
        self._buffers = {}

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A socket file left by a crash: nobody answered hand_over, so it is stale.
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        log.warning("single instance: cannot listen on %s (%s)", self.name,
                    self.server.errorString())
        return False

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            conn = self.server.nextPendingConnection()
            self._buffers[conn] = b""
            conn.readyRead.connect(lambda c=conn: self._read(c))
            conn.disconnected.connect(lambda c=conn: self._drop(c))

    def _drop(self, conn) -> None:
        self._buffers.pop(conn, None)
        conn.deleteLater()

    def _read(self, conn) -> None:
        data = self._buffers.get(conn, b"") + bytes(conn.readAll())
        if b"\n" not in data and len(data) < MAX_MESSAGE:
            self._buffers[conn] = data  # the rest is on its way
            return
        self._buffers[conn] = b""
        try:
            message = json.loads(data.split(b"\n", 1)[0].decode("utf-8"))
            received = [str(p) for p in message["paths"]]
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("single instance: ignored a malformed message (%s)", exc)
            conn.write(b"error\n")
            conn.flush()
            return
        conn.write(b"ok\n")
        conn.flush()
        self.paths_received.emit(received)

    def close(self) -> None:
        for conn in list(self._buffers):
            conn.readyRead.disconnect()
            conn.disconnected.disconnect()
            conn.abort()
        self._buffers.clear()
        self.server.close()


def handed_to_running(argv, err=None) -> Optional[int]:
    """The exit status when a running MoodPlayer took this launch's paths; None: start."""
    err = err or sys.stderr
    found, missing = launch_paths(argv)
    for name in missing:
        print(f"Not found, skipped: {name}", file=err)
    handed = hand_over(found)
    if handed is None:
        return None
    if handed:
        return 0
    print("MoodPlayer is already running but did not answer within a few seconds. "
          "Start it with --new-instance to open a second window anyway.", file=err)
    return 1


def serve(window) -> Optional[InstanceServer]:
    """Listen for later launches; their paths go to ``window.desktop.receive_paths``."""
    server = InstanceServer(parent=window)
    if not server.listen():
        return None
    server.paths_received.connect(window.desktop.receive_paths)
    return server
