"""PyInstaller runtime hook: point python-vlc and libVLC at the bundled copies.

PyInstaller bundles libvlc.so but not VLC's plugins; without the plugins
``vlc.Instance()`` silently returns None. build.spec copies them to
``vlc/plugins`` and this hook, run before any app code, says where they are.
When the bundle has no libVLC (a build made with --no-vlc), nothing is set
and python-vlc looks for a system VLC as usual.
"""

import os
import sys

_root = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
_plugins = os.path.join(_root, "vlc", "plugins")
if os.path.isdir(_plugins):
    os.environ.setdefault("VLC_PLUGIN_PATH", _plugins)
    os.environ.setdefault("PYTHON_VLC_MODULE_PATH", _plugins)
    for _name in ("libvlc.so.5", "libvlc.dll", "libvlc.dylib"):
        _lib = os.path.join(_root, _name)
        if os.path.exists(_lib):
            os.environ.setdefault("PYTHON_VLC_LIB_PATH", _lib)
            break
