"""Download CLIP weights from the Hugging Face hub: progress, cancel, resume.

The public door of the download: ``download_model(spec)`` asks the hub about
the model's files (``hub``), checks the disk has room (``space``), streams
each missing file with resume (``transfer``), checks its sha256 and files it
in the Hugging Face cache layout under MoodPlayer's models folder
(``hub_cache``), where ``vision.model.load_model`` finds it offline.

``plan_download`` is the first half alone (which files, how many bytes, how
many already here) for a front-end that wants to say so before starting.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import paths
from ..errors import MoodPlayerError
from ..tasks import CancelToken, check
from . import hub_cache
from .catalog import CONFIG_FILE, WEIGHTS_FILES, hub_file
from .hub import REVISION, NotOnHub, RemoteFile, Resolver, hub_offline, hub_resolver, offline_error
from .progress import DownloadProgress, Reporter
from .space import check_disk_space
from .transfer import fetch, file_size

log = logging.getLogger(__name__)

# (candidate names, best first; required?) for each file a model needs
Wanted = tuple


@dataclass
class DownloadResult:
    spec: str
    repo_id: str
    files: list  # paths of the files in the snapshot, ready for open_clip
    downloaded_bytes: int  # fetched now (0 when everything was cached)
    total_bytes: int

    @property
    def folder(self) -> Path:
        """The snapshot folder: the model's files side by side."""
        return Path(self.files[0]).parent


@dataclass
class DownloadPlan:
    """What a download of ``spec`` would fetch, as the hub described it just now."""

    spec: str
    repo_id: str
    cache_dir: Path
    remotes: list = field(default_factory=list)  # RemoteFile per file, in the order open_clip wants

    @property
    def todo(self) -> list:
        return [r for r in self.remotes if not hub_cache.is_cached(self.cache_dir, r)]

    @property
    def total_bytes(self) -> int:
        return sum(r.size or 0 for r in self.remotes)

    @property
    def missing_bytes(self) -> int:
        """Still to fetch: the files not cached, less what their partial files already hold."""
        return sum((r.size or 0) - file_size(hub_cache.partial_file(self.cache_dir, r))
                   for r in self.todo)

    @property
    def have_bytes(self) -> int:
        return self.total_bytes - self.missing_bytes


def files_for(spec: str) -> tuple:
    """``(repo_id, [(candidate names, required), ...])`` to download for a checked spec.

    A ``NAME:TAG`` needs only the weights (open_clip knows the architecture),
    but the repository's ``open_clip_config.json`` is fetched too when it has
    one: the snapshot folder is then a complete open_clip folder that
    ``local-dir:`` can load, e.g. after copying it to an offline computer.
    """
    from .validate import validate_spec

    checked = validate_spec(spec, check_files=False)
    if checked.kind == "local":
        raise MoodPlayerError(f"{checked.spec} is a folder on this computer: there is nothing to download")
    if checked.kind == "hub":
        return checked.hub_repo, [((CONFIG_FILE,), True), (WEIGHTS_FILES, True)]
    if checked.hub_repo is None and checked.known is None and ":" in checked.spec \
            and os.path.isfile(os.path.expanduser(checked.spec.partition(":")[2])):
        raise MoodPlayerError(f"{checked.spec} names a weights file on this computer: "
                              f"there is nothing to download")
    name, _, tag = checked.spec.partition(":")
    repo, names = hub_file(name, tag)
    return repo, [((CONFIG_FILE,), False), (names, True)]


def _resolve(resolve: Resolver, repo_id: str, wanted: Wanted,
             cancel: Optional[CancelToken]) -> Optional[RemoteFile]:
    """The first candidate the repository has; None for a missing optional file."""
    candidates, required = wanted
    for name in candidates:
        check(cancel)
        try:
            return resolve(repo_id, name, REVISION)
        except NotOnHub:
            continue
    if not required:
        return None
    raise MoodPlayerError(f"{repo_id} on huggingface.co has none of {', '.join(candidates)}: "
                          f"it is not an open_clip model")


def plan_download(spec: str, *, cache_dir: Optional[Path] = None, cancel: Optional[CancelToken] = None,
                  resolver: Optional[Resolver] = None) -> DownloadPlan:
    """Ask the hub (HEAD requests only) what downloading ``spec`` means. Blocking."""
    cache_dir = Path(cache_dir) if cache_dir is not None else paths.models_dir()
    repo_id, groups = files_for(spec)
    if resolver is None:
        if hub_offline():
            raise offline_error(spec)
        resolver = hub_resolver
    remotes = [_resolve(resolver, repo_id, wanted, cancel) for wanted in groups]
    return DownloadPlan(spec, repo_id, cache_dir, [r for r in remotes if r is not None])


def _fetch_one(cache_dir: Path, remote: RemoteFile, reporter: Reporter,
               cancel: Optional[CancelToken]) -> int:
    """Fetch, check and file one remote file under the hub's lock; returns the bytes fetched."""
    from filelock import Timeout

    held = hub_cache.lock(cache_dir, remote)
    try:
        held.acquire()
    except Timeout:
        raise MoodPlayerError(f"{remote.repo_id} is being downloaded by another program or "
                              f"window right now; wait for that to finish") from None
    try:
        partial = hub_cache.partial_file(cache_dir, remote)
        before = file_size(partial)
        fetch(remote.url, partial, remote.size, headers=remote.headers, cancel=cancel,
              reporter=reporter)
        fetched = file_size(partial) - before
        hub_cache.verify(partial, remote, cancel)
        hub_cache.publish(cache_dir, remote, partial)
        return fetched
    finally:
        held.release()


def run_plan(plan: DownloadPlan, *, progress: Optional[DownloadProgress] = None,
             cancel: Optional[CancelToken] = None) -> DownloadResult:
    """Fetch what ``plan`` lists as missing, after checking the disk has room for it."""
    todo = plan.todo
    check_disk_space(plan.cache_dir, plan.missing_bytes)
    reporter = Reporter(progress, plan.total_bytes, plan.have_bytes)
    fetched = sum(_fetch_one(plan.cache_dir, remote, reporter, cancel) for remote in todo)
    reporter.report(final=True)
    log.info("model %s (%s) ready in %s: %d bytes fetched", plan.spec, plan.repo_id,
             plan.cache_dir, fetched)
    files = [hub_cache.snapshot_file(plan.cache_dir, r) for r in plan.remotes]
    return DownloadResult(plan.spec, plan.repo_id, files, fetched, plan.total_bytes)


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
    plan = plan_download(spec, cache_dir=cache_dir, cancel=cancel, resolver=resolver)
    return run_plan(plan, progress=progress, cancel=cancel)
