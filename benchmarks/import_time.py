"""Time of ``import analysis`` in a fresh interpreter, and which heavy libraries it pulls in.

Each measurement is a new subprocess (nothing cached in memory but the OS file cache), timed
inside it with ``perf_counter`` around the import; the median of the runs is reported. The
first use of ``analysis.analyze`` (which loads pandas and nltk) is shown for comparison.
Goal: ``import analysis`` < 0.5 s, with matplotlib and dask not imported.

Usage: python benchmarks/import_time.py --data /work/shared/benchmarks
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "nltk", "matplotlib", "dask", "distributed", "pyarrow", "ftfy")
PROBE = """
import json, sys, time
started = time.perf_counter()
import analysis
{extra}
seconds = time.perf_counter() - started
print(json.dumps({{"seconds": seconds, "loaded": [m for m in {heavy!r} if m in sys.modules]}}))
"""


def measure(extra: str, runs: int) -> tuple[float, list[str]]:
    times, loaded = [], []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", PROBE.format(extra=extra, heavy=HEAVY)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout)
        times.append(result["seconds"])
        loaded = result["loaded"]
    return statistics.median(times), loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="unused; accepted like every benchmark")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare, bare_loaded = measure("", args.runs)
    first_use, use_loaded = measure("analysis.analyze", args.runs)
    print(f"{'statement':<40}{'median s':>10}  heavy modules loaded")
    print(f"{'import analysis':<40}{bare:>10.3f}  {', '.join(bare_loaded) or '-'}")
    print(f"{'import analysis; analysis.analyze':<40}{first_use:>10.3f}  "
          f"{', '.join(use_loaded) or '-'}")
    ok = bare < 0.5 and not {"matplotlib", "dask"} & set(bare_loaded)
    print(f"\nimport analysis: {bare:.3f} s (goal < 0.5 s, no matplotlib/dask)")
    print(json.dumps({
        "benchmark": "import_time", "runs": args.runs, "import_s": round(bare, 4),
        "import_loaded": bare_loaded, "first_analyze_s": round(first_use, 4),
        "first_analyze_loaded": use_loaded, "goal": 0.5, "pass": ok,
    }))


if __name__ == "__main__":
    main()
