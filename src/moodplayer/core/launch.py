"""A launch with photos (a double-click runs ``moodplayer photo.jpg``): what the first
emotion waits for starts before the window does.

Most of that wait is importing torch and open_clip and reading the weights
(seconds on a 2-core CPU), and none of it needs the window. So the
composition root starts a ``LaunchStart`` before it even imports Qt:

* one thread loads the reader (``load``: model, class text features from
  their disk cache, adapter) and then preprocesses the decoded photos with
  the model's own transform, so the first analysis starts from pixels;
* another expands the launch paths and decodes the first photos, reduced as
  the encoder would (Pillow decodes without holding the GIL, so this runs
  beside everything else).

The reader may be told to wait for ``go()`` (the window shown): imports hold
the GIL, so a reader importing torch beside a window importing and building
Qt only interleaves with it. Measured on two cores, taking turns put the
window up at 0.6 s and the emotions at 2.6-2.9 s; running side by side, 1.35 s
and 2.7-3.1 s (the switching cost ~0.3 s of CPU).

The model worker takes the reader (``take_reader``) instead of loading its
own. It is handed out once, and let go of: a reload (another model chosen,
Retry) loads afresh. Nothing here imports Qt, torch or open_clip itself.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Callable, Optional

log = logging.getLogger(__name__)

DECODE_AHEAD = 16  # photos decoded ahead (one batch); the rest are decoded by the analysis
GUESSED_SIZE = 224  # the input side of most CLIP models; another model's encoder decodes again


def _no_milestone(_name: str) -> None:
    pass


def input_size(spec: str) -> int:
    """The model's input side, known before the model is: a local folder's config says
    it; for any other model it is a guess (the encoder decodes again when it was wrong)."""
    from ..engine.vision.spec import local_model_config  # torch-free, like all of this module

    try:
        size = (local_model_config(spec) or {})["vision_cfg"]["image_size"]
        return int(size[0] if isinstance(size, (list, tuple)) else size)
    except (ValueError, KeyError, TypeError, IndexError):
        return GUESSED_SIZE


class LaunchStart:
    """Loads the reader and decodes the launch photos on two plain threads.

    ``load() -> (EmotionExtractor, ReaderInfo)`` is what the window would run
    on its model worker (``core.factory.load_reader`` with the window's
    options). ``size`` is the input side the photos are decoded for
    (``input_size``). ``milestone`` is told "photo decoded" (launch timing).
    With ``wait_for_go`` the reader starts at ``go()``, or that many seconds
    after ``start()`` if nobody says go, or when someone waits for it.
    """

    def __init__(self, load: Callable, inputs=(), size: int = GUESSED_SIZE,
                 milestone: Callable[[str], None] = _no_milestone, wait_for_go: float = 0.0):
        self.inputs = [str(p) for p in inputs]
        self.size = int(size)
        self.wait_for_go = float(wait_for_go)  # seconds the reader waits for go() at most
        self._go = threading.Event()
        self.milestone = milestone
        self._load = load
        self._reader: Future = Future()
        self._decoded: Future = Future()  # {path: PIL image or PhotoError}
        self._claimed = False
        self._lock = threading.Lock()

    def start(self) -> "LaunchStart":
        threading.Thread(target=self._run_reader, name="launch-reader", daemon=True).start()
        if self.inputs:
            threading.Thread(target=self._run_decode, name="launch-decode", daemon=True).start()
        else:
            self._decoded.set_result({})
        return self

    # -- the two threads ----------------------------------------------------------------
    def _run_decode(self) -> None:
        future = self._decoded  # its own: a reader handed over meanwhile lets go of it
        try:
            from ..engine.errors import PhotoError
            from ..engine.vision.images import decode_image
            from .mood_session import MoodSession

            decoded = {}
            for path in MoodSession.expand(self.inputs).found[:DECODE_AHEAD]:
                try:
                    decoded[path] = decode_image(path, target=self.size)
                except PhotoError as exc:  # said by the analysis, in its words, as usual
                    decoded[path] = exc
            self.milestone("photo decoded")
            future.set_result(decoded)
        except BaseException as exc:  # noqa: BLE001 - the analysis decodes them itself then
            log.warning("decoding the launch photos ahead failed: %s", exc)
            future.set_result({})

    def _run_reader(self) -> None:
        if self.wait_for_go > 0:
            self._go.wait(self.wait_for_go)
        try:
            reader = self._load()
        except BaseException as exc:  # noqa: BLE001 - handed to whoever takes the reader
            self._reader.set_exception(exc)
            return
        try:
            self._hand_in(reader[0])
        except Exception as exc:  # noqa: BLE001 - a speed-up only: the analysis decodes them
            log.warning("preparing the launch photos ahead failed: %s", exc)
        self._reader.set_result(reader)

    def _hand_in(self, extractor) -> None:
        """The decoded photos through the model's own transform, into its encoder."""
        from ..engine.errors import PhotoError

        model = extractor.model
        if model.image_size != self.size or not self._decoded.done():
            # Decoded for another size, or still walking a big folder: the model
            # must not wait for it, and the encoder decodes them its own way.
            return
        prepared = {}
        for path, image in self._decoded.result().items():
            if isinstance(image, PhotoError):
                prepared[path] = image
                continue
            try:
                prepared[path] = model.preprocess(image)
            except Exception:  # noqa: BLE001 - the encoder will meet it and word it
                continue
        extractor.encoder.hand_in(prepared)

    # -- the window's side --------------------------------------------------------------
    def go(self) -> None:
        """The reader may start now (the window is up)."""
        self._go.set()

    def claim(self) -> bool:
        """True once: the first model load at start takes this reader; later ones load anew."""
        with self._lock:
            claimed, self._claimed = self._claimed, True
        return not claimed

    def take_reader(self, timeout: Optional[float] = None):
        """(EmotionExtractor, ReaderInfo), waiting for it; raises what loading raised.

        Handed over once: afterwards this object holds neither the reader nor the
        decoded photos (the composition root keeps it for the app's lifetime, and a
        reader replaced later, by another model, must be freed).
        """
        self.go()  # someone needs it now
        future = self._reader
        try:
            return future.result(timeout)
        finally:
            if future.done():
                self._reader = Future()
                self._reader.set_exception(RuntimeError("the launch's reader was handed over"))
                self._decoded = Future()
                self._decoded.set_result({})

    @property
    def reader_ready(self) -> bool:
        return self._reader.done()
