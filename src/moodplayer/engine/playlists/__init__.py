"""Playlists: M3U8 and XSPF files, and saved playlists in the library database."""

from .entry import PlaylistEntryData, read_playlist, write_playlist

__all__ = ["PlaylistEntryData", "read_playlist", "write_playlist"]
