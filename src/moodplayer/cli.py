"""The command-line face of the engine: the same code the window drives.

Every expected problem (no model, unreadable photo, empty library...) ends
as a short message on stderr and an exit status, never a traceback:
  0  done (for analyze: at least one photo was read)
  1  an unexpected internal error (details in the log file)
  2  nothing to work on (no readable photo, bad arguments)
  3  the model could not be loaded (not downloaded, wrong spec)
  130 interrupted with Ctrl-C
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from typing import Optional

from . import __version__
from .engine import errors
from .engine.settings import Settings

EXIT_OK, EXIT_INTERNAL, EXIT_NOTHING, EXIT_MODEL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

log = logging.getLogger("moodplayer")

COMMANDS = {}


def command(name):
    def register(fn):
        COMMANDS[name] = fn
        return fn
    return register


def wants_cli(argv) -> bool:
    """A subcommand, or --help/--version, means CLI; anything else opens the window."""
    _load_extensions()
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"))


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
    s = Settings.load()
    for attr in ("model", "device", "precision", "taxonomy", "batch_size"):
        value = getattr(args, attr, None)
        if value:
            setattr(s, attr, value)
    return s


def build_extractor(settings: Settings, progress_to_stderr: bool = True):
    """Load model + taxonomy (+ adapter) into an EmotionExtractor."""
    from .engine.emotions.extractor import EmotionExtractor
    from .engine.emotions.taxonomy import load_taxonomy
    from .engine.vision.model import load_model

    taxonomy = load_taxonomy(settings.taxonomy)
    if progress_to_stderr:
        print(f"Loading {settings.model} ...", file=sys.stderr, flush=True)
    model = load_model(settings.model, settings.device, settings.precision)
    head = None
    if settings.adapter:  # a tuned adapter (DAPT, CoOp, linear); refused if made for another model
        from .engine.dapt.adapter import load_head

        head = load_head(settings.adapter, model, taxonomy)
    return EmotionExtractor(model, taxonomy, head=head, batch_size=settings.batch_size)


def _bar(p: float, width: int = 20) -> str:
    n = int(round(p * width))
    return "#" * n + "." * (width - n)


def print_analysis_table(analysis, out=sys.stdout) -> None:
    for photo in analysis.photos:
        if photo.result is None:
            print(f"{photo.path}\n  could not read: {photo.error}\n", file=out)
            continue
        _print_result(photo.path, photo.result, out)
    if analysis.combined is not None and len(analysis.ok) > 1:
        _print_result(f"Combined mood of {len(analysis.ok)} photos", analysis.combined, out)


def _print_result(title, r, out) -> None:
    print(title, file=out)
    ranked = sorted(r.emotions.items(), key=lambda kv: -kv[1])
    for name, p in ranked:
        print(f"  {name:<12} {_bar(p)} {p * 100:5.1f}%", file=out)
    print(f"  valence {r.valence:+.2f}  arousal {r.arousal:+.2f}  "
          f"confidence {r.confidence:.2f}  top: {', '.join(r.top)}\n", file=out)


@command("analyze")
def cmd_analyze(args) -> int:
    from .engine.vision.images import iter_image_paths

    missing = []
    paths = list(iter_image_paths(args.paths, errors=missing))
    if not paths and not missing:
        print("No photos found in the given paths.", file=sys.stderr)
        return EXIT_NOTHING
    settings = settings_from(args)
    if args.adapter:
        settings.adapter = args.adapter
    extractor = build_extractor(settings, progress_to_stderr=not args.json)
    analysis = extractor.analyze_paths(paths, errors=missing)
    if args.json:
        print(json.dumps(analysis.to_json(), ensure_ascii=False))
    else:
        print_analysis_table(analysis)
    for photo in analysis.photos:
        if photo.error and args.json:
            print(f"could not read {photo.path}: {photo.error}", file=sys.stderr)
    return EXIT_OK if analysis.ok else EXIT_NOTHING


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moodplayer",
        description="Hear the mood of your photos. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"moodplayer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="read the emotions of photos or folders of photos")
    p.add_argument("paths", nargs="+", metavar="PATH", help="photos and/or folders (recursive)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--adapter", metavar="FILE", help="a tuned adapter (from 'moodplayer tune')")
    add_model_options(p)

    for extend in EXTENSIONS:
        extend(sub)
    return parser


# Other engine areas (library, tuning) register their subcommands here.
EXTENSIONS = []


def _setup_logging(verbose: bool) -> None:
    from .engine import paths

    handlers = []
    try:
        handlers.append(logging.FileHandler(paths.logs_dir() / "moodplayer.log", encoding="utf-8"))
    except OSError:
        pass
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.INFO if verbose else logging.ERROR)
    if not verbose:
        # Libraries (open_clip logs hub failures at ERROR) go to the log file
        # only: the user gets our one-paragraph message instead.
        stderr.addFilter(lambda record: record.name.startswith("moodplayer"))
    stderr.setFormatter(logging.Formatter("%(levelname)s: %(message)s") if verbose
                        else _NoTraceback("%(levelname)s: %(message)s"))
    handlers.append(stderr)
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not verbose:
        warnings.filterwarnings("ignore")


class _NoTraceback(logging.Formatter):
    """Tracebacks belong in the log file, not in front of the user."""

    def format(self, record):
        record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(record)


def main(argv: Optional[list] = None) -> int:
    _load_extensions()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    _setup_logging(args.verbose)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except (errors.ModelNotAvailable, errors.ModelLoadError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_MODEL
    except errors.Cancelled:
        print("Cancelled.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except errors.MoodPlayerError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_NOTHING
    except Exception as exc:  # last resort: a message, the traceback goes to the log
        log.exception("internal error in %s", args.command)
        print(f"MoodPlayer hit an internal error ({type(exc).__name__}: {exc}). "
              f"Details are in the log folder.", file=sys.stderr)
        return EXIT_INTERNAL


def _load_extensions() -> None:
    """Import the modules that add subcommands; a missing one only hides its commands."""
    import importlib

    for name in ("moodplayer.cli_library", "moodplayer.cli_tune", "moodplayer.cli_labels"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
