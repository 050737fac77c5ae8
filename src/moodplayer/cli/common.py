"""What every command shares: exit codes, help texts, model options, settings, output.

Exit codes (also at the end of each command's --help):
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
from ..engine.settings import SCHEMA, Settings
from .options import add_json
from .progress import note

EXIT_OK, EXIT_INTERNAL, EXIT_NOTHING, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_CODES = (
    (EXIT_OK, "done"),
    (EXIT_INTERNAL, "internal error (details in the log file)"),
    (EXIT_NOTHING, "nothing to work on, or bad arguments"),
    (EXIT_MODEL, "the CLIP model is not available (not downloaded, wrong spec)"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
)
EXIT_CODES_HELP = "exit codes:\n" + "\n".join(f"  {code:<4} {text}" for code, text in EXIT_CODES)

__all__ = ["EXIT_OK", "EXIT_INTERNAL", "EXIT_NOTHING", "EXIT_MODEL", "EXIT_INTERRUPTED",
           "EXIT_CODES_HELP", "epilog", "add_json", "add_model_options", "settings_from",
           "load_reader", "try_reader", "open_library", "print_json", "note"]


def epilog(*examples: str, done: str = "") -> str:
    """A command's --help ending: its examples, then the exit codes."""
    lines = ["examples:"] + [f"  {e}" for e in examples] if examples else []
    codes = EXIT_CODES_HELP if not done else EXIT_CODES_HELP.replace(
        f"  {EXIT_OK:<4} done", f"  {EXIT_OK:<4} {done}", 1)
    return "\n".join(lines + ["", codes]) if lines else codes


class HelpFormatter(argparse.HelpFormatter):
    """Wraps descriptions as usual, but keeps the line breaks of texts that have them
    (the epilogs' examples and exit-code tables)."""

    def _fill_text(self, text, width, indent):
        if "\n" in text:
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


def add_model_options(p: argparse.ArgumentParser, taxonomy_only: bool = False) -> None:
    """--model, --device, --precision, --taxonomy, --batch-size (or only --taxonomy)."""
    if not taxonomy_only:
        p.add_argument("--model", metavar="SPEC",
                       help="open_clip NAME:TAG, hf-hub:ORG/REPO or local-dir:PATH "
                            "(default: $MOODPLAYER_MODEL or the settings)")
        p.add_argument("--device", choices=list(SCHEMA["device"].choices),
                       help="where to run CLIP (default: $MOODPLAYER_DEVICE, the settings, "
                            "or auto)")
        p.add_argument("--precision", choices=list(SCHEMA["precision"].choices),
                       help="weights precision (default: auto = fp16 on CUDA; on a CPU the "
                            "fastest of fp32, bf16 and int8, measured once on this machine)")
    p.add_argument("--taxonomy", metavar="ID|FILE",
                   help="the emotion list: a shipped id or a JSON file (default: the settings, "
                        "mikels8)")
    if not taxonomy_only:
        p.add_argument("--batch-size", type=_in_range("batch_size"), metavar="N",
                       help="photos per encoder batch (default: the settings, 16)")


def _in_range(name: str):
    """An argparse type that applies the settings schema's rule for ``name``."""
    rule = SCHEMA[name]

    def parse(text: str):
        try:
            value = int(text) if rule.type == "integer" else float(text)
            return rule.normalise(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {rule.allowed()}") from None
    parse.__name__ = rule.type
    return parse


setting_value = _in_range  # commands validate --length, --diversity... by the same rules


def settings_from(args) -> Settings:
    """The shared settings (warnings about bad values on stderr), this command's options on top."""
    s = Settings.load()
    if not getattr(args, "verbose", False):  # with -v the log handler prints them already
        for problem in s.problems:
            note(f"warning: {problem}", getattr(args, "quiet", False))
    for attr in ("model", "device", "precision", "taxonomy", "batch_size"):
        value = getattr(args, attr, None)
        if value:
            setattr(s, attr, value)
    return s


def load_reader(settings: Settings, quiet: bool = False, adapter=None):
    """The emotion reader (model + taxonomy + adapter), saying what it loads on stderr.

    An adapter named on the command line must load (a clear error if not); the
    one the window switched in is only used when it still fits, else zero-shot.
    """
    from ..core.factory import load_reader as build

    note(f"Loading {settings.model} ...", quiet)
    reader, info = build(settings, adapter=adapter or "settings", strict_adapter=bool(adapter),
                         note=lambda text: note(text, quiet))
    if info.adapter_problem:
        note(f"warning: the adapter in the settings is not used ({info.adapter_problem}); "
             f"reading zero-shot", quiet)
    return reader


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
    """The one JSON document a --json command writes on stdout."""
    import json

    print(json.dumps(obj, ensure_ascii=False))
