"""Listen to the library: measure every item's sound in the background, resumably.

Items are heard newest first, in worker processes at low priority (the
engine's job runner), and each batch of results is stored and the items'
"audio" parts recomputed before the next, so quitting or a crash loses at
most one batch and the next run picks up where this one stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..engine.tasks import CancelToken, ProgressFn, no_progress


@dataclass
class ListenReport:
    heard: int = 0  # items that got features this run
    failed: int = 0  # items with a reason instead
    remaining: int = 0  # still to hear (a cancelled run)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def message(self) -> str:
        text = f"Listened to {self.heard} items"
        if self.failed:
            text += f"; {self.failed} could not be analysed"
        if self.cancelled:
            text += f"; {self.remaining} left for later"
        return text + "."


class Listening:
    def __init__(self, library, workers: Optional[int] = None):
        self.library = library
        self.workers = workers  # None: the engine's default (leaves a core to the app)

    @staticmethod
    def _version() -> int:
        from ..engine.audio.features import ANALYSIS_VERSION

        return ANALYSIS_VERSION

    def run(self, progress: ProgressFn = no_progress,
            cancel: Optional[CancelToken] = None) -> ListenReport:
        from ..engine.audio.job import analyze_items

        version = self._version()
        todo = self.library.audio_pending(version)
        out = ListenReport()

        def keep(batch: list) -> None:
            rows = [(item_id, f.to_json() if f is not None else None, reason)
                    for item_id, f, reason in batch]
            out.heard += self.library.store_audio(rows, version)
            out.failed += sum(1 for _, f, _ in batch if f is None)

        report = analyze_items(todo, keep, progress, cancel, workers=self.workers)
        out.cancelled, out.seconds = report.cancelled, report.seconds
        out.remaining = len(todo) - out.heard - out.failed
        return out
