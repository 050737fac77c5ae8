"""A model spec in words, parsed without torch (the launch reads it before importing it).

A model spec is one of:
  * ``NAME:TAG``          an open_clip architecture and pretrained tag,
                          e.g. ``ViT-B-32:laion2b_s34b_b79k``
  * ``hf-hub:ORG/REPO``   an open_clip model on the Hugging Face hub
  * ``local-dir:PATH``    a folder in open_clip's hub layout
                          (``open_clip_config.json`` + ``open_clip_model.safetensors``)
                          — also accepted as a bare existing folder path.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import ModelLoadError


@dataclass(frozen=True)
class ModelSpec:
    raw: str
    kind: str  # "name" | "hub" | "local"
    name: str  # open_clip architecture, hub repo id, or folder path
    pretrained: Optional[str] = None

    @classmethod
    def parse(cls, spec: str) -> "ModelSpec":
        spec = (spec or "").strip()
        if not spec:
            raise ModelLoadError("no model given: set --model or MOODPLAYER_MODEL")
        if spec.startswith("local-dir:"):
            return cls(spec, "local", str(Path(spec[len("local-dir:"):]).expanduser()))
        if spec.startswith("hf-hub:"):
            return cls(spec, "hub", spec[len("hf-hub:"):])
        if os.path.isdir(os.path.expanduser(spec)):
            return cls(spec, "local", str(Path(spec).expanduser()))
        name, _, tag = spec.partition(":")
        return cls(spec, "name", name, tag or None)

    def open_clip_name(self) -> str:
        if self.kind == "local":
            return f"local-dir:{self.name}"
        if self.kind == "hub":
            return f"hf-hub:{self.name}"
        return self.name

    def describe(self) -> str:
        if self.kind == "name":
            return f"{self.name} with pretrained weights '{self.pretrained}'" if self.pretrained \
                else f"{self.name} (random weights)"
        if self.kind == "hub":
            return f"hub model {self.name}"
        return f"local model folder {self.name}"


def local_model_config(spec: str) -> Optional[dict]:
    """A local model folder's open_clip ``model_cfg``; None for any other spec or when the
    folder's config cannot be read (whoever loads the model then says why)."""
    try:
        parsed = ModelSpec.parse(spec)
        if parsed.kind != "local":
            return None
        path = Path(parsed.name) / "open_clip_config.json"
        cfg = json.loads(path.read_text(encoding="utf-8")).get("model_cfg")
    except (ModelLoadError, OSError, ValueError, AttributeError):
        return None
    return cfg if isinstance(cfg, dict) else None
