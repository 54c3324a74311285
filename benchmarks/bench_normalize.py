"""How long normalize and dedup take on synthetic registrations, and the run's peak memory.

The responses are written by synth.py and read back the way regsync reads its sources
(accuracy.read_responses), then normalized and deduplicated, each timed on its own.

    uv run python benchmarks/bench_normalize.py [--n 100000] [--seed 1] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import tempfile
import time
from pathlib import Path

import synth  # the generator beside this file (run as a script, benchmarks/ is on the path)
from accuracy import read_responses

from sync.config import NormalizeConfig
from sync.dedup import dedup
from sync.normalize import load_reference, normalize

RESPONSES = 100_000
# Profile lines shown with --profile: enough to see the hot spots, short enough to read.
PROFILE_LINES = 25


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=RESPONSES, help="answer rows to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of each step")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        synth.write_all(synth.generate(args.n, args.seed), Path(scratch))
        responses = read_responses(Path(scratch))
    print(f"{len(responses)} responses read; peak RSS so far {_peak_rss_mb():.0f} MB")

    reference = load_reference(NormalizeConfig())
    normalized = _timed("normalize", lambda: normalize(responses, reference), args.profile)
    result = _timed("dedup", lambda: dedup(normalized), args.profile)
    print(f"{len(result.participants)} participants, {len(result.merges)} merges, "
          f"{len(result.possible)} possible")


def _timed(step: str, run, profile: bool):
    """run() timed (and profiled when asked); prints the seconds and the peak RSS so far."""
    profiler = cProfile.Profile() if profile else None
    began = time.perf_counter()
    result = profiler.runcall(run) if profiler else run()
    print(f"{step}: {time.perf_counter() - began:.2f} s; peak RSS {_peak_rss_mb():.0f} MB")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILE_LINES)
    return result

if __name__ == "__main__":
    main()
