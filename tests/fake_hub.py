"""A local HTTP server that plays a file server and a small Hugging Face hub.

GET serves bytes with ``Range`` support (or ignores ranges when told to),
slowly when asked, so progress, resume and cancel can be tested without the
network. HEAD on ``/<org>/<repo>/resolve/<revision>/<file>`` answers like the
hub: a redirect to the bytes on another host name (``localhost``, as the
hub's CDN is another host) plus ``X-Repo-Commit``, ``X-Linked-Etag`` and
``X-Linked-Size``, or 404 with ``X-Error-Code``.

Shared by the engine's download tests, the ``moodplayer models`` CLI tests,
the window's download tests and ``scripts/screenshots_models.py``: import the
fixtures (``server``, ``payload``, ``tiny_hub``, ``online_hub``) into a
conftest or test module, or start a ``FakeServer`` by hand.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

COMMIT = "0123456789abcdef0123456789abcdef01234567"
TINY_REPO = "test-org/tiny-clip"
TINY_FILES = ("open_clip_config.json", "open_clip_model.safetensors")


class FakeServer:
    def __init__(self):
        self.files = {}  # url path -> bytes
        self.hub = {}  # "org/repo/filename" -> url path of the bytes
        self.etags = {}  # url path -> sha256 of its bytes
        self.requests = []  # (method, path, Range header or None)
        self.sent = 0  # body bytes written
        self.ignore_range = False
        self.chunk = 64 * 1024
        self.delay = 0.0  # seconds between chunks
        self.httpd = None

    @property
    def url(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def cdn_url(self):
        """The same server under another host name, as the hub's CDN is another host."""
        return self.url.replace("127.0.0.1", "localhost")

    def add_file(self, path, data):
        self.files[path] = data
        return self.url + path

    def add_hub_file(self, repo_id, filename, data, etag=None):
        """Put ``data`` in the fake hub; returns its sha256 (the hub's etag for LFS files).

        ``data`` may be any object with ``len()`` and slicing (a big file made
        on demand) when its ``etag`` is given.
        """
        etag = etag or hashlib.sha256(data).hexdigest()
        path = f"/cdn/{etag}"
        self.files[path] = data
        self.etags[path] = etag
        self.hub[f"{repo_id}/{filename}"] = path
        return etag

    def hub_bytes(self, repo_id, filename):
        return self.files[self.hub[f"{repo_id}/{filename}"]]

    def gets(self):
        """The GET requests so far, as (path, Range header)."""
        return [(path, rng) for method, path, rng in self.requests if method == "GET"]

    def start(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def publish_model(server: FakeServer, model_dir: Path, repo_id: str = TINY_REPO) -> FakeServer:
    """A model folder (open_clip layout) published as ``hf-hub:repo_id`` on the fake hub."""
    for name in TINY_FILES:
        server.add_hub_file(repo_id, name, (Path(model_dir) / name).read_bytes())
    return server


def fake_resolver(server: FakeServer, sizes=None):
    """What hub_resolver returns, from the fake hub's table, without huggingface_hub."""
    from moodplayer.engine.models.hub import NotOnHub, RemoteFile

    def resolve(repo_id, filename, revision):
        path = server.hub.get(f"{repo_id}/{filename}")
        if path is None:
            raise NotOnHub(f"{repo_id} has no {filename}")
        data = server.files[path]
        size = (sizes or {}).get(filename, len(data))
        return RemoteFile(repo_id, filename, server.url + path, size, server.etags[path], COMMIT,
                          revision)

    return resolve


def _handler(server: FakeServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_HEAD(self):
            server.requests.append(("HEAD", self.path, self.headers.get("Range")))
            if self.path in server.files:
                self.send_response(200)
                self.send_header("Content-Length", str(len(server.files[self.path])))
                self.end_headers()
                return
            m = re.match(r"^/(.+?/.+?)/resolve/([^/]+)/(.+)$", self.path)
            if not m:
                return self._error(404, "RepoNotFound")
            key = f"{m.group(1)}/{m.group(3)}"
            if key not in server.hub:
                repo_known = any(k.startswith(m.group(1) + "/") for k in server.hub)
                return self._error(404, "EntryNotFound" if repo_known else "RepoNotFound")
            data_path = server.hub[key]
            data = server.files[data_path]
            etag = server.etags[data_path]
            self.send_response(302)
            self.send_header("Location", server.cdn_url + data_path)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("X-Linked-Etag", f'"{etag}"')
            self.send_header("X-Linked-Size", str(len(data)))
            self.send_header("ETag", '"not-the-lfs-etag"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _error(self, code, error_code):
            self.send_response(code)
            self.send_header("X-Error-Code", error_code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):
            rng = self.headers.get("Range")
            server.requests.append(("GET", self.path, rng))
            data = server.files.get(self.path)
            if data is None:
                return self._error(404, "EntryNotFound")
            start = 0
            m = re.match(r"^bytes=(\d+)-$", rng or "")
            if m and not server.ignore_range:
                start = int(m.group(1))
                if start >= len(data):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(data)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(data) - start))
            self.end_headers()
            try:
                for i in range(start, len(data), server.chunk):
                    piece = data[i:i + server.chunk]
                    self.wfile.write(piece)
                    self.wfile.flush()
                    server.sent += len(piece)
                    if server.delay:
                        time.sleep(server.delay)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (cancel)

    return Handler


@pytest.fixture
def server():
    fake = FakeServer().start()
    yield fake
    fake.stop()


@pytest.fixture
def payload():
    """1 MiB + a bit of bytes that are not a repeating pattern."""
    return hashlib.sha256(b"seed").digest() * (1024 * 1024 // 32) + b"tail-bytes"


@pytest.fixture
def tiny_hub(server, tiny_model_dir):
    """The tiny test model published as hf-hub:test-org/tiny-clip on the fake hub."""
    return publish_model(server, tiny_model_dir)


def go_online(monkeypatch, endpoint: str) -> None:
    """Switch the real huggingface_hub back on, talking to ``endpoint`` only (HF_ENDPOINT).

    tests/conftest.py switches Hugging Face downloads off for every test; this
    turns them on again with every URL pointing at 127.0.0.1.
    """
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_ENDPOINT", endpoint)


@pytest.fixture
def online_hub(tiny_hub, monkeypatch):
    """The tiny model on the fake hub, and huggingface_hub switched on and pointed at it."""
    go_online(monkeypatch, tiny_hub.url)
    return tiny_hub
