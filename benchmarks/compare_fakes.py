"""Fightin' Words between FA-KES outlets: what sets each outlet apart, and how fast.

Usage: ``python benchmarks/compare_fakes.py --data ../shared/benchmarks``
(reads ``$FRAMING_LAB_DATA/fakes/fakes.csv``, else ``DIR/../data/fakes/fakes.csv``).

For SANA against Reuters and for every outlet against all the others, the log-odds ratio with
the pooled counts as informative Dirichlet prior (Monroe et al. 2008) is computed with
``analysis.compare.fightin_words``. Speed is reported as a ratio to a baseline measured in the
same run: counting the same words with ``collections.Counter`` (the least any comparison must
do); the outlet-vs-rest tables count each outlet once and pass the counts. Checks the known contrasts (SANA "terrorist", Reuters "rebel"). JSON summary last.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path

from analysis import load_corpus
from analysis.compare import counts, fightin_words, words


def corpus_path(data: Path) -> Path:
    env = os.environ.get("FRAMING_LAB_DATA")
    for base in ([Path(env)] if env else []) + [data / ".." / "data"]:
        path = base / "fakes" / "fakes.csv"
        if path.is_file():
            return path
    raise SystemExit(f"FA-KES not found: set FRAMING_LAB_DATA or put it at {data}/../data/fakes")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="shared benchmarks folder")
    args = parser.parse_args(argv)
    docs = load_corpus(corpus_path(args.data))
    by_outlet = {name: group["text"].tolist() for name, group in docs.groupby("source")}

    start = time.perf_counter()
    for texts in by_outlet.values():
        Counter(w for t in texts for w in words(t))
    baseline = time.perf_counter() - start

    start = time.perf_counter()
    sana_reuters = fightin_words(by_outlet["sana"], by_outlet["reuters"])
    single = time.perf_counter() - start
    start = time.perf_counter()
    counted = {outlet: counts(texts) for outlet, texts in by_outlet.items()}
    total = sum(counted.values(), Counter())
    distinct = {}
    for outlet, own in counted.items():
        table = fightin_words(own, total - own, drop_stopwords=True)
        distinct[outlet] = table.head(8)["term"].tolist()
    all_outlets = time.perf_counter() - start

    z = sana_reuters.set_index("term")["z"]
    print(f"FA-KES: {len(docs)} articles, {len(by_outlet)} outlets\n")
    print("SANA (a) vs Reuters (b), most distinctive each way:")
    print(sana_reuters.head(10).round(2).to_string(index=False))
    print(sana_reuters.tail(10).round(2).to_string(index=False))
    print("\nEach outlet against all others (top words by z):")
    for outlet, terms in sorted(distinct.items()):
        print(f"  {outlet:14s} {', '.join(terms)}")
    print(f"\nCounter baseline over all outlets: {baseline:.2f} s; SANA vs Reuters: {single:.2f} s; "
          f"{len(by_outlet)} outlet-vs-rest tables: {all_outlets:.2f} s "
          f"({all_outlets / baseline:.1f}x the baseline)")
    summary = {
        "benchmark": "compare_fakes", "articles": len(docs), "outlets": len(by_outlet),
        "z_terrorist_sana_vs_reuters": round(float(z.get("terrorist", float("nan"))), 2),
        "z_rebels_sana_vs_reuters": round(float(z.get("rebels", float("nan"))), 2),
        "seconds_sana_vs_reuters": round(single, 3),
        "seconds_all_outlets": round(all_outlets, 3),
        "ratio_to_counter_baseline": round(all_outlets / baseline, 2),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
