"""Build hook: ship the top-level resources/ and ui/ folders inside the package.

The repository keeps resources/ and ui/ at its top level (next to src/), so a
plain wheel would leave them out. This copies both into
``moodplayer/_data/`` of the built package (side by side, as in the checkout
and the frozen app), where ``moodplayer.engine.paths.resources_dir()`` finds
them. Editable installs skip the copy: they run from the checkout, which has
the folders already. Everything else about the build is in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "ui")


class build_py_with_data(build_py):
    def run(self):
        editable = getattr(self, "editable_mode", False)
        if not editable:
            # setuptools builds in the checkout's build/lib and never deletes there: a
            # module moved or removed since the last build would ship again.
            shutil.rmtree(Path(self.build_lib) / "moodplayer", ignore_errors=True)
        super().run()
        if editable:
            return
        target = Path(self.build_lib) / "moodplayer" / "_data"
        for name in DATA_FOLDERS:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"{source} is missing: the package would ship without it")
            dest = target / name
            shutil.rmtree(dest, ignore_errors=True)  # no stale files from an earlier build
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": build_py_with_data})
