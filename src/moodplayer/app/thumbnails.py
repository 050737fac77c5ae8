"""Photo thumbnails decoded on a thread pool, never on the GUI thread.

A 12 MP JPEG takes tens of milliseconds to decode even in draft mode; a
folder of them would freeze the window. Each thumbnail is decoded by the
engine's safe decoder into a QImage (safe to build off the GUI thread,
unlike QPixmap) and delivered through a signal of a GUI-thread object.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from ..engine.errors import PhotoError
from ..engine.vision.images import decode_image

THUMB_SIZE = 96


def pil_to_qimage(image) -> QImage:
    image = image.convert("RGB")
    data = image.tobytes("raw", "RGB")
    q = QImage(data, image.width, image.height, image.width * 3, QImage.Format_RGB888)
    return q.copy()  # own the pixels: ``data`` dies with this function


class _Job(QRunnable):
    def __init__(self, loader: "ThumbnailLoader", path: str, size: int):
        super().__init__()
        self.loader, self.path, self.size = loader, path, size

    def run(self):
        try:
            image = decode_image(self.path, target=self.size)
            image.thumbnail((self.size, self.size))
            self.loader.loaded.emit(self.path, pil_to_qimage(image))
        except PhotoError as exc:
            self.loader.failed.emit(self.path, exc.reason)
        except Exception as exc:  # noqa: BLE001 - a thumbnail must never take the app down
            self.loader.failed.emit(self.path, str(exc))


class ThumbnailLoader(QObject):
    loaded = Signal(str, QImage)
    failed = Signal(str, str)

    def __init__(self, size: int = THUMB_SIZE, parent=None):
        super().__init__(parent)
        self.size = size
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)

    def request(self, path: str) -> None:
        self.pool.start(_Job(self, path, self.size))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
