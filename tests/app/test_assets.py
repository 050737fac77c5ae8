"""The stylesheet sets shape and spacing only; icons take the palette's ink."""

import re

from PySide6.QtGui import QColor

from moodplayer.app import assets

COLOUR_WORDS = r"\b(white|black|red|green|blue|gray|grey|yellow|orange|pink|purple)\b"


def _declarations(qss: str) -> list:
    body = re.sub(r"/\*.*?\*/", "", qss, flags=re.S)
    return [d.strip() for block in re.findall(r"\{([^}]*)\}", body) for d in block.split(";")
            if d.strip()]


def test_the_stylesheet_forces_no_colour_and_no_font_size():
    decls = _declarations(assets.stylesheet())
    assert len(decls) > 30  # it was read
    for d in decls:
        prop, _, value = d.partition(":")
        assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", value), d
        assert not re.search(COLOUR_WORDS, value), d
        assert prop.strip() not in ("font", "font-size", "font-family"), d
        if "palette(" not in value and prop.strip() in ("color", "background",
                                                          "background-color"):
            assert value.strip() in ("transparent", "none"), d


def test_icons_are_inked_in_the_colour_asked_for(qapp):
    for ink in ("#1d1f24", "#e6e6e6"):
        image = assets.tinted_icon("play", QColor(ink), 24).pixmap(24, 24).toImage()
        opaque = [image.pixelColor(x, y) for x in range(24) for y in range(24)
                  if image.pixelColor(x, y).alpha() == 255]
        assert opaque and all(c.name() == ink for c in opaque)
