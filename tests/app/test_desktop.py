"""The window as a desktop citizen: tray, close-to-tray, notifications, the saved queue."""

from __future__ import annotations

import pytest

from moodplayer.engine.tracks import Track

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def tones(media_dir, n=3):
    return [Track(str(media_dir / f"track{i}.ogg"), f"Track {i}", artist=f"Artist {i % 3}")
            for i in range(n)]


def make_window(qtbot, settings, player, tray_available=None):
    from moodplayer.app import assets
    from moodplayer.app.main import build_services
    from moodplayer.app.main_window import MainWindow
    from moodplayer.app.tray import Tray

    services = build_services(settings, player=player, with_tray=False, settle_ms=300)
    if tray_available is not None:
        services.tray = Tray(assets.icon("moodplayer"), available=tray_available)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def long_player():
    from moodplayer.engine.playback import NullPlayer

    return NullPlayer(default_duration=120.0, duration_of=lambda path: 120.0)


def test_closing_keeps_playing_in_the_tray_and_quit_really_quits(qtbot, settings, long_player,
                                                                 media_dir):
    win = make_window(qtbot, settings, long_player, tray_available=True)
    win.controller.set_queue(tones(media_dir), autoplay=True)
    win.close()
    assert not win.isVisible() and long_player.state().value == "playing"
    assert win.tray.last_message[0] == "MoodPlayer is still playing"  # said once
    win.tray.next_requested.emit()  # the tray still drives the player
    assert win.controller.queue.current == 1
    assert win.tray.now_action.text() == "Artist 1 — Track 1"
    win.tray.show_requested.emit()
    assert win.isVisible()
    win.tray.quit_requested.emit()
    assert not win.isVisible() and long_player.state().value == "stopped"  # shut down


@pytest.mark.parametrize("tray, choice", [(True, False), (False, True)])
def test_closing_quits_when_the_user_or_the_desktop_says_so(qtbot, settings, long_player,
                                                            media_dir, tray, choice):
    settings.extra["close_to_tray"] = choice
    win = make_window(qtbot, settings, long_player, tray_available=tray)
    win.controller.set_queue(tones(media_dir), autoplay=True)
    win.close()
    assert long_player.state().value == "stopped"


def test_track_changes_are_notified_with_the_cover_when_asked(qtbot, settings, long_player,
                                                             media_dir):
    win = make_window(qtbot, settings, long_player, tray_available=True)
    win.library.cover_art = lambda path: PNG
    win.controller.set_queue(tones(media_dir), autoplay=True)
    win.hide()
    assert win.tray.last_message is None  # off by default
    settings.extra["notify_track"] = True
    win.controller.next()
    title, text, icon = win.tray.last_message
    assert (title, text) == ("Track 1", "Artist 1") and icon is not None and not icon.isNull()
    win.quit_app()


def test_tray_menu_follows_the_player(qtbot, settings, long_player, media_dir):
    win = make_window(qtbot, settings, long_player, tray_available=True)
    menu = win.tray.menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Nothing playing", "Play", "Previous", "Next", "Show MoodPlayer", "Quit"]
    assert not win.tray.now_action.isEnabled()  # a label, not a command
    win.controller.set_queue(tones(media_dir))
    win.tray.toggle_action.trigger()
    assert long_player.state().value == "playing" and win.tray.toggle_action.text() == "Pause"
    assert win.tray.now_action.text() == "Artist 0 — Track 0"
    win.tray.next_action.trigger()
    win.tray.previous_action.trigger()
    assert win.controller.queue.current == 0
    win.quit_app()


def test_the_queue_comes_back_after_a_restart_paused_where_it_was(qtbot, settings, long_player,
                                                                 media_dir, tmp_path):
    from moodplayer.engine.playback import NullPlayer

    first = make_window(qtbot, settings, long_player)
    first.start_background(first_run=False)
    tracks = tones(media_dir, 4)
    first.controller.set_queue(tracks)
    first.controller.play_index(2)
    first.controller.seek(42.0)
    first.controller.set_repeat("queue")
    first.close()  # quits: no tray in this test

    again_player = NullPlayer(default_duration=120.0, duration_of=lambda path: 120.0)
    second = make_window(qtbot, settings, again_player)
    second.start_background(first_run=False)
    q = second.controller.queue
    assert [t.path for t in q.entries] == [t.path for t in tracks] and q.current == 2
    assert again_player.state().value == "paused"
    assert again_player.position() == pytest.approx(42.0, abs=0.5)
    assert second.now.title.text() == "Track 2" and second.controller.session.repeat == "queue"
    assert not second.banner.isVisibleTo(second)
    second.controller.toggle()
    assert again_player.state().value == "playing" and again_player.position() >= 42.0
    second.close()


def test_a_missing_file_in_the_saved_queue_is_named_and_left_out(qtbot, settings, long_player,
                                                                 tmp_path):
    from moodplayer.core.player import PlaybackSession
    from moodplayer.core.queue_memory import QueueMemory
    from moodplayer.engine.playback import NullPlayer

    songs = []
    for i in range(3):
        path = tmp_path / f"s{i}.ogg"
        path.write_bytes(b"x")
        songs.append(Track(str(path), f"S{i}"))
    session = PlaybackSession(NullPlayer(default_duration=60.0, duration_of=lambda p: None))
    session.set_queue(songs)
    session.play_index(1)
    QueueMemory().save(session)  # what the last run left in the app's data folder
    (tmp_path / "s0.ogg").unlink()
    win = make_window(qtbot, settings, long_player)
    win.start_background(first_run=False)
    assert [t.title for t in win.controller.queue.entries] == ["S1", "S2"]
    assert win.banner.isVisibleTo(win) and "s0.ogg" in win.banner.text.text()
    win.close()


def test_settings_box_saves_replay_gain_tray_and_notification_choices(qtbot, settings,
                                                                      long_player):
    from moodplayer.app.widgets.settings_dialog import SettingsDialog

    win = make_window(qtbot, settings, long_player, tray_available=True)
    dlg = SettingsDialog(win.settings, win, tray_available=True)
    box = dlg.desktop
    box.replay_gain.setCurrentIndex(1)  # album
    box.close_to_tray.setChecked(False)
    box.notify.setChecked(True)
    changed = win.apply_settings_dialog(dlg)
    assert {"replay_gain", "close_to_tray", "notify_track"} <= changed
    assert settings.extra["replay_gain"] == "album" and settings.extra["notify_track"] is True
    from moodplayer.engine.settings import Settings

    assert Settings.load().extra["close_to_tray"] is False  # saved, not only in memory
    no_tray = SettingsDialog(win.settings, win, tray_available=False)
    assert not no_tray.desktop.close_to_tray.isEnabled()
    win.quit_app()
