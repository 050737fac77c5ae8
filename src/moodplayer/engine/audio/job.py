"""Resumable background analysis of many files in worker processes (no Qt).

    report = analyze_items([(item_id, path), ...], on_batch, progress, cancel)

Workers are separate processes, for three reasons: the analysis is CPU-bound
Python and numpy (threads would share one core), a decoder that hangs or
crashes inside C takes only its worker down (it is killed after
``item_timeout_s`` and replaced), and each worker lowers its own priority
(``os.nice``) and limits numpy to one thread, so the app's window stays
responsive. The default pool leaves one core to the app.

The on_batch contract (what makes the job resumable)
  ``on_batch(results)`` is called in the caller's thread with a list of
  ``(item_id, features, reason)``: exactly one of ``features``
  (an AudioFeatures) and ``reason`` (plain words: why this file has no
  features) is None. Each item is delivered at most once per run; an item
  still in a worker when the job is cancelled is not delivered at all.
  Store both kinds, with ``ANALYSIS_VERSION`` (and the file's size and
  mtime), in one transaction per batch. Resuming is then "analyse the items
  that have no stored row for this ANALYSIS_VERSION": finished work is
  never redone, a cancelled or crashed run loses at most one batch, and a
  bad file is not retried at every start, only when it changes or the
  analysis does. Ordering (newest first, say) is the caller's: items are
  handed out in the order given. If on_batch raises, the job stops and the
  exception propagates, so a storage failure is never silent.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..errors import MoodPlayerError
from ..tasks import CancelToken, ProgressFn, no_progress

log = logging.getLogger(__name__)

DEFAULT_ANALYZE = "moodplayer.engine.audio.features:analyze_file"
ITEM_TIMEOUT_S = 90.0  # decode.py gives up on its own after 30 s; this is the hard stop
READY_TIMEOUT_S = 300.0  # a first start compiles librosa's numba kernels (~20 s of CPU)
WORKER_NICE = 10
POLL_S = 0.2
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
               "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


@dataclass
class AnalysisReport:
    total: int = 0
    analysed: int = 0  # features delivered
    failed: int = 0  # a reason delivered instead (bad file, crash, timeout)
    cancelled: bool = False
    seconds: float = 0.0


def default_workers() -> int:
    """All cores but one, so the app (and playback) keep a core of their own."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 2
    return max(1, cores - 1)


# --- the worker process ---------------------------------------------------------------

def numba_cache_dir() -> Path:
    """Where workers keep librosa's compiled numba kernels (~3 MB), per version pair.

    Our own folder rather than numba's default (next to librosa): a frozen
    app's folder may be read-only, and a cache we own is one we can wipe when
    it is damaged (see _Pool). ``NUMBA_CACHE_DIR`` set by the user wins.
    """
    from importlib.metadata import PackageNotFoundError, version

    from .. import paths

    try:
        tag = f"numba-{version('numba')}-librosa-{version('librosa')}"
    except PackageNotFoundError:
        tag = "numba"
    return paths.cache_dir() / tag


def _worker_main(conn, analyze_spec: str, nice: int, cache_dir: str) -> None:
    """Runs in the child: settle in, warm up, then analyse paths until told to stop."""
    for var in THREAD_VARS:  # before numpy loads: one worker, one core
        os.environ[var] = "1"
    os.environ.setdefault("NUMBA_CACHE_DIR", cache_dir)
    try:
        os.nice(nice)
    except (AttributeError, OSError):  # Windows has no nice; the job still works
        pass
    _limit_loaded_thread_pools()
    try:
        module_name, _, func_name = analyze_spec.partition(":")
        module = importlib.import_module(module_name)
        analyze = getattr(module, func_name)
        warm_up = getattr(module, "warm_up", None)
        if warm_up is not None:
            warm_up()
    except Exception as exc:  # tell the parent why, instead of dying silently
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(("done", *_analyze_one(analyze, task)))


def _limit_loaded_thread_pools() -> None:
    """If numpy was imported before the variables above were set (a frozen app's
    main module can do that), cap its BLAS at one thread at run time instead."""
    try:
        from threadpoolctl import threadpool_limits  # comes with librosa (scikit-learn)
    except ImportError:
        return
    threadpool_limits(1)


def _analyze_one(analyze: Callable, task: tuple) -> tuple:
    from .errors import AudioError

    item_id, path = task
    try:
        return item_id, analyze(path), None
    except AudioError as exc:
        return item_id, None, exc.reason
    except MemoryError:
        return item_id, None, "the analysis ran out of memory on this file"
    except Exception as exc:  # a bug or a decoder surprise: this file only
        return item_id, None, f"the analysis failed ({type(exc).__name__}: {exc})"


# --- the parent's side ------------------------------------------------------------------

class _Worker:
    def __init__(self, ctx, analyze_spec: str, nice: int, cache_dir: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, analyze_spec, nice, cache_dir),
                                daemon=True, name="moodplayer-audio")
        self.proc.start()
        child.close()
        self.ready = False
        self.started = time.monotonic()
        self.task: Optional[tuple] = None

    def give(self, task: tuple) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if self.proc.is_alive() and not kill:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(2.0)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2.0)
        self.conn.close()


class _Pool:
    """Keeps ``size`` workers busy, replacing any that crash or overrun.

    Workers start one at a time: the first compiles librosa's numba kernels
    into the cache, the rest load them. Two processes compiling at once can
    interleave numba's cache files (numba issue 10128) and every later load
    then crashes; a pool whose workers keep dying at start wipes the cache
    once and tries again before it gives up.
    """

    def __init__(self, size: int, analyze_spec: str, nice: int, item_timeout_s: float):
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")  # fork under Qt threads is unsafe
        self.cache_dir = numba_cache_dir()
        self.args = (analyze_spec, nice, str(self.cache_dir))
        self.size, self.item_timeout_s = size, item_timeout_s
        self.workers = [self._new()]
        self.failed_starts, self.cache_wiped = 0, False

    def _new(self) -> _Worker:
        return _Worker(self.ctx, *self.args)

    def _grow(self) -> None:
        """Start the next worker once every running one is past its warm-up."""
        if len(self.workers) < self.size and all(w.ready for w in self.workers):
            self.workers.append(self._new())

    def busy(self) -> bool:
        return any(w.task is not None for w in self.workers)

    def dispatch(self, queue: deque) -> None:
        if queue:
            self._grow()
        for w in self.workers:
            if w.ready and w.task is None and queue:
                w.give(queue.popleft())

    def collect(self) -> list:
        """Wait a moment; return [(item_id, features, reason)] of items that finished."""
        from multiprocessing.connection import wait

        waitables = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        wait(waitables, timeout=POLL_S)
        done = []
        for i, w in enumerate(self.workers):
            done.extend(self._check(i, w))
        return done

    def _check(self, i: int, w: _Worker) -> list:
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "ready":
                    w.ready, self.failed_starts = True, 0
                elif msg[0] == "fatal":
                    raise MoodPlayerError(f"the audio analysis cannot start: {msg[1]}")
                else:
                    w.task = None
                    return [msg[1:]]
        except (EOFError, OSError):
            pass  # the pipe broke: the process is gone, handled below
        now = time.monotonic()
        if not w.proc.is_alive():
            return self._replace(i, w, f"the analyser crashed on this file "
                                       f"(exit code {w.proc.exitcode})")
        if w.task is not None and now - w.started > self.item_timeout_s:
            return self._replace(i, w, f"the analysis took longer than "
                                       f"{self.item_timeout_s:.0f} s and was stopped")
        if not w.ready and now - w.started > READY_TIMEOUT_S:
            raise MoodPlayerError("the audio analysis workers did not start in "
                                  f"{READY_TIMEOUT_S:.0f} s")
        return []

    def _replace(self, i: int, w: _Worker, reason: str) -> list:
        task = w.task
        w.stop(kill=True)
        if task is None:  # died between items or while starting
            self.failed_starts += 1
            if self.failed_starts >= 3 and not self.cache_wiped:
                log.warning("audio workers keep crashing at start: clearing %s", self.cache_dir)
                shutil.rmtree(self.cache_dir, ignore_errors=True)
                self.cache_wiped, self.failed_starts = True, 0
            elif self.failed_starts >= 3:
                raise MoodPlayerError("the audio analysis workers keep crashing at start")
        else:
            log.warning("audio analysis of %s: %s", task[1], reason)
        self.workers[i] = self._new()
        return [(task[0], None, reason)] if task is not None else []

    def close(self) -> None:
        for w in self.workers:
            w.stop(kill=w.task is not None)


def _eta(done: int, total: int, elapsed: float) -> str:
    if not done:
        return "starting"
    left = elapsed / done * (total - done)
    return f"about {left / 60:.0f} min left" if left >= 90 else f"about {left:.0f} s left"


def analyze_items(items: Iterable, on_batch: Callable[[list], None],
                  progress: ProgressFn = no_progress, cancel: Optional[CancelToken] = None,
                  workers: Optional[int] = None, batch_size: int = 16,
                  item_timeout_s: float = ITEM_TIMEOUT_S, analyze: str = DEFAULT_ANALYZE,
                  nice: int = WORKER_NICE) -> AnalysisReport:
    """Analyse ``(item_id, path)`` pairs; hand results to ``on_batch`` (see the module doc).

    ``analyze`` names the per-file function as 'module:function' so workers can
    import it. Returns a report; a cancelled run returns with ``cancelled`` set.
    """
    queue = deque((item_id, str(path)) for item_id, path in items)
    report = AnalysisReport(total=len(queue))
    if cancel is not None and cancel.cancelled:
        report.cancelled = True
    if not queue or report.cancelled:
        return report
    start = time.monotonic()
    pool = _Pool(min(workers or default_workers(), len(queue)), analyze, nice, item_timeout_s)
    batch: list = []
    try:
        progress(0, report.total, "starting the audio analysis")
        report.cancelled = _run(pool, queue, report, batch, on_batch, batch_size, progress,
                                cancel, start)
    except MoodPlayerError:
        if batch:  # keep what finished before the workers failed
            on_batch(list(batch))
            batch.clear()
        raise
    finally:
        pool.close()
    if batch:  # what finished before a cancel is kept
        on_batch(batch)
    report.seconds = time.monotonic() - start
    return report


def _run(pool: _Pool, queue: deque, report: AnalysisReport, batch: list, on_batch, batch_size,
         progress, cancel, start: float) -> bool:
    """The dispatch loop; True when cancelled. ``batch`` holds results not yet handed over."""
    while queue or pool.busy():
        if cancel is not None and cancel.cancelled:
            return True
        pool.dispatch(queue)
        for result in pool.collect():
            batch.append(result)
            report.analysed += result[1] is not None
            report.failed += result[1] is None
            done = report.analysed + report.failed
            progress(done, report.total, f"listening: {done} of {report.total}, "
                                         f"{_eta(done, report.total, time.monotonic() - start)}")
        if len(batch) >= batch_size:
            on_batch(list(batch))
            batch.clear()
    return False
