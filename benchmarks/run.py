"""How fast and how lean regsync is, stage by stage, against the pandas script it replaces.

For each size: synthetic registrations (benchmarks/synth.py, ~20% repeats) are written to a
temporary folder with a config.toml; then, each in a fresh process so peak RSS is that run's
own: our pipeline timed stage by stage, the whole `regsync run`, and the naive pandas
pipeline (benchmarks/naive.py). Then the conference-size run (2,000 responses, end to end,
interpreter start included) and what dominates start-up (-X importtime).

    uv run python benchmarks/run.py [--sizes 1000 10000 100000] [--million] [--seed 1]
                                    [--repeat 3] [--profile] [--no-conference]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
VENV_REGSYNC = REPO / ".venv" / "bin" / "regsync"

DEFAULT_SIZES = (1_000, 10_000, 100_000)
MILLION = 1_000_000
# Above this size only our stages process runs (itself one `execute(config, "run")`): a second
# `regsync run` would double a long measurement, and the naive script's openpyxl write of
# ~800,000 rows would take minutes on its own. The table says so.
FULL_COMPARISON_MAX = 100_000
# A shared 2-CPU machine: one run of the same command varies by a quarter; the median of
# three taken in turns with the naive script keeps a ratio from resting on one busy moment.
REPEAT = 3
DUPLICATE_SHARE = 0.2  # the issue's ~20% resubmissions
CONFERENCE_SIZE = 2_000  # a big PlastNet year
CONFERENCE_RUNS = 5  # median of five, so one slow disk flush does not decide
PROFILE_SIZE = 100_000
PROFILE_TOP = 15
IMPORT_TOP = 10
OWN_CODE = ("sync/", "reports/")  # the profile's third list: where our time goes
KB_PER_MB = 1024  # ru_maxrss is in kilobytes on Linux
STAGES = ("import", "read", "store", "load", "normalize", "dedup", "report")
STAGE_ROWS = (*STAGES, "other")

# After synth.SOURCES_TOML: each measured run's own store and reports.
STORE_AND_REPORT = """
[store]
path = "{name}/regsync.sqlite"

[report]
dir = "{name}/output"
"""


# --- the child: our pipeline stage by stage -----------------------------------------------

# (stage, module, attribute): the functions `execute` calls for each stage, wrapped to time
# them, so what is measured is the real `regsync run` flow, not a copy of it. sync.run imports
# its stages by name, so they are wrapped there; modules that import a function at call time
# (sync.run does, for normalize and dedup) see the wrapper in its own module.
TIMED = (("read", "sync.run", "pull_all"),
         ("store", "sync.store", "Store.record_pull"),
         ("store", "sync.store", "Store.commit"),
         ("load", "sync.run", "stored_responses"),
         ("normalize", "sync.normalize", "load_reference"),
         ("normalize", "sync.normalize", "normalize"),
         ("dedup", "sync.dedup", "dedup"),
         ("report", "sync.report_files", "Staging.write_report"),
         ("report", "sync.report_files", "Staging.put_in_place"))


def measure_stages(config_path: Path, profile_to: Path | None) -> dict[str, float]:
    """Seconds per stage of one `execute(config, "run")` on a fresh store; "other" is the
    rest of it (locks, run bookkeeping, report data assembly, pruning)."""
    import importlib

    started = time.perf_counter()
    from sync.config import load_config
    from sync.run import execute

    seconds = dict.fromkeys(STAGES, 0.0)
    for stage, module, attribute in TIMED:
        _wrap(importlib.import_module(module), attribute, stage, seconds)
    config = load_config(config_path)
    seconds["import"] = time.perf_counter() - started
    profiler = None
    if profile_to is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    began = time.perf_counter()
    summary = execute(config, "run")
    seconds["execute"] = time.perf_counter() - began
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)
    seconds["other"] = seconds["execute"] - sum(seconds[s] for s in STAGES if s != "import")
    seconds["participants"] = summary.participants
    return seconds


def _wrap(module, attribute: str, stage: str, seconds: dict[str, float]) -> None:
    owner_name, _, name = attribute.rpartition(".")
    owner = getattr(module, owner_name) if owner_name else module
    original = getattr(owner, name)

    def timed(*args, **kwargs):
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            seconds[stage] += time.perf_counter() - began

    setattr(owner, name, timed)


# --- processes ----------------------------------------------------------------------------

def spawn(argv: list[str], cwd: Path = REPO) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one fresh process; fails loudly if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} exited {process.returncode}:\n{err.read()}")
        return wall, usage.ru_maxrss / KB_PER_MB, out.read()


def prepare(size: int, seed: int, root: Path) -> tuple[Path, dict[str, int]]:
    """Synthetic CSVs + one config per measured run in root/n<size>; returns folder and counts."""
    # Imported here, not at the top: the child process must time importing pandas itself.
    import synth  # the generator beside this file (run as a script, benchmarks/ is on the path)

    folder = root / f"n{size}"
    data = synth.generate(size, seed, DUPLICATE_SHARE)
    synth.write_all(data, folder)
    counts = {"form": len(data.form_rows), "email": len(data.email_rows),
              "people": int(data.truth["person_id"].nunique())}
    for name in ("stages", "run"):
        (folder / f"{name}.toml").write_text(
            synth.SOURCES_TOML + STORE_AND_REPORT.format(name=name), encoding="utf-8")
    return folder, counts


def reset(folder: Path, name: str) -> None:
    """A first run: no store and no reports left from an earlier one."""
    shutil.rmtree(folder / name, ignore_errors=True)


def measure_size(size: int, seed: int, root: Path, repeat: int) -> dict:
    folder, counts = prepare(size, seed, root)
    wall, rss, out = spawn([sys.executable, __file__, "--child", str(folder / "stages.toml")])
    ours = json.loads(out) | {"wall": wall, "rss": rss}
    run = naive = None
    if size <= FULL_COMPARISON_MAX:
        run, naive = compare(folder, repeat)
    return {"size": size, "counts": counts, "ours": ours, "run": run, "naive": naive,
            "repeat": repeat}


def compare(folder: Path, repeat: int) -> tuple[dict, dict]:
    """`regsync run` (each on a fresh store) and the naive script, taking turns `repeat`
    times so a busy moment of the machine falls on both; the medians, and the ratio of each
    pair, are what is reported. The naive script's stage times are those of its median run."""
    runs, naives = [], []
    for _ in range(repeat):
        reset(folder, "run")
        wall, rss, _ = spawn([str(VENV_REGSYNC), "run", "-q", "-c", str(folder / "run.toml")])
        runs.append({"wall": wall, "rss": rss})
        wall, rss, out = spawn([sys.executable, str(HERE / "naive.py"), str(folder),
                                str(folder / "naive.xlsx")])
        naives.append(json.loads(out) | {"wall": wall, "rss": rss})
    ratios = [r["wall"] / n["wall"] for r, n in zip(runs, naives)]
    median_turn = sorted(naives, key=lambda n: n["wall"])[(len(naives) - 1) // 2]
    return _medians(runs) | {"ratios": ratios}, median_turn | _medians(naives)


def _medians(turns: list[dict]) -> dict:
    walls = [turn["wall"] for turn in turns]
    return {"wall": statistics.median(walls), "walls": walls,
            "rss": statistics.median(turn["rss"] for turn in turns)}


# --- printing -----------------------------------------------------------------------------

def print_size(m: dict) -> None:
    size, ours, naive, run = m["size"], m["ours"], m["naive"], m["run"]
    c = m["counts"]
    print(f"\n== {size:,} responses ({c['form']:,} form + {c['email']:,} e-mail rows, "
          f"{c['people']:,} people; we found {ours['participants']:,} participants) ==")
    print(f"{'stage':<28}{'ours':>10}{'naive':>10}")

    def row(label: str, a: float | None, b: float | None, unit: str = "s") -> None:
        shown = [f"{v:>10.2f}" if v is not None else f"{'-':>10}" for v in (a, b)]
        print(f"{label + ' (' + unit + ')':<28}{shown[0]}{shown[1]}")

    for stage in STAGE_ROWS:
        row(stage, ours[stage], naive.get(stage) if naive else None)
    ours_total = ours["import"] + ours["execute"]
    naive_total = sum(naive[s] for s in STAGES if s in naive) if naive else None
    row("total of stages", ours_total, naive_total)
    row("stages process wall", ours["wall"], None)
    row("peak RSS, stages process", ours["rss"], None, "MB")
    if run is None:
        print(f"{'responses/second (stages)':<28}{size / ours['wall']:>10,.0f}")
        print(f"above {FULL_COMPARISON_MAX:,} responses only our stages process runs "
              "(no separate regsync run, no naive script)")
        return
    times = m["repeat"]
    row("wall, median of turns", run["wall"], naive["wall"])
    row("peak RSS, median", run["rss"], naive["rss"], "MB")
    print(f"{'responses/second (run)':<28}{size / run['wall']:>10,.0f}{size / naive['wall']:>10,.0f}")
    print(f"ours/naive: time {run['wall'] / naive['wall']:.2f}x (regsync run vs naive process, "
          f"medians), {ours_total / naive_total:.2f}x (stages); peak RSS {run['rss'] / naive['rss']:.2f}x")
    if times > 1:
        print(f"  {times} turns, regsync run / naive process (s): {_listed(run['walls'])} / "
              f"{_listed(naive['walls'])}; ratios {_listed(run['ratios'])}")


def _listed(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def print_profile(path: Path) -> None:
    import pstats

    stats = pstats.Stats(str(path)).stats  # (file, line, function) -> (cc, calls, self, cumulative, callers)
    own = {k: v for k, v in stats.items() if _short(k[0]).startswith(OWN_CODE)}
    for title, chosen, key in (("cumulative", stats, 3), ("self", stats, 2),
                               ("cumulative, regsync's own code", own, 3)):
        print(f"\ntop {PROFILE_TOP} functions by {title} time (cProfile, {PROFILE_SIZE:,} responses)")
        print(f"{'cumul s':>9}{'self s':>9}{'calls':>11}  function")
        ranked = sorted(chosen.items(), key=lambda item: item[1][key], reverse=True)
        for (file, line, function), (_, calls, self_s, cumulative, _) in ranked[:PROFILE_TOP]:
            print(f"{cumulative:>9.2f}{self_s:>9.2f}{calls:>11,}  {function} ({_short(file)}:{line})")


def _short(file: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


# --- conference size and start-up --------------------------------------------------------

def measure_conference(seed: int, root: Path) -> None:
    folder, _ = prepare(CONFERENCE_SIZE, seed, root)
    config = str(folder / "run.toml")
    commands = {"uv run --frozen regsync run -q": ["uv", "run", "--frozen", "regsync", "run", "-q", "-c", config],
                ".venv/bin/regsync run -q": [str(VENV_REGSYNC), "run", "-q", "-c", config]}
    print(f"\n== conference size: {CONFERENCE_SIZE:,} responses, end to end, median of {CONFERENCE_RUNS} ==")
    for label, argv in commands.items():
        first, again = [], []
        for _ in range(CONFERENCE_RUNS):
            reset(folder, "run")
            first.append(spawn(argv)[0])
            again.append(spawn(argv)[0])  # the daily case: the store already holds every row
        print(f"{label:<34} first run {statistics.median(first):.2f} s, "
              f"repeat run {statistics.median(again):.2f} s")
    for label, code in (("python -c pass", "pass"), ("python -c 'import pandas'", "import pandas"),
                        ("python -c 'import sync.cli'", "import sync.cli")):
        runs = [spawn([str(VENV_PYTHON), "-c", code])[0] for _ in range(CONFERENCE_RUNS)]
        print(f"{label:<34} {statistics.median(runs):.2f} s")
    print_imports("import sync.cli", [str(VENV_PYTHON), "-X", "importtime", "-c", "import sync.cli"])
    reset(folder, "run")
    print_imports("regsync run (2,000)", [str(VENV_PYTHON), "-X", "importtime", "-m", "sync.cli",
                                          "run", "-q", "-c", config])


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def print_imports(label: str, argv: list[str]) -> None:
    """Import time per top-level package (pandas, openpyxl, sync ...), from -X importtime.
    Each is cumulative, so a package that imports another includes it (pandas holds numpy)."""
    result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=True)
    packages: dict[str, int] = {}
    total = 0
    for line in result.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if not match:
            continue
        total += int(match.group(1))
        name = match.group(4)
        if "." not in name and not name.startswith("_"):
            packages[name] = packages.get(name, 0) + int(match.group(2))
    top = sorted(packages.items(), key=lambda item: item[1], reverse=True)[:IMPORT_TOP]
    shown = ", ".join(f"{name} {us / 1e6:.2f}" for name, us in top)
    print(f"imports during {label}: {total / 1e6:.2f} s in all; by package (s): {shown}")


# --- main ---------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--million", action="store_true", help=f"add {MILLION:,} (ours only)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true",
                        help=f"cProfile our stages at {PROFILE_SIZE:,} and list the top functions")
    parser.add_argument("--no-conference", action="store_true", help="skip the 2,000 run and imports")
    parser.add_argument("--repeat", type=_at_least_one, default=REPEAT,
                        help=f"turns of regsync run and the naive script per size (default {REPEAT})")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_stages(args.child, args.profile_to)))
        return
    sizes = sorted(set(args.sizes) | ({MILLION} if args.million else set()))
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"pandas {_version('pandas')}, openpyxl {_version('openpyxl')}")
    with tempfile.TemporaryDirectory(prefix="regsync-bench-") as temp:
        root = Path(temp)
        for size in sizes:
            print_size(measure_size(size, args.seed, root, args.repeat))
            shutil.rmtree(root / f"n{size}")
        if args.profile:
            folder, _ = prepare(PROFILE_SIZE, args.seed, root / "profile")
            stats = folder / "stages.prof"
            spawn([sys.executable, __file__, "--child", str(folder / "stages.toml"),
                   "--profile-to", str(stats)])
            print_profile(stats)
        if not args.no_conference:
            measure_conference(args.seed, root)


def _at_least_one(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a whole number of turns, 1 or more: {text!r}")
    return int(text)


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    main()
