"""Asking the hub about a file, through the real huggingface_hub against the fake hub."""

from __future__ import annotations

import functools
import hashlib
import socket

import pytest

from moodplayer.engine.errors import ModelNotAvailable, MoodPlayerError
from moodplayer.engine.models import download_model
from moodplayer.engine.models.hub import NotOnHub, hub_resolver

from ...fake_hub import COMMIT, TINY_REPO as REPO


@pytest.fixture
def hub_switched_on(monkeypatch):
    """Let huggingface_hub talk (to the local fake hub only: every URL below is 127.0.0.1)."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def test_hub_resolver_reads_the_hubs_answer(tiny_hub, hub_switched_on, tmp_path):
    resolve = functools.partial(hub_resolver, endpoint=tiny_hub.url)
    remote = resolve(REPO, "open_clip_model.safetensors", "main")
    data = tiny_hub.hub_bytes(REPO, "open_clip_model.safetensors")
    assert (remote.commit, remote.size) == (COMMIT, len(data))
    assert remote.etag == hashlib.sha256(data).hexdigest()
    assert remote.url.startswith(tiny_hub.cdn_url + "/cdn/")  # the redirect, not followed
    assert remote.headers == {}  # no token travels to another host
    with pytest.raises(NotOnHub):
        resolve(REPO, "open_clip_pytorch_model.bin", "main")
    with pytest.raises(MoodPlayerError, match="no model"):
        resolve("nobody/nothing", "open_clip_config.json", "main")
    # ...and the whole download through it
    result = download_model(f"hf-hub:{REPO}", cache_dir=tmp_path, resolver=resolve)
    assert result.files[1].read_bytes() == data


def test_hf_endpoint_is_read_when_the_download_starts(online_hub, tmp_path):
    # huggingface_hub reads HF_ENDPOINT once, at import; a mirror set later must still count.
    result = download_model(f"hf-hub:{REPO}", cache_dir=tmp_path)
    assert result.files[1].read_bytes() == online_hub.hub_bytes(REPO, "open_clip_model.safetensors")
    heads = [path for method, path, _ in online_hub.requests if method == "HEAD"]
    assert f"/{REPO}/resolve/main/open_clip_config.json" in heads


def test_hub_resolver_reports_an_unreachable_hub(hub_switched_on):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ModelNotAvailable, match="could not be reached"):
        hub_resolver(REPO, "open_clip_config.json", "main", endpoint=f"http://127.0.0.1:{port}")
