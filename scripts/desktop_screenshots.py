"""Screenshots of the desktop features with real libVLC on a real X screen.

    xvfb-run -a -s "-screen 0 1280x720x24" \\
        env PYTHONPATH=src python scripts/desktop_screenshots.py [--out docs/screenshots]

Writes fullscreen-video.png (a video made with ffmpeg, playing fullscreen
through libVLC into the window's native surface: the X screen is grabbed,
since libVLC's pixels are not in Qt's own rendering) and tray-menu.png (the
tray's menu while a song plays) and transport-options.png (the window with
shuffle on, repeat one and mute), in the dark theme as the other screenshots.
Everything lives in a temporary MOODPLAYER_HOME; audio goes to libVLC's dummy output.
The fullscreen shot is scaled to 960x540 to keep the repository small.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def make_media(folder: Path) -> tuple:
    video, song = folder / "dusk.mp4", folder / "song.ogg"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "mandelbrot=size=1280x720:rate=25", "-t", "8", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=330:duration=30", "-metadata", "title=Slow Tide",
                    "-metadata", "artist=Harbour Lights", str(song)], check=True)
    return video, song


def wait(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="moodplayer-shots-"))
    os.environ["MOODPLAYER_HOME"] = str(home)

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QApplication

    from moodplayer.app import assets, theme
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.app.tray import Tray
    from moodplayer.engine.playback.vlc import VlcPlayer
    from moodplayer.engine.settings import Settings
    from moodplayer.engine.tracks import Track

    app = QApplication([sys.argv[0]])
    theme.apply(app, theme.DARK, assets.stylesheet())
    video, song = make_media(home)
    player = VlcPlayer(("--aout=adummy", "--no-video-title-show", "--quiet"))
    settings = Settings()
    settings.extra.update(first_run_done=True, theme=theme.DARK)
    services = build_services(settings, player=player, with_tray=False)
    services.tray = Tray(assets.icon("moodplayer"), available=True)
    window = MainWindow(services)
    window.resize(1100, 680)
    window.show()
    wait(app, 0.5)
    window.desktop.attach_video()  # xcb: libVLC draws into the now-playing surface
    window.controller.set_queue([Track(str(video), "Dusk over the fractal sea", kind="video"),
                                 Track(str(song), "Slow Tide", artist="Harbour Lights")],
                                autoplay=True)
    wait(app, 1.5)
    if not window.desktop.fullscreen.enter():
        print("fullscreen was refused", file=sys.stderr)
        return 1
    wait(app, 2.0)
    screen = app.primaryScreen().grabWindow(0)
    screen.scaled(960, 540, Qt.KeepAspectRatio, Qt.SmoothTransformation).save(
        str(out / "fullscreen-video.png"))
    window.desktop.fullscreen.leave()

    window.controller.next()  # a song, for the tray
    wait(app, 0.8)
    menu = window.tray.menu
    menu.popup(QPoint(200, 120))
    wait(app, 0.5)
    menu.grab().save(str(out / "tray-menu.png"))
    menu.hide()
    window.controller.set_shuffle(True)
    window.controller.set_repeat("one")
    window.controller.toggle_mute()
    wait(app, 0.5)
    window.grab().save(str(out / "transport-options.png"))
    window.quit_app()
    print(f"wrote fullscreen-video.png, tray-menu.png and transport-options.png to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
