"""Adapter files: what tuning learned, bound to one backbone and one taxonomy.

One ``.safetensors`` file: the tensors (prompt vectors, or the linear probe's
weights) plus a JSON document in the safetensors header under the key
``moodplayer`` (backbone, taxonomy with its version and fingerprint,
method, hyper-parameters, seed, data summary, measured scores). One file is easy to
copy, and ``safetensors`` never unpickles anything.

Writing goes to a hidden temporary file in the same folder and is renamed
into place, so an interrupted save (Ctrl-C, crash, full disk) never leaves a
partial adapter where a good one is expected.

What each method stores and how it becomes a Head again is the method's
business (``methods/``); this module only reads, writes and checks files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..emotions.taxonomy import FINGERPRINT_SCHEME, Taxonomy
from ..vision.model import LoadedModel
from . import methods
from .errors import AdapterError

FORMAT = "moodplayer-adapter"
FORMAT_VERSION = 1
META_KEY = "moodplayer"
METHODS = methods.names(trainable=True)  # the methods an adapter file can hold


@dataclass
class Adapter:
    method: str
    tensors: dict  # name -> CPU float32 tensor
    meta: dict = field(default_factory=dict)

    @property
    def scores(self) -> dict:
        return self.meta.get("scores") or {}


def architecture_signature(model: LoadedModel) -> str:
    """A short hash of every backbone parameter's name and shape.

    Catches a different network behind the same model spec (e.g. another
    model copied into the same local folder) without hashing the weights.
    """
    from ..vision.model import architecture_of

    # Taken at load time: an int8 tower's state has other names for the same network.
    return model.architecture or architecture_of(model.model)


def backbone_meta(model: LoadedModel) -> dict:
    return {"id": model.backbone_id, "architecture": architecture_signature(model),
            "embed_dim": model.embed_dim, "image_size": model.image_size}


def taxonomy_meta(taxonomy: Taxonomy) -> dict:
    return {"id": taxonomy.id, "version": taxonomy.version,
            "fingerprint": taxonomy.fingerprint, "fingerprint_scheme": FINGERPRINT_SCHEME,
            "names": taxonomy.names}


def save_adapter(adapter: Adapter, path) -> Path:
    from safetensors.torch import save_file

    path = Path(path).expanduser()
    if path.suffix != ".safetensors":
        path = path.with_name(path.name + ".safetensors")
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"format": FORMAT, "format_version": FORMAT_VERSION, **adapter.meta,
            "method": adapter.method}
    tensors = {k: v.detach().float().cpu().contiguous() for k, v in adapter.tensors.items()}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        save_file(tensors, str(tmp), metadata={META_KEY: json.dumps(meta)})
        os.replace(tmp, path)
    except BaseException as exc:  # KeyboardInterrupt too: never leave the temp file behind
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AdapterError(f"could not write the adapter {path}: {exc}") from None
        raise
    return path


def load_adapter(path) -> Adapter:
    from safetensors import safe_open

    path = Path(path).expanduser()
    if not path.is_file():
        raise AdapterError(f"adapter {path} not found")
    try:
        with safe_open(str(path), framework="pt") as f:
            header = f.metadata() or {}
            tensors = {k: f.get_tensor(k) for k in f.keys()}
    except Exception as exc:  # safetensors raises its own error types, varying by version
        raise AdapterError(f"{path} is not a readable adapter file ({exc})") from None
    try:
        meta = json.loads(header[META_KEY])
    except (KeyError, ValueError):
        raise AdapterError(f"{path} is a safetensors file but not a MoodPlayer adapter "
                           f"(no '{META_KEY}' metadata)") from None
    if meta.get("format") != FORMAT or int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise AdapterError(f"{path} was written by a newer or different program "
                           f"(format {meta.get('format')} v{meta.get('format_version')})")
    method = meta.get("method")
    if method not in methods.names(trainable=True):
        raise AdapterError(f"{path}: unknown tuning method '{method}'")
    return Adapter(method, tensors, meta)


def check_compatible(adapter: Adapter, model: LoadedModel, taxonomy: Taxonomy) -> None:
    """Refuse, in words, an adapter tuned for another backbone or taxonomy."""
    made_for = adapter.meta.get("backbone") or {}
    if made_for.get("id") != model.backbone_id or \
            made_for.get("architecture") != architecture_signature(model):
        raise AdapterError(
            f"this adapter was tuned for the model '{made_for.get('id')}', but the loaded model "
            f"is '{model.backbone_id}'. Prompts only work with the model they were tuned on: "
            f"load that model, or tune a new adapter for this one.")
    tax = adapter.meta.get("taxonomy") or {}
    if tax.get("id") != taxonomy.id or list(tax.get("names") or []) != taxonomy.names:
        raise AdapterError(
            f"this adapter was tuned for the emotions of taxonomy '{tax.get('id')}' "
            f"v{tax.get('version')} ({', '.join(tax.get('names') or [])}), but the active "
            f"taxonomy is '{taxonomy.id}' v{taxonomy.version} ({', '.join(taxonomy.names)}). "
            f"Switch taxonomy, or tune a new adapter.")
    if "fingerprint_scheme" in tax:  # the fingerprint covers prompts and valence/arousal
        stale = tax.get("fingerprint") != taxonomy.fingerprint
    else:  # saved before: its fingerprint covered id, version and names only
        stale = tax.get("version", taxonomy.version) != taxonomy.version
    if stale:
        raise AdapterError(
            f"this adapter was made for an older version of the emotion list; tune again "
            f"(taxonomy '{taxonomy.id}': its prompts, valence/arousal points or version have "
            f"changed since the adapter was tuned).")


def make_head(adapter: Adapter, model: LoadedModel, taxonomy: Taxonomy):
    """A Head for ``EmotionExtractor.set_head``; refuses a mismatched adapter."""
    check_compatible(adapter, model, taxonomy)
    method = methods.find(adapter.method)
    if method is None or not method.trainable:
        raise AdapterError(f"unknown tuning method '{adapter.method}'")
    return method.head(adapter, model, taxonomy)


def load_head(path, model: LoadedModel, taxonomy: Taxonomy):
    """Adapter file -> Head, in one call (what the GUI and ``analyze --adapter`` use)."""
    return make_head(load_adapter(path), model, taxonomy)
