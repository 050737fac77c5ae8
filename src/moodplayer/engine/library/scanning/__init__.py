"""The parts of a library scan, one job per module; ``scanner.Scanner`` runs them.

  walk.py    finding media files, fingerprints, OS error reasons
  read.py    reading one file: tags, cover, video keyframes
  sync.py    the database side: known rows, moves, missing files, batch commits
  report.py  ScanReport
"""

from .report import ScanReport
from .walk import FINGERPRINT_BYTES, Found, fingerprint, os_reason

__all__ = ["FINGERPRINT_BYTES", "Found", "ScanReport", "fingerprint", "os_reason"]
