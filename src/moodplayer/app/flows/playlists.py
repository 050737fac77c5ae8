"""Save, export and play saved playlists, onto ``core.playlists``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import QFileDialog, QInputDialog

from ...core.mood_session import playlist_name
from ...engine.errors import MoodPlayerError


class PlaylistsFlow:
    def __init__(self, window, services):
        self.w = window
        self.playlists = services.playlists
        self.session = services.session

    def _queue(self):
        return self.w.controller.queue

    def _default_name(self) -> str:
        return playlist_name(self.session.current_mood)

    def save_queue(self) -> None:
        if not len(self._queue()):
            return
        name, ok = QInputDialog.getText(self.w, "Save playlist", "Name:", text=self._default_name())
        if ok and name.strip():
            self.save(name.strip(), self._queue().entries)

    def save(self, name: str, tracks, auto: bool = False) -> Optional[str]:
        try:
            saved = self.playlists.save(name, tracks, auto=auto, mood=self.session.current_mood)
        except (MoodPlayerError, OSError) as exc:
            self.w.banner.show_message(f"The playlist “{name}” could not be saved: {exc}", "error")
            return None
        self.w.statusBar().showMessage(f"Saved playlist “{saved}”.", 5000)
        return saved

    def export_queue_dialog(self) -> None:
        if not len(self._queue()):
            self.w.statusBar().showMessage("The queue is empty: nothing to export.", 5000)
            return
        default = str(Path.home() / f"{self._default_name()}.m3u8")
        path, _ = QFileDialog.getSaveFileName(
            self.w, "Export queue", default, "M3U8 playlist (*.m3u8);;XSPF playlist (*.xspf)")
        if path:
            self.export_queue(path)

    def export_queue(self, path: str) -> Optional[str]:
        """Write the queue for other players (VLC, foobar2000, phones...)."""
        try:
            written = self.playlists.export(path, self._queue().entries, self._default_name())
        except (MoodPlayerError, OSError) as exc:
            self.w.banner.show_message(f"The queue could not be exported: {exc}", "error")
            return None
        self.w.statusBar().showMessage(f"Exported {len(self._queue())} items to {written}.", 5000)
        return written

    def fill_menu(self, menu) -> None:
        menu.clear()
        lists = self.playlists.list()
        if not lists:
            menu.addAction("(none yet)").setEnabled(False)
        for pl in lists:
            label = f"{pl['name']} ({pl['count']})" + ("  · auto" if pl.get("auto") else "")
            menu.addAction(label, lambda n=pl["name"]: self.play(n))

    def play(self, name: str) -> None:
        try:
            tracks = self.playlists.load(name)
        except MoodPlayerError as exc:
            self.w.banner.show_message(str(exc), "error")
            return
        self.w.controller.set_queue(tracks, autoplay=True)
