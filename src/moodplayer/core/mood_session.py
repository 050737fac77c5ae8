"""Photos -> their emotions -> one combined mood -> a queue that fits it.

The steps are separate calls because a front-end runs them on different
threads: ``expand`` (file system) and ``build_queue`` (database) anywhere,
``analyse`` where the model lives. ``remember`` keeps the last analysis so
"regenerate" and a saved playlist's name know the mood they follow.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Optional

from ..engine import paths
from ..engine.errors import MoodPlayerError
from ..engine.tasks import CancelToken, ProgressFn, no_progress

QUEUE_KINDS = {"music": "music", "video": "video", "any": "mixed", "mixed": "mixed"}
NO_PHOTOS = ("No photos found in what was dropped (MoodPlayer reads JPEG, PNG, WebP, GIF, "
             "TIFF, BMP and more).")
EMPTY_LIBRARY = ("Your library is empty, so there is nothing to play yet. Choose Library > "
                 "Choose library folders to add music and videos.")


def playlist_name(mood, now: Optional[datetime.datetime] = None) -> str:
    """'Sadness · 2026-12-01 16:05': the top emotion and when."""
    top = mood.top[0].capitalize() if mood is not None and mood.top else "Mood"
    return f"{top} · {(now or datetime.datetime.now()):%Y-%m-%d %H:%M}"


def pasted_image_path() -> str:
    """Where a pasted picture (not a file) is kept, so it can be labelled later."""
    return str(paths.cache_dir() / f"pasted-{datetime.datetime.now():%Y%m%d-%H%M%S}.png")


@dataclass
class Expanded:
    found: list  # photo paths to analyse
    errors: list  # PhotoError for inputs that could not be read

    @property
    def empty(self) -> bool:
        return not self.found and not self.errors


class MoodSession:
    def __init__(self, library, settings):
        self.library = library
        self.settings = settings
        self.analysis = None  # the last Analysis remembered
        self.current_mood = None  # the EmotionResult queues follow

    # -- photos --------------------------------------------------------------------
    @staticmethod
    def expand(inputs, cancel: Optional[CancelToken] = None) -> Expanded:
        """Files and folders (recursively) -> photo paths, plus what could not be read."""
        from ..engine.vision.images import iter_image_paths

        errors, found = [], []
        for p in iter_image_paths(inputs, errors):
            if cancel is not None:
                cancel.check()
            found.append(str(p))
        return Expanded(found, errors)

    @staticmethod
    def analyse(extractor, expanded: Expanded, progress: ProgressFn = no_progress,
                cancel: Optional[CancelToken] = None):
        """Read every photo's emotions (on the model's thread) -> Analysis."""
        if extractor is None:
            raise MoodPlayerError("The emotion model is not loaded, so the photos cannot be "
                                  "analysed. See the message in the window.")
        return extractor.analyze_paths(expanded.found, progress, cancel, errors=expanded.errors)

    def remember(self, analysis) -> None:
        self.analysis = analysis
        if analysis.combined is not None:
            self.current_mood = analysis.combined

    # -- queues --------------------------------------------------------------------
    def options(self, kind: Optional[str] = None, length: Optional[int] = None,
                exclude_ids=(), **overrides):
        """Queue options from the settings; ``overrides`` are QueueOptions fields."""
        from ..engine.matching import QueueOptions

        s = self.settings
        diversity = overrides.pop("diversity", None)
        return QueueOptions(length=int(length or s.queue_length),
                            kind=QUEUE_KINDS.get(kind or s.queue_kind, "music"),
                            diversity=float(s.diversity if diversity is None else diversity),
                            exclude_ids=frozenset(i for i in exclude_ids if i is not None),
                            **overrides)

    def build_queue(self, mood=None) -> list:
        """Tracks for ``mood`` (default: the remembered one), best fit first; [] if none."""
        from ..engine.matching import MoodTarget

        mood = mood if mood is not None else self.current_mood
        if mood is None:
            raise MoodPlayerError("Drop photos first: the queue follows their mood.")
        return self.library.queue_for(MoodTarget.from_result(mood), self.options())

    def path_queue(self, mood, to_mood=None, options=None) -> list:
        """A queue for ``mood``, or a path of moods from it to ``to_mood``.

        Raises EmptyLibrary (with the reason) when nothing matches, so a
        command line can say why.
        """
        from ..engine.matching import MoodTarget

        return self.library.build_queue(
            MoodTarget.from_result(mood), options or self.options(),
            to_target=MoodTarget.from_result(to_mood) if to_mood is not None else None)

    def more_like(self, track, exclude_ids=(), length: int = 5) -> list:
        """Tracks whose stored mood is closest to ``track``'s own."""
        return self.library.more_like(track.path, self.options(length=length,
                                                                exclude_ids=exclude_ids))

    def library_is_empty(self) -> bool:
        return self.library.count() == 0
