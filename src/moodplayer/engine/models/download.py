"""Download CLIP weights from the Hugging Face hub: progress, cancel, resume.

Files land in the Hugging Face cache layout under MoodPlayer's own models
folder (``paths.models_dir()``, which ``vision.model.load_model`` searches
first, offline)::

    models--laion--CLIP-ViT-B-32-laion2B-s34B-b79K/
        blobs/<etag>                 the bytes (etag = sha256 of the file for LFS files)
        blobs/<etag>.incomplete      a partial download; the next attempt resumes it
        snapshots/<commit>/open_clip_model.safetensors -> ../../blobs/<etag>
        refs/main                    <commit>

so ``huggingface_hub.hf_hub_download(..., cache_dir=...)`` (what open_clip
calls) finds them without the network, and a partial file left by either
program is resumed by the other.

huggingface_hub answers "which file, how big, which commit" (a HEAD
request); the bytes come from a plain streamed GET with a ``Range`` header,
so progress (bytes, bytes/s), cancelling between chunks and resuming are
ours to control and to test against a local server.
"""

from __future__ import annotations

import collections
import hashlib
import logging
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPException
from pathlib import Path
from typing import Callable, Optional

from .. import paths
from ..errors import Cancelled, ModelNotAvailable, MoodPlayerError
from ..tasks import CancelToken, check
from .catalog import CONFIG_FILE, WEIGHTS_FILES, hub_file

log = logging.getLogger(__name__)

# progress(done_bytes, total_bytes, bytes_per_s); total_bytes is 0 when unknown.
DownloadProgress = Callable[[int, int, float], None]

CHUNK = 256 * 1024
HEADROOM = 64 * 1024 * 1024  # keep this much disk free beyond the download itself
REPORT_EVERY_S = 0.2
TIMEOUT_S = 30.0
REVISION = "main"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class NotOnHub(MoodPlayerError):
    """The repository exists but has no file of that name (try the next candidate)."""


@dataclass(frozen=True)
class RemoteFile:
    """One file of a hub repository, as the hub described it."""

    repo_id: str
    filename: str
    url: str  # where to GET the bytes (the hub's redirect target when it gave one)
    size: Optional[int]
    etag: str  # the blob's name in the cache
    commit: str
    revision: str = REVISION
    headers: dict = field(default_factory=dict, compare=False)  # sent to the hub's own host only


@dataclass
class DownloadResult:
    spec: str
    repo_id: str
    files: list  # paths of the files in the snapshot, ready for open_clip
    downloaded_bytes: int  # fetched now (0 when everything was cached)
    total_bytes: int


# ---------------------------------------------------------------- progress


class RateMeter:
    """Bytes per second over the last few seconds (a sliding window)."""

    def __init__(self, window_s: float = 3.0, clock: Callable[[], float] = time.monotonic):
        self.window_s = window_s
        self.clock = clock
        self.samples = collections.deque()  # (time, bytes so far)
        self.count = 0
        self.samples.append((clock(), 0))

    def add(self, n: int) -> None:
        self.count += n
        now = self.clock()
        self.samples.append((now, self.count))
        while len(self.samples) > 2 and now - self.samples[1][0] > self.window_s:
            self.samples.popleft()

    def rate(self) -> float:
        (t0, b0), (t1, b1) = self.samples[0], self.samples[-1]
        return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


class _Reporter:
    """Calls progress(done, total, rate) at most every REPORT_EVERY_S, and always at the end."""

    def __init__(self, progress: Optional[DownloadProgress], total: int, done: int = 0):
        self.progress = progress
        self.total = total
        self.done = done
        self.meter = RateMeter()
        self.last = 0.0

    def add(self, n: int) -> None:
        self.done += n
        self.meter.add(n)
        self.report()

    def report(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.progress is not None and (final or now - self.last >= REPORT_EVERY_S):
            self.last = now
            self.progress(self.done, self.total, self.meter.rate())


# ---------------------------------------------------------------- the GET


class _NoAuthElsewhere(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but never carry the hub token to another host (the CDN)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            new.remove_header("Authorization")
        return new


_opener = urllib.request.build_opener(_NoAuthElsewhere)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def fetch(url: str, partial: Path, size: Optional[int] = None, *, headers: Optional[dict] = None,
          progress: Optional[DownloadProgress] = None, cancel: Optional[CancelToken] = None,
          reporter: Optional[_Reporter] = None, timeout: float = TIMEOUT_S) -> Path:
    """Stream ``url`` into ``partial``, resuming what is already there.

    An existing ``partial`` file is continued with ``Range: bytes=N-`` (started
    again when the server ignores the range). ``cancel`` is checked between
    chunks: the bytes so far stay in ``partial`` and ``Cancelled`` is raised,
    so a later call resumes. Raises ``ModelNotAvailable`` when the network
    fails (the partial file is kept) and ``MoodPlayerError`` for an HTTP
    error or a size that does not match. Returns ``partial``, now complete.
    """
    partial = Path(partial)
    partial.parent.mkdir(parents=True, exist_ok=True)
    have = _size(partial)
    if size is not None and have > size:  # not a prefix of this file
        have = 0
        partial.unlink()
    if reporter is None:
        reporter = _Reporter(progress, size or 0, have)
    if size is not None and have == size:
        reporter.report(final=True)
        return partial

    request = urllib.request.Request(url, headers={**(headers or {}), "Accept-Encoding": "identity",
                                                   "User-Agent": "MoodPlayer"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    check(cancel)
    try:
        response = _opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # our partial file does not fit the server's: start again
            partial.unlink()
            reporter.done -= have
            return fetch(url, partial, size, headers=headers, cancel=cancel, reporter=reporter,
                         timeout=timeout)
        raise MoodPlayerError(f"the download server answered {exc.code} {exc.reason} for {url}") from None
    except (urllib.error.URLError, OSError, HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelNotAvailable(f"the download could not start: {urllib.parse.urlsplit(url).netloc} "
                                f"is not reachable ({reason}). Check the internet connection and "
                                f"try again; {have // 2**20} MB downloaded before are kept.") from None
    with response:
        if have:
            content_range = response.headers.get("Content-Range", "")
            if response.status != 206 or not content_range.startswith(f"bytes {have}-"):
                log.info("server ignored the range request for %s: starting again", url)
                reporter.done -= have
                have = 0
        if size is None:
            length = response.headers.get("Content-Length")
            if length and length.isdigit():
                reporter.total = have + int(length)
        read = getattr(response, "read1", response.read)
        try:
            out = open(partial, "ab" if have else "wb")
        except OSError as exc:
            raise MoodPlayerError(f"could not write {partial}: {exc.strerror or exc}") from None
        with out:
            while True:
                try:
                    check(cancel)
                except Cancelled:
                    out.flush()
                    log.info("download of %s cancelled at %d bytes (kept for resuming)",
                             url, _size(partial))
                    raise
                try:
                    chunk = read(CHUNK)
                except (OSError, HTTPException) as exc:
                    out.flush()
                    raise ModelNotAvailable(
                        f"the download was interrupted ({exc or type(exc).__name__}). "
                        f"{_size(partial) // 2**20} MB are kept; try again to resume.") from None
                if not chunk:
                    break
                try:
                    out.write(chunk)
                except OSError as exc:
                    raise MoodPlayerError(f"could not write {partial}: {exc.strerror or exc}") from None
                reporter.add(len(chunk))
            out.flush()
            os.fsync(out.fileno())
    got = _size(partial)
    if size is not None and got != size:
        if got < size:
            raise ModelNotAvailable(f"the download ended early ({got} of {size} bytes). "
                                    f"Try again to resume it.")
        partial.unlink()
        raise MoodPlayerError(f"the download is larger than announced ({got} > {size} bytes); "
                              f"it was deleted, try again")
    reporter.report(final=True)
    return partial


# ---------------------------------------------------------------- the hub


def _hub_offline() -> bool:
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants
    except ImportError:
        return False
    return bool(constants.HF_HUB_OFFLINE)


def _offline_error(what: str) -> ModelNotAvailable:
    return ModelNotAvailable(
        f"Cannot download {what}: Hugging Face downloads are switched off on this machine "
        f"(HF_HUB_OFFLINE is set). Unset it and try again, or download the model on another "
        f"computer and copy it here (see 'Offline use' in the README).")


def hub_resolver(repo_id: str, filename: str, revision: str = REVISION,
                 endpoint: Optional[str] = None) -> RemoteFile:
    """Ask the hub about one file (a HEAD request through huggingface_hub).

    ``endpoint`` is another hub (a mirror; the tests' local server); default
    huggingface.co or ``HF_ENDPOINT``.
    """
    try:
        from huggingface_hub import get_hf_file_metadata, hf_hub_url
        from huggingface_hub.utils import build_hf_headers
    except ImportError:
        raise MoodPlayerError("downloading models needs the huggingface_hub package "
                              "(pip install huggingface_hub)") from None
    url = hf_hub_url(repo_id, filename, revision=revision, endpoint=endpoint)
    try:
        meta = get_hf_file_metadata(url, timeout=TIMEOUT_S)
    except Exception as exc:  # huggingface_hub's errors differ between its versions: by name
        names = {c.__name__ for c in type(exc).__mro__}
        if names & {"EntryNotFoundError", "RemoteEntryNotFoundError"}:
            raise NotOnHub(f"{repo_id} has no file {filename}") from None
        if "GatedRepoError" in names:
            raise MoodPlayerError(
                f"{repo_id} is gated: accept its terms at https://huggingface.co/{repo_id} and log in "
                f"on this machine (hf auth login), then try again") from None
        if "RepositoryNotFoundError" in names:
            raise MoodPlayerError(f"there is no model {repo_id} on huggingface.co "
                                  f"(a typo, or a private repository)") from None
        if "RevisionNotFoundError" in names:
            raise MoodPlayerError(f"{repo_id} has no revision '{revision}'") from None
        if "OfflineModeIsEnabled" in names:
            raise _offline_error(repo_id) from None
        if "HfHubHTTPError" in names:
            raise MoodPlayerError(f"huggingface.co refused the download of {repo_id}: {exc}") from None
        raise ModelNotAvailable(
            f"huggingface.co could not be reached to download {repo_id} ({type(exc).__name__}: {exc}). "
            f"Check the internet connection and try again, or download the model on another "
            f"computer and copy it here (see 'Offline use' in the README).") from None
    if not meta.commit_hash or not meta.etag:
        raise MoodPlayerError(f"huggingface.co gave an unexpected answer for {repo_id}/{filename} "
                              f"(no commit or etag); try again later")
    location = meta.location or url
    same_host = urllib.parse.urlsplit(location).netloc == urllib.parse.urlsplit(url).netloc
    auth = {k: v for k, v in build_hf_headers().items() if k.lower() == "authorization"}
    return RemoteFile(repo_id, filename, location, meta.size, meta.etag, meta.commit_hash, revision,
                      auth if same_host else {})


Resolver = Callable[[str, str, str], RemoteFile]


# ---------------------------------------------------------------- the cache layout


def repo_folder(cache_dir: Path, repo_id: str) -> Path:
    return Path(cache_dir) / ("models--" + repo_id.replace("/", "--"))


def _snapshot_file(cache_dir: Path, remote: RemoteFile) -> Path:
    return repo_folder(cache_dir, remote.repo_id) / "snapshots" / remote.commit / remote.filename


def _blob(cache_dir: Path, remote: RemoteFile) -> Path:
    return repo_folder(cache_dir, remote.repo_id) / "blobs" / remote.etag


def _partial(cache_dir: Path, remote: RemoteFile) -> Path:
    return _blob(cache_dir, remote).with_name(remote.etag + ".incomplete")


def _is_cached(cache_dir: Path, remote: RemoteFile) -> bool:
    target = _snapshot_file(cache_dir, remote)
    return target.is_file() and (remote.size is None or target.stat().st_size == remote.size)


def _verify(path: Path, remote: RemoteFile, cancel: Optional[CancelToken]) -> None:
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


def _publish(cache_dir: Path, remote: RemoteFile, partial: Path) -> Path:
    """Move a finished download into blobs/ and point the snapshot and refs at it."""
    blob = _blob(cache_dir, remote)
    os.replace(partial, blob)
    pointer = _snapshot_file(cache_dir, remote)
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


def _lock(cache_dir: Path, remote: RemoteFile):
    """The lock huggingface_hub takes for the same blob, so two downloads never interleave."""
    from filelock import FileLock

    path = Path(cache_dir) / ".locks" / repo_folder(Path(""), remote.repo_id).name / f"{remote.etag}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path), timeout=0)


def check_disk_space(folder: Path, needed: int) -> None:
    """Refuse before starting when ``needed`` bytes (+ headroom) do not fit on ``folder``'s disk."""
    folder = Path(folder)
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    if needed + HEADROOM > free:
        raise MoodPlayerError(
            f"Not enough disk space: the download needs {_mb(needed)} and {folder} has only "
            f"{_mb(free)} free (MoodPlayer keeps {_mb(HEADROOM)} spare). Free some space, or "
            f"set MOODPLAYER_HOME to a folder on a bigger disk.")


def _mb(n: int) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{max(n, 0) / 1e6:.0f} MB"


# ---------------------------------------------------------------- the entry point


def files_for(spec: str) -> tuple:
    """``(repo_id, [candidate names per file])`` to download for a checked spec."""
    from .validate import validate_spec

    checked = validate_spec(spec, check_files=False)
    if checked.kind == "local":
        raise MoodPlayerError(f"{checked.spec} is a folder on this computer: there is nothing to download")
    if checked.kind == "hub":
        return checked.hub_repo, [(CONFIG_FILE,), WEIGHTS_FILES]
    if checked.hub_repo is None and checked.known is None and ":" in checked.spec \
            and os.path.isfile(os.path.expanduser(checked.spec.partition(":")[2])):
        raise MoodPlayerError(f"{checked.spec} names a weights file on this computer: "
                              f"there is nothing to download")
    name, _, tag = checked.spec.partition(":")
    repo, names = hub_file(name, tag)
    return repo, [names]


def download_model(spec: str, *, cache_dir: Optional[Path] = None,
                   progress: Optional[DownloadProgress] = None, cancel: Optional[CancelToken] = None,
                   resolver: Optional[Resolver] = None) -> DownloadResult:
    """Download the weights of ``spec`` (``NAME:TAG`` or ``hf-hub:ORG/REPO``) for offline use.

    Blocking: call it from a worker thread. ``progress(done_bytes,
    total_bytes, bytes_per_s)`` is called from that thread a few times a
    second; ``cancel`` stops it between chunks (raises ``Cancelled``; the
    partial file is kept and the next call resumes it). Files already in the
    cache are not fetched again. Every failure is a ``MoodPlayerError`` with
    a message for a person (``ModelNotAvailable`` when offline or the network
    fails).
    """
    cache_dir = Path(cache_dir) if cache_dir is not None else paths.models_dir()
    repo_id, groups = files_for(spec)
    if _hub_offline() and resolver is None:
        raise _offline_error(spec)
    resolve = resolver or hub_resolver

    remotes = []
    for candidates in groups:
        for name in candidates:
            check(cancel)
            try:
                remotes.append(resolve(repo_id, name, REVISION))
                break
            except NotOnHub:
                continue
        else:
            raise MoodPlayerError(f"{repo_id} on huggingface.co has none of {', '.join(candidates)}: "
                                  f"it is not an open_clip model")

    todo = [r for r in remotes if not _is_cached(cache_dir, r)]
    total = sum(r.size or 0 for r in remotes)
    already = total - sum((r.size or 0) - _size(_partial(cache_dir, r)) for r in todo)
    check_disk_space(cache_dir, sum((r.size or 0) - _size(_partial(cache_dir, r)) for r in todo))
    reporter = _Reporter(progress, total, already)
    fetched = 0
    for remote in todo:
        from filelock import Timeout

        lock = _lock(cache_dir, remote)
        try:
            lock.acquire()
        except Timeout:
            raise MoodPlayerError(f"{remote.repo_id} is being downloaded by another program or "
                                  f"window right now; wait for that to finish") from None
        try:
            partial = _partial(cache_dir, remote)
            before = _size(partial)
            fetch(remote.url, partial, remote.size, headers=remote.headers, cancel=cancel,
                  reporter=reporter)
            fetched += _size(partial) - before
            _verify(partial, remote, cancel)
            _publish(cache_dir, remote, partial)
        finally:
            lock.release()
    reporter.report(final=True)
    log.info("model %s (%s) ready in %s: %d bytes fetched", spec, repo_id, cache_dir, fetched)
    return DownloadResult(spec, repo_id, [_snapshot_file(cache_dir, r) for r in remotes], fetched, total)
