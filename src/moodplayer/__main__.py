"""``moodplayer``: the window by default, the CLI when given a subcommand."""

from __future__ import annotations

import sys


def main(argv=None) -> int:
    """Run as the program (``argv`` None: the console script, ``python -m``, the frozen
    launcher) a command exits the process as soon as its output is flushed."""
    as_program = argv is None
    import multiprocessing

    # The audio analysis runs in worker processes; in the frozen app each of them
    # starts this executable again, and this hands it to its job instead of the app.
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in argv:
        from .cli import selftest

        return selftest.main(argv)
    from . import cli

    if cli.wants_cli(argv):
        code = cli.main(argv)
        if as_program:
            cli.exit_now(code)  # skips the interpreter's 1-2 s teardown of torch's modules
        return code
    from .app import probe

    probe.mark("started")
    try:
        from .app.main import run_app
    except ImportError as exc:
        if "PySide6" in str(exc) or "moodplayer.app" in str(exc):
            print("The MoodPlayer window is not available in this install "
                  f"({exc}). The command-line tools work: run 'moodplayer --help'.",
                  file=sys.stderr)
            return 1
        raise
    return run_app(argv)


if __name__ == "__main__":
    sys.exit(main())
