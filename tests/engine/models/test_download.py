"""Downloads against a local server: progress, resume, cancel, disk space, the cache layout."""

from __future__ import annotations

import functools
import hashlib
import shutil
import socket
from collections import namedtuple

import pytest

from moodplayer.engine.errors import Cancelled, ModelLoadError, ModelNotAvailable, MoodPlayerError
from moodplayer.engine.models import download as dl
from moodplayer.engine.models import download_model, fetch
from moodplayer.engine.models.download import RemoteFile, hub_resolver
from moodplayer.engine.tasks import CancelToken

from .conftest import COMMIT

REPO = "test-org/tiny-clip"


def test_fetch_reports_progress_and_gets_every_byte(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    calls = []
    out = fetch(url, tmp_path / "f.part", len(payload), progress=lambda *a: calls.append(a))
    assert out.read_bytes() == payload
    assert calls[-1][:2] == (len(payload), len(payload))  # always a final report
    dones = [c[0] for c in calls]
    assert dones == sorted(dones) and all(c[1] == len(payload) for c in calls)
    assert calls[-1][2] > 0  # bytes per second
    assert server.requests == [("GET", "/f.bin", None)]


def test_fetch_resumes_a_partial_file_with_a_range_request(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(payload[:300_000])
    calls = []
    fetch(url, part, len(payload), progress=lambda *a: calls.append(a))
    assert part.read_bytes() == payload
    assert server.requests == [("GET", "/f.bin", "bytes=300000-")]
    assert server.sent == len(payload) - 300_000  # only the rest travelled
    assert calls[0][0] >= 300_000  # progress starts where the partial file ended


def test_fetch_starts_again_when_the_server_ignores_the_range(server, payload, tmp_path):
    server.ignore_range = True
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(payload[:1000])
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload


def test_fetch_starts_again_when_the_partial_file_does_not_fit(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    part.write_bytes(b"x" * (len(payload) + 5))  # longer than the file: not a prefix of it
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload
    part.write_bytes(b"x" * 10)  # size unknown to us, the server says 416 for a too-long range
    server.files["/g.bin"] = b"short"
    fetch(server.url + "/g.bin", part)
    assert part.read_bytes() == b"short"


def test_cancel_keeps_the_partial_file_and_the_next_fetch_resumes(server, payload, tmp_path):
    server.delay = 0.01
    url = server.add_file("/f.bin", payload)
    part = tmp_path / "f.part"
    token = CancelToken()

    def progress(done, total, rate):
        if done > 0:  # the first report comes with the first chunk
            token.cancel()

    with pytest.raises(Cancelled):
        fetch(url, part, len(payload), progress=progress, cancel=token)
    kept = part.stat().st_size
    assert 0 < kept < len(payload)
    server.delay = 0.0
    fetch(url, part, len(payload))
    assert part.read_bytes() == payload
    assert server.requests[-1] == ("GET", "/f.bin", f"bytes={kept}-")


def test_a_cancelled_token_stops_before_any_request(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        fetch(url, tmp_path / "f.part", len(payload), cancel=token)
    assert server.requests == []


def test_unreachable_server_and_http_errors_are_explained(server, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ModelNotAvailable, match="not reachable"):
        fetch(f"http://127.0.0.1:{port}/f.bin", tmp_path / "f.part", 10)
    with pytest.raises(MoodPlayerError, match="404"):
        fetch(server.url + "/missing.bin", tmp_path / "f.part", 10)


def test_a_download_that_ends_early_can_be_resumed(server, payload, tmp_path):
    url = server.add_file("/f.bin", payload[:5000])  # the server has less than announced
    part = tmp_path / "f.part"
    with pytest.raises(ModelNotAvailable, match="ended early"):
        fetch(url, part, len(payload))
    assert part.stat().st_size == 5000


# ------------------------------------------------------------------ download_model


def fake_resolver(server, sizes=None):
    """What hub_resolver returns, from the fake hub's table, without huggingface_hub."""

    def resolve(repo_id, filename, revision):
        path = server.hub.get(f"{repo_id}/{filename}")
        if path is None:
            raise dl.NotOnHub(f"{repo_id} has no {filename}")
        data = server.files[path]
        size = (sizes or {}).get(filename, len(data))
        return RemoteFile(repo_id, filename, server.url + path, size,
                          hashlib.sha256(data).hexdigest(), COMMIT, revision)

    return resolve


@pytest.fixture
def tiny_hub(server, tiny_model_dir):
    """The tiny test model published as hf-hub:test-org/tiny-clip on the fake hub."""
    for name in ("open_clip_config.json", "open_clip_model.safetensors"):
        server.add_hub_file(REPO, name, (tiny_model_dir / name).read_bytes())
    return server


def test_download_model_writes_the_hugging_face_cache_layout(tiny_hub, tmp_path):
    cache = tmp_path / "models"
    calls = []
    result = download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub),
                            progress=lambda *a: calls.append(a))
    weights = tiny_hub.files[tiny_hub.hub[f"{REPO}/open_clip_model.safetensors"]]
    config = tiny_hub.files[tiny_hub.hub[f"{REPO}/open_clip_config.json"]]
    assert result.total_bytes == result.downloaded_bytes == len(weights) + len(config)
    assert calls[-1][:2] == (result.total_bytes, result.total_bytes)
    repo = cache / "models--test-org--tiny-clip"
    assert (repo / "refs" / "main").read_text() == COMMIT
    snap = repo / "snapshots" / COMMIT / "open_clip_model.safetensors"
    assert snap.is_symlink() and snap.read_bytes() == weights
    assert not list(repo.glob("blobs/*.incomplete"))
    # huggingface_hub (what open_clip calls) finds both files offline
    from huggingface_hub import hf_hub_download, try_to_load_from_cache

    assert try_to_load_from_cache(REPO, "open_clip_config.json", cache_dir=cache) is not None
    found = hf_hub_download(REPO, "open_clip_model.safetensors", cache_dir=cache, local_files_only=True)
    assert open(found, "rb").read() == weights
    # A second call finds everything cached: nothing is fetched again.
    gets = sum(1 for r in tiny_hub.requests if r[0] == "GET")
    again = download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub))
    assert again.downloaded_bytes == 0
    assert sum(1 for r in tiny_hub.requests if r[0] == "GET") == gets


def test_a_downloaded_hub_model_loads_offline_from_the_models_folder(tiny_hub, app_home):
    from moodplayer.engine import paths
    from moodplayer.engine.vision.model import load_model

    download_model(f"hf-hub:{REPO}", resolver=fake_resolver(tiny_hub))  # into paths.models_dir()
    assert (paths.models_dir() / "models--test-org--tiny-clip").is_dir()
    model = load_model(f"hf-hub:{REPO}", device="cpu", precision="fp32")
    assert model.embed_dim == 32


def test_download_model_resumes_and_checks_the_checksum(tiny_hub, tmp_path):
    cache = tmp_path / "models"
    remote = fake_resolver(tiny_hub)(REPO, "open_clip_model.safetensors", "main")
    data = tiny_hub.files[tiny_hub.hub[f"{REPO}/open_clip_model.safetensors"]]
    partial = dl._partial(cache, remote)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(data[:1000])
    download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub))
    assert ("GET", tiny_hub.hub[f"{REPO}/open_clip_model.safetensors"], "bytes=1000-") in tiny_hub.requests
    # A partial file whose bytes are wrong fails the checksum and is deleted.
    cache2 = tmp_path / "models2"
    bad = dl._partial(cache2, remote)
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"\0" * 1000)
    with pytest.raises(MoodPlayerError, match="checksum"):
        download_model(f"hf-hub:{REPO}", cache_dir=cache2, resolver=fake_resolver(tiny_hub))
    assert not bad.exists()


def test_download_model_refuses_when_the_disk_is_too_full(tiny_hub, tmp_path, monkeypatch):
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(dl.shutil, "disk_usage", lambda p: Usage(10**9, 10**9 - 10**6, 10**6))
    with pytest.raises(MoodPlayerError, match="Not enough disk space") as err:
        download_model(f"hf-hub:{REPO}", cache_dir=tmp_path / "models", resolver=fake_resolver(tiny_hub))
    assert "1 MB free" in str(err.value)
    assert not [r for r in tiny_hub.requests if r[0] == "GET"]  # refused before any byte


def test_download_model_cancel_then_resume(tiny_hub, tmp_path):
    tiny_hub.delay = 0.005
    tiny_hub.chunk = 16 * 1024
    cache = tmp_path / "models"
    token = CancelToken()
    config_size = len(tiny_hub.files[tiny_hub.hub[f"{REPO}/open_clip_config.json"]])

    def progress(done, total, rate):
        if done > config_size:  # into the weights file (about 13 MB, 3 MB/s from this server)
            token.cancel()

    with pytest.raises(Cancelled):
        download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub),
                       progress=progress, cancel=token)
    assert list((cache / "models--test-org--tiny-clip" / "blobs").glob("*.incomplete"))
    tiny_hub.delay = 0.0
    result = download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub))
    assert 0 < result.downloaded_bytes < result.total_bytes
    assert all(p.is_file() for p in result.files)


def test_download_model_refuses_specs_that_cannot_be_downloaded(tmp_path, tiny_model_dir):
    with pytest.raises(ModelLoadError, match="random weights"):
        download_model("ViT-B-32", cache_dir=tmp_path)
    with pytest.raises(MoodPlayerError, match="nothing to download"):
        download_model(f"local-dir:{tiny_model_dir}", cache_dir=tmp_path)
    weights = tiny_model_dir / "open_clip_model.safetensors"
    with pytest.raises(MoodPlayerError, match="nothing to download"):
        download_model(f"ViT-B-32:{weights}", cache_dir=tmp_path)  # open_clip takes a file as the tag


def test_download_model_says_so_when_downloads_are_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable, match="HF_HUB_OFFLINE"):
        download_model("ViT-B-32:laion2b_s34b_b79k", cache_dir=tmp_path)


def test_download_model_knows_the_default_model_files(monkeypatch):
    repo, groups = dl.files_for("ViT-B-32:laion2b_s34b_b79k")
    assert repo == "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    assert groups == [("open_clip_model.safetensors", "open_clip_pytorch_model.bin")]


# ------------------------------------------------------------------ the real huggingface_hub


@pytest.fixture
def hub_online(monkeypatch):
    """Let huggingface_hub talk (to the local fake hub only: every URL below is 127.0.0.1)."""
    from huggingface_hub import constants

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)


def test_hub_resolver_reads_the_hubs_answer(tiny_hub, hub_online, tmp_path):
    resolve = functools.partial(hub_resolver, endpoint=tiny_hub.url)
    remote = resolve(REPO, "open_clip_model.safetensors", "main")
    data = tiny_hub.files[tiny_hub.hub[f"{REPO}/open_clip_model.safetensors"]]
    assert (remote.commit, remote.size) == (COMMIT, len(data))
    assert remote.etag == hashlib.sha256(data).hexdigest()
    assert remote.url.startswith(tiny_hub.cdn_url + "/cdn/")  # the redirect, not followed
    assert remote.headers == {}  # no token travels to another host
    with pytest.raises(dl.NotOnHub):
        resolve(REPO, "open_clip_pytorch_model.bin", "main")
    with pytest.raises(MoodPlayerError, match="no model"):
        resolve("nobody/nothing", "open_clip_config.json", "main")
    # ...and the whole download through it
    result = download_model(f"hf-hub:{REPO}", cache_dir=tmp_path, resolver=resolve)
    assert result.files[1].read_bytes() == data


def test_hub_resolver_reports_an_unreachable_hub(hub_online):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ModelNotAvailable, match="could not be reached"):
        hub_resolver(REPO, "open_clip_config.json", "main", endpoint=f"http://127.0.0.1:{port}")


def test_rate_meter_measures_recent_bytes_per_second():
    now = [0.0]
    meter = dl.RateMeter(window_s=2.0, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 0.5
        meter.add(1000)  # 2000 B/s
    assert meter.rate() == pytest.approx(2000, rel=0.01)
    for _ in range(10):
        now[0] += 0.5
        meter.add(4000)  # now 8000 B/s: the old samples have left the window
    assert meter.rate() == pytest.approx(8000, rel=0.01)


def test_check_disk_space_looks_at_the_nearest_existing_folder(tmp_path):
    dl.check_disk_space(tmp_path / "not" / "yet", 1)
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(MoodPlayerError, match="Not enough disk space"):
        dl.check_disk_space(tmp_path, free)
