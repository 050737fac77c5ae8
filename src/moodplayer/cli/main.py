"""The command-line face of MoodPlayer: the same use cases the window drives.

Every expected problem (no model, unreadable photo, empty library...) ends
as a short message on stderr and an exit status, never a traceback (the
codes are listed in ``cli.common``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from typing import Optional

from .. import __version__
from ..engine import errors
from ..engine.settings import SCHEMA
from . import (analyze, completion, labels, library, listen, models, options,
               playlists, tune)
from .common import (EXIT_CODES_HELP, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_MODEL, EXIT_NOTHING,
                     EXIT_OK, HelpFormatter)
from .parser_tree import walk

log = logging.getLogger("moodplayer")

# Each module adds its subcommands; a new command is a module plus one entry here.
COMMAND_MODULES = (analyze, library, listen, playlists, labels, tune, models, completion)

GLOBAL_HELP = ("-v/-q work with every command; --model/--device with the commands that load "
               "the model, --json with those that print results. All of them may come before "
               "or after the command.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="moodplayer", epilog="examples:\n  moodplayer analyze beach.jpg\n"
        "  moodplayer -q queue beach.jpg --json\n  moodplayer COMMAND --help\n\n" + EXIT_CODES_HELP,
        description="Hear the mood of your photos. Without a command, opens the window.")
    parser.add_argument("--version", action="version", version=f"moodplayer {__version__}")
    group = parser.add_argument_group("global options", GLOBAL_HELP)
    options.add_verbosity(group)
    options.add_json(group, "print the result as one JSON document on stdout")
    group.add_argument("--model", metavar="SPEC", default=argparse.SUPPRESS,
                       help="open_clip NAME:TAG, hf-hub:ORG/REPO or local-dir:PATH")
    group.add_argument("--device", choices=list(SCHEMA["device"].choices),
                       default=argparse.SUPPRESS, help="where to run CLIP")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    for p in walk(parser):
        p.formatter_class = HelpFormatter  # keeps the epilogs' lines
        if p is not parser:
            options.add_verbosity(p)
    return parser


def command_names(parser: Optional[argparse.ArgumentParser] = None) -> set:
    parser = parser or build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def wants_cli(argv) -> bool:
    """A command (after any global options), or --help/--version, means the CLI.

    ``moodplayer`` alone, with global options only, or with photo paths opens
    the window. A plain word that is no file (``moodplayer anlyze``) goes to
    the CLI too, which says which commands there are.
    """
    word = options.first_word(list(argv))[1]
    if word is None:
        return False
    if word in command_names() or word in ("-h", "--help", "--version"):
        return True
    return not word.startswith("-") and os.sep not in word and "." not in word \
        and not os.path.exists(word)


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


def exit_now(code: int) -> None:
    """End the process once everything it said is out: output flushed, log closed.

    A normal exit tears down every imported module first; with torch, open_clip
    and their dependencies loaded that took 1-2 s on the 2-core machine,
    longer than the work of a second ``analyze``. Nothing is left to do at
    that point: files are written atomically, the database commits per call
    (its WAL is replayed by the next open), the worker pools have joined.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head): nothing more to say anyway
            pass
    logging.shutdown()
    if "moodplayer.engine.library.db" in sys.modules:  # the library was opened: fold its WAL
        from ..engine import paths
        from ..engine.library.connection import checkpoint

        if paths.database_path().exists():
            checkpoint(paths.database_path())
    os._exit(code)


def parse(argv: Optional[list] = None) -> tuple:
    """(parser, args): global options anywhere, defaults filled in."""
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(options.hoist(argv, command_names(parser)))
    return parser, options.finish(args, parser)


def main(argv: Optional[list] = None) -> int:
    parser, args = parse(argv)
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
