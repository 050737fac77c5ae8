"""Where video is drawn: the platform choice for Wayland, as plain functions of the environment."""

from moodplayer.app.video_platform import choose_qt_platform, embeds_video, own_window_note


def test_wayland_with_xwayland_runs_qt_through_xcb_unless_the_user_chose():
    both = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert choose_qt_platform(both, "linux") == "xcb"
    assert choose_qt_platform({**both, "QT_QPA_PLATFORM": "wayland"}, "linux") is None
    assert choose_qt_platform({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None  # no XWayland
    assert choose_qt_platform({"DISPLAY": ":0"}, "linux") is None  # plain X11: nothing to do
    assert choose_qt_platform(both, "win32") is None


def test_only_window_systems_libvlc_can_draw_into_embed():
    assert embeds_video("xcb") and embeds_video("windows") and embeds_video("cocoa")
    assert not embeds_video("wayland") and not embeds_video("offscreen")
    assert "Wayland" in own_window_note("wayland")
