"""The window's parts, one widget per module."""
