"""The local music/video library: scanning, tags, artwork, mood profiles, SQLite storage.

``Library`` is the one door: nothing outside this package imports SQLAlchemy.
"""

from .errors import EmptyLibrary, LibraryError
from .library import Library
from .scanner import ScanReport

__all__ = ["Library", "ScanReport", "LibraryError", "EmptyLibrary"]
