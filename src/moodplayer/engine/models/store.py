"""Models on this computer: list them with their size, remove one.

Looked at:
  * MoodPlayer's models folder (``paths.models_dir()``): downloads in the
    Hugging Face cache layout (``models--ORG--NAME/``), and model folders in
    open_clip's layout copied there by hand (``my-clip/open_clip_config.json``);
  * the Hugging Face cache shared with other programs
    (``huggingface_hub.constants.HF_HUB_CACHE``, usually
    ``~/.cache/huggingface/hub``): only repositories with open_clip files.

Nothing here touches the network; open_clip (and so torch) is imported only to
name a downloaded repository the catalog does not know.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import paths
from ..errors import MoodPlayerError
from .catalog import CONFIG_FILE, WEIGHTS_FILES, KnownModel, find_known

OURS, SHARED, FOLDER = "moodplayer", "huggingface", "folder"


@dataclass(frozen=True)
class ModelOnDisk:
    spec: str  # what --model / settings take for it
    path: Path  # the folder that holds it (removing it removes the model)
    size_bytes: int  # complete files
    partial_bytes: int  # unfinished downloads (resumed by the next download)
    complete: bool  # the weights are there: it loads offline
    where: str  # OURS (MoodPlayer's models folder), SHARED (Hugging Face cache) or FOLDER
    repo_id: Optional[str] = None
    known: Optional[KnownModel] = None

    @property
    def shared(self) -> bool:
        return self.where == SHARED


def _files(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "refs"]  # commit ids, not model bytes
        for name in names:
            path = Path(root) / name
            if not path.is_symlink():  # snapshot links point at blobs, counted once
                yield path


def _sizes(folder: Path) -> tuple:
    done = partial = 0
    for path in _files(folder):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if path.name.endswith(".incomplete"):
            partial += size
        else:
            done += size
    return done, partial


def _snapshot_names(repo: Path) -> set:
    names = set()
    snapshots = repo / "snapshots"
    if snapshots.is_dir():
        for snap in snapshots.iterdir():
            for root, _dirs, files in os.walk(snap):
                names.update(f for f in files if (Path(root) / f).exists())  # no dangling links
    return names


def _spec_for_repo(repo_id: str, has_config: bool) -> tuple:
    known = find_known(f"hf-hub:{repo_id}")
    if known is not None:
        return known.spec, known
    if has_config:
        return f"hf-hub:{repo_id}", None
    try:  # weights without a config: an open_clip NAME:TAG whose weights live there
        import open_clip

        for name, tag in open_clip.list_pretrained():
            hub = (open_clip.get_pretrained_cfg(name, tag) or {}).get("hf_hub") or ""
            if os.path.split(hub)[0] == repo_id:
                return f"{name}:{tag}", None
    except ImportError:
        pass
    return f"hf-hub:{repo_id}", None


def _scan_hub_cache(cache: Path, where: str) -> list:
    found = []
    if not cache.is_dir():
        return found
    for repo in sorted(cache.glob("models--*")):
        if not repo.is_dir():
            continue
        repo_id = repo.name[len("models--"):].replace("--", "/", 1)
        names = _snapshot_names(repo)
        is_clip = bool(names & {CONFIG_FILE, *WEIGHTS_FILES}) or find_known(f"hf-hub:{repo_id}")
        if where == SHARED and not is_clip:
            continue  # other programs' models are none of our business
        size, partial = _sizes(repo)
        spec, known = _spec_for_repo(repo_id, CONFIG_FILE in names)
        complete = bool(names & set(WEIGHTS_FILES))
        found.append(ModelOnDisk(spec, repo, size, partial, complete, where, repo_id, known))
    return found


def _scan_folders(root: Path) -> list:
    found = []
    if not root.is_dir():
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "models--"))):
        if (folder / CONFIG_FILE).is_file():
            size, partial = _sizes(folder)
            complete = any((folder / w).is_file() for w in WEIGHTS_FILES)
            found.append(ModelOnDisk(f"local-dir:{folder}", folder, size, partial, complete, FOLDER))
    return found


def shared_hub_cache() -> Optional[Path]:
    try:
        from huggingface_hub import constants
    except ImportError:
        return None
    return Path(constants.HF_HUB_CACHE)


def list_models(models_dir: Optional[Path] = None, hub_cache: Optional[Path] = None,
                include_shared: bool = True) -> list:
    """Every CLIP model on disk, MoodPlayer's own first, as ``ModelOnDisk``."""
    ours = Path(models_dir) if models_dir is not None else paths.models_dir()
    found = _scan_hub_cache(ours, OURS) + _scan_folders(ours)
    shared = hub_cache if hub_cache is not None else shared_hub_cache()
    if include_shared and shared is not None and Path(shared).resolve() != ours.resolve():
        found += _scan_hub_cache(Path(shared), SHARED)
    return found


def remove_model(model: ModelOnDisk, *, allow_shared: bool = False,
                 models_dir: Optional[Path] = None) -> int:
    """Delete a listed model's folder; returns the bytes freed.

    A model in the Hugging Face cache may belong to other programs too: it is
    removed only with ``allow_shared=True``. Nothing outside MoodPlayer's
    models folder or the Hugging Face cache is ever deleted.
    """
    ours = (Path(models_dir) if models_dir is not None else paths.models_dir()).resolve()
    shared = shared_hub_cache()
    roots = [ours] + ([shared.resolve()] if shared is not None and model.shared else [])
    path = Path(model.path).resolve()
    if model.shared and not allow_shared:
        raise MoodPlayerError(f"{model.spec} is in the Hugging Face cache ({model.path}), which other "
                              f"programs may use too; remove it there if you are sure")
    if path.parent not in roots or not path.is_dir():
        raise MoodPlayerError(f"{model.path} is not a model folder MoodPlayer manages; "
                              f"it was left alone")
    freed = model.size_bytes + model.partial_bytes
    try:
        shutil.rmtree(path)
    except OSError as exc:
        raise MoodPlayerError(f"could not remove {path}: {exc.strerror or exc}") from None
    locks = path.parent / ".locks" / path.name
    shutil.rmtree(locks, ignore_errors=True)
    return freed


def open_clip_folder(model: ModelOnDisk) -> Optional[Path]:
    """A folder holding the model's config and weights side by side (what ``local-dir:`` loads).

    A model folder is one already; a download in the hub layout has one when
    its snapshot holds ``open_clip_config.json`` (MoodPlayer fetches it with
    the weights). None when there is none (weights alone, or unfinished).
    """
    def loadable(folder: Path) -> bool:
        return (folder / CONFIG_FILE).is_file() and any((folder / w).is_file() for w in WEIGHTS_FILES)

    if model.where == FOLDER:
        return model.path if loadable(model.path) else None
    ref = model.path / "refs" / "main"
    snapshots = model.path / "snapshots"
    try:
        preferred = [snapshots / ref.read_text(encoding="utf-8").strip()] if ref.is_file() else []
        others = sorted(p for p in snapshots.iterdir() if p.is_dir()) if snapshots.is_dir() else []
    except OSError:
        return None
    return next((folder for folder in preferred + others if loadable(folder)), None)


def find_on_disk(spec: str, models: Optional[list] = None) -> Optional[ModelOnDisk]:
    """The listed model for ``spec`` (or its hub repository), if it is on disk."""
    spec = (spec or "").strip()
    known = find_known(spec)
    for model in models if models is not None else list_models():
        if model.spec == spec or (known is not None and model.repo_id == known.hub_repo) \
                or (spec.startswith("hf-hub:") and model.repo_id == spec[len("hf-hub:"):]):
            return model
    return None
