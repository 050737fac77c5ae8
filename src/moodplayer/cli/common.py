"""What every command shares: exit codes, model options, settings, messages.

Exit codes (also in each command's --help):
  0  done (for analyze: at least one photo was read)
  1  an unexpected internal error (details in the log file)
  2  nothing to work on (no readable photo, bad arguments)
  3  the model could not be loaded (not downloaded, wrong spec)
  130 interrupted with Ctrl-C
"""

from __future__ import annotations

import argparse
import sys

from ..engine import errors
from ..engine.settings import Settings

EXIT_OK, EXIT_INTERNAL, EXIT_NOTHING, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_CODES_HELP = ("exit codes: 0 done, 1 internal error (see the log), 2 nothing to work on "
                   "or bad arguments, 3 model not available, 130 interrupted")


def add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="open_clip NAME:TAG, hf-hub:ORG/REPO or local-dir:PATH "
                                   "(default: $MOODPLAYER_MODEL or the settings)")
    p.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"],
                   help="where to run CLIP (default: $MOODPLAYER_DEVICE or auto)")
    p.add_argument("--precision", choices=["auto", "fp32", "bf16", "fp16"],
                   help="weights precision (default: auto = fp16 on CUDA, bf16 on CPUs "
                        "with native bf16, else fp32)")
    p.add_argument("--taxonomy", help="taxonomy id or JSON file (default: mikels8)")
    p.add_argument("--batch-size", type=int, help="photos per encoder batch (default 16)")


def settings_from(args) -> Settings:
    """The shared settings, with this command's options on top."""
    s = Settings.load()
    for attr in ("model", "device", "precision", "taxonomy", "batch_size"):
        value = getattr(args, attr, None)
        if value:
            setattr(s, attr, value)
    return s


def load_reader(settings: Settings, quiet: bool = False, adapter: str = "settings"):
    """The emotion reader (model + taxonomy + adapter), saying what it loads on stderr."""
    from ..core.factory import load_reader as build

    if not quiet:
        print(f"Loading {settings.model} ...", file=sys.stderr, flush=True)
    return build(settings, adapter=adapter)[0]


def try_reader(settings: Settings, quiet: bool):
    """The reader if the model loads; scanning goes on without it (tags and genres only)."""
    try:
        return load_reader(settings, quiet)
    except (errors.ModelNotAvailable, errors.ModelLoadError) as exc:
        text = " ".join(str(exc).split()) or type(exc).__name__
        first = text.split(". ")[0].rstrip(".")  # one line: the full story is in `analyze`
        print(f"warning: no CLIP model ({first}); cover art and title signals are skipped "
              f"and will be computed when the model is available.", file=sys.stderr)
        return None


def open_library(settings: Settings):
    """Imported lazily so `moodplayer --help` stays fast."""
    from ..engine.emotions.taxonomy import load_taxonomy
    from ..engine.library import Library

    lib = Library(taxonomy=load_taxonomy(settings.taxonomy))
    if lib.recovery is not None:  # the file was damaged: rebuilt now, and the user told how
        lib.finish_recovery(settings.library_folders)
        print(lib.recovery.message(), file=sys.stderr)
    return lib


def print_json(obj) -> None:
    import json

    print(json.dumps(obj, ensure_ascii=False))
