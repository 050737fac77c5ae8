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
from ..engine.fsnames import UNREADABLE_FOLDER, display
from ..engine.tasks import CancelToken, ProgressFn, no_progress


@dataclass
class ScanSummary:
    items: int  # items in the library after the scan
    added: int
    failed: int
    missing_folders: list = field(default_factory=list)  # folders that could not be read
    waiting_for_model: int = 0
    folder_reasons: dict = field(default_factory=dict)  # folder -> why it could not be read

    @property
    def message(self) -> str:
        text = f"Found {self.items} songs and videos."
        if self.missing_folders:
            text += " " + self.unreadable_message
        return text

    @property
    def unreadable_message(self) -> str:
        """'Could not read: /a (permission denied), /b (folder not found).' or ''."""
        if not self.missing_folders:
            return ""
        parts = [f"{display(f)} ({self.folder_reasons.get(f, 'unreadable')})"
                 for f in self.missing_folders[:5]]
        more = f" and {len(self.missing_folders) - 5} more" if len(self.missing_folders) > 5 else ""
        return "Could not read: " + ", ".join(parts) + more + "."


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
        unreadable = {p: reason[len(UNREADABLE_FOLDER) + 2:] for p, reason in report.failures
                      if reason.startswith(UNREADABLE_FOLDER)}
        waiting = getattr(report.profiles, "waiting_for_model", 0) or 0
        return ScanSummary(items=self.library.count(), added=report.added, failed=report.failed,
                           missing_folders=list(unreadable), waiting_for_model=waiting,
                           folder_reasons=unreadable)

    def notice(self) -> Optional[str]:
        """What the user must know about the library itself (read-only, rebuilt), or None."""
        if self.library.recovery is not None:
            return self.library.recovery.message()
        if self.library.read_only:
            return (f"The library can only be read ({self.library.read_only}): playing and "
                    f"saved playlists work, scanning and saving do not.")
        return None

    def needs_recovery_scan(self) -> bool:
        rec = self.library.recovery
        return rec is not None and rec.items is None

    def finish_recovery(self, progress: ProgressFn = no_progress,
                        cancel: Optional[CancelToken] = None) -> str:
        """After a damaged database was rebuilt: rescan the library folders; the message."""
        self.library.finish_recovery(self.settings.library_folders, progress, cancel)
        return self.library.recovery.message()

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
