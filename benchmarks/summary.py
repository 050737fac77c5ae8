"""Every benchmark, each alone, and one table of their headline figures.

    PYTHONPATH=src python benchmarks/summary.py [--only NAME[,NAME]] [--quick]
        [--json PATH] [--write-readme] [--force] [--timeout S] [--list]

Runs the benchmarks in PLAN one after another, each in its own process with
shorter settings than their defaults (about 10-15 minutes in all on a 2-core
CPU; --quick: a smoke test of a few minutes). Each reports its headline
figures through common.report() into a file named by $MOODPLAYER_BENCH_REPORT;
a benchmark that fails or runs past its timeout is a row of the table, not the
end of the run. Prints the machine's flags and the table; --write-readme puts
the table in README.md between <!-- perf:begin --> and <!-- perf:end -->.

Never two torch processes at once: two would share the cores and both
measure nonsense, so the summary will not start while another process has
torch loaded (--force to start anyway).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN, END = "<!-- perf:begin -->", "<!-- perf:end -->"
DEFAULT_TIMEOUT = 600


@dataclass(frozen=True)
class Bench:
    name: str
    script: str
    args: tuple = ()  # the summary's settings: shorter than the script's defaults
    quick: tuple = ()  # --quick: the smallest settings that still reach every report()
    timeout: int = DEFAULT_TIMEOUT


# Order: the light ones first, so a broken environment shows within seconds. The times
# are rough guesses for an idle 2-core CPU (AMD EPYC, AVX512-BF16, no AMX), from short
# runs on a busy one: about 10-13 minutes in all, the two scripts still being written
# included.
PLAN = (
    Bench("startup", "bench_startup.py", ("--runs", "3"), ("--runs", "1"), 300),  # ~10 s
    # being written alongside: its own defaults (1 cold + 5 warm launches), ~1 min?
    Bench("first_emotion", "bench_first_emotion.py", (), ("--runs", "1")),
    Bench("cli", "bench_cli.py", ("--runs", "2"), ("--runs", "1")),  # ~1 min
    Bench("desktop", "bench_desktop.py", ("--launches", "3"),  # ~10 s
          ("--launches", "1", "--tracks", "50"), 300),
    # its defaults: the targets are for 10,000 files and 100,000 items; ~1 min
    Bench("library", "bench_library.py", (),
          ("--files", "70", "--rescan-files", "140", "--items", "2000")),
    Bench("library_view", "bench_library_view.py", ("--items", "100000", "--repeat", "3"),
          ("--items", "2000", "--repeat", "1")),  # ~30 s
    Bench("models", "bench_models.py", ("--models", "ViT-B-32,ViT-B-16"),  # ~1 min
          ("--models", "ViT-B-32", "--batch", "2")),
    # 500 synthetic photos through fp32, bf16 (where native) and int8, then auto: ~2 min each;
    # the second caps PyTorch's kernels at AVX2 (the CPUs without native bf16)
    Bench("precision", "bench_precision.py", (), ("--photos", "32")),
    Bench("precision_avx2", "bench_precision.py", ("--emulate-avx2",),
          ("--emulate-avx2", "--photos", "32")),
    Bench("analyze", "bench_analyze.py", ("--batch", "8", "--n", "16"),  # ~1 min
          ("--batch", "2", "--n", "2")),
    Bench("cache", "bench_cache.py", ("--n", "50"), ("--n", "4")),  # ~30 s
    Bench("app", "bench_app.py", ("--photos", "30", "--library", "300", "--drops", "3"),
          ("--photos", "3", "--library", "20", "--drops", "1")),  # ~45 s
    # fewer than ~20 tracks leave too few past the workers' start for a steady rate; ~1.5 min
    Bench("audio", "bench_audio.py", ("--tracks", "24"), ("--tracks", "6", "--no-clap")),
    Bench("dapt", "bench_dapt.py", ("epochs", "--epochs", "2", "--shots", "8"),  # ~1.5 min
          ("epochs", "--epochs", "1", "--shots", "1", "--methods", "linear")),
)


# --- choosing and running -----------------------------------------------------------------

def select(only: str | None, bench_dir: Path) -> list:
    """PLAN, or the benchmarks named in ``only`` ("cache", "bench_cache" or "bench_cache.py");
    a name not in PLAN may be any bench_NAME.py in ``bench_dir`` (run with no arguments)."""
    if not only:
        return list(PLAN)
    known = {b.name: b for b in PLAN}
    chosen = []
    for raw in only.split(","):
        name = raw.strip().removesuffix(".py").removeprefix("bench_")
        if name in known:
            chosen.append(known[name])
        elif (bench_dir / f"bench_{name}.py").exists():
            chosen.append(Bench(name, f"bench_{name}.py"))
        else:
            raise SystemExit(f"summary: no benchmark {raw.strip()!r} (known: "
                             f"{', '.join(known)}; or a bench_NAME.py in {bench_dir})")
    return chosen


def torch_processes() -> list:
    """(pid, command line) of the other processes with libtorch loaded, from /proc (Linux;
    elsewhere an empty list: the check cannot see anything there)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        if int(entry.name) == os.getpid():
            continue
        try:
            if "libtorch_cpu.so" not in (entry / "maps").read_text(errors="replace"):
                continue
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        found.append((int(entry.name), cmd.strip()))
    return found


def collect_flags() -> dict:
    """common.machine_flags() in a process of its own: this one never loads torch, so it
    holds no memory and no threads while the benchmarks run."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import common; "
            "print(json.dumps(common.machine_flags()))")
    try:
        out = subprocess.run([sys.executable, "-c", code, str(HERE)], capture_output=True,
                             text=True, timeout=180, env=child_env())
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as e:
        return {"error": f"machine flags unavailable: {e}"}


def child_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH"))
                                        if p)
    env.setdefault("HF_HUB_OFFLINE", "1")  # random weights only: nothing to download
    return env


def stop(proc: subprocess.Popen) -> None:
    """End a benchmark's whole process group: SIGINT first, so its `finally` blocks run
    (bench_desktop stops its dbus-daemon there), then SIGKILL for what is left."""
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    reap(proc.pid)
    proc.wait()


def reap(pgid: int) -> None:
    """Kill what a finished benchmark left behind in its group (e.g. a worker), so the
    next one never shares the cores with it."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_one(bench: Bench, bench_dir: Path, quick: bool, timeout: int | None) -> dict:
    """Run one benchmark to its end (or its timeout); what it reported and how it ended."""
    args = list(bench.quick if quick else bench.args)
    result = {"name": bench.name, "script": bench.script, "args": args, "figures": []}
    path = bench_dir / bench.script
    if not path.exists():
        return dict(result, status="not present")
    limit = timeout or bench.timeout
    result["busy"] = [f"{pid} {cmd[:80]}" for pid, cmd in torch_processes()]
    result["load_before"] = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="mp-summary-") as tmp:
        report, log = Path(tmp) / "report.jsonl", Path(tmp) / "output.txt"
        env = dict(child_env(), MOODPLAYER_BENCH_REPORT=str(report))
        started = time.monotonic()
        with open(log, "wb") as out:
            # a session of its own: its group can be ended whole, workers included
            proc = subprocess.Popen([sys.executable, str(path), *args], stdout=out,
                                    stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                    start_new_session=True)
            try:
                rc = proc.wait(limit)
                reap(proc.pid)
                result["status"] = "ok" if rc == 0 else f"failed (exit {rc})"
            except subprocess.TimeoutExpired:
                stop(proc)
                result["status"] = f"timed out after {limit} s"
            except KeyboardInterrupt:
                stop(proc)
                raise
        result["seconds"] = round(time.monotonic() - started, 1)
        result["figures"] = read_report(report)
        result["output_tail"] = log.read_text(errors="replace").splitlines()[-40:]
    result["load_after"] = round(os.getloadavg()[0], 2)
    if result["status"] == "ok" and not result["figures"]:
        result["status"] = "no figures reported"
    return result


def read_report(path: Path) -> list:
    """The JSON lines a benchmark appended; a torn last line (killed mid-write) is skipped."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue
    return rows


# --- rendering: pure functions of (results, flags), so tests can check them -------------

def fmt_value(x) -> str:
    if x is None:
        return ""
    x = float(x)
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if 0.99 <= abs(x) < 1:
        return f"{x:.4f}"  # a cosine of 0.9997 is not 1
    return f"{x:.2f}" if abs(x) >= 1 else f"{x:.3g}"  # 0.0123 ms, not 0.01


def machine_line(flags: dict) -> str:
    if "error" in flags:
        return flags["error"]
    cpu = f"{flags.get('cpu') or 'unknown CPU'}, {flags.get('cores')} cores"
    known = [n for n in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16")
             if flags.get(n) is not None]
    if known:
        have = [n for n in known if flags[n]]
        lack = [n for n in known if not flags[n]]
        cpu += f"; {' '.join(have) or 'none of avx2/avx512'}" + \
            (f" (no {', '.join(lack)})" if lack else "")
    torch = f"torch {flags.get('torch')} (CPU kernels {flags.get('cpu_capability')})" \
        if flags.get("torch") else "no torch"
    gpu = f"CUDA GPU {flags['cuda']}" if flags.get("cuda") else "no CUDA GPU"
    return f"{cpu}; {torch}; {gpu}"


def table_rows(results: list, no: str = "NO") -> list:
    """(benchmark, figure, value, target, ratio, met?) for every figure, and one row for a
    benchmark that did not end well (or was not there), after what it did report."""
    rows = []
    for r in results:
        for f in r["figures"]:
            met = {True: "yes", False: no, None: ""}[f.get("ok")]
            ratio = f"{f['ratio']:.2f}x" if f.get("ratio") is not None else ""
            rows.append((r["name"], f["figure"], f"{fmt_value(f['value'])} {f['unit']}".strip(),
                         f.get("target") or "", ratio, met))
        if r["status"] != "ok":
            rows.append((r["name"], "", r["status"], "", "", ""))
    return rows


HEADER = ("benchmark", "figure", "value", "target", "ratio", "met?")


def render_text(results: list, flags: dict) -> str:
    rows = [HEADER] + table_rows(results)
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [f"machine: {machine_line(flags)}", ""]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_markdown(results: list, flags: dict, date: str) -> str:
    """The README section: who wrote it and when, the machine, the table, where to read more."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [f"_Generated by `benchmarks/summary.py --write-readme` on {date}: each benchmark "
             f"alone, with the summary's shorter settings. Do not edit by hand._", "",
             f"Machine: {machine_line(flags)}.", "",
             "| " + " | ".join(HEADER) + " |", "| " + " | ".join("---" for _ in HEADER) + " |"]
    for row in table_rows(results, no="**no**"):
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    lines += ["", "How each figure is measured, the full-size settings and earlier "
              "measurements: [docs/BENCHMARKS.md](docs/BENCHMARKS.md)."]
    return "\n".join(lines)


def replace_section(text: str, section: str) -> str:
    """``text`` with what lies between the perf markers replaced by ``section``; ValueError
    unless each marker is there exactly once, begin before end."""
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise ValueError(f"expected one {BEGIN} and, after it, one {END}")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    return f"{head}{BEGIN}\n{section.strip()}\n{END}{tail}"


def write_readme(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        new = replace_section(text, section)
    except ValueError as e:
        raise SystemExit(f"summary: cannot write the performance section of {path}: {e}")
    path.write_text(new, encoding="utf-8")


# --- the command --------------------------------------------------------------------------

def parse(argv) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", metavar="NAME[,NAME]", help="just these benchmarks")
    ap.add_argument("--quick", action="store_true", help="smallest settings: a smoke test")
    ap.add_argument("--json", metavar="PATH", help="also write the raw results here")
    ap.add_argument("--write-readme", action="store_true",
                    help="rewrite README.md's section between the perf markers")
    ap.add_argument("--readme", default=str(ROOT / "README.md"), help=argparse.SUPPRESS)
    ap.add_argument("--force", action="store_true",
                    help="start even though another process has torch loaded")
    ap.add_argument("--timeout", type=int, metavar="S", help="every benchmark's time limit")
    ap.add_argument("--benchmarks-dir", default=str(HERE), metavar="DIR",
                    help="where the bench_*.py scripts are (default: this folder)")
    ap.add_argument("--list", action="store_true", help="show the plan and exit")
    args = ap.parse_args(argv)
    if args.write_readme and args.quick:
        ap.error("--write-readme with --quick would put smoke-test numbers in the README")
    return args


def show_plan(plan: list, bench_dir: Path, quick: bool) -> None:
    for b in plan:
        there = "" if (bench_dir / b.script).exists() else "   (not present)"
        args = " ".join(b.quick if quick else b.args)
        print(f"{b.name:<14} {b.script} {args}  [timeout {b.timeout} s]{there}")


def refuse_if_busy(force: bool) -> bool:
    others = torch_processes()
    for pid, cmd in others:
        print(f"summary: process {pid} has torch loaded: {cmd[:160]}", file=sys.stderr)
    if others and not force:
        print("summary: not starting: its numbers would share the cores with that process. "
              "Wait for it, or --force.", file=sys.stderr)
        return True
    return False


def main(argv=None) -> int:
    args = parse(argv)
    bench_dir = Path(args.benchmarks_dir).resolve()
    plan = select(args.only, bench_dir)
    if args.list:
        show_plan(plan, bench_dir, args.quick)
        return 0
    if refuse_if_busy(args.force):
        return 2
    flags = collect_flags()
    print(f"machine: {machine_line(flags)}", flush=True)
    results, started = [], time.monotonic()
    for i, bench in enumerate(plan, 1):
        print(f"[{i}/{len(plan)}] {bench.name} ...", end=" ", flush=True)
        r = run_one(bench, bench_dir, args.quick, args.timeout)
        results.append(r)
        busy = f"; other torch processes: {len(r['busy'])}" if r.get("busy") else ""
        print(f"{r['status']}" + (f", {r['seconds']:.0f} s, {len(r['figures'])} figure(s), "
                                  f"load {r['load_before']} -> {r['load_after']}{busy}"
                                  if "seconds" in r else ""), flush=True)
        if r["status"] not in ("ok", "not present"):
            print("\n".join("    " + line for line in r["output_tail"][-15:]), flush=True)
    print(f"\nall done in {(time.monotonic() - started) / 60:.1f} min\n")
    print(render_text(results, flags))
    date = datetime.date.today().isoformat()
    if args.json:
        Path(args.json).write_text(json.dumps({"date": date, "quick": args.quick, "flags": flags,
                                               "results": results}, indent=1) + "\n")
    if args.write_readme:
        write_readme(Path(args.readme), render_markdown(results, flags, date))
        print(f"\nwrote the performance section of {args.readme}")
    ended_badly = [r for r in results if r["status"] not in ("ok", "not present")]
    return 1 if ended_badly else 0


if __name__ == "__main__":
    sys.exit(main())
