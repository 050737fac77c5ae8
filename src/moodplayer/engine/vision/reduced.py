"""Decoding big photos within a memory budget: reduced where the format allows, refused otherwise.

CLIP needs 224 pixels; a 196-megapixel photo decoded in full needs ~800 MB
as RGB (Pillow keeps RGB as 4 bytes a pixel) and twice that while it is
converted. So:

* JPEG: ``Image.draft`` (in ``images.py``) lets libjpeg decode at 1/2..1/8
  scale. A *progressive* JPEG still keeps every DCT coefficient of the full
  image (2 bytes a sample), which the budget counts.
* PNG (8-bit grey/RGB, with or without alpha, not interlaced): decoded in
  strips of rows by Pillow's own PNG row decoder, each strip shrunk with
  ``Image.reduce`` before the next is read, so only a strip is ever held
  (``png_in_strips``). The trick that makes strips possible: PNG's row
  filters refer to the previous row only, so each strip is handed to the
  decoder behind one unfiltered copy of the last row of the strip before.
* Anything else (WebP, TIFF, 16-bit or interlaced PNG, GIF...) is decoded
  whole if its estimated cost fits ``MAX_DECODE_BYTES``, reduced at once in
  its own mode (before any conversion doubles it), and refused in words
  when it does not fit.
"""

from __future__ import annotations

import struct
import zlib
from typing import Optional

from PIL import Image

# The most memory one photo may take to decode: a 196 MP progressive JPEG
# (~590 MB of coefficients) fits; a 196 MP WebP (~1.6 GB) or RGB TIFF does not.
MAX_DECODE_BYTES = 640 << 20
STRIP_BYTES = 8 << 20  # filtered PNG data handled per strip (a few hundred rows)
_PNG_STRIP_MODES = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}  # rawmode -> bytes a pixel
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}


def reduce_factor(size: tuple, target: int) -> int:
    """The integer shrink that still leaves at least twice ``target`` on the short side."""
    if not target:
        return 1
    return max(1, min(size) // (2 * target))


def decode_cost(img: Image.Image, full_size: Optional[tuple] = None) -> int:
    """Estimated bytes held at once to decode ``img`` (after any draft) and reduce it."""
    w, h = img.size
    cost = w * h * _BYTES_PER_PIXEL.get(img.mode, 4)
    if img.mode in ("LA", "RGBA"):
        cost *= 2  # Image.reduce converts to premultiplied alpha first: one more copy
    if img.format == "WEBP":
        cost += w * h * 4  # libwebp decodes into its own RGBA canvas, then Pillow copies it
    if img.format == "JPEG" and (img.info.get("progressive") or img.info.get("progression")):
        fw, fh = full_size or img.size
        cost += int(fw * fh * 2 * _jpeg_samples_per_pixel(img))
    return cost


def _jpeg_samples_per_pixel(img) -> float:
    """Colour samples a pixel (3 for 4:4:4, 1.5 for 4:2:0), from the frame header."""
    layers = getattr(img, "layer", None) or []
    try:
        hmax = max(h for _, h, _, _ in layers)
        vmax = max(v for _, _, v, _ in layers)
        return sum(h * v for _, h, v, _ in layers) / float(hmax * vmax)
    except (ValueError, TypeError, ZeroDivisionError):
        return float(len(img.getbands()))


def can_strip(img: Image.Image) -> bool:
    if img.format != "PNG" or img.info.get("interlace") or len(img.tile) != 1:
        return False
    tile = img.tile[0]
    return tile[0] == "zip" and tile[1] == (0, 0) + img.size and tile[3] in _PNG_STRIP_MODES


def shrink(img: Image.Image, factor: int) -> Image.Image:
    """``img`` made ``factor`` times smaller in its own mode (converted first if it must be)."""
    if factor <= 1:
        return img
    try:
        out = img.reduce(factor)
    except (ValueError, NotImplementedError):  # P, 1, I;16...: no reduce in that mode
        out = img.convert("RGBA" if "transparency" in img.info else "RGB").reduce(factor)
    out.info = dict(img.info)
    return out


class _IdatStream:
    """The zlib-compressed image data of a PNG, chunk after chunk, inflated on demand."""

    def __init__(self, fp, first_data_pos: int):
        self.fp = fp
        self.fp.seek(first_data_pos - 8)  # back to the first IDAT chunk's length and type
        self.left = 0  # bytes of the current IDAT chunk not read yet
        self.in_chunk = False  # a chunk was started, so its CRC follows its data
        self.inflate = zlib.decompressobj()
        self.buffer = bytearray()
        self.done = False

    def _next_compressed(self) -> bytes:
        while self.left == 0:
            if self.in_chunk:
                self.fp.read(4)  # the CRC of the chunk just finished
            head = self.fp.read(8)
            if len(head) < 8 or head[4:] != b"IDAT":
                return b""
            self.left, self.in_chunk = struct.unpack(">I", head[:4])[0], True
        data = self.fp.read(min(self.left, 1 << 20))
        if not data:
            raise EOFError("the image data is truncated")
        self.left -= len(data)
        return data

    def take(self, n: int) -> bytes:
        """Exactly ``n`` inflated bytes (fewer only when the data ends early)."""
        while len(self.buffer) < n and not self.done:
            data = self.inflate.unconsumed_tail or self._next_compressed()
            if not data:
                self.done = True
                break
            # max_length: a zlib bomb inflates at most what one strip needs
            self.buffer += self.inflate.decompress(data, max(n - len(self.buffer), 1 << 16))
        out = bytes(self.buffer[:n])
        del self.buffer[:n]
        return out


def png_in_strips(img: Image.Image, factor: int) -> Image.Image:
    """Decode a big 8-bit PNG strip by strip, each shrunk ``factor`` times as it comes."""
    w, h = img.size
    rawmode = img.tile[0][3]
    stride = w * _PNG_STRIP_MODES[rawmode] + 1
    rows = max(factor, (STRIP_BYTES // stride) // factor * factor)
    out = Image.new(img.mode, (-(-w // factor), -(-h // factor)))
    stream = _IdatStream(img.fp, img.tile[0][2])
    previous = bytes(stride - 1)  # the row above the first one is all zeros (PNG spec)
    for y in range(0, h, rows):
        n = min(rows, h - y)
        data = stream.take(n * stride)
        if len(data) < n * stride:
            raise EOFError("the image data is truncated")
        strip = Image.new(img.mode, (w, n + 1))
        decoder = Image._getdecoder(img.mode, "zip", rawmode)
        decoder.setimage(strip.im, (0, 0, w, n + 1))
        done, err = decoder.decode(zlib.compress(b"\x00" + previous + data, 0))
        if done >= 0 or err < 0:  # the decoder wants more, or failed: the rows were damaged
            raise OSError(f"the PNG rows could not be decoded (error {err})")
        previous = strip.crop((0, n, w, n + 1)).tobytes("raw", rawmode)
        out.paste(strip.reduce(factor, box=(0, 1, w, n + 1)), (0, y // factor))
    out.info = dict(img.info)
    return out
