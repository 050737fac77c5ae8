"""Reading tags and embedded cover art with mutagen, one parse per file.

mutagen's "easy" interfaces would need a second parse to reach the picture
frames, so we read the raw tag objects once and map each family (ID3,
Vorbis comments, MP4 atoms, APE/ASF as plain key lookups) to one TagInfo.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Optional

import mutagen

AUDIO_EXTS = {".mp3", ".flac", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".mp4a", ".wav",
              ".aif", ".aiff", ".aifc", ".wma", ".ape", ".wv", ".mpc", ".alac"}
VIDEO_EXTS = {".mp4", ".m4v", ".mkv", ".webm", ".mov", ".avi", ".wmv", ".mpg", ".mpeg", ".ogv"}


def kind_of(path) -> Optional[str]:
    """'music', 'video' or None, from the file name alone (no I/O)."""
    name = str(path).lower()
    dot = name.rfind(".")
    ext = name[dot:] if dot >= 0 else ""
    if ext in AUDIO_EXTS:
        return "music"
    if ext in VIDEO_EXTS:
        return "video"
    return None


class MediaError(Exception):
    """One file could not be read; ``reason`` is for the scan report."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class TagInfo:
    title: Optional[str] = None
    artist: Optional[str] = None
    album: Optional[str] = None
    album_artist: Optional[str] = None
    genre: Optional[str] = None
    year: Optional[int] = None
    duration: Optional[float] = None
    track: Optional[int] = None
    mood: Optional[str] = None
    bpm: Optional[float] = None
    key: Optional[str] = None
    cover: Optional[bytes] = field(default=None, repr=False)  # embedded picture bytes


def _first(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
        if value is None:
            return None
    if not isinstance(value, str) and isinstance(getattr(value, "text", None), list):  # ID3 frame
        return _first(list(value.text))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).replace("\x00", " ").strip()
    return text or None


def _int(value) -> Optional[int]:
    text = _first(value) if not isinstance(value, (int, tuple)) else value
    if isinstance(text, tuple):  # MP4 trkn: (track, total)
        text = text[0]
    if isinstance(text, int):
        return text
    m = re.match(r"\s*(\d+)", text or "")
    return int(m.group(1)) if m else None


def _float(value) -> Optional[float]:
    text = _first(value) if not isinstance(value, (int, float)) else value
    if isinstance(text, (int, float)):
        return float(text) if text > 0 else None
    m = re.match(r"\s*(\d+(?:[.,]\d+)?)", text or "")
    if not m:
        return None
    v = float(m.group(1).replace(",", "."))
    return v if v > 0 else None


def _year(value) -> Optional[int]:
    m = re.search(r"(\d{4})", _first(value) or "")
    return int(m.group(1)) if m else None


def _from_id3(tags, info: TagInfo) -> None:
    get = tags.get
    info.title = _first(get("TIT2"))
    info.artist = _first(get("TPE1"))
    info.album = _first(get("TALB"))
    info.album_artist = _first(get("TPE2"))
    info.genre = _first(get("TCON"))
    if info.genre:  # ID3v1-style "(17)" or bare numbers are expanded by mutagen's .genres
        frame = get("TCON")
        genres = getattr(frame, "genres", None)
        if genres:
            info.genre = "; ".join(genres)
    info.year = _year(get("TDRC") or get("TYER"))
    info.track = _int(get("TRCK"))
    info.mood = _first(get("TMOO"))
    info.bpm = _float(get("TBPM"))
    info.key = _first(get("TKEY"))
    pics = tags.getall("APIC") if hasattr(tags, "getall") else []
    front = [p for p in pics if getattr(p, "type", None) == 3]
    if front or pics:
        info.cover = (front or pics)[0].data


def _from_vorbis(tags, info: TagInfo) -> None:
    def get(*keys):
        for k in keys:
            try:
                v = tags.get(k)
            except (KeyError, ValueError):
                v = None
            if v:
                return v
        return None

    info.title = _first(get("title"))
    info.artist = _first(get("artist"))
    info.album = _first(get("album"))
    info.album_artist = _first(get("albumartist", "album artist", "album_artist"))
    genres = get("genre")
    info.genre = "; ".join(genres) if isinstance(genres, list) else _first(genres)
    info.year = _year(get("date", "year", "originaldate"))
    info.track = _int(get("tracknumber"))
    info.mood = _first(get("mood"))
    info.bpm = _float(get("bpm", "tempo"))
    info.key = _first(get("initialkey", "key"))
    blocks = get("metadata_block_picture")
    if blocks:  # Ogg Vorbis/Opus cover: base64 of a FLAC picture block
        from mutagen.flac import Picture

        try:
            info.cover = Picture(base64.b64decode(blocks[0])).data
        except Exception:  # a damaged picture block loses the cover, not the track
            pass


def _from_mp4(tags, info: TagInfo) -> None:
    get = tags.get

    def freeform(name):
        v = get(f"----:com.apple.iTunes:{name}")
        return _first(v) if v else None

    info.title = _first(get("\xa9nam"))
    info.artist = _first(get("\xa9ART"))
    info.album = _first(get("\xa9alb"))
    info.album_artist = _first(get("aART"))
    info.genre = _first(get("\xa9gen"))
    info.year = _year(get("\xa9day"))
    trkn = get("trkn")
    info.track = _int(trkn[0]) if trkn else None
    tmpo = get("tmpo")
    info.bpm = _float(tmpo[0]) if tmpo else _float(freeform("BPM"))
    info.mood = freeform("MOOD") or freeform("mood")
    info.key = freeform("initialkey") or freeform("KEY")
    covr = get("covr")
    if covr:
        info.cover = bytes(covr[0])


def _from_generic(tags, info: TagInfo) -> None:
    """APE, ASF and anything else keyed by plain names."""
    lower = {}
    try:
        for k in tags.keys():
            lower.setdefault(str(k).lower(), tags[k])
    except Exception:
        return
    g = lower.get
    info.title = _first(g("title"))
    info.artist = _first(g("artist") or g("author"))
    info.album = _first(g("album") or g("wm/albumtitle"))
    info.album_artist = _first(g("album artist") or g("albumartist") or g("wm/albumartist"))
    info.genre = _first(g("genre") or g("wm/genre"))
    info.year = _year(g("year") or g("date") or g("wm/year"))
    info.track = _int(g("track") or g("tracknumber") or g("wm/tracknumber"))
    info.mood = _first(g("mood") or g("wm/mood"))
    info.bpm = _float(g("bpm") or g("wm/beatsperminute"))
    info.key = _first(g("initialkey") or g("wm/initialkey"))


def read_tags(path) -> TagInfo:
    """Tags, duration and the embedded cover of one file, or MediaError.

    A file mutagen does not know (e.g. mkv video) gives an empty TagInfo:
    that is not a failure, the video layer fills in duration.
    """
    try:
        f = mutagen.File(path)
    except PermissionError:
        raise MediaError("permission denied") from None
    except FileNotFoundError:
        raise MediaError("the file vanished during the scan") from None
    except (mutagen.MutagenError, OSError, ValueError, EOFError, IndexError, KeyError,
            TypeError, OverflowError, ZeroDivisionError) as exc:
        # mutagen wraps I/O errors in MutagenError; its message names the format problem.
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, PermissionError):
            raise MediaError("permission denied") from None
        if isinstance(cause, FileNotFoundError):
            raise MediaError("the file vanished during the scan") from None
        raise MediaError(f"corrupt or unsupported file ({type(exc).__name__}: {exc})") from None
    info = TagInfo()
    if f is None:
        return info
    length = getattr(getattr(f, "info", None), "length", None)
    if length and length > 0:
        info.duration = float(length)
    tags = f.tags
    if tags is None:
        pass
    elif type(tags).__name__ in ("ID3", "_WaveID3", "_IFFID3", "EasyID3") or hasattr(tags, "getall"):
        _from_id3(tags, info)
    elif type(tags).__name__ == "MP4Tags":
        _from_mp4(tags, info)
    elif hasattr(tags, "vendor") or type(tags).__name__.startswith(("VComment", "OggVC",
                                                                      "OggOpusVC", "VCFLAC")):
        _from_vorbis(tags, info)
    else:
        _from_generic(tags, info)
    pictures = getattr(f, "pictures", None)  # FLAC keeps pictures outside the comments
    if info.cover is None and pictures:
        front = [p for p in pictures if p.type == 3]
        info.cover = (front or pictures)[0].data
    return info
