"""The engine: everything MoodPlayer does, without Qt.

The CLI, the tests and the GUI all drive this same code. Nothing under
``moodplayer.engine`` may import PySide6.
"""
