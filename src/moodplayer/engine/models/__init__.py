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

The download is split by job: ``hub`` (which file, how big), ``transfer``
(the bytes, with resume), ``hub_cache`` (where they land), ``space`` (room
on the disk), ``progress`` (rate and words), ``download`` (the whole thing).

Every failure is a ``MoodPlayerError`` (``engine.errors``) whose ``str()`` is
meant for a person: ``ModelNotAvailable`` when offline or the network fails,
``ModelLoadError`` for a spec that cannot work, ``Cancelled`` on cancel.
Downloads go to ``paths.models_dir()`` in the Hugging Face cache layout,
where ``vision.model.load_model`` finds them offline.
"""

from .catalog import KNOWN_MODELS, KnownModel, default_model, find_known, hub_file, known_models
from .download import DownloadPlan, DownloadResult, download_model, plan_download, run_plan
from .hub import RemoteFile
from .offline import carry_instructions
from .progress import describe_progress, human_bytes, human_duration
from .space import check_disk_space
from .store import ModelOnDisk, find_on_disk, list_models, open_clip_folder, remove_model
from .transfer import fetch
from .validate import CheckedSpec, validate_spec

__all__ = [
    "KNOWN_MODELS", "KnownModel", "default_model", "find_known", "hub_file", "known_models",
    "DownloadPlan", "DownloadResult", "download_model", "plan_download", "run_plan",
    "RemoteFile", "carry_instructions", "describe_progress", "human_bytes", "human_duration",
    "check_disk_space", "fetch",
    "ModelOnDisk", "find_on_disk", "list_models", "open_clip_folder", "remove_model",
    "CheckedSpec", "validate_spec",
]
