"""open_clip imported lean: without what the model at hand never uses.

Importing open_clip is most of what a double-click waits for beyond torch
itself. Measured on the 2-core CPU, after ``import torch`` (~1.0 s):

* ~0.9 s is ``torch._dynamo`` (the compiler), which torchvision imports
  eagerly for one function its ``roi_align`` consults only when it runs;
* ~0.8 s is transformers, when installed (the optional CLAP extra brings it):
  open_clip imports it for Hugging Face text towers and tokenizers;
* ~0.3 s is timm, imported for timm image towers.

``for_model(spec)`` is the block a model is loaded in. The first time
open_clip is imported in a process:

* ``torch._dynamo.utils`` is a stand-in while the block runs: the one
  function torchvision takes from it, and any other name read from it,
  import the real module at that moment and answer from it, so nothing
  changes but when the compiler is imported (if ever);
* timm and transformers are hidden when the model's own config shows it
  uses neither (an import of them fails as if they were not installed,
  which open_clip takes in its stride); afterwards they import normally
  again (the CLAP reader still finds transformers).

When a later model needs a package open_clip was imported without, the
open_clip modules that looked it up are reloaded first, so it loads as it
would in a fresh process. A model whose config is unknown before loading
(a hub model not downloaded yet) hides nothing. Nothing here imports
open_clip; ``model.py`` stays the one module that does.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import logging
import os
import sys
import threading
import types
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)

OPTIONAL = ("timm", "transformers")
# The open_clip modules that look each package up when they are imported.
USERS = {"timm": ("open_clip.timm_model",),
         "transformers": ("open_clip.hf_model", "open_clip.coca_model")}
DEFERRED = "torch._dynamo.utils"

_hidden_at_import: set = set()  # packages open_clip was imported without, in this process
_lock = threading.Lock()


def _bundled_config(name: str) -> Optional[dict]:
    spec = importlib.util.find_spec("open_clip")  # finds the package without running it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "model_configs" / f"{name}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def _hub_config(repo: str) -> Optional[dict]:
    from huggingface_hub import try_to_load_from_cache

    from .. import paths

    for cache in (str(paths.models_dir()), None):
        found = try_to_load_from_cache(repo, "open_clip_config.json", cache_dir=cache)
        if isinstance(found, str) and os.path.isfile(found):
            return json.loads(Path(found).read_text(encoding="utf-8")).get("model_cfg")
    return None


def model_config(spec: str) -> Optional[dict]:
    """The model's open_clip config (``model_cfg``) as far as it is known before
    loading it; None when it is not (a hub model not downloaded, a typo)."""
    from .spec import ModelSpec, local_model_config

    try:
        parsed = ModelSpec.parse(spec)
        if parsed.kind == "local":
            return local_model_config(spec)
        if parsed.kind == "hub":
            return _hub_config(parsed.name)
        return _bundled_config(parsed.name)
    except Exception as exc:  # noqa: BLE001 - not knowing only means hiding nothing
        log.debug("no config known for %s before loading it: %s", spec, exc)
        return None


def needed(spec: str) -> Optional[set]:
    """The optional packages ``spec``'s model uses, or None when that is not known."""
    cfg = model_config(spec)
    if not isinstance(cfg, dict):
        return None
    vision, text = cfg.get("vision_cfg") or {}, cfg.get("text_cfg") or {}
    wanted = set()
    if vision.get("timm_model_name"):
        wanted.add("timm")
    # An HF text tower or tokenizer, or SigLIP's tokenizers (chosen by the model's name).
    if text.get("hf_model_name") or "hf_tokenizer_name" in text or "siglip" in spec.lower():
        wanted.add("transformers")
    return wanted


def _stand_in() -> types.ModuleType:
    """``torch._dynamo.utils`` until something reads from it, then the real one."""
    stub = types.ModuleType(DEFERRED)

    def real():
        if sys.modules.get(DEFERRED) is stub:
            del sys.modules[DEFERRED]
        return importlib.import_module(DEFERRED)

    def is_compile_supported(device_type):  # the name torchvision imports
        return real().is_compile_supported(device_type)

    def other(name):  # any other name: from the real module
        if name.startswith("__"):
            # inspect.getmodule asks every module for __file__ (torch does, per registered
            # op): a question about the stand-in itself, not a use of the compiler.
            raise AttributeError(name)
        return getattr(real(), name)

    stub.is_compile_supported = is_compile_supported
    stub.__getattr__ = other
    stub.stand_in = True
    return stub


@contextlib.contextmanager
def _hidden(packages, defer_compiler: bool):
    """Imports of ``packages`` fail inside the block (``sys.modules[name] = None``), and
    ``torch._dynamo.utils`` is the stand-in; both are undone on the way out."""
    placed = [p for p in packages if p not in sys.modules]
    for name in placed:
        sys.modules[name] = None
    stub = _stand_in() if defer_compiler and DEFERRED not in sys.modules else None
    if stub is not None:
        sys.modules[DEFERRED] = stub
    try:
        yield placed
    finally:
        for name in placed:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
        if stub is not None and sys.modules.get(DEFERRED) is stub:
            del sys.modules[DEFERRED]


def _reload_users(packages) -> None:
    for package in packages:
        for name in USERS[package]:
            module = sys.modules.get(name)
            if module is not None:
                # Re-runs the module in its own namespace: classes other modules hold
                # read their globals from it, so they see the package from now on.
                importlib.reload(module)
        _hidden_at_import.discard(package)
        log.info("open_clip now uses %s (it was imported without it)", package)


@contextlib.contextmanager
def for_model(spec: str):
    """Load ``spec``'s model inside this block (see the module's docstring).

    Loads serialise on a lock: hidden names are process-wide, so a second
    first-load must not see them half-way.
    """
    with _lock:
        wanted = needed(spec)
        first = "open_clip" not in sys.modules
        if not first:
            missing = _hidden_at_import & (wanted if wanted is not None else set(OPTIONAL))
            if missing:
                _reload_users(sorted(missing))
        hide = [p for p in OPTIONAL if p not in wanted] if first and wanted is not None else []
        with _hidden(hide, defer_compiler=first) as placed:
            try:
                yield
            finally:  # a load that failed may still have imported open_clip
                if placed and "open_clip" in sys.modules:
                    _hidden_at_import.update(placed)
                    log.info("open_clip imported without %s (this model does not use them)",
                             ", ".join(placed))
