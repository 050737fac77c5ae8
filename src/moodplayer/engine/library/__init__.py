"""The local music/video library: scanning, tags, artwork, mood profiles, SQLite storage.

``Library`` is the one door: nothing outside this package imports SQLAlchemy.
"""

from .errors import EmptyLibrary, LibraryError
from .library import Library
from .scanlock import WAITING as SCAN_WAITING
from .scanner import ScanReport

__all__ = ["Library", "ScanReport", "LibraryError", "EmptyLibrary", "SCAN_WAITING"]
