"""The fake Hugging Face hub's fixtures, shared with the CLI and window tests (tests/fake_hub.py)."""

from ...fake_hub import online_hub, payload, server, tiny_hub  # noqa: F401 - fixtures
