"""Decoding user photos safely.

Photos come from phones, cameras, scanners and the web, so we meet every
mode Pillow knows. Each is turned into an 8-bit RGB image the right way up,
or a ``PhotoError`` that says in plain words why it could not be read.
Big JPEGs are decoded at a reduced scale (``Image.draft``): the DCT scaling
of libjpeg gives a 12 MP photo in ~1/5 of the time, and CLIP only needs
224 pixels anyway. Other big photos are decoded reduced or refused by a
memory budget (``reduced.py``): a 196 MP PNG takes ~100 MB, not 1.5 GB.
FIFOs and devices are refused by their ``stat`` before anything opens them.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import warnings
import zlib
from pathlib import Path
from typing import Iterable, Iterator, Optional

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import PhotoError
from ..fsnames import UNREADABLE_FOLDER, not_regular_reason, os_reason
from . import reduced

try:  # HEIC/HEIF (iPhone photos) when pillow-heif is installed
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True
except Exception:  # pragma: no cover - optional
    HEIF_SUPPORTED = False

# Decompression-bomb guard: a photo larger than this is refused, not decoded.
# 200 MP covers every camera sold today (the largest are ~150 MP).
MAX_PIXELS = 200_000_000

IMAGE_EXTENSIONS = {
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".bmp", ".dib", ".tif", ".tiff",
    ".webp", ".ppm", ".pgm", ".pbm", ".pnm", ".tga", ".ico", ".avif",
}
if HEIF_SUPPORTED:
    IMAGE_EXTENSIONS |= {".heic", ".heif", ".hif"}

# Composite transparent photos over this (light grey, not pure white: CLIP
# reads a white void as "empty", and a black one as "dark").
MATTE = (238, 238, 238)


def is_image_path(path) -> bool:
    return Path(path).suffix.lower() in IMAGE_EXTENSIONS


def iter_image_paths(inputs: Iterable, errors: Optional[list] = None) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted, no duplicates) into image paths.

    Files named directly are yielded even with an unknown extension, so the
    user gets a per-file error instead of silence; inside folders only image
    extensions are taken. Missing inputs are appended to ``errors`` as PhotoError.
    """
    seen = set()
    errors = errors if errors is not None else []
    for item in inputs:
        p = Path(item).expanduser()
        if p.is_dir():
            candidates = sorted(_photos_under(p, errors))
        elif p.exists() or p.is_symlink():
            candidates = [p]
        else:
            errors.append(PhotoError(p, "file or folder not found"))
            continue
        for c in candidates:
            key = os.path.abspath(c)
            if key not in seen:
                seen.add(key)
                yield c


def _photos_under(folder: Path, errors: list) -> list:
    """Image files under ``folder``; each folder that cannot be entered is an error with its reason."""
    def unreadable(exc: OSError) -> None:
        errors.append(PhotoError(exc.filename or folder,
                                 f"{UNREADABLE_FOLDER}: {os_reason(exc)}"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in files if not f.startswith(".") and is_image_path(f))
    return found


def _to_rgb(img: Image.Image) -> Image.Image:
    mode = img.mode
    if mode == "RGB":
        return img
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # 16/32-bit greyscale: Pillow's convert() clips at 255 (a white
        # picture); scale to the range actually used instead.
        arr = np.asarray(img).astype(np.float64)
        top = 65535.0 if arr.max(initial=0) > 255 else 255.0
        arr = np.clip(arr / top * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(arr, "L").convert("RGB")
    if mode == "F":
        arr = np.nan_to_num(np.asarray(img, dtype=np.float64))
        lo, hi = float(arr.min(initial=0)), float(arr.max(initial=1))
        scale = 1.0 if 0.0 <= lo and hi <= 1.0 else (hi - lo) or 1.0
        arr = np.clip((arr - (0 if scale == 1.0 else lo)) / scale * 255.0, 0, 255)
        return Image.fromarray(arr.astype(np.uint8), "L").convert("RGB")
    if mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
    if mode in ("RGBa", "La"):
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "LA", "PA"):
        img = img.convert("RGBA")
        matte = Image.new("RGB", img.size, MATTE)
        matte.paste(img, mask=img.getchannel("A"))
        return matte
    return img.convert("RGB")  # L, 1, P, CMYK, YCbCr, LAB, HSV, I;16 variants


def _check_file(path: Path) -> None:
    """The reasons a path is not a readable photo before Pillow even opens it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "file not found"
        raise PhotoError(path, reason) from None
    except PermissionError:
        raise PhotoError(path, "permission denied") from None
    except OSError as exc:
        raise PhotoError(path, f"cannot be opened ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise PhotoError(path, "is a folder, not a photo")
    special = not_regular_reason(st.st_mode)
    if special:  # opening a FIFO would block; a device never ends
        raise PhotoError(path, special)
    if st.st_size == 0:
        raise PhotoError(path, "the file is empty (0 bytes)")


class TooBig(ValueError):
    """The image would cost too much to decode; ``reason`` says how much."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def open_reduced(source, target: int = 224) -> Image.Image:
    """An upright 8-bit RGB image from a path or file object, decoded within the budget.

    The smallest side stays at least ``2 * target`` (``target=0``: full size).
    Raises TooBig, or Pillow's and the OS's own errors (``decode_image`` words them).
    """
    with warnings.catch_warnings():
        # Pillow only *warns* between MAX_IMAGE_PIXELS and twice that;
        # we make the whole range an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as img:
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise TooBig(f"the image is too large ({w}x{h}, {w * h / 1e6:.0f} megapixels; "
                             f"the limit is {MAX_PIXELS // 1_000_000})")
            if getattr(img, "is_animated", False):
                img.seek(0)  # animated GIF/WebP/APNG: the first frame
            if img.format == "JPEG" and target:
                # Smallest DCT scale (1/2, 1/4, 1/8) still >= target on both sides.
                img.draft(None, (target, target))
            factor = reduced.reduce_factor(img.size, target)
            if factor > 1 and reduced.can_strip(img):
                img = reduced.png_in_strips(img, factor)
            else:
                cost = reduced.decode_cost(img, (w, h))
                if cost > reduced.MAX_DECODE_BYTES:
                    raise TooBig(f"decoding it would take about {cost >> 20} MB of memory "
                                 f"(the limit is {reduced.MAX_DECODE_BYTES >> 20} MB); a JPEG "
                                 f"or a smaller copy of it can be read")
                img.load()
                img = reduced.shrink(img, factor)
            return _to_rgb(ImageOps.exif_transpose(img))


def decode_image(path, target: int = 224) -> Image.Image:
    """Read one photo as an upright 8-bit RGB image, or raise PhotoError.

    ``target`` is the smallest side the caller needs; big photos are decoded
    reduced (JPEG DCT scaling, PNG in shrinking strips, ``Image.reduce``) to
    no less than twice that, within a memory budget (``reduced.py``).
    ``target=0`` decodes fully.
    """
    path = Path(path)
    _check_file(path)
    try:
        return open_reduced(path, target)
    except TooBig as exc:
        raise PhotoError(path, exc.reason) from None
    except UnidentifiedImageError:
        kind = _sniff(path)
        if kind:
            raise PhotoError(path, f"the file is corrupt (it starts like a {kind} "
                                   f"but cannot be read)") from None
        raise PhotoError(path, "not an image, or an image format MoodPlayer cannot read") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(path, "the image is too large to decode safely "
                               "(it may be a decompression bomb)") from None
    except PermissionError:
        raise PhotoError(path, "permission denied") from None
    except MemoryError:
        raise PhotoError(path, "not enough memory to decode this image") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error,
            zlib.error) as exc:
        raise PhotoError(path, _corrupt_reason(exc)) from None


def _corrupt_reason(exc: Exception) -> str:
    text = str(exc)
    if "truncated" in text or isinstance(exc, EOFError):
        return "the file is truncated or corrupt (it ends before the image does)"
    if getattr(exc, "errno", None) == errno.EIO:
        return "the disk could not read this file"
    return f"the file is corrupt or uses an unsupported variant ({text or type(exc).__name__})"


_SIGNATURES = [
    (b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
    (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
]


def _sniff(path: Path) -> Optional[str]:
    """Name the format a file claims by its first bytes, to tell 'corrupt' from 'not an image'."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "HEIC/AVIF image"
    return next((name for sig, name in _SIGNATURES if head.startswith(sig)), None)


# Pillow's default bomb limit would warn at ~89 MP; ours is explicit above.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
