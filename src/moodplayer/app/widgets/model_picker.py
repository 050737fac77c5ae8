"""The model field of the Settings dialog: the known good models, a model folder, or any spec.

A list to choose from (name, download size or "on this computer", speed on a
CPU, what it is good for: cut short in the list, whole under it for the
chosen row, with its Hugging Face repository), a "Choose a model folder…"
button, and the spec itself, editable for the rare ``hf-hub:`` repository.
A spec that cannot work (``ViT-B-32`` without a tag would run on random
weights) is refused with the engine's message (``validate_spec``) before the
dialog closes.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from ...engine.errors import ModelLoadError
from ...engine.models import (find_known, find_on_disk, human_bytes, known_models, list_models,
                              validate_spec)

COLUMNS = (QT_TRANSLATE_NOOP("ModelPicker", "Model"), QT_TRANSLATE_NOOP("ModelPicker", "Download"),
           QT_TRANSLATE_NOOP("ModelPicker", "Speed on CPU"),
           QT_TRANSLATE_NOOP("ModelPicker", "Good for"))
SPEC_ROLE = Qt.UserRole
ABOUT_ROLE = Qt.UserRole + 1
VISIBLE_ROWS = 8  # more than that scroll


def _on_disk() -> list:
    try:
        return list_models()
    except OSError:  # an unreadable models folder must not keep Settings from opening
        return []


class ModelPicker(QWidget):
    def __init__(self, current: str, parent=None):
        super().__init__(parent)
        self.setObjectName("ModelPicker")
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setTextElideMode(Qt.ElideRight)  # "good for" is cut here, whole in `about`
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.table.header()
        header.setStretchLastSection(True)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.about = QLabel("")  # the chosen row's whole "good for", and where it comes from
        self.about.setObjectName("Muted")
        self.about.setWordWrap(True)
        self.about.setOpenExternalLinks(True)
        self._initial = current.strip()
        self.spec = QLineEdit(current)
        self.spec.setPlaceholderText(self.tr("NAME:TAG, hf-hub:ORG/REPO or "
                                             "local-dir:/path/to/folder"))
        self.spec.setToolTip(self.tr("What MoodPlayer loads: a row of the list fills it in"))
        self.b_folder = QPushButton(self.tr("Choose a model folder…"))
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #f28b82;")  # the refusal must not look like a hint
        self.problem.setVisible(False)
        self._fill(_on_disk())
        self._build()
        self.setMinimumWidth(720)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.spec.textEdited.connect(self._typed)
        self.spec.editingFinished.connect(self.check)
        self.b_folder.clicked.connect(self._choose_folder)
        self._select(current)

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Model:")))
        row.addWidget(self.spec, 1)
        row.addWidget(self.b_folder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.about)
        layout.addLayout(row)
        layout.addWidget(self.problem)

    def _fill(self, on_disk: list) -> None:
        """The known good models first, then whatever else is on this computer."""
        here = {m.spec for m in on_disk if m.complete}
        for known in known_models():
            found = find_on_disk(known.spec, on_disk)
            size = self.tr("on this computer") if found is not None and found.complete \
                else human_bytes(known.download_mb * 1e6)
            about = self.tr("{good_for} {accuracy}% zero-shot on ImageNet.").format(
                good_for=known.good_for, accuracy=f"{known.imagenet:g}")
            about += (f" <a style=\"color: #8ab4f8\" href=\"{known.hub_url}\">"
                      f"{known.hub_repo}</a>")
            speed = self.tr("{n} photos/s").format(n=f"{known.cpu_photos_per_s:g}")
            self._add(known.spec, [known.title, size, speed, known.good_for], about)
        for model in on_disk:
            if model.spec in here and find_known(model.spec) is None:
                self._add(model.spec, [model.spec, self.tr("on this computer"), "",
                                       str(model.path)],
                          self.tr("{size} in {folder}").format(
                              size=human_bytes(model.size_bytes), folder=model.path))
        rows = min(self.table.topLevelItemCount(), VISIBLE_ROWS)
        row_height = self.table.fontMetrics().height() + 5
        self.table.setFixedHeight(self.table.header().sizeHint().height() + rows * row_height
                                  + 2 * self.table.frameWidth() + 2)

    def _add(self, spec: str, cells: list, about: str) -> None:
        item = QTreeWidgetItem(cells)
        item.setData(0, SPEC_ROLE, spec)
        item.setData(0, ABOUT_ROLE, about)
        item.setToolTip(3, cells[3])
        self.table.addTopLevelItem(item)

    # ------------------------------------------------------------ the spec
    def text(self) -> str:
        """The spec as typed or chosen (the dialog's old QLineEdit had the same method)."""
        return self.spec.text().strip()

    def setText(self, spec: str) -> None:
        self.spec.setText(spec)
        self._select(spec)
        self.check()

    def check(self) -> Optional[str]:
        """Why a newly chosen spec cannot be used (also shown under the field), or None.

        The spec the dialog opened with is told about but never refused: a
        model folder that went away must not keep anyone from changing the
        queue length.
        """
        try:
            validate_spec(self.text())
        except ModelLoadError as exc:
            unchanged = self.text() == self._initial
            self.problem.setText(
                self.tr("The model in use cannot work: {problem}").format(problem=exc)
                if unchanged else self.tr("Not this one: {problem}").format(problem=exc))
            self.problem.setVisible(True)
            return None if unchanged else str(exc)
        self.problem.setVisible(False)
        return None

    def checked_spec(self, fallback: str) -> str:
        """The spec as it should be saved, or ``fallback`` when it is refused."""
        try:
            return validate_spec(self.text()).spec
        except ModelLoadError:
            return fallback

    # ------------------------------------------------------------ events
    def _select(self, spec: str) -> None:
        known = find_known(spec)
        wanted = {spec, known.spec} if known is not None else {spec}
        self.table.blockSignals(True)  # selecting to mirror the field must not rewrite it
        self.table.clearSelection()
        self.about.setText("")
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.data(0, SPEC_ROLE) in wanted:
                item.setSelected(True)
                self.table.scrollToItem(item)
                self.about.setText(item.data(0, ABOUT_ROLE))
        self.table.blockSignals(False)

    def _row_chosen(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.spec.setText(items[0].data(0, SPEC_ROLE))
            self.about.setText(items[0].data(0, ABOUT_ROLE))
            self.problem.setVisible(False)

    def _typed(self, text: str) -> None:
        self._select(text.strip())
        self.problem.setVisible(False)  # judged when the typing is done, not per keystroke

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an open_clip model folder (open_clip_config.json + weights)"))
        if folder:
            self.setText("local-dir:" + folder)
