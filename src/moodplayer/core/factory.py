"""One place that builds the emotion reader: model + taxonomy + adapter.

The CLI, the window's model worker, tuning and the self-test all call
``load_reader`` (or ``load_backbone`` when they need the bare model), so a
model spec, a device or an adapter means the same thing everywhere.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..engine.errors import ModelNotAvailable

log = logging.getLogger(__name__)


@dataclass
class ReaderInfo:
    """What is loaded, in words a status bar can show."""

    model: str
    device: str
    dtype: str
    adapter: Optional[str]  # path of the active adapter, None for zero-shot
    taxonomy: object
    adapter_problem: Optional[str] = None  # why a configured adapter was not used

    @property
    def head_name(self) -> str:
        return Path(self.adapter).stem if self.adapter else "zero-shot"


def load_backbone(settings, precision: Optional[str] = None, check_online: bool = False,
                  note: Optional[Callable[[str], None]] = None):
    """(LoadedModel, Taxonomy) for ``settings``; ``precision`` overrides the setting.

    ``note`` hears what takes a while (the once-per-machine CPU speed measurement).

    With ``check_online`` a missing model is tagged ``exc.online`` (is the hub
    reachable?), so a window can offer a download instead of a folder picker.
    """
    from ..engine.emotions.taxonomy import load_taxonomy
    from ..engine.vision import lean_import
    from ..engine.vision.model import hub_reachable, load_model

    taxonomy = load_taxonomy(settings.taxonomy)
    try:
        # open_clip without timm/transformers when this model uses neither: ~1 s of a launch
        with lean_import.for_model(settings.model):
            model = load_model(settings.model, settings.device, precision or settings.precision,
                               note=note, defer=True)
    except ModelNotAvailable as exc:
        if check_online:
            exc.online = hub_reachable()
        raise
    return model, taxonomy


def load_head(extractor, adapter_path: Optional[str]):
    """A head for ``extractor.set_head``: None (zero-shot) or the adapter's."""
    if not adapter_path:
        return None
    from ..engine.dapt.adapter import load_head as load_adapter_head

    return load_adapter_head(adapter_path, extractor.model, extractor.taxonomy)


def load_reader(settings, adapter: Optional[str] = "settings", strict_adapter: bool = True,
                check_online: bool = False, note: Optional[Callable[[str], None]] = None,
                milestone: Callable[[str], None] = lambda _s: None):
    """(EmotionExtractor, ReaderInfo).

    ``adapter`` is a path, None for zero-shot, or "settings" for the active one.
    ``milestone`` is told "model loaded", then "text features ready" (launch timing).
    A broken adapter raises with ``strict_adapter`` (the CLI: the user asked
    for it); otherwise the reader falls back to zero-shot and says why (the
    window: a stale adapter must never keep the app from starting).
    """
    from ..engine.emotions.extractor import EmotionExtractor

    model, taxonomy = load_backbone(settings, check_online=check_online, note=note)
    milestone("model loaded")
    extractor = EmotionExtractor(model, taxonomy, batch_size=settings.batch_size)
    milestone("text features ready")  # the zero-shot head read (or computed) them
    wanted = settings.adapter if adapter == "settings" else adapter
    active, problem = None, None
    if wanted:
        try:
            extractor.set_head(load_head(extractor, wanted))
            active = wanted
        except Exception as exc:  # noqa: BLE001 - reported, or re-raised when strict
            if strict_adapter:
                raise
            problem = f"adapter not loaded: {exc}"
            log.warning("%s", problem)
    info = ReaderInfo(model=model.spec.describe(), device=str(model.device),
                      dtype=model.path_name, adapter=active,
                      taxonomy=taxonomy, adapter_problem=problem)
    return extractor, info
