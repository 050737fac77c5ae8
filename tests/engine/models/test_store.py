"""Models on disk: listed with their sizes, removed on request, never outside our folders."""

from __future__ import annotations

import shutil

import pytest

from moodplayer.engine.errors import MoodPlayerError
from moodplayer.engine.models import find_on_disk, list_models, remove_model
from moodplayer.engine.models.store import FOLDER, OURS, SHARED

COMMIT = "c" * 40


def hub_repo(cache, repo_id, files, partial=0):
    """A repository in the Hugging Face cache layout: {name: size} as blobs + snapshot links."""
    repo = cache / ("models--" + repo_id.replace("/", "--"))
    (repo / "blobs").mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(COMMIT)
    snap = repo / "snapshots" / COMMIT
    snap.mkdir(parents=True)
    for i, (name, size) in enumerate(files.items()):
        blob = repo / "blobs" / f"{i:064x}"
        blob.write_bytes(b"w" * size)
        (snap / name).symlink_to(f"../../blobs/{blob.name}")
    if partial:
        (repo / "blobs" / f"{'f' * 64}.incomplete").write_bytes(b"p" * partial)
    return repo


@pytest.fixture
def disks(tmp_path, tiny_model_dir):
    ours, shared = tmp_path / "models", tmp_path / "hf"
    hub_repo(ours, "laion/CLIP-ViT-B-32-laion2B-s34B-b79K", {"open_clip_model.safetensors": 5000})
    hub_repo(ours, "someone/half-done", {"open_clip_config.json": 10}, partial=700)
    shutil.copytree(tiny_model_dir, ours / "my-clip")
    hub_repo(shared, "someone/other-clip", {"open_clip_config.json": 20, "open_clip_model.safetensors": 3000})
    hub_repo(shared, "someone/a-language-model", {"model.safetensors": 9000})  # not ours to list
    return ours, shared


def test_list_models_finds_every_kind_with_sizes(disks, tiny_model_dir):
    ours, shared = disks
    found = {m.spec: m for m in list_models(models_dir=ours, hub_cache=shared)}
    default = found["ViT-B-32:laion2b_s34b_b79k"]  # a catalog repository gets the catalog's spec
    assert (default.where, default.size_bytes, default.partial_bytes, default.complete) == (OURS, 5000, 0, True)
    assert default.known is not None and default.repo_id == "laion/CLIP-ViT-B-32-laion2B-s34B-b79K"
    half = found["hf-hub:someone/half-done"]
    assert (half.size_bytes, half.partial_bytes, half.complete) == (10, 700, False)
    folder = found[f"local-dir:{ours / 'my-clip'}"]
    size = sum(p.stat().st_size for p in tiny_model_dir.iterdir())
    assert (folder.where, folder.size_bytes, folder.complete) == (FOLDER, size, True)
    other = found["hf-hub:someone/other-clip"]
    assert (other.where, other.size_bytes, other.shared) == (SHARED, 3020, True)
    assert not [m for m in found.values() if "language-model" in m.spec]
    assert [m.where for m in list_models(models_dir=ours, hub_cache=shared)][:1] == [OURS]
    assert all(m.where != SHARED for m in list_models(models_dir=ours, hub_cache=shared,
                                                      include_shared=False))


def test_find_on_disk_by_spec_or_repository(disks):
    ours, shared = disks
    models = list_models(models_dir=ours, hub_cache=shared)
    assert find_on_disk("ViT-B-32:laion2b_s34b_b79k", models).where == OURS
    assert find_on_disk("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K", models).where == OURS
    assert find_on_disk("ViT-L-14:datacomp_xl_s13b_b90k", models) is None


def test_remove_model_deletes_exactly_that_folder(disks):
    ours, shared = disks
    models = {m.spec: m for m in list_models(models_dir=ours, hub_cache=shared)}
    assert remove_model(models["ViT-B-32:laion2b_s34b_b79k"], models_dir=ours) == 5000
    assert remove_model(models[f"local-dir:{ours / 'my-clip'}"], models_dir=ours) > 0
    assert remove_model(models["hf-hub:someone/half-done"], models_dir=ours) == 710
    assert list_models(models_dir=ours, hub_cache=shared, include_shared=False) == []
    assert ours.is_dir()  # the folder itself stays


def test_remove_model_leaves_shared_and_foreign_folders_alone(disks, tmp_path, monkeypatch):
    from huggingface_hub import constants

    ours, shared = disks
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(shared))
    other = {m.spec: m for m in list_models(models_dir=ours)}["hf-hub:someone/other-clip"]
    with pytest.raises(MoodPlayerError, match="other programs"):
        remove_model(other, models_dir=ours)
    assert other.path.is_dir()
    assert remove_model(other, allow_shared=True, models_dir=ours) == 3020
    assert not other.path.exists()
    # A listing that points elsewhere (made up, or stale) is refused.
    stray = tmp_path / "elsewhere" / "models--x--y"
    stray.mkdir(parents=True)
    fake = type(other)("hf-hub:x/y", stray, 1, 0, True, OURS, "x/y")
    with pytest.raises(MoodPlayerError, match="left alone"):
        remove_model(fake, models_dir=ours)
    assert stray.is_dir()


def test_open_clip_folder_is_the_folder_local_dir_can_load(disks, tiny_model_dir):
    from moodplayer.engine.models import open_clip_folder

    ours, shared = disks
    models = {m.spec: m for m in list_models(models_dir=ours, hub_cache=shared)}
    assert open_clip_folder(models[f"local-dir:{ours / 'my-clip'}"]) == ours / "my-clip"
    # weights without a config (what open_clip itself downloads for NAME:TAG): none
    assert open_clip_folder(models["ViT-B-32:laion2b_s34b_b79k"]) is None
    assert open_clip_folder(models["hf-hub:someone/half-done"]) is None  # config, no weights
    other = models["hf-hub:someone/other-clip"]  # both files: its snapshot
    assert open_clip_folder(other) == other.path / "snapshots" / COMMIT
