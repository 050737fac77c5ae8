"""``moodplayer COMMAND``: one module per group of commands, wired in ``cli.main``."""

from .main import build_parser, exit_now, main, wants_cli

__all__ = ["build_parser", "exit_now", "main", "wants_cli"]
