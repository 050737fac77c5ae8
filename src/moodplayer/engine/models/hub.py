"""Ask the Hugging Face hub which file, how big, which commit (a HEAD request).

huggingface_hub does the asking (its headers, its token, its errors); the
answer is a ``RemoteFile`` that ``transfer.fetch`` downloads and
``hub_cache`` files away. ``HF_ENDPOINT`` (a mirror of the hub) is read when a
download starts, not only when huggingface_hub was imported.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..errors import ModelNotAvailable, MoodPlayerError
from .transfer import TIMEOUT_S

REVISION = "main"


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


Resolver = Callable[[str, str, str], RemoteFile]


def hub_offline() -> bool:
    """Has the user switched Hugging Face downloads off (HF_HUB_OFFLINE)?"""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return True
    try:
        from huggingface_hub import constants
    except ImportError:
        return False
    return bool(constants.HF_HUB_OFFLINE)


def offline_error(what: str) -> ModelNotAvailable:
    return ModelNotAvailable(
        f"Cannot download {what}: Hugging Face downloads are switched off on this machine "
        f"(HF_HUB_OFFLINE is set). Unset it and try again, or download the model on another "
        f"computer and copy it here (see 'Offline use' in the README).")


def hub_endpoint() -> Optional[str]:
    """A hub mirror from ``HF_ENDPOINT``, or None for huggingface.co."""
    return os.environ.get("HF_ENDPOINT", "").strip().rstrip("/") or None


def hub_resolver(repo_id: str, filename: str, revision: str = REVISION,
                 endpoint: Optional[str] = None) -> RemoteFile:
    """Ask the hub about one file (a HEAD request through huggingface_hub).

    ``endpoint`` is another hub (a mirror; the tests' local server); default
    ``HF_ENDPOINT`` or huggingface.co.
    """
    try:
        from huggingface_hub import get_hf_file_metadata, hf_hub_url
        from huggingface_hub.utils import build_hf_headers
    except ImportError:
        raise MoodPlayerError("downloading models needs the huggingface_hub package "
                              "(pip install huggingface_hub)") from None
    url = hf_hub_url(repo_id, filename, revision=revision, endpoint=endpoint or hub_endpoint())
    try:
        meta = get_hf_file_metadata(url, timeout=TIMEOUT_S)
    except Exception as exc:  # huggingface_hub's errors differ between its versions: by name
        raise _explain(exc, repo_id, filename, revision) from None
    if not meta.commit_hash or not meta.etag:
        raise MoodPlayerError(f"huggingface.co gave an unexpected answer for {repo_id}/{filename} "
                              f"(no commit or etag); try again later")
    location = meta.location or url
    same_host = urllib.parse.urlsplit(location).netloc == urllib.parse.urlsplit(url).netloc
    auth = {k: v for k, v in build_hf_headers().items() if k.lower() == "authorization"}
    return RemoteFile(repo_id, filename, location, meta.size, meta.etag, meta.commit_hash, revision,
                      auth if same_host else {})


def _explain(exc: Exception, repo_id: str, filename: str, revision: str) -> MoodPlayerError:
    """huggingface_hub's exception as a message for a person."""
    names = {c.__name__ for c in type(exc).__mro__}
    if names & {"EntryNotFoundError", "RemoteEntryNotFoundError"}:
        return NotOnHub(f"{repo_id} has no file {filename}")
    if "GatedRepoError" in names:
        return MoodPlayerError(
            f"{repo_id} is gated: accept its terms at https://huggingface.co/{repo_id} and log in "
            f"on this machine (hf auth login), then try again")
    if "RepositoryNotFoundError" in names:
        return MoodPlayerError(f"there is no model {repo_id} on huggingface.co "
                               f"(a typo, or a private repository)")
    if "RevisionNotFoundError" in names:
        return MoodPlayerError(f"{repo_id} has no revision '{revision}'")
    if "OfflineModeIsEnabled" in names:
        return offline_error(repo_id)
    if "HfHubHTTPError" in names:
        return MoodPlayerError(f"huggingface.co refused the download of {repo_id}: {exc}")
    return ModelNotAvailable(
        f"huggingface.co could not be reached to download {repo_id} ({type(exc).__name__}: {exc}). "
        f"Check the internet connection and try again, or download the model on another "
        f"computer and copy it here (see 'Offline use' in the README).")
