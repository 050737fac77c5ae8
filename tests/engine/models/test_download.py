"""The whole download against the fake hub: cache layout, resume, checksum, disk space, cancel."""

from __future__ import annotations

from collections import namedtuple

import pytest

from moodplayer.engine.errors import Cancelled, ModelLoadError, ModelNotAvailable, MoodPlayerError
from moodplayer.engine.models import download as dl
from moodplayer.engine.models import download_model, hub_cache, plan_download, space
from moodplayer.engine.tasks import CancelToken

from ...fake_hub import COMMIT, TINY_REPO as REPO, fake_resolver

WEIGHTS, CONFIG = "open_clip_model.safetensors", "open_clip_config.json"


def test_download_model_writes_the_hugging_face_cache_layout(tiny_hub, tmp_path):
    cache = tmp_path / "models"
    calls = []
    result = download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub),
                            progress=lambda *a: calls.append(a))
    weights, config = tiny_hub.hub_bytes(REPO, WEIGHTS), tiny_hub.hub_bytes(REPO, CONFIG)
    assert result.total_bytes == result.downloaded_bytes == len(weights) + len(config)
    assert calls[-1][:2] == (result.total_bytes, result.total_bytes)
    repo = cache / "models--test-org--tiny-clip"
    assert (repo / "refs" / "main").read_text() == COMMIT
    snap = repo / "snapshots" / COMMIT / WEIGHTS
    assert snap.is_symlink() and snap.read_bytes() == weights
    assert result.folder == snap.parent
    assert not list(repo.glob("blobs/*.incomplete"))
    # huggingface_hub (what open_clip calls) finds both files offline
    from huggingface_hub import hf_hub_download, try_to_load_from_cache

    assert try_to_load_from_cache(REPO, CONFIG, cache_dir=cache) is not None
    found = hf_hub_download(REPO, WEIGHTS, cache_dir=cache, local_files_only=True)
    assert open(found, "rb").read() == weights
    # A second call finds everything cached: nothing is fetched again.
    gets = len(tiny_hub.gets())
    again = download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub))
    assert again.downloaded_bytes == 0
    assert len(tiny_hub.gets()) == gets


def test_a_downloaded_hub_model_loads_offline_from_the_models_folder(tiny_hub, app_home):
    from moodplayer.engine import paths
    from moodplayer.engine.vision.model import load_model

    download_model(f"hf-hub:{REPO}", resolver=fake_resolver(tiny_hub))  # into paths.models_dir()
    assert (paths.models_dir() / "models--test-org--tiny-clip").is_dir()
    model = load_model(f"hf-hub:{REPO}", device="cpu", precision="fp32")
    assert model.embed_dim == 32


def test_a_name_and_tag_also_fetches_the_config_so_the_snapshot_is_a_model_folder(
        server, tiny_model_dir, tmp_path):
    from moodplayer.engine.vision.model import load_model

    # The tiny model stands in for the default's repository (its bytes, the real name).
    repo = "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    server.add_hub_file(repo, WEIGHTS, (tiny_model_dir / WEIGHTS).read_bytes())
    result = download_model("ViT-B-32:laion2b_s34b_b79k", cache_dir=tmp_path,
                            resolver=fake_resolver(server))
    assert [p.name for p in result.files] == [WEIGHTS]  # no config on the hub: still fine
    server.add_hub_file(repo, CONFIG, (tiny_model_dir / CONFIG).read_bytes())
    result = download_model("ViT-B-32:laion2b_s34b_b79k", cache_dir=tmp_path,
                            resolver=fake_resolver(server))
    assert [p.name for p in result.files] == [CONFIG, WEIGHTS]
    assert result.downloaded_bytes == len((tiny_model_dir / CONFIG).read_bytes())  # weights cached
    model = load_model(f"local-dir:{result.folder}", device="cpu", precision="fp32")
    assert model.embed_dim == 32


def test_plan_download_counts_what_is_already_here(tiny_hub, tmp_path):
    cache = tmp_path / "models"
    resolve = fake_resolver(tiny_hub)
    plan = plan_download(f"hf-hub:{REPO}", cache_dir=cache, resolver=resolve)
    assert plan.have_bytes == 0 and plan.missing_bytes == plan.total_bytes > 10**6
    partial = hub_cache.partial_file(cache, plan.remotes[1])
    partial.parent.mkdir(parents=True)
    partial.write_bytes(tiny_hub.hub_bytes(REPO, WEIGHTS)[:5000])
    assert (plan.have_bytes, plan.missing_bytes) == (5000, plan.total_bytes - 5000)
    assert tiny_hub.gets() == []  # planning asks, it does not fetch


def test_download_model_resumes_and_checks_the_checksum(tiny_hub, tmp_path):
    cache = tmp_path / "models"
    remote = fake_resolver(tiny_hub)(REPO, WEIGHTS, "main")
    data = tiny_hub.hub_bytes(REPO, WEIGHTS)
    partial = hub_cache.partial_file(cache, remote)
    partial.parent.mkdir(parents=True)
    partial.write_bytes(data[:1000])
    download_model(f"hf-hub:{REPO}", cache_dir=cache, resolver=fake_resolver(tiny_hub))
    assert (tiny_hub.hub[f"{REPO}/{WEIGHTS}"], "bytes=1000-") in tiny_hub.gets()
    # A partial file whose bytes are wrong fails the checksum and is deleted.
    cache2 = tmp_path / "models2"
    bad = hub_cache.partial_file(cache2, remote)
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"\0" * 1000)
    with pytest.raises(MoodPlayerError, match="checksum"):
        download_model(f"hf-hub:{REPO}", cache_dir=cache2, resolver=fake_resolver(tiny_hub))
    assert not bad.exists()


def test_download_model_refuses_when_the_disk_is_too_full(tiny_hub, tmp_path, monkeypatch):
    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(space.shutil, "disk_usage", lambda p: Usage(10**9, 10**9 - 10**6, 10**6))
    with pytest.raises(MoodPlayerError, match="Not enough disk space") as err:
        download_model(f"hf-hub:{REPO}", cache_dir=tmp_path / "models", resolver=fake_resolver(tiny_hub))
    assert "1.0 MB free" in str(err.value)
    assert tiny_hub.gets() == []  # refused before any byte


def test_download_model_cancel_then_resume(tiny_hub, tmp_path):
    tiny_hub.delay = 0.005
    tiny_hub.chunk = 16 * 1024
    cache = tmp_path / "models"
    token = CancelToken()
    config_size = len(tiny_hub.hub_bytes(REPO, CONFIG))

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
    weights = tiny_model_dir / WEIGHTS
    with pytest.raises(MoodPlayerError, match="nothing to download"):
        download_model(f"ViT-B-32:{weights}", cache_dir=tmp_path)  # open_clip takes a file as the tag


def test_download_model_says_so_when_downloads_are_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotAvailable, match="HF_HUB_OFFLINE"):
        download_model("ViT-B-32:laion2b_s34b_b79k", cache_dir=tmp_path)


def test_download_model_knows_the_default_model_files():
    repo, groups = dl.files_for("ViT-B-32:laion2b_s34b_b79k")
    assert repo == "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    assert groups == [((CONFIG,), False),  # optional: makes the snapshot a local-dir: folder
                      ((WEIGHTS, "open_clip_pytorch_model.bin"), True)]
