"""File names as the OS gives them (the generated cases are in tests/hostile/test_names.py)."""

from __future__ import annotations

import os
import stat

from moodplayer.engine import fsnames


def test_the_documented_escape():
    name = os.fsdecode(b"/m/caf\xe9.mp3")
    assert fsnames.to_stored(name) == "/m/caf\ufdd0e9.mp3"
    assert fsnames.to_stored("/m/\ufdd0.mp3") == "/m/\ufdd0ef\ufdd0b7\ufdd090.mp3"
    assert fsnames.from_stored("/m/caf\ufdd0e9.mp3") == name
    assert fsnames.to_stored("/m/été.mp3") == "/m/été.mp3"
    assert fsnames.display(name) == "/m/caf\ufffd.mp3"
    assert fsnames.json_path(name) == {"path": "/m/caf\ufffd.mp3",
                                       "path_bytes": "L20vY2Fm6S5tcDM="}
    assert fsnames.json_path("/m/été.mp3") == {"path": "/m/été.mp3"}
    assert fsnames.text_safe(None) is None and fsnames.text_safe(name) == "/m/caf\ufffd.mp3"


def test_what_is_not_a_regular_file_is_named():
    assert fsnames.not_regular_reason(stat.S_IFREG | 0o644) is None
    assert fsnames.not_regular_reason(stat.S_IFIFO) == "not a regular file (a named pipe)"
    assert fsnames.not_regular_reason(stat.S_IFCHR) == "not a regular file (a character device)"
    assert fsnames.not_regular_reason(stat.S_IFSOCK) == "not a regular file (a socket)"
