"""Choosing library folders, scanning them, and finishing the mood profiles.

A scan needs no model (tags, genres and cover pictures are read and
stored); cover art and titles are read by CLIP afterwards, on the model's
thread, with ``finish_profiles``. The first-run question ("where is your
music?") is asked once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..engine.errors import Cancelled
from ..engine.tasks import CancelToken, ProgressFn, no_progress

UNREADABLE_FOLDER = "cannot read this folder"


@dataclass
class ScanSummary:
    items: int  # items in the library after the scan
    added: int
    failed: int
    missing_folders: list = field(default_factory=list)
    waiting_for_model: int = 0

    @property
    def message(self) -> str:
        text = f"Found {self.items} songs and videos."
        if self.missing_folders:
            text += " Not found: " + ", ".join(self.missing_folders) + "."
        return text


class LibraryJobs:
    def __init__(self, library, settings):
        self.library = library
        self.settings = settings

    def needs_first_run(self) -> bool:
        extra = self.settings.extra
        return not extra.get("first_run_done") and not self.settings.library_folders

    def first_run_done(self, folders: Optional[list] = None) -> None:
        if folders is not None:
            self.settings.library_folders = list(folders)
        self.settings.extra["first_run_done"] = True
        self.settings.save()

    def scan(self, folders=None, progress: ProgressFn = no_progress,
             cancel: Optional[CancelToken] = None, extractor=None) -> ScanSummary:
        """Scan (incrementally) the given folders, or the library folders in the settings."""
        folders = list(folders if folders is not None else self.settings.library_folders)
        report = self.library.scan(folders, progress, cancel, extractor=extractor)
        if report.cancelled:
            raise Cancelled()
        missing = [p for p, reason in report.failures if reason.startswith(UNREADABLE_FOLDER)]
        waiting = getattr(report.profiles, "waiting_for_model", 0) or 0
        return ScanSummary(items=self.library.count(), added=report.added, failed=report.failed,
                           missing_folders=missing, waiting_for_model=waiting)

    def finish_profiles(self, extractor, progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None) -> int:
        """Bring every profile up to date with this model: read cover art and titles of
        items waiting for it, and redo them all when the model, adapter or taxonomy
        changed since they were made (cheap when nothing changed)."""
        if extractor is None:
            return 0
        report = self.library.update_profiles(extractor, progress, cancel)
        return getattr(report, "model", 0) or 0

    def status(self) -> str:
        n = self.library.count()
        return f"library: {n} items" if n else "library is empty"
