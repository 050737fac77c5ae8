"""Check a model spec before it is saved or loaded.

open_clip accepts an architecture name without pretrained weights (``ViT-B-32``)
and quietly builds it with random weights: every photo then reads as noise.
``validate_spec`` refuses that, and other specs that cannot work, with a
message that says what to write instead.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import ModelLoadError
from .catalog import CONFIG_FILE, WEIGHTS_FILES, KnownModel, find_known, known_models

_REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class CheckedSpec:
    spec: str  # the spec as it should be saved (trimmed; a bare folder becomes local-dir:)
    kind: str  # "name" (NAME:TAG) | "hub" (hf-hub:ORG/REPO) | "local" (local-dir:PATH)
    hub_repo: Optional[str] = None  # the Hugging Face repository holding the weights, when known
    folder: Optional[Path] = None  # for "local"
    known: Optional[KnownModel] = None  # the catalog entry, when it is one


def _suggestions(name: str) -> str:
    same = [m.spec for m in known_models() if m.name == name]
    return ", ".join(same or [m.spec for m in known_models()][:3])


def validate_spec(spec: str, *, check_files: bool = True) -> CheckedSpec:
    """Return the checked spec, or raise ``ModelLoadError`` saying what is wrong.

    Accepted: ``NAME:TAG`` (an open_clip architecture and one of its
    pretrained tags), ``hf-hub:ORG/REPO``, ``local-dir:PATH`` or a bare path
    to an existing folder. With ``check_files`` a local folder must hold
    ``open_clip_config.json`` and a weights file. No network is used, so a
    hub repository is only checked for its form.
    """
    from ..vision.model import ModelSpec  # the parser load_model uses: the same rules

    raw = (spec or "").strip()
    parsed = ModelSpec.parse(raw)  # raises ModelLoadError for an empty spec
    known = find_known(raw)

    if parsed.kind == "local":
        folder = Path(parsed.name)
        if check_files:
            if not folder.is_dir():
                raise ModelLoadError(f"the model folder {folder} does not exist")
            if not (folder / CONFIG_FILE).is_file():
                raise ModelLoadError(f"{folder} is not an open_clip model folder: {CONFIG_FILE} is missing")
            if not any((folder / w).is_file() for w in WEIGHTS_FILES):
                raise ModelLoadError(f"{folder} has no weights: it needs {' or '.join(WEIGHTS_FILES)}")
        return CheckedSpec(f"local-dir:{folder}", "local", folder=folder)

    if parsed.kind == "hub":
        if not _REPO_ID.match(parsed.name):
            raise ModelLoadError(f"'{raw}' is not a Hugging Face repository: write hf-hub:ORG/NAME, "
                                 f"e.g. hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K")
        return CheckedSpec(raw, "hub", hub_repo=parsed.name, known=known)

    import open_clip  # NAME or NAME:TAG

    if parsed.name not in open_clip.list_models():
        raise ModelLoadError(f"unknown open_clip model '{parsed.name}'. Known good choices: "
                             f"{_suggestions(parsed.name)}")
    tags = list(open_clip.list_pretrained_tags_by_model(parsed.name))
    if not parsed.pretrained:
        if not tags:
            raise ModelLoadError(f"'{parsed.name}' has no pretrained weights in open_clip: it would "
                                 f"run with random weights. Choose one of: {_suggestions(parsed.name)}")
        raise ModelLoadError(
            f"'{parsed.name}' names an architecture but no pretrained weights, so it would run with "
            f"random weights and read nothing from photos. Add a tag: {parsed.name}:TAG, e.g. "
            f"{_suggestions(parsed.name)} (open_clip knows these tags for {parsed.name}: "
            f"{', '.join(tags)})")
    if parsed.pretrained not in tags and Path(parsed.pretrained).expanduser().is_file():
        return CheckedSpec(raw, "name")  # a weights file of one's own, as open_clip allows
    if parsed.pretrained not in tags:
        raise ModelLoadError(f"unknown pretrained tag '{parsed.pretrained}' for {parsed.name}; known "
                             f"tags: {', '.join(tags) or 'none'}")
    hub = (open_clip.get_pretrained_cfg(parsed.name, parsed.pretrained) or {}).get("hf_hub") or ""
    repo = os.path.split(hub)[0] or None  # open_clip's 'org/repo/' or 'org/repo/file'
    return CheckedSpec(f"{parsed.name}:{parsed.pretrained}", "name", hub_repo=repo, known=known)
