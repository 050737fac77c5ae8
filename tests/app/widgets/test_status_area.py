"""The status bar: progress that never outlives the work, the model named briefly."""

from PySide6.QtWidgets import QMainWindow

from moodplayer.app.widgets.status_area import StatusArea
from moodplayer.core.factory import ReaderInfo


def _area(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    area = StatusArea(win.statusBar())
    win.show()
    qtbot.waitUntil(win.statusBar().isVisible)
    return win, area


def test_progress_shows_while_busy_and_never_after(qtbot):
    win, area = _area(qtbot)
    win.statusBar().showMessage("Saved playlist “Evening”.")
    area.set_busy(True, 5)
    area.show_progress(5, 5, "/photos/p4.jpg")
    assert area.busy_label.isVisible() and area.busy_label.text() == "Analysing 5 of 5: p4.jpg"
    area.set_busy(False)
    assert not area.busy_label.isVisible() and not area.busy_bar.isVisible()
    area.show_progress(5, 5, "/photos/p4.jpg")  # a late report from the worker
    assert not area.busy_label.isVisible() and area.busy_label.text() == ""
    assert win.statusBar().currentMessage() == "Saved playlist “Evening”."  # left alone


def test_the_model_is_named_without_its_path(qtbot, taxonomy, tmp_path):
    _, area = _area(qtbot)
    folder = tmp_path / "models" / "clip-vit-b32"
    info = ReaderInfo(model=f"local model folder {folder}", device="cpu", dtype="float32",
                      adapter=None, taxonomy=taxonomy)
    area.show_model(info, f"local-dir:{folder}")
    assert area.model_label.text() == "clip-vit-b32 · CPU · not tuned"
    assert str(tmp_path) not in area.model_label.text()
    assert str(folder) in area.model_label.toolTip()  # the details are one hover away
    cuda = ReaderInfo(model="ViT-B-32 with pretrained weights 'laion2b_s34b_b79k'",
                      device="cuda:0", dtype="float16", adapter=None, taxonomy=taxonomy)
    area.show_model(cuda, "ViT-B-32:laion2b_s34b_b79k")
    assert area.model_label.text() == "ViT-B-32 · GPU · not tuned"
