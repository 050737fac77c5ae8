"""The command-line face of MoodPlayer: the same use cases the window drives.

Every expected problem (no model, unreadable photo, empty library...) ends
as a short message on stderr and an exit status, never a traceback (the
codes are listed in ``cli.common``).
"""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from typing import Optional

from .. import __version__
from ..engine import errors
from . import analyze, labels, library, listen, models, playlists, tune
from .common import (EXIT_CODES_HELP, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_MODEL,
                     EXIT_NOTHING, EXIT_OK)

log = logging.getLogger("moodplayer")

# Each module adds its subcommands; a new command is a module plus one entry here.
COMMAND_MODULES = (analyze, library, listen, playlists, labels, tune, models)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moodplayer", epilog=EXIT_CODES_HELP,
        description="Hear the mood of your photos. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"moodplayer {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def command_names() -> set:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def wants_cli(argv) -> bool:
    """A subcommand, or --help/--version, means CLI; anything else opens the window."""
    return bool(argv) and (argv[0] in command_names() or argv[0] in ("-h", "--help", "--version"))


def _setup_logging(verbose: bool) -> None:
    from ..engine import paths

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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    _setup_logging(args.verbose)
    try:
        return args.run(args)
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
