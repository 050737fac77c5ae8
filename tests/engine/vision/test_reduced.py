"""Big photos within a memory budget: PNG strips are exact, the budget is counted honestly."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageFilter

from moodplayer.engine.vision import reduced


def _png(path, mode, size=(701, 503), seed=0, **save):
    bands = len(mode)
    arr = (np.random.default_rng(seed).random((size[1], size[0], bands)) * 255).astype(np.uint8)
    img = Image.fromarray(arr[..., 0] if bands == 1 else arr, mode).filter(ImageFilter.BLUR)
    img.save(path, **save)  # optimize: the encoder picks every row filter kind
    return path


@pytest.mark.parametrize("mode", ["L", "LA", "RGB", "RGBA"])
@pytest.mark.parametrize("factor", [2, 3, 5])
def test_png_strips_equal_a_full_decode_then_reduce(tmp_path, monkeypatch, mode, factor):
    path = _png(tmp_path / "p.png", mode, optimize=True)
    monkeypatch.setattr(reduced, "STRIP_BYTES", 20_000)  # many strips, odd boundaries
    with Image.open(path) as img:
        assert reduced.can_strip(img)
        got = reduced.png_in_strips(img, factor)
    with Image.open(path) as img:
        img.load()
        want = img.reduce(factor)
    assert got.size == want.size and got.mode == want.mode
    assert np.array_equal(np.asarray(got), np.asarray(want))


def test_interlaced_16_bit_and_palette_pngs_are_not_stripped(tmp_path):
    _png(tmp_path / "i.png", "RGB", interlace=1)
    Image.new("I;16", (64, 64)).save(tmp_path / "16.png")
    Image.new("P", (64, 64)).save(tmp_path / "p.png")
    for name in ("16.png", "p.png"):
        with Image.open(tmp_path / name) as img:
            assert not reduced.can_strip(img)


def test_a_truncated_big_png_is_a_photo_error_in_words(tmp_path):
    from moodplayer.engine.errors import PhotoError
    from moodplayer.engine.vision.images import decode_image

    path = _png(tmp_path / "big.png", "RGB", size=(2400, 1800))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(PhotoError, match="truncated or corrupt"):
        decode_image(path, target=224)


def test_decode_cost_counts_what_the_decoder_holds(tmp_path):
    Image.new("RGB", (1000, 1000)).save(tmp_path / "a.webp")
    Image.new("RGB", (1000, 1000)).save(tmp_path / "a.jpg", progressive=True)
    Image.new("L", (1000, 1000)).save(tmp_path / "a.png")
    with Image.open(tmp_path / "a.webp") as img:
        assert reduced.decode_cost(img) == 1000 * 1000 * 8  # RGB(X) + libwebp's RGBA canvas
    with Image.open(tmp_path / "a.jpg") as img:  # 4:2:0: 1.5 samples, 2 bytes a coefficient
        assert reduced.decode_cost(img) == 1000 * 1000 * 4 + 1000 * 1000 * 3
    with Image.open(tmp_path / "a.png") as img:
        assert reduced.decode_cost(img) == 1000 * 1000
    assert reduced.reduce_factor((14000, 10000), 224) == 22
    assert reduced.reduce_factor((300, 200), 224) == 1 and reduced.reduce_factor((9, 9), 0) == 1
