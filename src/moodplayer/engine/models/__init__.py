"""Model management: which CLIP models to offer, download, list, remove, check.

Qt-free and front-end neutral: the CLI (``moodplayer models``) and the
window call the same functions. A front-end typically does::

    from moodplayer.engine import models
    from moodplayer.engine.tasks import CancelToken

    for m in models.known_models():            # the table to offer (default first)
        show(m.spec, m.title, m.download_mb, m.cpu_photos_per_s, m.good_for, m.hub_url)

    checked = models.validate_spec(text)       # before saving a spec someone typed;
                                               # ModelLoadError says what is wrong
    token = CancelToken()                      # Cancel button: token.cancel()
    result = models.download_model(            # blocking: run it in a worker thread
        checked.spec,
        progress=lambda done, total, rate: ..., # from that thread, ~5 times a second
        cancel=token)                          # Cancelled: partial file kept, next call resumes

    for m in models.list_models():             # on disk: m.spec, m.size_bytes, m.complete, m.where
        ...
    models.remove_model(m)                     # m.shared (Hugging Face cache) needs allow_shared=True

Every failure is a ``MoodPlayerError`` (``engine.errors``) whose ``str()`` is
meant for a person: ``ModelNotAvailable`` when offline or the network fails,
``ModelLoadError`` for a spec that cannot work, ``Cancelled`` on cancel.
Downloads go to ``paths.models_dir()`` in the Hugging Face cache layout,
where ``vision.model.load_model`` finds them offline.
"""

from .catalog import KNOWN_MODELS, KnownModel, default_model, find_known, hub_file, known_models
from .download import DownloadResult, RemoteFile, check_disk_space, download_model, fetch
from .store import ModelOnDisk, find_on_disk, list_models, remove_model
from .validate import CheckedSpec, validate_spec

__all__ = [
    "KNOWN_MODELS", "KnownModel", "default_model", "find_known", "hub_file", "known_models",
    "DownloadResult", "RemoteFile", "check_disk_space", "download_model", "fetch",
    "ModelOnDisk", "find_on_disk", "list_models", "remove_model",
    "CheckedSpec", "validate_spec",
]
