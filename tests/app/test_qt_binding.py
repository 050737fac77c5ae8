"""The Qt binding itself must not leak references to None (PySide6 6.12.0 did).

Every call returning nothing took one reference to None away; after some
hundred thousand calls (about 7 minutes of playback in the window) Python
aborted with "none_dealloc". Checked in a child process, so a broken binding
fails this test instead of killing the test run.
"""

import subprocess
import sys

CHECK = """
import sys
from PySide6.QtCore import QObject
o = QObject()
before = sys.getrefcount(None)
for _ in range(1000):
    o.setObjectName("x")
print(before - sys.getrefcount(None), flush=True)  # before a broken binding aborts at exit
"""


def test_calls_returning_nothing_keep_none_alive():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    lost = int(out.stdout.strip().splitlines()[0])
    assert lost < 10, f"the Qt binding lost {lost} references to None in 1000 calls"
