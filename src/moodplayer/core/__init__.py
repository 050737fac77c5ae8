"""What MoodPlayer does, as plain Python objects (no Qt).

Each use case takes its collaborators in its constructor and does one job;
long work takes the engine's ``progress`` and ``cancel`` arguments so any
front-end (the window, the CLI, the self-test, a D-Bus service) can run it
on its own thread and show its own progress. See docs/ARCHITECTURE.md.
"""
