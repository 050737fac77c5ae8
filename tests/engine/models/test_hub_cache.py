"""Where a download lands: blobs, snapshot links, refs, the checksum, the lock."""

from __future__ import annotations

import hashlib

import pytest

from moodplayer.engine.errors import MoodPlayerError
from moodplayer.engine.models import hub_cache
from moodplayer.engine.models.hub import RemoteFile

COMMIT = "a" * 40


def remote(data: bytes, etag=None) -> RemoteFile:
    return RemoteFile("org/clip", "open_clip_model.safetensors", "http://unused", len(data),
                      etag or hashlib.sha256(data).hexdigest(), COMMIT)


def test_publish_links_the_snapshot_to_the_blob_and_writes_the_ref(tmp_path):
    data = b"weights" * 1000
    r = remote(data)
    partial = hub_cache.partial_file(tmp_path, r)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(data)
    assert not hub_cache.is_cached(tmp_path, r)
    hub_cache.verify(partial, r, None)
    pointer = hub_cache.publish(tmp_path, r, partial)
    assert pointer == tmp_path / "models--org--clip" / "snapshots" / COMMIT / r.filename
    assert pointer.is_symlink() and pointer.read_bytes() == data and not partial.exists()
    assert (tmp_path / "models--org--clip" / "refs" / "main").read_text() == COMMIT
    assert hub_cache.is_cached(tmp_path, r)
    assert not hub_cache.is_cached(tmp_path, remote(data + b"more"))  # another size: not this file


def test_verify_deletes_damaged_bytes_and_skips_etags_that_are_not_checksums(tmp_path):
    path = tmp_path / "blob"
    path.write_bytes(b"damaged")
    hub_cache.verify(path, remote(b"good", etag="not-a-sha256"), None)  # a git etag: nothing to check
    assert path.exists()
    with pytest.raises(MoodPlayerError, match="checksum mismatch"):
        hub_cache.verify(path, remote(b"good bytes"), None)
    assert not path.exists()


def test_a_second_download_of_the_same_blob_is_locked_out(tmp_path):
    from filelock import Timeout

    r = remote(b"x")
    first, second = hub_cache.lock(tmp_path, r), hub_cache.lock(tmp_path, r)
    first.acquire()
    try:
        with pytest.raises(Timeout):
            second.acquire()
    finally:
        first.release()
    second.acquire()  # free again once the first lets go
    second.release()
