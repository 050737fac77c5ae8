"""The local music/video library: scanning, tags, artwork, mood profiles, SQLite storage."""

from .db import Database
from .errors import EmptyLibrary, LibraryError
from .labels import add_label, list_labels
from .library import Library
from .scanner import ScanReport

__all__ = ["Database", "Library", "ScanReport", "LibraryError", "EmptyLibrary", "add_label",
           "list_labels"]
