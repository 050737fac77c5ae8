"""Light, dark or the desktop's palette; painted widgets and headings follow it."""

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from moodplayer.app import theme
from moodplayer.app.widgets.circumplex import Circumplex
from moodplayer.app.widgets.emotion_view import EmotionView


@pytest.fixture
def app(qapp):
    platform = qapp.palette()
    font = qapp.font()
    yield qapp
    theme.apply(qapp, theme.SYSTEM)
    qapp.setPalette(platform)
    qapp.setFont(font)


def _centre_colour(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    widget.show()
    image = widget.grab().toImage()
    return image.pixelColor(QPoint(image.width() // 2 + 30, image.height() // 2 + 30))


def test_dark_and_light_recolour_the_painted_circumplex(qtbot, app):
    assert theme.apply(app, theme.DARK) == theme.DARK
    assert theme.is_dark(app.palette())
    assert _centre_colour(qtbot, Circumplex()).lightness() < 60
    assert theme.apply(app, theme.LIGHT) == theme.LIGHT
    assert not theme.is_dark(app.palette())
    assert _centre_colour(qtbot, Circumplex()).lightness() > 200


def test_system_hands_the_palette_back_to_the_platform(app):
    platform = QApplication.palette().color(QPalette.Window)
    theme.apply(app, theme.DARK)
    assert app.palette().color(QPalette.Window) != platform
    assert theme.apply(app, "something else") == theme.SYSTEM  # unknown: the desktop's
    assert app.palette().color(QPalette.Window) == platform


def test_every_text_role_stays_readable_in_both_themes(app):
    def contrast(a, b):
        def lum(c):
            ch = [x / 255 for x in (c.red(), c.green(), c.blue())]
            ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
            return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for name in (theme.LIGHT, theme.DARK):
        pal = theme.palette(name)
        for text, ground in ((QPalette.WindowText, QPalette.Window), (QPalette.Text, QPalette.Base),
                             (QPalette.ButtonText, QPalette.Button),
                             (QPalette.HighlightedText, QPalette.Highlight)):
            assert contrast(pal.color(text), pal.color(ground)) >= 4.5, (name, text)  # WCAG AA
        assert contrast(pal.color(QPalette.PlaceholderText), pal.color(QPalette.Base)) >= 4.5


def test_headings_follow_the_desktop_font_size(qtbot, app):
    for size in (10.0, 16.0):
        font = QFont(app.font())
        font.setPointSizeF(size)
        app.setFont(font)
        view = EmotionView()
        qtbot.addWidget(view)
        assert view.title.font().pointSizeF() == pytest.approx(size * 1.15)
        assert view.summary.font().pointSizeF() == pytest.approx(size)
