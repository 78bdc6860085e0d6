"""Scaling out: ``analyze_corpus`` on the local engine against Dask with 2 worker processes.

Both run on FA-KES x20 (FA-KES written 20 times with new ids, as in ``memory_stream``) with the
same chunk size. The Dask time includes starting and stopping its local cluster. The two output
folders must be byte-identical. Goal: speed-up >= 1.6 with 2 workers on 2 cores.

Usage: python benchmarks/dask_scaling.py --data /work/shared/benchmarks [--times 20]
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import warnings
from pathlib import Path

from _common import fakes_csv, replicate


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder")
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    import analysis

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = replicate(fakes_csv(args.data), args.times, tmp / "fakes.csv")
        runs = {}
        for engine in ("local", "dask"):
            started = time.perf_counter()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                summary = analysis.analyze_corpus(corpus, tmp / engine, engine=engine,
                                                  workers=args.workers, progress=False)
            runs[engine] = (time.perf_counter() - started, summary)
        identical = files(tmp / "local") == files(tmp / "dask")
    load = os.getloadavg()[1]
    local_s, dask_s = runs["local"][0], runs["dask"][0]
    summary = runs["local"][1]
    speedup = local_s / dask_s
    print(f"FA-KES x{args.times}: {summary['inputs']} inputs, {summary['partitions']} "
          f"partitions; {os.cpu_count()} cores\n")
    print(f"{'engine':<28}{'seconds':>9}{'docs/s':>9}")
    for label, seconds in (("local (1 process)", local_s),
                           (f"dask ({args.workers} worker processes)", dask_s)):
        print(f"{label:<28}{seconds:>9.1f}{summary['inputs'] / seconds:>9.0f}")
    print(f"\nspeed-up {speedup:.2f} (goal >= 1.6); outputs byte-identical: {identical}")
    print(f"load average over the last 5 minutes: {load:.1f} on {os.cpu_count()} cores "
          "(other processes take cores from the workers)")
    print(json.dumps({
        "benchmark": "dask_scaling", "times": args.times, "inputs": summary["inputs"],
        "partitions": summary["partitions"], "workers": args.workers, "cores": os.cpu_count(),
        "local_s": round(local_s, 2), "dask_s": round(dask_s, 2), "speedup": round(speedup, 3),
        "identical": identical, "load_avg_5min": round(load, 2), "goal": 1.6, "pass": speedup >= 1.6 and identical,
    }))


if __name__ == "__main__":
    main()
