"""Every kind of photo a user may drop, and every way a file can be broken."""

import io
import os
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from moodplayer.engine.errors import PhotoError
from moodplayer.engine.vision import images
from moodplayer.engine.vision.images import decode_image, iter_image_paths


def save(img, path, **kw):
    img.save(path, **kw)
    return path


def left_red_right_blue(w=64, h=32):
    a = np.zeros((h, w, 3), np.uint8)
    a[:, : w // 2] = (255, 0, 0)
    a[:, w // 2:] = (0, 0, 255)
    return Image.fromarray(a)


def test_exif_orientation_is_applied(tmp_path):
    img = left_red_right_blue()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: viewers turn it 90 degrees clockwise
    p = save(img, tmp_path / "rot.jpg", exif=exif, quality=95)
    out = decode_image(p, target=0)
    assert out.size == (32, 64)  # turned upright: portrait
    top, bottom = np.asarray(out)[4, 16], np.asarray(out)[-4, 16]
    assert top[0] > 200 and top[2] < 60  # red on top after a clockwise turn
    assert bottom[2] > 200 and bottom[0] < 60


def test_cmyk_jpeg(tmp_path):
    img = Image.new("CMYK", (40, 30), (0, 255, 255, 0))  # pure red in CMYK
    out = decode_image(save(img, tmp_path / "cmyk.jpg"), target=0)
    r, g, b = np.asarray(out)[15, 20]
    assert out.mode == "RGB" and r > 200 and g < 60 and b < 60


def test_palette_with_transparency_and_rgba(tmp_path):
    rgba = Image.new("RGBA", (20, 20), (255, 0, 0, 0))  # fully transparent red
    out = decode_image(save(rgba, tmp_path / "a.png"), target=0)
    assert out.mode == "RGB"
    assert tuple(np.asarray(out)[10, 10]) == images.MATTE  # composited, not red, not black
    pal = rgba.convert("P")
    pal.info["transparency"] = 0
    out = decode_image(save(pal, tmp_path / "p.png", transparency=0), target=0)
    assert out.mode == "RGB" and out.size == (20, 20)


def test_16_bit_greyscale_keeps_its_tones(tmp_path):
    ramp = np.linspace(0, 65535, 64, dtype=np.uint16)[None, :].repeat(8, 0)
    p = save(Image.fromarray(ramp), tmp_path / "deep.png")
    out = np.asarray(decode_image(p, target=0))[..., 0]
    assert out[0, 0] < 10 and out[0, -1] > 245
    assert 100 < out[0, 32] < 160  # mid-grey stays mid-grey, not clipped to white


def test_greyscale_and_bilevel(tmp_path):
    out = decode_image(save(Image.new("L", (10, 10), 128), tmp_path / "g.png"), target=0)
    assert out.mode == "RGB" and tuple(np.asarray(out)[5, 5]) == (128, 128, 128)
    out = decode_image(save(Image.new("1", (10, 10), 1), tmp_path / "b.png"), target=0)
    assert tuple(np.asarray(out)[5, 5]) == (255, 255, 255)


def test_animated_gif_gives_first_frame(tmp_path):
    frames = [Image.new("RGB", (16, 16), c) for c in ((0, 255, 0), (255, 0, 0))]
    p = tmp_path / "anim.gif"
    frames[0].save(p, save_all=True, append_images=frames[1:], duration=100, loop=0)
    g = np.asarray(decode_image(p, target=0))[8, 8]
    assert g[1] > 200 and g[0] < 60


def test_big_jpeg_is_draft_decoded_small_but_big_enough(tmp_path):
    p = save(Image.new("RGB", (4000, 3000), (10, 120, 200)), tmp_path / "big.jpg", quality=80)
    out = decode_image(p, target=224)
    assert min(out.size) >= 224 and out.size[0] <= 1000  # 1/8 scale: 500x375
    assert decode_image(p, target=0).size == (4000, 3000)


def test_decompression_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1000)
    p = save(Image.new("RGB", (100, 100)), tmp_path / "bomb.png")
    with pytest.raises(PhotoError, match="too large"):
        decode_image(p)


def test_bomb_header_is_refused_before_decoding(tmp_path):
    # A tiny PNG whose header claims 100000 x 100000 pixels (10 gigapixels).
    buf = io.BytesIO()
    Image.new("L", (1, 1)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    data[16:24] = struct.pack(">II", 100000, 100000)  # IHDR width/height
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))  # keep the chunk valid
    p = tmp_path / "huge.png"
    p.write_bytes(bytes(data))
    with pytest.raises(PhotoError) as err:
        decode_image(p)
    assert "too large" in err.value.reason


@pytest.mark.parametrize("name, content, reason", [
    ("empty.jpg", b"", "empty"),
    ("text.jpg", b"this is not an image at all\n" * 10, "not an image"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "corrupt"),
])
def test_broken_files_have_clear_reasons(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(PhotoError) as err:
        decode_image(p)
    assert reason in err.value.reason and err.value.path == str(p)


def test_truncated_jpeg(tmp_path):
    p = save(left_red_right_blue(640, 480), tmp_path / "whole.jpg", quality=95)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    with pytest.raises(PhotoError, match="truncated"):
        decode_image(cut, target=0)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(PhotoError, match="not found"):
        decode_image(tmp_path / "nope.jpg")
    with pytest.raises(PhotoError, match="folder"):
        decode_image(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_permissions(tmp_path):
    p = save(Image.new("RGB", (8, 8)), tmp_path / "secret.png")
    p.chmod(0)
    with pytest.raises(PhotoError, match="permission"):
        decode_image(p)


@pytest.mark.skipif(not images.HEIF_SUPPORTED, reason="pillow-heif not installed")
def test_heic(tmp_path):
    p = save(Image.new("RGB", (64, 48), (200, 30, 30)), tmp_path / "phone.heic")
    out = decode_image(p, target=0)
    assert out.size == (64, 48) and np.asarray(out)[20, 20][0] > 150


def test_folder_expansion_recurses_skips_non_images_and_reports_missing(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for rel in ("a/1.jpg", "a/b/2.PNG", "a/notes.txt", "a/.hidden.jpg", "3.webp"):
        (tmp_path / rel).write_bytes(b"x")
    errors = []
    found = list(iter_image_paths([tmp_path / "a", tmp_path / "3.webp", tmp_path / "a/1.jpg",
                                   tmp_path / "gone"], errors))
    assert [p.name for p in found] == ["1.jpg", "2.PNG", "3.webp"]
    assert len(errors) == 1 and "not found" in errors[0].reason
