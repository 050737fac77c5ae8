"""File names as the OS gives them: stored losslessly, shown readably, written as valid JSON.

Linux file names are bytes. Python hands a name that is not valid UTF-8
(a Latin-1 name from an old zip, a camera's SD card) over as a ``str``
holding *surrogate escapes* (``os.fsdecode``): perfect for opening the file
again, but such a string cannot be encoded to UTF-8, so SQLite, JSON and a
UTF-8 terminal all refuse it. Three views of one name, one rule each:

* **stored** (``to_stored`` / ``from_stored``): the text kept in the database
  and in backups. A valid UTF-8 name is stored unchanged; each byte that is
  not part of valid UTF-8 is written as U+FDD0 followed by two lowercase hex
  digits, and a literal U+FDD0 in a name is written the same way (as its
  three UTF-8 bytes), so the mapping is lossless and reversible. U+FDD0 is a
  Unicode *noncharacter*, reserved for exactly this kind of internal use.
  Prefixes survive (``stored(a + b) == stored(a) + stored(b)``), so range
  queries over a folder's paths keep working.
* **display** (``display``): for people: undecodable bytes become U+FFFD (�).
* **JSON** (``json_path``): ``{"path": display text}`` plus, only for a name
  that cannot be shown exactly, ``"path_bytes"``: the raw name in base64
  (``base64 -d`` gives the bytes back). docs/ROBUSTNESS.md states the rule.

Also here, because every reader of user files needs them: the words for an
OS error (``os_reason``), for a file that is not a regular file
(``not_regular_reason``: FIFOs and devices are refused before anything
opens them), and for a folder that could not be entered (``UNREADABLE_FOLDER``).
"""

from __future__ import annotations

import base64
import errno
import os
import re
import stat

MARK = "\ufdd0"
# How a folder that could not be entered is reported (scan failures, photo errors);
# front-ends find such entries by this prefix.
UNREADABLE_FOLDER = "cannot read this folder"
_ESCAPE = re.compile(MARK + "([0-9a-f]{2})")


def _raw(path) -> bytes:
    if isinstance(path, bytes):
        return path
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that no file name can hold
        return os.fspath(path).encode("utf-8", "surrogatepass")


def is_exact(path) -> bool:
    """True when the name is valid UTF-8 text (shown, stored and printed as it is)."""
    if isinstance(path, bytes):
        try:
            path.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def to_stored(path) -> str:
    """The lossless text form of a file name (unchanged for valid UTF-8 names)."""
    text = os.fspath(path) if not isinstance(path, bytes) else None
    if text is not None and MARK not in text and is_exact(text):
        return text
    raw, out, i = _raw(path), [], 0
    while i < len(raw):
        try:
            chunk = raw[i:].decode("utf-8")
            i = len(raw)
        except UnicodeDecodeError as exc:
            chunk = raw[i:i + exc.start].decode("utf-8")
            out.append(chunk.replace(MARK, "".join(f"{MARK}{b:02x}" for b in MARK.encode())))
            out.append("".join(f"{MARK}{b:02x}" for b in raw[i + exc.start:i + exc.end]))
            i += exc.end
            continue
        out.append(chunk.replace(MARK, "".join(f"{MARK}{b:02x}" for b in MARK.encode())))
    return "".join(out)


def from_stored(text):
    """The OS name (a ``str``, surrogate-escaped where needed) of a stored name."""
    if text is None or MARK not in text:
        return text
    parts, pos = [], 0
    for m in _ESCAPE.finditer(text):
        parts.append(text[pos:m.start()].encode("utf-8"))
        parts.append(bytes([int(m.group(1), 16)]))
        pos = m.end()
    parts.append(text[pos:].encode("utf-8"))
    return os.fsdecode(b"".join(parts))


def display(path) -> str:
    """A name for people: exact when it is valid UTF-8, with � for the bytes that are not."""
    if path is None:
        return ""
    if isinstance(path, bytes):
        return path.decode("utf-8", "replace")
    text = os.fspath(path)
    if is_exact(text):
        return text
    return _raw(text).decode("utf-8", "replace")


def json_path(path, key: str = "path") -> dict:
    """``{key: display}`` plus ``{key}_bytes`` (base64 of the raw name) when display is lossy."""
    out = {key: display(path)}
    if path is not None and not is_exact(path):
        out[f"{key}_bytes"] = base64.b64encode(_raw(path)).decode("ascii")
    return out


def text_safe(message):
    """Any text that may hold a file name (an error message, a title), made valid UTF-8.

    None stays None (an unknown tag), anything else becomes its display text.
    """
    if message is None:
        return None
    return display(message if isinstance(message, str) else str(message))


_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def not_regular_reason(mode: int):
    """'not a regular file (a named pipe)' and the like, or None for a regular file.

    Opening a FIFO blocks until someone writes to it and a device never ends,
    so such files are refused by their ``stat`` before anything reads them.
    """
    if stat.S_ISREG(mode):
        return None
    what = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({what})"


def os_reason(exc: OSError) -> str:
    """A short, human reason for an OS error on one file or folder."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "vanished during the scan"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.EIO:
        return "the disk could not read it"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)
