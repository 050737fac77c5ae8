"""The PySide6 desktop app. It imports the engine; the engine never imports it."""
