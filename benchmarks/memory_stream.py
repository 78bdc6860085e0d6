"""Peak memory of ``analyze_corpus`` as the corpus grows: FA-KES x1 against FA-KES x20.

The x20 corpus is FA-KES written 20 times into one CSV, every copy with new ids, so nothing is
a duplicate and the run analyses 20 times the documents. Each run is a fresh subprocess; its
peak resident set size comes from the kernel (``wait4``). A third subprocess only imports the
package and analyses one article, as the floor. Goal: peak(x20) <= 1.3 x peak(x1).

Usage: python benchmarks/memory_stream.py --data /work/shared/benchmarks
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import fakes_csv, replicate

ROOT = Path(__file__).resolve().parents[1]
RUN = """
import json, resource, sys, analysis
summary = analysis.analyze_corpus(sys.argv[1], sys.argv[2], progress=False)
summary["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(summary))
"""
FLOOR = """
import json, resource, sys, analysis
analysis.analyze(analysis.read_article(sys.argv[1]), progress=False)
print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def peak_rss(code: str, *args: str) -> tuple[float, float, dict]:
    """Run ``code`` in a fresh Python; returns (its peak RSS in MiB, seconds, its summary).

    The child reports its own peak (``getrusage(RUSAGE_SELF).ru_maxrss``, KiB on Linux).
    """
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, check=False,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"subprocess failed ({done.returncode}):\n{done.stderr}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return summary.pop("peak_kib") / 1024, seconds, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder")
    parser.add_argument("--times", type=int, default=20)
    args = parser.parse_args()
    source = fakes_csv(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        small = replicate(source, 1, tmp / "fakes-x1.csv")
        large = replicate(source, args.times, tmp / f"fakes-x{args.times}.csv")
        floor, floor_s, _ = peak_rss(FLOOR, str(ROOT / "data" / "aleppo-osce-2016.txt"))
        rows = [("import + one article", 1, floor, floor_s, None)]
        for label, path in (("x1", small), (f"x{args.times}", large)):
            peak, seconds, summary = peak_rss(RUN, str(path), str(tmp / f"out-{label}"))
            rows.append((f"FA-KES {label}", summary["inputs"], peak, seconds, summary))
    print(f"{'run':<22}{'inputs':>8}{'peak RSS MiB':>14}{'seconds':>9}")
    for label, inputs, peak, seconds, _ in rows:
        print(f"{label:<22}{inputs:>8}{peak:>14.0f}{seconds:>9.1f}")
    ratio = rows[2][2] / rows[1][2]
    print(f"\npeak x{args.times} / peak x1 = {ratio:.2f} (goal <= 1.3)")
    print(json.dumps({
        "benchmark": "memory_stream", "floor_mib": round(floor, 1),
        "x1": {"inputs": rows[1][1], "peak_mib": round(rows[1][2], 1),
               "seconds": round(rows[1][3], 1)},
        f"x{args.times}": {"inputs": rows[2][1], "peak_mib": round(rows[2][2], 1),
                           "seconds": round(rows[2][3], 1)},
        "ratio": round(ratio, 3), "goal": 1.3, "pass": ratio <= 1.3,
    }))


if __name__ == "__main__":
    main()
