import os
import shutil

import pytest

from moodplayer.engine.library import video as video_mod
from moodplayer.engine.library.db import Item, ItemImage
from moodplayer.engine.library.scanner import Scanner
from moodplayer.engine.tasks import CancelToken

from .media import copy_media, cover_jpeg, write_wav


def _lib(templates, root, n=6):
    for i in range(n):
        ext = ["mp3", "flac", "ogg", "m4a", "wav", "opus"][i % 6]
        copy_media(templates, ext, root / f"album{i % 2}" / f"{i:02d}.{ext}",
                   title=f"Song {i}", artist=f"Artist {i % 3}", genre="rock")
    return root


def _items(db):
    with db.session() as s:
        return {i.path: i for i in s.query(Item)}


def test_first_scan_then_unchanged_rescan(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music")
    first = Scanner(db).scan([root])
    assert (first.added, first.failed, first.unchanged) == (6, 0, 0)
    again = Scanner(db).scan([root])
    assert (again.added, again.updated, again.unchanged, again.missing) == (0, 0, 6, 0)


def test_changed_moved_vanished_and_restored(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music")
    Scanner(db).scan([root])
    ids = {p: i.id for p, i in _items(db).items()}
    changed = root / "album0" / "00.mp3"
    copy_media(templates, "mp3", changed, title="Retitled", artist="Artist 0")
    os.utime(changed, ns=(1, 1_000_000_000))
    moved_from = root / "album1" / "01.flac"
    moved_to = root / "elsewhere" / "renamed.flac"
    moved_to.parent.mkdir()
    shutil.move(moved_from, moved_to)
    gone = root / "album0" / "02.ogg"
    parked = tmp_path / "parked.ogg"
    shutil.move(gone, parked)

    r = Scanner(db).scan([root])
    assert (r.updated, r.moved, r.missing, r.added, r.unchanged) == (1, 1, 1, 0, 3)
    items = _items(db)
    assert items[str(changed)].title == "Retitled"
    assert items[str(moved_to)].id == ids[str(moved_from)]  # same row: labels/history follow
    assert str(moved_from) not in items
    assert items[str(gone)].status == "missing" and items[str(gone)].missing_since

    shutil.move(parked, gone)
    back = Scanner(db).scan([root])
    assert back.updated == 1 and _items(db)[str(gone)].status == "ok"


def test_interrupted_scan_resumes_without_redoing_work(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music", n=6)
    token = CancelToken()

    def progress(done, total, msg):
        if done == 4:
            token.cancel()

    first = Scanner(db, batch_size=2).scan([root], progress=progress, cancel=token)
    assert first.cancelled and first.added == 4
    assert all(i.title for i in _items(db).values())  # no half-written row
    resumed = Scanner(db, batch_size=2).scan([root])
    assert (resumed.added, resumed.unchanged) == (2, 4)


def test_bad_media_is_counted_and_listed(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music", n=2)
    (root / "empty.mp3").write_bytes(b"")
    (root / "corrupt.flac").write_bytes(b"fLaC" + os.urandom(300))
    (root / "garbage.mp3").write_bytes(b"\x00" * 5000)
    (root / "broken.mkv").write_bytes(b"not a video at all" * 50)
    write_wav(root / "ünïcødé ☃ 曲.wav")
    os.symlink(root, root / "loop")
    os.symlink(root / "nowhere.mp3", root / "dangling.mp3")
    r = Scanner(db).scan([root])
    reasons = dict(r.failures)
    assert reasons[str(root / "empty.mp3")] == "the file is empty (0 bytes)"
    assert "corrupt" in reasons[str(root / "corrupt.flac")]
    assert str(root / "garbage.mp3") in reasons
    assert str(root / "broken.mkv") in reasons
    assert "loop" in reasons[str(root / "loop")]
    assert reasons[str(root / "dangling.mp3")] == "broken symbolic link"
    assert r.added == 3 and r.failed == 6
    assert str(root / "ünïcødé ☃ 曲.wav") in _items(db)
    from moodplayer.engine.library.db import ScanFailure
    with db.session() as s:
        assert s.query(ScanFailure).count() == 6


def test_folder_disappearing_mid_scan(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music", n=6)  # two folders of three files
    first = []

    def progress(done, total, msg):
        if done == 0 and msg != "done" and total:
            first.append(os.path.dirname(msg))
        if done == 1 and os.path.isdir(first[0]):
            shutil.rmtree(first[0])  # the folder being read goes away after one file

    r = Scanner(db).scan([root], progress=progress)
    assert (r.added, r.failed) == (4, 2)
    assert all(p.startswith(first[0]) and reason == "vanished during the scan"
               for p, reason in r.failures)


def test_missing_root_is_reported_not_fatal(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music", n=2)
    r = Scanner(db).scan([tmp_path / "nope", root])
    assert r.added == 2 and r.failures == [(str(tmp_path / "nope"),
                                            "cannot read this folder: folder not found")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(db, templates, tmp_path):
    root = _lib(templates, tmp_path / "music", n=1)
    locked = copy_media(templates, "mp3", root / "locked.mp3")
    locked.chmod(0)
    r = Scanner(db).scan([root])
    assert dict(r.failures)[str(locked)] == "permission denied"


def test_video_keyframes_and_folder_cover(db, templates, tmp_path):
    root = tmp_path / "media"
    copy_media(templates, "mkv", root / "clip.mkv")
    copy_media(templates, "webm", root / "clip.webm")
    copy_media(templates, "avi", root / "clip.avi")
    copy_media(templates, "wav", root / "album" / "a.wav", title="A")
    (root / "album" / "Folder.JPG").write_bytes(cover_jpeg((0, 200, 0)))
    r = Scanner(db).scan([root])
    assert (r.added, r.failed) == (4, 0), r.failures
    items = _items(db)
    with db.session() as s:
        sources = {}
        for img in s.query(ItemImage):
            sources.setdefault(img.item_id, []).append(img.source)
    for name in ("clip.mkv", "clip.webm", "clip.avi"):
        item = items[str(root / name)]
        assert item.kind == "video" and item.duration == pytest.approx(2.0, abs=0.3)
        assert sources[item.id] and set(sources[item.id]) == {"keyframe"}
    assert sources[items[str(root / "album" / "a.wav")].id] == ["folder"]


def test_no_ffmpeg_means_no_keyframes_not_an_error(db, templates, tmp_path, monkeypatch):
    monkeypatch.setattr(video_mod, "_tool", lambda name: None)
    root = tmp_path / "media"
    copy_media(templates, "mp4", root / "clip.mp4")
    copy_media(templates, "mkv", root / "clip.mkv")
    r = Scanner(db).scan([root])
    assert (r.added, r.failed) == (2, 0)
    items = _items(db)
    assert items[str(root / "clip.mp4")].duration == pytest.approx(2.0, abs=0.3)  # mutagen
    with db.session() as s:
        assert s.query(ItemImage).count() == 0
