"""The model-missing page's states, as a person sees them."""

from __future__ import annotations

import pytest


@pytest.fixture
def page(qtbot):
    from moodplayer.app.widgets.model_missing import ModelMissingPage

    widget = ModelMissingPage()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_online_offers_the_download_with_its_size(page):
    page.set_model("ViT-B-32:laion2b_s34b_b79k", "ViT-B/32, LAION-2B (default)", 605_000_000)
    page.show_problem("The CLIP model is not downloaded yet.", online=True)
    assert page.b_download.isVisible() and page.b_download.text() == "Download the model"
    assert "about 605 MB" in page.about.text()
    assert not page.progress.isVisible() and not page.b_cancel.isVisible()
    page.show_problem("offline", online=False)
    assert not page.b_download.isVisible() and page.b_folder.isVisible()


def test_progress_pause_and_resume_labels(page):
    page.set_model("hf-hub:org/clip", "hf-hub:org/clip", 0)
    assert "size unknown until it starts" in page.about.text()
    page.show_downloading()
    assert page.b_cancel.isVisible() and not page.b_download.isVisible()
    assert not page.b_folder.isEnabled() and not page.b_retry.isEnabled()
    page.show_progress(3_000_000_000, 4_000_000_000, 10_000_000)  # past what a Qt int holds
    assert page.progress.value() == 750
    assert page.detail.text() == "3.0 GB of 4.0 GB · 10 MB/s · about 1 min 40 s left"
    page.show_paused(3_000_000_000, 4_000_000_000)
    assert page.heading.text() == "Download paused" and page.b_download.text() == "Resume the download"
    assert "3.0 GB of 4.0 GB kept" == page.detail.text() and page.b_folder.isEnabled()
    page.show_failed("the network went away", kept_bytes=0)
    assert page.b_download.text() == "Download the model" and not page.progress.isVisible()
    page.set_model("hf-hub:org/clip", "hf-hub:org/clip", 0, partial_bytes=12_000_000)
    assert page.b_download.text() == "Resume the download" and "12 MB of it already here" in page.about.text()
