"""Emotion taxonomies, kept as data in ``resources/taxonomies/*.json``.

A taxonomy is a list of emotions, each with a valence/arousal point in
[-1, 1] (Russell's circumplex), the words CLIP is prompted with, and the
prompt templates shared by all of them. A second taxonomy is a second JSON
file: no code changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from .. import paths
from ..errors import TaxonomyError


# What ``Taxonomy.fingerprint`` covers. 1: id, version and names only;
# 2: also the order, valence/arousal points, prompt words and templates.
# Adapters store it next to the fingerprint, so one saved under scheme 1 is
# still recognised (and checked by id, version and names).
FINGERPRINT_SCHEME = 2


@dataclass(frozen=True)
class Emotion:
    name: str
    valence: float
    arousal: float
    words: tuple
    color: str = "#888888"


@dataclass(frozen=True)
class Taxonomy:
    id: str
    version: int
    title: str
    templates: tuple
    emotions: tuple

    @property
    def names(self) -> list:
        return [e.name for e in self.emotions]

    def index(self, name: str) -> int:
        for i, e in enumerate(self.emotions):
            if e.name == name:
                return i
        raise KeyError(name)

    def __len__(self) -> int:
        return len(self.emotions)

    def prompts(self, emotion: Emotion) -> list:
        """Every template filled with every word: the prompt ensemble for one class."""
        return [t.format(w) for w in emotion.words for t in self.templates]

    @property
    def fingerprint(self) -> str:
        """A short hash of everything that changes a reading.

        Covers the id and version, the emotion names in their order, each
        emotion's valence/arousal point and prompt words, and the prompt
        templates. Not the title or the colours: they change no number.
        Stored profiles (``profiles_taxonomy``) and adapters are bound to it,
        so editing one prompt word makes both stale.
        """
        blob = json.dumps({
            "id": self.id,
            "version": self.version,
            "templates": list(self.templates),
            "emotions": [[e.name, e.valence, e.arousal, list(e.words)] for e in self.emotions],
        }, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _validate(data: dict, source: str) -> Taxonomy:
    def fail(msg: str):
        raise TaxonomyError(f"taxonomy {source}: {msg}")

    if not isinstance(data, dict):
        fail("must be a JSON object")
    for key in ("id", "templates", "emotions"):
        if key not in data:
            fail(f"missing '{key}'")
    templates = data["templates"]
    if not templates or not all(isinstance(t, str) and t.count("{}") == 1 for t in templates):
        fail("'templates' must be a non-empty list of strings each holding one '{}'")
    raw = data["emotions"]
    if not isinstance(raw, list) or len(raw) < 2:
        fail("'emotions' must list at least two emotions")
    emotions, seen = [], set()
    for i, e in enumerate(raw):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            fail(f"emotion #{i} needs a 'name'")
        name = e["name"].strip()
        if name in seen:
            fail(f"emotion '{name}' is listed twice")
        seen.add(name)
        try:
            v, a = float(e["valence"]), float(e["arousal"])
        except (KeyError, TypeError, ValueError):
            fail(f"emotion '{name}' needs numeric 'valence' and 'arousal'")
        if not (-1 <= v <= 1 and -1 <= a <= 1):
            fail(f"emotion '{name}': valence and arousal must lie in [-1, 1]")
        words = e.get("words") or [name]
        if not all(isinstance(w, str) and w for w in words):
            fail(f"emotion '{name}': 'words' must be non-empty strings")
        emotions.append(Emotion(name, v, a, tuple(words), e.get("color", "#888888")))
    return Taxonomy(
        id=str(data["id"]),
        version=int(data.get("version", 1)),
        title=str(data.get("title", data["id"])),
        templates=tuple(templates),
        emotions=tuple(emotions),
    )


def load_taxonomy(name_or_path: Union[str, Path] = "mikels8") -> Taxonomy:
    """Load a shipped taxonomy by id (``mikels8``) or any JSON file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = paths.resources_dir() / "taxonomies" / f"{name_or_path}.json"
    if not path.is_file():
        raise TaxonomyError(f"taxonomy '{name_or_path}' not found (looked for {path})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TaxonomyError(f"taxonomy {path}: not valid JSON ({exc})") from None
    return _validate(data, str(path))
