"""Reading the argparse tree: commands, their options and positionals.

The completion scripts and docs/CLI.md are both made from it, so what the
parser holds is all there is to keep up to date.
"""

from __future__ import annotations

import argparse


def walk(parser: argparse.ArgumentParser):
    """Every parser in the tree, the top one first (nested command groups included)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases share a parser
                yield from walk(child)


def commands(parser: argparse.ArgumentParser) -> dict:
    """name -> (help, sub-parser), in the order they were added."""
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help or "" for a in sub._choices_actions}
    return {name: (helps.get(name, ""), p) for name, p in sub.choices.items()}


def optionals(parser) -> list:
    return [a for a in parser._actions if a.option_strings and a.help != argparse.SUPPRESS]


def positionals(parser) -> list:
    return [a for a in parser._actions if not a.option_strings
            and not isinstance(a, argparse._SubParsersAction)]


def choices_of(action) -> list:
    if isinstance(action, argparse._SubParsersAction):
        return list(action.choices)
    return [str(c) for c in action.choices] if action.choices else []


def nested(parser) -> list:
    """A command's own sub-commands (a command group), if it has any."""
    return [w for a in parser._actions if isinstance(a, argparse._SubParsersAction)
            for w in a.choices]
