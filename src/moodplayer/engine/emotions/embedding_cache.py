"""Nothing computed twice: a photo's image feature, keyed by its content and by the reader.

Dropping the same photos again (or the same photos moved, renamed or
copied) must not run the model again. The key has two halves:

* **content**: the file's size and the SHA-256 of its bytes (the same hash
  labels use; ~1.7 GB/s with the CPU's SHA instructions, so a 4 MB photo
  costs ~2 ms, far below decoding it). The name plays no part, so a moved
  or renamed photo hits.
* **reader**: everything that changes the feature: the model (its spec,
  every parameter's name and shape, a sample of every parameter's values),
  its precision and device type, the input size, the taxonomy's
  fingerprint, and the active head (adapter tensors hashed by value: a
  re-tuned adapter at the same path is another reader).

The value is the float32 feature the head reads, so a cached photo gives
exactly the result a fresh one would. The cache is a small SQLite file in
the app's cache folder; any trouble with it (read-only, full disk, damage)
turns the cache off for that call and never fails an analysis.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Optional

import numpy as np
import torch

from ..vision.digest import hash_module_state, hash_tensor

log = logging.getLogger(__name__)

FILE_NAME = "photo-embeddings.sqlite3"
MAX_HASHED_BYTES = 512 << 20  # bigger "photos" are not cached (decoding refuses them anyway)
MAX_ROWS = 200_000  # ~400 MB at 512 dimensions; the least recently used go first


def content_key(path) -> Optional[str]:
    """'size:sha256' of a regular file's bytes, or None (not a regular file, unreadable)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb", buffering=0) as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_HASHED_BYTES:
                return None
            h = hashlib.sha256()
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return f"{st.st_size}:{h.hexdigest()}"


def model_fingerprint(model) -> str:
    """The backbone as features see it: spec, parameters (names, shapes, sampled values)."""
    h = hashlib.sha256()
    h.update(f"{model.backbone_id}|{model.precision}|{model.device.type}|{model.image_size}"
             .encode())
    if model.weights_digest:  # taken before int8 rewrote the weights (unpacking them is slow)
        h.update(model.weights_digest.encode())
    else:
        hash_module_state(h, "model", model.model)
    return h.hexdigest()[:32]


def head_fingerprint(head) -> str:
    """The head as features see it: its class and every tensor it holds, by value."""
    h = hashlib.sha256(f"{type(head).__module__}.{type(head).__qualname__}".encode())
    for name, value in sorted(vars(head).items()):
        if isinstance(value, torch.nn.Module):
            hash_module_state(h, name, value)
        elif isinstance(value, torch.Tensor):
            hash_tensor(h, name, value)
        elif isinstance(value, (int, float, str, bool)):
            h.update(f"{name}={value!r}".encode())
    return h.hexdigest()[:32]


class EmbeddingCache:
    """(reader key, content key) -> float32 feature, in one SQLite file."""

    def __init__(self, path):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=5)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE IF NOT EXISTS features (reader TEXT NOT NULL, "
                     "content TEXT NOT NULL, vector BLOB NOT NULL, used REAL NOT NULL, "
                     "PRIMARY KEY (reader, content))")
        return conn

    def _run(self, fn, default):
        """``fn(conn)``; any trouble with the cache file gives ``default`` (and a log line)."""
        try:
            conn = self._connect()
            try:
                with conn:
                    return fn(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc) or "not a database" in str(exc):
                self.path.unlink(missing_ok=True)  # only a cache: start it again
            log.info("photo feature cache %s not used: %s", self.path, exc)
        except OSError as exc:
            log.info("photo feature cache %s not used: %s", self.path, exc)
        return default

    def get_many(self, reader: str, contents) -> dict:
        """{content key: feature tensor} for the keys that are cached."""
        keys = [c for c in dict.fromkeys(contents) if c]

        def fetch(conn):
            found = {}
            for i in range(0, len(keys), 500):
                part = keys[i:i + 500]
                marks = ",".join("?" * len(part))
                rows = conn.execute(f"SELECT content, vector FROM features WHERE reader = ? "
                                    f"AND content IN ({marks})", [reader, *part])
                found.update({c: torch.from_numpy(np.frombuffer(v, np.float32).copy())
                              for c, v in rows})
            if found:
                conn.executemany("UPDATE features SET used = ? WHERE reader = ? AND content = ?",
                                 [(time.time(), reader, c) for c in found])
            return found
        return self._run(fetch, {}) if keys else {}

    def put_many(self, reader: str, features: dict) -> None:
        """Remember {content key: feature}; the oldest rows go when the cache is full."""
        rows = [(reader, c, f.detach().float().cpu().numpy().tobytes(), time.time())
                for c, f in features.items() if c]

        def store(conn):
            conn.executemany("INSERT OR REPLACE INTO features VALUES (?, ?, ?, ?)", rows)
            n = conn.execute("SELECT COUNT(*) FROM features").fetchone()[0]
            if n > MAX_ROWS:
                conn.execute("DELETE FROM features WHERE rowid IN (SELECT rowid FROM features "
                             "ORDER BY used LIMIT ?)", (n - MAX_ROWS * 9 // 10,))
        if rows:
            self._run(store, None)
