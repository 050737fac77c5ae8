"""The model list in Settings: known good models, folders, and refusing names without weights."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from moodplayer.engine import paths
from moodplayer.engine.settings import DEFAULT_MODEL, Settings


@pytest.fixture
def dialog(qtbot):
    from moodplayer.app.widgets.settings_dialog import SettingsDialog

    def make(settings):
        dlg = SettingsDialog(settings)
        qtbot.addWidget(dlg)
        return dlg

    return make


def rows(picker):
    table = picker.table
    return [[table.topLevelItem(i).text(c) for c in range(4)] for i in range(table.topLevelItemCount())]


def click_row(qtbot, picker, index):
    table = picker.table
    rect = table.visualItemRect(table.topLevelItem(index))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())


def test_the_list_shows_size_speed_and_purpose_with_the_one_in_use_selected(dialog):
    picker = dialog(Settings()).model
    listed = rows(picker)
    assert len(listed) == 6
    assert listed[0] == ["ViT-B/32, LAION-2B (default)", "605 MB", "5 photos/s",
                         "The default: fast on any CPU, good enough to tell the moods of photos apart."]
    assert ["ViT-L/14, DataComp-XL", "1.7 GB", "0.8 photos/s"] == listed[4][:3]
    assert [i.text(0) for i in picker.table.selectedItems()] == ["ViT-B/32, LAION-2B (default)"]
    assert picker.text() == DEFAULT_MODEL


def test_choosing_a_row_is_what_apply_to_saves(qtbot, dialog):
    settings = Settings()
    dlg = dialog(settings)
    click_row(qtbot, dlg.model, 4)
    assert dlg.model.text() == "ViT-L-14:datacomp_xl_s13b_b90k"
    assert dlg.apply_to(settings) == {"model"}
    assert settings.model == "ViT-L-14:datacomp_xl_s13b_b90k"
    assert dlg.apply_to(settings) == set()  # nothing changed the second time


def test_a_name_without_pretrained_weights_is_refused(qtbot, dialog):
    settings = Settings()
    dlg = dialog(settings)
    dlg.show()
    dlg.model.spec.setFocus()
    dlg.model.spec.selectAll()
    qtbot.keyClicks(dlg.model.spec, "ViT-B-32")
    assert dlg.model.table.selectedItems() == []  # no row is plain ViT-B-32
    dlg.accept()  # OK
    assert dlg.isVisible() and dlg.result() != QDialog.DialogCode.Accepted  # the dialog stays open...
    assert dlg.model.problem.isVisible()  # ...and says why, and what to write instead
    assert "random weights" in dlg.model.problem.text()
    assert "ViT-B-32:laion2b_s34b_b79k" in dlg.model.problem.text()
    assert "model" not in dlg.apply_to(settings) and settings.model == DEFAULT_MODEL
    dlg.model.setText("ViT-B-32:datacomp_xl_s13b_b90k")  # a tag makes it fine
    assert not dlg.model.problem.isVisible()
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted


def test_a_model_folder_is_chosen_checked_and_listed_once_it_is_ours(
        qtbot, dialog, tiny_model_dir, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    settings = Settings()
    dlg = dialog(settings)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tiny_model_dir))
    qtbot.mouseClick(dlg.model.b_folder, Qt.LeftButton)
    assert dlg.model.text() == f"local-dir:{tiny_model_dir}" and not dlg.model.problem.isVisible()
    assert dlg.apply_to(settings) == {"model"} and settings.model == f"local-dir:{tiny_model_dir}"
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(empty))
    qtbot.mouseClick(dlg.model.b_folder, Qt.LeftButton)
    assert "open_clip_config.json is missing" in dlg.model.problem.text()
    # A model folder in MoodPlayer's models folder is on the list, marked as here.
    shutil.copytree(tiny_model_dir, paths.models_dir() / "my-clip")
    listed = rows(dialog(Settings()).model)
    assert listed[-1][:2] == [f"local-dir:{paths.models_dir() / 'my-clip'}", "on this computer"]


def test_the_model_in_use_is_told_about_but_never_blocks_other_changes(dialog, tmp_path):
    settings = Settings(model=f"local-dir:{tmp_path / 'gone'}")  # deleted since it was chosen
    dlg = dialog(settings)
    dlg.length.setValue(9)
    dlg.accept()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert "The model in use cannot work" in dlg.model.problem.text()
    assert dlg.apply_to(settings) == {"queue_length"}
