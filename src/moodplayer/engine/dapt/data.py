"""Labelled photos for tuning and evaluation.

Sources: a folder in ImageFolder layout (one sub-folder per emotion of the
taxonomy), a CSV of ``path,label``, or plain (path, label) pairs, e.g. the
user's corrections from the library database (``dataset_from_labels``).

Nothing here is fatal for one bad entry: labels outside the taxonomy, missing
files and photos that cannot be decoded become ``problems`` the CLI and the
GUI show, and the rest is used.
"""

from __future__ import annotations

import csv
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import torch

from ..emotions.taxonomy import Taxonomy
from ..errors import MoodPlayerError, PhotoError
from ..tasks import CancelToken, ProgressFn, check, no_progress
from ..vision.images import decode_image, is_image_path


class DataError(MoodPlayerError):
    """The labelled data as a whole cannot be used (not its single entries)."""


@dataclass(frozen=True)
class LabelledPhoto:
    path: Path
    label: int  # index in the taxonomy


@dataclass
class LabelledSet:
    items: list
    class_names: list
    problems: list = field(default_factory=list)  # "where: what is wrong", for people

    def counts(self) -> dict:
        out = {name: 0 for name in self.class_names}
        for item in self.items:
            out[self.class_names[item.label]] += 1
        return out

    def labels(self) -> list:
        return [item.label for item in self.items]

    def summary(self) -> dict:
        """What an adapter records about the data it was trained on."""
        return {"photos": len(self.items), "per_class": self.counts(),
                "problems": len(self.problems)}

    def subset(self, indices: Iterable) -> "LabelledSet":
        return LabelledSet([self.items[i] for i in indices], self.class_names, [])


def _label_index(taxonomy: Taxonomy) -> dict:
    # Case and surrounding blanks do not matter: "Awe", " awe" and "awe" agree.
    return {name.lower(): i for i, name in enumerate(taxonomy.names)}


def _unknown_label(label: str, taxonomy: Taxonomy) -> str:
    return (f"'{label}' is not an emotion of the taxonomy {taxonomy.id} "
            f"({', '.join(taxonomy.names)})")


def from_pairs(pairs: Iterable, taxonomy: Taxonomy, where: str = "") -> LabelledSet:
    """(path, label name) pairs -> LabelledSet; bad pairs become problems."""
    index = _label_index(taxonomy)
    items, problems = [], []
    for path, label in pairs:
        path = Path(path).expanduser()
        key = str(label or "").strip().lower()
        if key not in index:
            problems.append(f"{path}: {_unknown_label(str(label).strip(), taxonomy)}")
        elif not path.is_file():
            problems.append(f"{path}: file not found")
        else:
            items.append(LabelledPhoto(path, index[key]))
    return LabelledSet(items, taxonomy.names, problems)


def dataset_from_labels(rows: Iterable, taxonomy: Taxonomy) -> LabelledSet:
    """Rows of the library's labels table (``.photo_path``, ``.label``)."""
    return from_pairs(((r.photo_path, r.label) for r in rows), taxonomy)


def from_image_folder(folder, taxonomy: Taxonomy) -> LabelledSet:
    folder = Path(folder).expanduser()
    index = _label_index(taxonomy)
    pairs, problems = [], []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        if sub.name.strip().lower() not in index:
            problems.append(f"{sub}: folder skipped, {_unknown_label(sub.name, taxonomy)}")
            continue
        for path in sorted(p for p in sub.rglob("*") if p.is_file()):
            if is_image_path(path):
                pairs.append((path, sub.name))
    loose = [p for p in folder.iterdir() if p.is_file() and is_image_path(p)]
    if loose:
        problems.append(f"{folder}: {len(loose)} photo(s) outside any emotion folder were skipped")
    data = from_pairs(pairs, taxonomy)
    data.problems[:0] = problems
    return data


def from_csv(path, taxonomy: Taxonomy) -> LabelledSet:
    """``path,label`` rows; relative paths are taken from the CSV's folder.

    A first row whose label is literally ``label`` is a header and skipped.
    """
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read the CSV {path}: {exc}") from None
    pairs, problems = [], []
    for n, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2:
            problems.append(f"{path} line {n}: expected 'path,label', got {','.join(row)!r}")
            continue
        photo, label = row[0].strip(), row[1].strip()
        if n == 1 and label.lower() == "label":
            continue
        photo_path = Path(photo).expanduser()
        if not photo_path.is_absolute():
            photo_path = path.parent / photo_path
        pairs.append((photo_path, label))
    data = from_pairs(pairs, taxonomy)
    data.problems[:0] = problems
    return data


def load_labelled(path, taxonomy: Taxonomy) -> LabelledSet:
    """A folder (ImageFolder layout) or a .csv file. Raises DataError if unusable."""
    path = Path(path).expanduser()
    if path.is_dir():
        data = from_image_folder(path, taxonomy)
    elif path.is_file() and path.suffix.lower() in (".csv", ".txt"):
        data = from_csv(path, taxonomy)
    elif path.exists():
        raise DataError(f"{path}: give a folder with one sub-folder per emotion "
                        f"({', '.join(taxonomy.names)}) or a CSV of path,label")
    else:
        raise DataError(f"{path}: no such folder or file")
    if not data.items:
        detail = f" Problems: {'; '.join(data.problems[:5])}" if data.problems else ""
        raise DataError(f"{path}: no labelled photos found. Expected sub-folders named after "
                        f"the emotions ({', '.join(taxonomy.names)}) or a CSV of path,label.{detail}")
    return data


def few_shot_split(data: LabelledSet, shots: Optional[int], seed: int):
    """(train, rest): ``shots`` photos per class for training, chosen by ``seed``.

    ``shots=None`` trains on everything (rest is empty). A class with fewer
    photos gives all it has to training; the shortfall is noted in problems.
    """
    rng = random.Random(seed)
    by_class = {}
    for i, item in enumerate(data.items):
        by_class.setdefault(item.label, []).append(i)
    train, rest, problems = [], [], []
    for label in sorted(by_class):
        idx = by_class[label][:]
        rng.shuffle(idx)
        k = len(idx) if shots is None else min(int(shots), len(idx))
        if shots is not None and len(idx) <= shots:
            problems.append(f"{data.class_names[label]}: only {len(idx)} photo(s) for "
                            f"{shots} shots, none left for testing")
        train += idx[:k]
        rest += idx[k:]
    train_set, rest_set = data.subset(sorted(train)), data.subset(sorted(rest))
    train_set.problems = problems
    return train_set, rest_set


def load_pixels(data: LabelledSet, preprocess, image_size: int,
                progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None,
                workers: int = 4):
    """Decode and preprocess every photo: (pixels (N,3,H,W), labels (N,)).

    Unreadable photos are left out and appended to ``data.problems``.
    """
    def prepare(item):
        try:
            return preprocess(decode_image(item.path, target=image_size))
        except PhotoError as err:
            return err
        except Exception as exc:  # a preprocessing failure is still that photo's problem
            return PhotoError(item.path, f"could not be prepared for the model ({exc})")

    pixels, labels = [], []
    total = len(data.items)
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="decode") as pool:
        for done, (item, out) in enumerate(zip(data.items, pool.map(prepare, data.items)), 1):
            check(cancel)
            if isinstance(out, PhotoError):
                data.problems.append(f"{out.path}: {out.reason}")
            else:
                pixels.append(out)
                labels.append(item.label)
            progress(done, total, "reading photos")
    if not pixels:
        raise DataError("none of the labelled photos could be read")
    return torch.stack(pixels), torch.tensor(labels, dtype=torch.long)
