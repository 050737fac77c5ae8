"""Errors the engine raises on purpose.

Every one of them carries a message written for a person, so the CLI and the
GUI can show ``str(error)`` as it is, never a traceback.
"""


class MoodPlayerError(Exception):
    """Base class: a problem we expected and can explain to the user."""


class ModelNotAvailable(MoodPlayerError):
    """The CLIP weights are not on disk and cannot be downloaded now."""


class ModelLoadError(MoodPlayerError):
    """The model spec is wrong or its files are broken."""


class PhotoError(MoodPlayerError):
    """One photo could not be read. ``path`` and ``reason`` are kept apart."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class TaxonomyError(MoodPlayerError):
    """A taxonomy file is malformed."""


class Cancelled(MoodPlayerError):
    """Long work was cancelled through its CancelToken."""

    def __init__(self, message: str = "cancelled"):
        super().__init__(message)
