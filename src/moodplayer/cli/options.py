"""Global options, accepted before or after the command.

``moodplayer -v analyze x.jpg`` and ``moodplayer analyze x.jpg -v`` mean the
same. argparse alone cannot do that: an option given before the command is
parsed by the top parser and then overwritten by the command's own default.
So a pre-pass (``hoist``) moves the global options found before the command
to the end of the command's arguments, where the command's parser reads
them; -v/-q are added to every parser of the tree with no default
(``SUPPRESS``), and ``finish`` fills in the defaults afterwards.

The same scan decides whether a command line is meant for the CLI at all
(``first_word``): ``moodplayer -v`` alone still opens the window.
"""

from __future__ import annotations

import argparse
# Options every command understands.
FLAGS = {"-v": "verbose", "--verbose": "verbose", "-q": "quiet", "--quiet": "quiet"}
# Options a command understands when it uses them (a model, JSON output); moved with the rest.
VALUE_OPTIONS = ("--model", "--device")
OTHER_FLAGS = ("--json",)
DEFAULTS = {"verbose": False, "quiet": False, "json": False, "model": None, "device": None}


def _global_at(argv: list, i: int) -> int:
    """How many tokens the global option at ``argv[i]`` spans (0: not a global option)."""
    token = argv[i]
    if token in FLAGS or token in OTHER_FLAGS or _short_cluster(token):
        return 1
    if token in VALUE_OPTIONS:
        return 2 if i + 1 < len(argv) else 1
    if any(token.startswith(f"{name}=") for name in VALUE_OPTIONS):
        return 1
    return 0


def _short_cluster(token: str) -> bool:
    """-vq, -qv: short global flags written together."""
    return len(token) > 2 and token[0] == "-" and token[1] != "-" and set(token[1:]) <= {"v", "q"}


def first_word(argv: list) -> tuple:
    """(index, token) of the first argument that is not a global option, or (None, None)."""
    i = 0
    while i < len(argv):
        span = _global_at(argv, i)
        if not span:
            return i, argv[i]
        i += span
    return None, None


def hoist(argv: list, commands) -> list:
    """Move the global options written before the command to the end of its arguments.

    Before any ``--`` (after it every token is a plain argument). Unchanged
    when there is no command, so ``moodplayer -v --help`` still shows help.
    """
    i, word = first_word(argv)
    if word not in commands:
        return list(argv)
    before, rest = argv[:i], argv[i + 1:]
    if "--" in rest:
        cut = rest.index("--")
        return [word] + rest[:cut] + before + rest[cut:]
    return [word] + rest + before


def add_verbosity(parser: argparse.ArgumentParser) -> None:
    """-v/-q with no default: a value set before or after the command survives."""
    taken = {s for a in parser._actions for s in a.option_strings}
    if "-v" not in taken:
        parser.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                            help="log details to stderr")
    if "-q" not in taken:
        parser.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                            help="no progress or notes on stderr (errors still show)")


def add_json(parser: argparse.ArgumentParser, what: str = "print one JSON object on stdout") -> None:
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=what)


def finish(args: argparse.Namespace, parser: argparse.ArgumentParser) -> argparse.Namespace:
    """Fill in what no parser set; refuse contradictions."""
    for name, value in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    if args.verbose and args.quiet:
        parser.error("-v/--verbose and -q/--quiet contradict each other: choose one")
    return args
