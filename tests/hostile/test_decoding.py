"""Photos and media that would hang the reader or exhaust memory: FIFOs, huge PNGs, bombs, lying tags."""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zlib

import pytest
from PIL import Image

from .conftest import SRC, clean, cli, photo, song


def write_big_png(path, width: int, height: int) -> None:
    """An 8-bit RGB PNG written row by row (never held whole), photo-like gradients."""
    import numpy as np

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    x = np.arange(width, dtype=np.int64)
    z = zlib.compressobj(1)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height,
                                                                   8, 2, 0, 0, 0)))
        for y0 in range(0, height, 256):
            rows = []
            for y in range(y0, min(height, y0 + 256)):
                rgb = np.stack([(x + y) % 256, (x * 3 // 7) % 256, np.full(width, y % 256)], -1)
                rows.append(b"\x00" + rgb.astype(np.uint8).tobytes())
            f.write(chunk(b"IDAT", z.compress(b"".join(rows))))
        f.write(chunk(b"IDAT", z.flush()) + chunk(b"IEND", b""))


def test_a_100_megapixel_png_decodes_reduced_in_little_memory(world):
    big = world / "big.png"
    write_big_png(big, 10000, 10000)
    # VmHWM: this process's own peak (ru_maxrss would carry over the forking parent's)
    probe = ("import json, sys, time\n"
             "from moodplayer.engine.vision.images import decode_image\n"
             "t = time.perf_counter(); im = decode_image(sys.argv[1], 224)\n"
             "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
             "print(json.dumps([im.size, time.perf_counter() - t, int(hwm.split()[1]) // 1024]))\n")
    r = subprocess.run([sys.executable, "-c", probe, str(big)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONPATH=str(SRC)), timeout=300)
    assert r.returncode == 0, r.stderr
    size, _seconds, peak_mb = json.loads(r.stdout)
    assert size == [455, 455]  # 10000 / 22, rounded up: at least twice the 224 the model needs
    # a full decode holds 400 MB of pixels and twice that while converting
    assert int(peak_mb) < 250, f"peak {peak_mb} MB"


def test_pixel_bombs_and_budget_breakers_are_refused_in_words(world, monkeypatch):
    from moodplayer.engine.errors import PhotoError
    from moodplayer.engine.vision import reduced
    from moodplayer.engine.vision.images import decode_image

    bomb = world / "bomb.png"
    Image.new("L", (30000, 30000)).save(bomb)  # 900 MP of nothing: a few hundred KB
    with pytest.raises(PhotoError, match="too large"):
        decode_image(bomb)
    webp = world / "wide.webp"
    Image.new("RGB", (1200, 900), (10, 200, 30)).save(webp)
    monkeypatch.setattr(reduced, "MAX_DECODE_BYTES", 4 << 20)  # a budget this photo exceeds
    with pytest.raises(PhotoError, match=r"about \d+ MB of memory \(the limit is 4 MB\)"):
        decode_image(webp)


def test_fifos_named_like_photos_are_reported_not_waited_for(world, tiny_spec):
    pics = world / "pics"
    photo(pics / "fine.jpg")
    os.mkfifo(pics / "pipe.jpg")
    os.symlink("/dev/zero", pics / "zero.jpg")
    r = cli(["analyze", str(pics), str(pics / "zero.jpg"), "--json", "--model", tiny_spec,
             "--device", "cpu"], world / "home", timeout=120)
    clean(r)
    assert r.returncode == 0
    errors = {p["path"]: p.get("error") for p in json.loads(r.stdout)["photos"]}
    assert errors == {str(pics / "fine.jpg"): None,
                      str(pics / "pipe.jpg"): "not a regular file (a named pipe)",
                      str(pics / "zero.jpg"): "not a regular file (a character device)"}


def _cover_wav(path, cover: bytes, seconds: float) -> None:
    from mutagen import id3
    from mutagen.wave import WAVE

    song(path, seconds)
    f = WAVE(path)
    f.add_tags()
    f.tags.add(id3.TIT2(encoding=3, text=[path.stem]))
    f.tags.add(id3.APIC(encoding=3, mime="image/png", type=3, desc="", data=cover))
    f.save()


def _png(size, mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size).save(buf, "PNG", optimize=True)
    return buf.getvalue()


def test_scan_reports_fifos_and_survives_cover_bombs_and_lying_tags(world):
    music = world / "music"
    song(music / "plain.wav")
    os.mkfifo(music / "pipe.mp3")
    _cover_wav(music / "bomb-cover.wav", _png((8000, 8000)), 0.3)  # 64 MP behind ~100 KB
    _cover_wav(music / "huge-cover.wav", _png((20000, 20000), "L"), 0.35)  # 400 MP: not decoded
    # an ID3 header that claims 256 MB of tags, in a 40-byte file
    (music / "liar.mp3").write_bytes(b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + b"\x00" * 30)
    # a WAV whose RIFF chunk claims 4 GB
    (music / "liar.wav").write_bytes(b"RIFF\xff\xff\xff\xffWAVEfmt " + b"\x00" * 20)
    home = world / "home"
    r = cli(["scan", str(music), "--json", "--no-model"], home, timeout=180)
    clean(r)
    assert r.returncode == 0
    out = json.loads(r.stdout)
    reasons = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in out["failures"]}
    assert reasons["pipe.mp3"] == "not a regular file (a named pipe)"
    assert set(reasons) == {"pipe.mp3", "liar.mp3", "liar.wav"}  # each with its own reason
    assert all(reasons.values())
    assert out["added"] == 3
    from moodplayer.engine.library import Library

    lib = Library(home / "library.sqlite3")
    titles = sorted(i.title for i in lib.items())
    assert titles == ["bomb-cover", "huge-cover", "plain"]
    lib.close()
