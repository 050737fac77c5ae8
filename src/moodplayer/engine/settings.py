"""One settings object with defaults, saved as JSON in the app's home.

Precedence, strongest first: explicit arguments (CLI flags) > environment
(``MOODPLAYER_MODEL``, ``MOODPLAYER_DEVICE``, ``MOODPLAYER_PRECISION``) >
the saved settings file > the defaults below.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import paths

log = logging.getLogger(__name__)

# A strong, widely used ViT-B-32: 66.6% ImageNet zero-shot, ~600 MB, fast on CPU.
DEFAULT_MODEL = "ViT-B-32:laion2b_s34b_b79k"
DEFAULT_TAXONOMY = "mikels8"

ENV_KEYS = {
    "model": "MOODPLAYER_MODEL",
    "device": "MOODPLAYER_DEVICE",
    "precision": "MOODPLAYER_PRECISION",
}


@dataclass
class Settings:
    model: str = DEFAULT_MODEL
    device: str = "auto"  # auto | cpu | cuda | mps
    precision: str = "auto"  # auto | fp32 | bf16 | fp16
    taxonomy: str = DEFAULT_TAXONOMY
    batch_size: int = 16
    adapter: Optional[str] = None  # path of the active DAPT adapter, if any
    # Queue and library settings are used by the library/app layers.
    queue_length: int = 20
    queue_kind: str = "music"
    diversity: float = 0.3
    library_folders: list = field(default_factory=list)
    watch_folders: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # app-owned keys (window geometry...)

    @classmethod
    def load(cls, path: Optional[Path] = None, use_env: bool = True) -> "Settings":
        path = path or paths.settings_path()
        values = {}
        if path.exists():
            try:
                values = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(values, dict):
                    raise ValueError("not a JSON object")
            except (OSError, ValueError) as exc:
                # A damaged settings file must not stop the app: keep a copy, use defaults.
                log.warning("settings file %s unreadable (%s); using defaults", path, exc)
                try:
                    path.replace(path.with_suffix(".json.bad"))
                except OSError:
                    pass
                values = {}
        known = {f.name for f in dataclasses.fields(cls)}
        settings = cls(**{k: v for k, v in values.items() if k in known})
        if use_env:
            settings.apply_env()
        return settings

    def apply_env(self) -> None:
        for attr, var in ENV_KEYS.items():
            value = os.environ.get(var)
            if value:
                setattr(self, attr, value)

    def save(self, path: Optional[Path] = None) -> None:
        path = path or paths.settings_path()
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(self), indent=2), encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves half a settings file
