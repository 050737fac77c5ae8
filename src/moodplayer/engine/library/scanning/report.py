"""What a scan did, for the CLI, the GUI and the JSON output."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...fsnames import UNREADABLE_FOLDER, json_path, text_safe


@dataclass
class ScanReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0
    missing: int = 0
    failed: int = 0
    failures: list = field(default_factory=list)  # [(path, reason)]
    cancelled: bool = False
    seconds: float = 0.0
    profiles: object = None  # ProfileReport, filled by Library.scan

    def fail(self, path, reason: str) -> None:
        self.failed += 1
        self.failures.append((str(path), reason))

    def unreadable_folders(self) -> list:
        """[(folder, reason)] of the folders the walk could not enter."""
        return [(p, r) for p, r in self.failures if r.startswith(UNREADABLE_FOLDER)]

    def to_json(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "moved": self.moved, "missing": self.missing, "failed": self.failed,
            "failures": [{**json_path(p), "reason": text_safe(r)} for p, r in self.failures],
            "unreadable_folders": [{**json_path(p), "reason": r[len(UNREADABLE_FOLDER) + 2:]}
                                   for p, r in self.unreadable_folders()],
            "cancelled": self.cancelled, "seconds": round(self.seconds, 3),
            "profiles_waiting_for_model": getattr(self.profiles, "waiting_for_model", None),
        }
