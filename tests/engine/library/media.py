"""Generated test media: tiny audio/video files with real tags and cover art.

ffmpeg makes one short template per format once per session; tests copy a
template and write their own tags with mutagen, which takes milliseconds.
"""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
import wave
from pathlib import Path

from PIL import Image

AUDIO_FORMATS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "32k"],
    "flac": ["-c:a", "flac"],
    "ogg": ["-c:a", "libvorbis", "-q:a", "0"],
    "opus": ["-c:a", "libopus", "-b:a", "16k"],
    "m4a": ["-c:a", "aac", "-b:a", "32k"],
    "wav": ["-c:a", "pcm_s16le"],
    "aiff": ["-c:a", "pcm_s16be"],
}
VIDEO_FORMATS = {
    "mp4": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    "mkv": ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
    "webm": ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "50k"],
    "mov": ["-c:v", "mpeg4"],
    "avi": ["-c:v", "mpeg4"],
}


def have_ffmpeg() -> bool:
    return shutil.which("ffmpeg") is not None


def make_templates(folder: Path) -> dict:
    """{ext: path} of one short untagged file per format."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for ext, codec in AUDIO_FORMATS.items():
        path = folder / f"t.{ext}"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        "sine=frequency=440:duration=1:sample_rate=16000", "-ac", "1", *codec,
                        "-map_metadata", "-1", str(path)], check=True)
        out[ext] = path
    for ext, codec in VIDEO_FORMATS.items():
        path = folder / f"t.{ext}"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc=size=64x48:rate=5:duration=2", *codec, str(path)], check=True)
        out[ext] = path
    return out


def write_wav(path: Path, seconds: float = 0.5, rate: int = 8000) -> Path:
    """A valid silent WAV without ffmpeg (stdlib only)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\x00\x00" * int(seconds * rate))
    return path


def cover_jpeg(color=(200, 30, 30), size=64) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, "JPEG")
    return buf.getvalue()


def tag(path: Path, cover: bytes = None, **tags) -> Path:
    """Write title/artist/album/albumartist/genre/date/tracknumber/mood/bpm/key (+cover)."""
    ext = path.suffix.lower().lstrip(".")
    if ext in ("mp3", "wav", "aiff"):
        from mutagen import id3

        if ext == "mp3":
            from mutagen.mp3 import MP3 as cls
        elif ext == "wav":
            from mutagen.wave import WAVE as cls
        else:
            from mutagen.aiff import AIFF as cls
        f = cls(path)
        if f.tags is None:
            f.add_tags()
        frames = {"title": id3.TIT2, "artist": id3.TPE1, "album": id3.TALB,
                  "albumartist": id3.TPE2, "genre": id3.TCON, "date": id3.TDRC,
                  "tracknumber": id3.TRCK, "mood": id3.TMOO, "bpm": id3.TBPM, "key": id3.TKEY}
        for k, v in tags.items():
            f.tags.add(frames[k](encoding=3, text=[str(v)]))
        if cover:
            f.tags.add(id3.APIC(encoding=3, mime="image/jpeg", type=3, desc="cover", data=cover))
        f.save()
    elif ext in ("flac", "ogg", "opus"):
        import mutagen
        from mutagen.flac import Picture

        f = mutagen.File(path)
        if f.tags is None:
            f.add_tags()
        names = {"key": "initialkey"}
        for k, v in tags.items():
            f.tags[names.get(k, k)] = [str(v)]
        if cover:
            pic = Picture()
            pic.type, pic.mime, pic.data = 3, "image/jpeg", cover
            if ext == "flac":
                f.add_picture(pic)
            else:
                f.tags["metadata_block_picture"] = [base64.b64encode(pic.write()).decode()]
        f.save()
    elif ext in ("m4a", "mp4", "mov"):
        from mutagen.mp4 import MP4, MP4Cover, MP4FreeForm

        f = MP4(path)
        if f.tags is None:
            f.add_tags()
        atoms = {"title": "\xa9nam", "artist": "\xa9ART", "album": "\xa9alb",
                 "albumartist": "aART", "genre": "\xa9gen", "date": "\xa9day"}
        for k, v in tags.items():
            if k in atoms:
                f.tags[atoms[k]] = [str(v)]
            elif k == "tracknumber":
                f.tags["trkn"] = [(int(v), 0)]
            elif k == "bpm":
                f.tags["tmpo"] = [int(v)]
            elif k in ("mood", "key"):
                name = "MOOD" if k == "mood" else "initialkey"
                f.tags[f"----:com.apple.iTunes:{name}"] = [MP4FreeForm(str(v).encode())]
        if cover:
            f.tags["covr"] = [MP4Cover(cover, imageformat=MP4Cover.FORMAT_JPEG)]
        f.save()
    else:
        raise ValueError(f"no tag writer for .{ext}")
    return path


def copy_media(templates: dict, ext: str, dest: Path, **tags) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(templates[ext], dest)
    if tags:
        cover = tags.pop("cover", None)
        tag(dest, cover=cover, **tags)
    return dest
