"""A disk cache for features that depend only on model + taxonomy (+ adapter).

The zero-shot head needs one text feature per emotion: the mean of that
emotion's prompt ensemble (8 emotions x 4 words x 6 templates = 192 prompts
for mikels8). On a 2-core CPU with ViT-B-32 that is ~13 s of text encoder,
and every process (each CLI command, each window start) used to redo it. The
result changes only when the weights, the taxonomy's prompts or the adapter
change, so it is stored once under the app's cache folder, keyed by their
fingerprints, and shared by the window and the command line.

What makes a key (any change gives a new file, so nothing stale is read):
  * the scheme below (bump it when the computation itself changes),
  * what is cached (``what``: e.g. "zero-shot"),
  * the model: its kind and name, and the identity of its weights
    (for a local folder: name, size and mtime of the config and weight files),
  * ``taxonomy.fingerprint`` (names, order, points, words, templates, version),
  * the adapter's identity (a hash of the adapter file), when there is one.
Device and precision are not part of the key: the tensor is stored in fp32
on the CPU, and a bf16 model reads the same numbers to within its rounding.

Files are safetensors (never unpickled), written to a temporary name and
renamed into place; a damaged or foreign file is ignored and rewritten.
Failing to write (read-only home, full disk) only costs the recomputation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Callable, Optional

import torch

from .. import paths

log = logging.getLogger(__name__)

CACHE_SCHEME = 1
FOLDER = "text-features"
MAX_FILES = 64  # older entries (other models, edited taxonomies) are pruned beyond this
WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pth", ".pt")
TENSOR = "features"


def _stat_line(path: Path) -> str:
    st = path.stat()
    return f"{path.name}:{st.st_size}:{st.st_mtime_ns}"


def _folder_identity(folder: Path) -> Optional[str]:
    """The config and every weights file of a local model folder, by name, size and mtime.

    Stat, not a content hash: hashing 600 MB of weights would cost more than
    the text encoder we are trying to skip. Copying new weights over old ones
    changes the size or the mtime.
    """
    try:
        files = sorted(p for p in folder.iterdir()
                       if p.name == "open_clip_config.json" or p.suffix in WEIGHT_SUFFIXES)
        if not any(p.suffix in WEIGHT_SUFFIXES for p in files):
            return None  # no weights: open_clip would make random ones, not cacheable
        return ";".join(_stat_line(p) for p in files)
    except OSError:
        return None


def _hub_identity(repo: str) -> Optional[str]:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    for name in ("open_clip_model.safetensors", "open_clip_pytorch_model.bin"):
        found = try_to_load_from_cache(repo, name)
        if isinstance(found, str) and os.path.isfile(found):
            return f"{Path(found).parent.name}/{_stat_line(Path(found))}"  # snapshot hash + stat
    return None


def weights_identity(spec) -> Optional[str]:
    """What names these exact weights, or None when they cannot be named (random weights)."""
    if spec.kind == "local":
        return _folder_identity(Path(spec.name))
    if spec.kind == "hub":
        return _hub_identity(spec.name)
    if not spec.pretrained:
        return None  # random initialisation: different in every process
    if os.path.isfile(spec.pretrained):
        return _stat_line(Path(spec.pretrained))
    return f"pretrained:{spec.pretrained}"  # a released tag names fixed weights


def file_digest(path) -> str:
    """A content hash of a small file (an adapter), for keys."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def key_parts(model, taxonomy, what: str, adapter: Optional[str] = None) -> Optional[dict]:
    """Everything the cached tensor depends on, or None when it must not be cached."""
    identity = weights_identity(model.spec)
    if identity is None:
        return None
    return {"scheme": CACHE_SCHEME, "what": what, "model_kind": model.spec.kind,
            "model": str(Path(model.spec.name).resolve()) if model.spec.kind == "local"
            else model.spec.raw,
            "weights": identity, "embed_dim": int(model.embed_dim),
            "taxonomy": taxonomy.fingerprint, "adapter": adapter}


class TextFeatureCache:
    """One file per key in ``folder`` (default: the app's cache folder)."""

    def __init__(self, folder: Optional[Path] = None):
        self.folder = Path(folder) if folder is not None else paths.cache_dir() / FOLDER

    def path_for(self, parts: dict) -> Path:
        digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:24]
        return self.folder / f"{parts['what']}-{digest}.safetensors"

    def load(self, parts: dict, rows: int) -> Optional[torch.Tensor]:
        """The stored (rows, embed_dim) fp32 tensor, or None if absent, damaged or foreign."""
        path = self.path_for(parts)
        if not path.is_file():
            return None
        try:
            from safetensors import safe_open

            with safe_open(str(path), framework="pt") as f:
                stored = json.loads((f.metadata() or {}).get("key", "null"))
                tensor = f.get_tensor(TENSOR)
        except Exception as exc:  # safetensors raises its own types; a bad file is only a miss
            log.info("ignoring damaged cache file %s (%s)", path, exc)
            return None
        if stored != parts or tuple(tensor.shape) != (rows, parts["embed_dim"]) \
                or tensor.dtype != torch.float32 or not torch.isfinite(tensor).all():
            log.info("ignoring cache file %s: it does not hold what its name says", path)
            return None
        return tensor

    def store(self, parts: dict, tensor: torch.Tensor) -> None:
        from safetensors.torch import save_file

        path = self.path_for(parts)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_file({TENSOR: tensor.detach().float().cpu().contiguous()}, str(tmp),
                      metadata={"key": json.dumps(parts, sort_keys=True)})
            os.replace(tmp, path)  # atomic: a reader sees the old file or the whole new one
        except Exception as exc:  # noqa: BLE001 - OSError, or safetensors' own error types
            log.warning("could not write the feature cache %s (%s); it will be recomputed", path, exc)
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            return
        self._prune()

    def _prune(self) -> None:
        try:
            files = sorted(self.folder.glob("*.safetensors"), key=lambda p: p.stat().st_mtime)
            for old in files[:-MAX_FILES]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # pruning is housekeeping; never worth an error


def cached_features(model, taxonomy, compute: Callable[[], torch.Tensor], what: str,
                    adapter: Optional[str] = None,
                    cache: Optional[TextFeatureCache] = None) -> torch.Tensor:
    """``compute()``'s (C, D) tensor, read from the disk cache when it is there.

    ``adapter`` names the adapter the features depend on (see ``file_digest``).
    Always returns an fp32 CPU tensor, whether computed or read.
    """
    parts = key_parts(model, taxonomy, what, adapter)
    if parts is None:
        return compute().float().cpu()
    cache = cache or TextFeatureCache()
    hit = cache.load(parts, len(taxonomy))
    if hit is not None:
        log.info("class text features read from %s", cache.path_for(parts))
        return hit
    features = compute().float().cpu()
    cache.store(parts, features)
    return features
