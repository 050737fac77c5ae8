"""One file over HTTP into a partial file: resumed with ``Range``, cancelled between chunks.

A plain streamed GET (urllib), not huggingface_hub's downloader, so the bytes
per second, the cancel between chunks and the resume are ours to control and
to test against a local server.
"""

from __future__ import annotations

import logging
import os
import urllib.error
import urllib.parse
import urllib.request
from http.client import HTTPException
from pathlib import Path
from typing import BinaryIO, Optional

from ..errors import Cancelled, ModelNotAvailable, MoodPlayerError
from ..tasks import CancelToken, check
from .progress import DownloadProgress, Reporter

log = logging.getLogger(__name__)

CHUNK = 256 * 1024
TIMEOUT_S = 30.0


class _NoAuthElsewhere(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but never carry the hub token to another host (the CDN)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            new.remove_header("Authorization")
        return new


_opener = urllib.request.build_opener(_NoAuthElsewhere)


class _StartAgain(Exception):
    """The server refused our range (416): the partial file is not a prefix of its file."""


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def fetch(url: str, partial: Path, size: Optional[int] = None, *, headers: Optional[dict] = None,
          progress: Optional[DownloadProgress] = None, cancel: Optional[CancelToken] = None,
          reporter: Optional[Reporter] = None, timeout: float = TIMEOUT_S) -> Path:
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
    have = file_size(partial)
    if size is not None and have > size:  # not a prefix of this file
        have = 0
        partial.unlink()
    if reporter is None:
        reporter = Reporter(progress, size or 0, have)
    if size is not None and have == size:
        reporter.report(final=True)
        return partial
    check(cancel)
    try:
        response = _open(url, have, headers, timeout)
    except _StartAgain:
        partial.unlink()
        reporter.done -= have
        return fetch(url, partial, size, headers=headers, cancel=cancel, reporter=reporter,
                     timeout=timeout)
    with response:
        have = _accept_resume(response, url, have, size, reporter)
        _write_body(response, partial, have, reporter, cancel)
    _check_size(partial, size)
    reporter.report(final=True)
    return partial


def _open(url: str, have: int, headers: Optional[dict], timeout: float):
    """The GET's response; every failure becomes a message for a person."""
    request = urllib.request.Request(url, headers={**(headers or {}), "Accept-Encoding": "identity",
                                                   "User-Agent": "MoodPlayer"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        return _opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:
            raise _StartAgain() from None
        raise MoodPlayerError(f"the download server answered {exc.code} {exc.reason} for {url}") from None
    except (urllib.error.URLError, OSError, HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelNotAvailable(f"the download could not start: {urllib.parse.urlsplit(url).netloc} "
                                f"is not reachable ({reason}). Check the internet connection and "
                                f"try again; {have // 2**20} MB downloaded before are kept.") from None


def _accept_resume(response, url: str, have: int, size: Optional[int], reporter: Reporter) -> int:
    """How many bytes of the partial file the response continues (0: the server starts over)."""
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
    return have


def _write_body(response, partial: Path, have: int, reporter: Reporter,
                cancel: Optional[CancelToken]) -> None:
    """Append the body to ``partial`` chunk by chunk; what arrived stays on any failure."""
    try:
        with open(partial, "ab" if have else "wb") as out:
            try:
                _copy_chunks(response, out, partial, reporter, cancel)
            finally:
                out.flush()  # cancelled or not, the bytes so far are the next resume's start
            os.fsync(out.fileno())  # a resume after a power cut must find whole bytes
    except OSError as exc:  # a full disk, a folder made read-only: the network is not to blame
        raise MoodPlayerError(f"could not write {partial}: {exc.strerror or exc}") from None


def _copy_chunks(response, out: BinaryIO, partial: Path, reporter: Reporter,
                 cancel: Optional[CancelToken]) -> None:
    read = getattr(response, "read1", response.read)  # what arrived, without waiting for a full chunk
    while True:
        try:
            check(cancel)
        except Cancelled:
            log.info("download into %s cancelled (kept for resuming)", partial)
            raise
        try:
            chunk = read(CHUNK)
        except (OSError, HTTPException) as exc:
            out.flush()
            raise ModelNotAvailable(
                f"the download was interrupted ({exc or type(exc).__name__}). "
                f"{file_size(partial) // 2**20} MB are kept; try again to resume.") from None
        if not chunk:
            return
        out.write(chunk)
        reporter.add(len(chunk))


def _check_size(partial: Path, size: Optional[int]) -> None:
    got = file_size(partial)
    if size is None or got == size:
        return
    if got < size:
        raise ModelNotAvailable(f"the download ended early ({got} of {size} bytes). "
                                f"Try again to resume it.")
    partial.unlink()
    raise MoodPlayerError(f"the download is larger than announced ({got} > {size} bytes); "
                          f"it was deleted, try again")
