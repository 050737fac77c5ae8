"""Where a download lands: the Hugging Face cache layout under our models folder.

::

    models--laion--CLIP-ViT-B-32-laion2B-s34B-b79K/
        blobs/<etag>                 the bytes (etag = sha256 of the file for LFS files)
        blobs/<etag>.incomplete      a partial download; the next attempt resumes it
        snapshots/<commit>/open_clip_model.safetensors -> ../../blobs/<etag>
        refs/main                    <commit>

so ``huggingface_hub.hf_hub_download(..., cache_dir=...)`` (what open_clip
calls) finds the files without the network, and a partial file left by
either program is resumed by the other.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Optional

from ..errors import MoodPlayerError
from ..tasks import CancelToken, check
from .hub import RemoteFile

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def repo_folder(cache_dir: Path, repo_id: str) -> Path:
    return Path(cache_dir) / ("models--" + repo_id.replace("/", "--"))


def snapshot_file(cache_dir: Path, remote: RemoteFile) -> Path:
    return repo_folder(cache_dir, remote.repo_id) / "snapshots" / remote.commit / remote.filename


def blob_file(cache_dir: Path, remote: RemoteFile) -> Path:
    return repo_folder(cache_dir, remote.repo_id) / "blobs" / remote.etag


def partial_file(cache_dir: Path, remote: RemoteFile) -> Path:
    return blob_file(cache_dir, remote).with_name(remote.etag + ".incomplete")


def is_cached(cache_dir: Path, remote: RemoteFile) -> bool:
    target = snapshot_file(cache_dir, remote)
    return target.is_file() and (remote.size is None or target.stat().st_size == remote.size)


def verify(path: Path, remote: RemoteFile, cancel: Optional[CancelToken]) -> None:
    """An LFS file's etag is the sha256 of its bytes: check it (a broken resume, a bad proxy)."""
    if not _SHA256.match(remote.etag):
        return
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(4 * 2**20), b""):
            check(cancel)
            digest.update(block)
    if digest.hexdigest() != remote.etag:
        path.unlink()
        raise MoodPlayerError(f"the downloaded {remote.filename} of {remote.repo_id} is damaged "
                              f"(checksum mismatch); it was deleted, try the download again")


def publish(cache_dir: Path, remote: RemoteFile, partial: Path) -> Path:
    """Move a finished download into blobs/ and point the snapshot and refs at it."""
    blob = blob_file(cache_dir, remote)
    os.replace(partial, blob)
    pointer = snapshot_file(cache_dir, remote)
    pointer.parent.mkdir(parents=True, exist_ok=True)
    if pointer.is_symlink() or pointer.exists():
        pointer.unlink()
    try:
        os.symlink(os.path.relpath(blob, pointer.parent), pointer)
    except OSError:  # no symlinks here (some Windows setups): a copy, as huggingface_hub does
        shutil.copyfile(blob, pointer)
    ref = repo_folder(cache_dir, remote.repo_id) / "refs" / remote.revision
    ref.parent.mkdir(parents=True, exist_ok=True)
    ref.write_text(remote.commit, encoding="utf-8")
    return pointer


def lock(cache_dir: Path, remote: RemoteFile):
    """The lock huggingface_hub takes for the same blob, so two downloads never interleave."""
    from filelock import FileLock

    path = Path(cache_dir) / ".locks" / repo_folder(Path(""), remote.repo_id).name / f"{remote.etag}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path), timeout=0)
