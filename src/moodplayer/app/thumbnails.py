"""Photo thumbnails decoded on a thread pool, never on the GUI thread.

A 12 MP JPEG takes tens of milliseconds to decode even in draft mode; a
folder of them would freeze the window. Each thumbnail is decoded by the
engine's safe decoder into a QImage (safe to build off the GUI thread,
unlike QPixmap) and delivered through a signal of a GUI-thread object.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, wait

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from ..engine.errors import PhotoError
from ..engine.vision.images import decode_image

THUMB_SIZE = 96


def pil_to_qimage(image) -> QImage:
    image = image.convert("RGB")
    data = image.tobytes("raw", "RGB")
    q = QImage(data, image.width, image.height, image.width * 3, QImage.Format_RGB888)
    return q.copy()  # own the pixels: ``data`` dies with this function


class ThumbnailLoader(QObject):
    """Decodes on a plain Python thread pool; results cross to the GUI thread as signals.

    (A QThreadPool of QRunnable subclasses crashed the interpreter under load
    with PySide6 6.12 — "deallocating None" — so the pool is Python's own.)
    """

    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, size: int = THUMB_SIZE, parent=None):
        super().__init__(parent)
        self.size = size
        self._pool = ThreadPoolExecutor(2, thread_name_prefix="thumbnail")
        self._futures: set = set()
        self._lock = threading.Lock()

    def request(self, path: str) -> None:
        fut = self._pool.submit(self._decode, path)
        with self._lock:
            self._futures.add(fut)
        fut.add_done_callback(self._forget)

    def _forget(self, fut) -> None:
        with self._lock:
            self._futures.discard(fut)

    def _decode(self, path: str) -> None:
        try:
            image = decode_image(path, target=self.size)
            image.thumbnail((self.size, self.size))
            self.loaded.emit(path, pil_to_qimage(image))
        except PhotoError as exc:
            self.failed.emit(path, exc.reason)
        except Exception as exc:  # noqa: BLE001 - a thumbnail must never take the app down
            self.failed.emit(path, str(exc))

    def pending(self) -> int:
        with self._lock:
            return len(self._futures)

    def wait(self, msecs: int = 5000) -> bool:
        with self._lock:
            futures = list(self._futures)
        return not wait(futures, timeout=msecs / 1000).not_done

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
