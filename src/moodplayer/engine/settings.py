"""One settings object, one schema, saved as JSON in the app's home.

The window writes this file and the command line reads it (and the other
way round), so both go through ``SCHEMA``: every key's type, allowed values
or range, and default. A value that breaks its rule (null where a name
belongs, a number written as a string, an unknown queue kind) is replaced
by the default with a one-line warning naming the key and the file; a
damaged file gives one warning and the defaults. Loading never raises.

Precedence, strongest first: explicit arguments (CLI flags) > environment
(``MOODPLAYER_MODEL``, ``MOODPLAYER_DEVICE``, ``MOODPLAYER_PRECISION``) >
the saved settings file > the defaults below.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
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


@dataclass(frozen=True)
class Rule:
    """What one setting may hold. ``aliases`` are other spellings of a choice."""

    type: str  # "text" | "integer" | "number" | "text list" | "object"
    default: object
    help: str
    choices: tuple = ()
    aliases: tuple = ()  # (spelling, canonical choice) pairs
    low: Optional[float] = None
    high: Optional[float] = None
    nullable: bool = False
    pattern: Optional[str] = None  # another accepted form, e.g. cuda:N
    pattern_help: str = ""

    def allowed(self) -> str:
        """The rule in words, for warnings and the docs."""
        if self.choices:
            spelled = list(self.choices) + [a for a, _ in self.aliases] + \
                ([self.pattern_help] if self.pattern_help else [])
            text = "one of " + ", ".join(spelled)
        elif self.low is not None:
            kind = "an integer" if self.type == "integer" else "a number"
            text = f"{kind} from {self.low:g} to {self.high:g}"
        else:
            text = {"text": "a non-empty text", "text list": "a list of texts",
                    "object": "a JSON object"}[self.type]
        return text + (" or null" if self.nullable else "")

    def normalise(self, value):
        """The value in its canonical form; ValueError (saying what it is) when it breaks the rule."""
        if value is None and self.nullable:
            return None
        ok = {"text": lambda v: isinstance(v, str) and v.strip() != "",
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
              and v == v and abs(v) != float("inf"),
              "text list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
              "object": lambda v: isinstance(v, dict)}[self.type]
        if not ok(value):
            raise ValueError(_what(value, self.type))
        if self.type == "text":
            value = dict(self.aliases).get(value.strip(), value.strip())
            if self.choices and value not in self.choices and \
                    not (self.pattern and re.fullmatch(self.pattern, value)):
                raise ValueError(_what(value, self.type))
        if self.low is not None and not self.low <= value <= self.high:
            raise ValueError(_what(value, self.type))
        return float(value) if self.type == "number" else value


def _what(value, expected: str) -> str:
    """How a wrong value reads in a warning: '"jazz"', 'the text "20"', 'null', 'true', '7'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if not value.strip():
            return "empty"
        return json.dumps(value) if expected == "text" else f"the text {json.dumps(value)}"
    if isinstance(value, list):
        odd = next((x for x in value if not isinstance(x, str)), None)
        return f"a list holding {json.dumps(odd)}" if odd is not None else "a list"
    if isinstance(value, dict):
        return "an object"
    return repr(value)


SCHEMA = {
    "model": Rule("text", DEFAULT_MODEL, "CLIP model: open_clip NAME:TAG, hf-hub:ORG/REPO or "
                  "local-dir:PATH"),
    "device": Rule("text", "auto", "where CLIP runs", choices=("auto", "cpu", "cuda", "mps"),
                   pattern=r"cuda:\d+", pattern_help="cuda:N"),
    "precision": Rule("text", "auto", "weights precision (auto: fp16 on CUDA; on a CPU the "
                      "fastest of fp32, bf16 and int8 measured on this machine)",
                      choices=("auto", "fp32", "bf16", "fp16", "int8")),
    "taxonomy": Rule("text", DEFAULT_TAXONOMY, "emotion list: a shipped id or a JSON file"),
    "batch_size": Rule("integer", 16, "photos per encoder batch", low=1, high=1024),
    "adapter": Rule("text", None, "the active tuned adapter file (null: zero-shot)",
                    nullable=True),
    "queue_length": Rule("integer", 20, "items in a new queue", low=1, high=500),
    "queue_kind": Rule("text", "music", "what a queue holds (any: music and videos)",
                       choices=("music", "video", "any"), aliases=(("mixed", "any"),)),
    "diversity": Rule("number", 0.3, "0 = closest match only, 1 = most varied", low=0, high=1),
    "library_folders": Rule("text list", [], "music and video folders of the library"),
    "watch_folders": Rule("text list", [], "photo folders that make auto-playlists"),
    "extra": Rule("object", {}, "keys the window keeps for itself (volume, first run...)"),
}


def _default(name: str):
    value = SCHEMA[name].default
    return field(default_factory=lambda: type(value)(value)) if isinstance(value, (list, dict)) \
        else value


@dataclass
class Settings:
    model: str = _default("model")
    device: str = _default("device")  # auto | cpu | cuda | cuda:N | mps
    precision: str = _default("precision")  # auto | fp32 | bf16 | fp16
    taxonomy: str = _default("taxonomy")
    batch_size: int = _default("batch_size")
    adapter: Optional[str] = _default("adapter")  # path of the active DAPT adapter, if any
    queue_length: int = _default("queue_length")
    queue_kind: str = _default("queue_kind")  # music | video | any
    diversity: float = _default("diversity")
    library_folders: list = _default("library_folders")
    watch_folders: list = _default("watch_folders")
    extra: dict = _default("extra")  # app-owned keys (window geometry...)

    def __post_init__(self) -> None:
        self.problems: list = []  # one line per ignored value, for a front-end to show
        self._unknown: dict = {}  # keys a newer version wrote: kept and saved back untouched

    @classmethod
    def load(cls, path: Optional[Path] = None, use_env: bool = True) -> "Settings":
        path = Path(path or paths.settings_path())
        settings = cls()
        values, problems = _read(path)
        for name, raw in values.items():
            rule = SCHEMA.get(name)
            if rule is None:
                settings._unknown[name] = raw
                continue
            try:
                setattr(settings, name, rule.normalise(raw))
            except ValueError as exc:
                problems.append(f"settings: '{name}' in {path} is {exc}, not {rule.allowed()}; "
                                f"using the default {json.dumps(rule.default)}")
        if use_env:
            problems += settings.apply_env()
        for problem in problems:
            log.warning("%s", problem)
        settings.problems = problems
        return settings

    def apply_env(self) -> list:
        """Environment overrides; returns a line for each variable that was ignored."""
        problems = []
        for attr, var in ENV_KEYS.items():
            value = os.environ.get(var)
            if not value:
                continue
            rule = SCHEMA[attr]
            try:
                setattr(self, attr, rule.normalise(value))
            except ValueError as exc:
                problems.append(f"environment: {var} is {exc}, not {rule.allowed()}; ignored")
        return problems

    def save(self, path: Optional[Path] = None) -> None:
        path = Path(path or paths.settings_path())
        tmp = path.with_suffix(".json.tmp")
        values = {**self._unknown, **dataclasses.asdict(self)}
        tmp.write_text(json.dumps(values, indent=2), encoding="utf-8")
        tmp.replace(path)  # atomic: a crash never leaves half a settings file


def _read(path: Path):
    """(values, problems) from the file; a damaged file is set aside as ``.json.bad``."""
    if not path.exists():
        return {}, []
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(values, dict):
            raise ValueError("not a JSON object")
        return values, []
    except (OSError, ValueError) as exc:
        reason = " ".join(str(exc).split())
        kept = ""
        try:
            path.replace(path.with_suffix(".json.bad"))
            kept = f" (kept as {path.with_suffix('.json.bad').name})"
        except OSError:
            pass
        return {}, [f"settings: {path} is unreadable ({reason}); using the defaults{kept}"]
