"""Save, export, import, rename, delete and play saved playlists, onto ``core.playlists``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from ...core.mood_session import playlist_name
from ...engine.errors import MoodPlayerError
from ..i18n import Translates
from ..widgets.playlists_panel import PlaylistsDialog



class PlaylistsFlow(Translates):
    def __init__(self, window, services):
        self.w = window
        self.playlists = services.playlists
        self.session = services.session
        self.dialog: Optional[PlaylistsDialog] = None

    def _queue(self):
        return self.w.controller.queue

    def _default_name(self) -> str:
        return playlist_name(self.session.current_mood)

    def _message(self, text: str, ms: int = 5000) -> None:
        self.w.statusBar().showMessage(text, ms)

    def _problem(self, text: str) -> None:
        self.w.banner.show_message(text, "error")

    def _file_types(self) -> str:
        return self.tr("M3U8 playlist (*.m3u8);;XSPF playlist (*.xspf)")

    # -- the queue -------------------------------------------------------------------------
    def save_queue(self) -> None:
        if not len(self._queue()):
            return
        name, ok = QInputDialog.getText(self.w, self.tr("Save playlist"), self.tr("Name:"),
                                        text=self._default_name())
        if ok and name.strip():
            self.save(name.strip(), self._queue().entries)

    def save(self, name: str, tracks, auto: bool = False) -> Optional[str]:
        try:
            saved = self.playlists.save(name, tracks, auto=auto, mood=self.session.current_mood)
        except (MoodPlayerError, OSError) as exc:
            self._problem(self.tr("The playlist “{name}” could not be saved: {problem}").format(
                name=name, problem=exc))
            return None
        self._message(self.tr("Saved playlist “{name}”.").format(name=saved))
        self.refresh_dialog()
        return saved

    def export_queue_dialog(self) -> None:
        if not len(self._queue()):
            self._message(self.tr("The queue is empty: nothing to export."))
            return
        default = str(Path.home() / f"{self._default_name()}.m3u8")
        path, _ = QFileDialog.getSaveFileName(self.w, self.tr("Export queue"), default,
                                              self._file_types())
        if path:
            self.export_queue(path)

    def export_queue(self, path: str) -> Optional[str]:
        """Write the queue for other players (VLC, foobar2000, phones...)."""
        return self._export(path, self._queue().entries, self._default_name())

    def _export(self, path: str, tracks, title: str) -> Optional[str]:
        try:
            written = self.playlists.export(path, tracks, title)
        except (MoodPlayerError, OSError) as exc:
            self._problem(self.tr("“{name}” could not be exported: {problem}").format(
                name=title, problem=exc))
            return None
        self._message(self.tr("Exported {n} items to {path}.").format(n=len(tracks), path=written))
        return written

    # -- the File menu's list ----------------------------------------------------------------
    def fill_menu(self, menu) -> None:
        menu.clear()
        lists = self.playlists.list()
        if not lists:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)
        for pl in lists:
            label = self.tr("{name} ({count})").format(name=pl["name"], count=pl["count"])
            if pl.get("auto"):
                label += "  · " + self.tr("auto")
            menu.addAction(label, lambda n=pl["name"]: self.play(n))
        menu.addSeparator()
        menu.addAction(self.tr("Manage playlists…"), self.open_dialog)

    def play(self, name: str) -> None:
        try:
            tracks = self.playlists.load(name)
        except MoodPlayerError as exc:
            self._problem(str(exc))
            return
        self.w.controller.set_queue(tracks, autoplay=True)

    # -- Library > Playlists… -----------------------------------------------------------------
    def open_dialog(self) -> PlaylistsDialog:
        if self.dialog is None:
            d = self.dialog = PlaylistsDialog(self.w)
            d.play_requested.connect(self.play)
            d.rename_requested.connect(self.ask_rename)
            d.delete_requested.connect(self.ask_delete)
            d.export_requested.connect(self.ask_export)
            d.import_requested.connect(self.ask_import)
            d.clear_auto_requested.connect(self.ask_clear_auto)
        self.refresh_dialog()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def refresh_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.show_playlists(self.playlists.list())

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Question, title, text,
                          QMessageBox.Yes | QMessageBox.Cancel, self.dialog or self.w)
        box.setDefaultButton(QMessageBox.Cancel)  # Enter never deletes by accident
        return box.exec() == QMessageBox.Yes

    def ask_rename(self, name: str) -> None:
        new, ok = QInputDialog.getText(self.dialog or self.w, self.tr("Rename playlist"),
                                       self.tr("New name:"), text=name)
        if ok:
            self.rename(name, new)

    def rename(self, old: str, new: str) -> Optional[str]:
        try:
            renamed = self.playlists.rename(old, new)
        except MoodPlayerError as exc:
            self._problem(self.tr("“{name}” could not be renamed: {problem}").format(
                name=old, problem=exc))
            return None
        self.refresh_dialog()
        if self.dialog is not None:
            self.dialog.select(renamed)
        return renamed

    def ask_delete(self, names: list) -> None:
        text = (self.tr("Delete the playlist “{name}”? The music and videos stay where they "
                        "are.").format(name=names[0]) if len(names) == 1 else
                self.tr("Delete {n} playlists? The music and videos stay where they are.").format(
                    n=len(names)))
        if self._confirm(self.tr("Delete playlists"), text):
            self.delete(names)

    def delete(self, names: list) -> int:
        deleted = 0
        for name in names:
            try:
                self.playlists.delete(name)
                deleted += 1
            except MoodPlayerError as exc:
                self._problem(str(exc))
        self.refresh_dialog()
        self._message(self.tr("Deleted {n} playlists.").format(n=deleted))
        return deleted

    def ask_clear_auto(self, days) -> None:
        text = (self.tr("Delete every auto-playlist made from watched folders? Playlists you "
                        "saved yourself are kept.") if days is None else
                self.tr("Delete the auto-playlists made more than {days} days ago? Playlists "
                        "you saved yourself are kept.").format(days=days))
        if self._confirm(self.tr("Clear auto-playlists"), text):
            self.clear_auto(days)

    def clear_auto(self, days=None) -> list:
        gone = self.playlists.delete_auto(older_than_days=days)
        self.refresh_dialog()
        self._message(self.tr("Deleted {n} auto-playlists.").format(n=len(gone)))
        return gone

    def ask_export(self, name: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self.dialog or self.w, self.tr("Export playlist"),
                                              str(Path.home() / f"{name}.m3u8"),
                                              self._file_types())
        if path:
            self.export_saved(name, path)

    def export_saved(self, name: str, path: str) -> Optional[str]:
        try:
            tracks = self.playlists.load(name)
        except MoodPlayerError as exc:
            self._problem(str(exc))
            return None
        return self._export(path, tracks, name)

    def ask_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.dialog or self.w, self.tr("Import playlists"), str(Path.home()),
            self.tr("Playlists (*.m3u8 *.m3u *.xspf);;All files (*)"))
        for path in paths:
            self.import_file(path)

    def import_file(self, path: str) -> Optional[str]:
        """Read an M3U8/XSPF file into a new saved playlist (never over an existing one)."""
        try:
            name = self.playlists.unique_name(Path(path).stem.strip() or self.tr("Imported"))
            result = self.playlists.import_file(path, name)
        except (MoodPlayerError, OSError) as exc:
            self._problem(self.tr("{file} could not be imported: {problem}").format(
                file=Path(path).name, problem=exc))
            return None
        saved = result.name
        if result.missing or result.skipped:  # what was left out is said, not swallowed
            self.w.banner.show_message(result.message, "info")
        self._message(self.tr("Imported {n} items as “{name}”.").format(n=result.kept, name=saved))
        self.refresh_dialog()
        if self.dialog is not None:
            self.dialog.select(saved)
        return saved
