"""The Library tab over a large library (numbers, not pass/fail).

    PYTHONPATH=src python benchmarks/bench_library_view.py [--items 100000]

Items are written straight into a fresh library database (tags plus one
stored profile part each, as a scan would leave them), then the real
LibraryView runs headless: the first query and page (what opening the tab
costs), scrolling to the very end through fetchMore, a search, a filter, a
re-sort, and a page of rows on its own. Every number is milliseconds on the
GUI thread, the median of --repeat runs; the load average is printed with
them because the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "engine" / "library"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from common import report  # noqa: E402
from synthetic_items import insert_items  # noqa: E402


def keep_none_alive() -> None:
    """PySide6 6.12 on Python 3.11 hands back None without a reference from some void
    calls made in Python loops (QWidget.update() x1000 leaves None 1000 references
    short), and a long loop of them ends in "Fatal Python error: none_dealloc" at
    exit. Python 3.12+ never frees None; on 3.11, give it references to spare."""
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # ob_refcnt comes first


def ms(fn, repeat: int, setup=None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()  # not timed: e.g. clear the search so the next one really runs
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def settle(app, view) -> None:
    """Until the id query has answered (it runs on its own thread) and the table repainted."""
    app.processEvents()
    while view.model.busy:
        time.sleep(0.001)
        app.processEvents()
    app.processEvents()


def scroll_to_end(app, view) -> int:
    """What a user dragging the scroll bar to the bottom makes the view do: keep fetching."""
    model, table = view.model, view.table
    while model.canFetchMore():
        table.scrollToBottom()
        app.processEvents()
    table.scrollToBottom()
    app.processEvents()
    return model.rowCount()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    os.environ["MOODPLAYER_HOME"] = tempfile.mkdtemp(prefix="moodplayer-bench-view-")
    keep_none_alive()

    from PySide6.QtWidgets import QApplication

    from moodplayer.app.widgets.library_view import LibraryView
    from moodplayer.engine.library import Library
    from moodplayer.engine.library.browse import BrowseQuery

    app = QApplication([])
    library = Library()
    t0 = time.perf_counter()
    insert_items(library, args.items)
    print(f"inserted {args.items:,} items in {time.perf_counter() - t0:.1f} s "
          f"(load average {os.getloadavg()[0]:.2f})")

    view = LibraryView(library)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    results = {}
    results["reset + first page"] = ms(lambda: (view.model.set_query(BrowseQuery()),
                                                settle(app, view)), args.repeat)
    rows = 0

    def scroll():
        nonlocal rows
        view.model.set_query(BrowseQuery())
        settle(app, view)
        rows = scroll_to_end(app, view)
    results["reset + scroll to the end"] = ms(scroll, max(1, args.repeat // 2))
    def search(text):
        def run():
            view.search.setText(text)
            view.apply_filters()  # what the pause after typing triggers
            settle(app, view)  # the answer is in and the table repainted
        return run

    def clear():
        view.search.setText("")
        view.apply_filters()
        settle(app, view)
    results["search 'velvet 77'"] = ms(search("velvet 77"), args.repeat, clear)
    results["search 'e' (nearly everything)"] = ms(search("e"), args.repeat, clear)
    results["search 'zzz' (nothing)"] = ms(search("zzz"), args.repeat, clear)
    clear()

    def videos(on):
        def run():
            view.kind.setCurrentIndex(2 if on else 0)
            view.apply_filters()
            settle(app, view)
        return run
    results["filter videos"] = ms(videos(True), args.repeat, videos(False))
    videos(False)()
    from PySide6.QtCore import Qt

    flip = {Qt.AscendingOrder: Qt.DescendingOrder, Qt.DescendingOrder: Qt.AscendingOrder}
    header = view.table.horizontalHeader()
    results["sort by title (flip the order)"] = ms(
        lambda: (view.table.sortByColumn(0, flip[header.sortIndicatorOrder()]),
                 settle(app, view)), args.repeat)
    ids = library.browse_ids(BrowseQuery())
    results["one page of rows (200) from ids"] = ms(lambda: library.browse_rows(ids[5000:5200]),
                                                    args.repeat)
    results["the id query alone (default order)"] = ms(lambda: library.browse_ids(BrowseQuery()),
                                                       args.repeat)
    t0 = time.perf_counter()
    view.model.set_query(BrowseQuery(text="e"))
    blocked = (time.perf_counter() - t0) * 1000
    settle(app, view)
    results["GUI thread blocked while a query runs"] = blocked
    print(f"{args.items:,} items; scrolled to row {rows:,}; "
          f"load average {os.getloadavg()[0]:.2f}")
    for name, value in results.items():
        print(f"  {name:38s} {value:8.1f} ms")
        report(f"{name}, {args.items:,} items", value, "ms", echo=False)
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
