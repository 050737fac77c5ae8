"""How to bring a model to a computer without internet, in words both front-ends show.

Said when a download fails for want of a network: which repository holds the
weights (the one wanted, or the default model's), the two files to take from
it, and the two ways MoodPlayer then finds them (its models folder, or any
folder through ``local-dir:``). The README's "Offline use" says the same at
length.
"""

from __future__ import annotations

from typing import Optional

from .catalog import CONFIG_FILE, WEIGHTS_FILES, default_model, find_known


def _repository(spec: Optional[str]) -> str:
    spec = (spec or "").strip()
    known = find_known(spec)
    if known is not None:
        return known.hub_repo
    if spec.startswith("hf-hub:"):
        return spec[len("hf-hub:"):]
    return default_model().hub_repo


def carry_instructions(spec: Optional[str] = None) -> str:
    """A paragraph: get the model on a connected computer, copy it here, point MoodPlayer at it."""
    repo = _repository(spec)
    name = (spec or "").strip() or default_model().spec
    return (
        f"To use MoodPlayer without internet, fetch the model on a computer that has it: "
        f"download {CONFIG_FILE} and {WEIGHTS_FILES[0]} from https://huggingface.co/{repo} "
        f"into one folder, copy that folder here and choose it with \"Use a model folder…\" "
        f"(or start MoodPlayer with --model local-dir:/path/to/that/folder). With MoodPlayer "
        f"on the connected computer, `moodplayer models download {name}` and then "
        f"`moodplayer models path {name}` print that folder.")
