"""Sentences per second: nltk's VADER against the fast scorer, on every FA-KES sentence.

Usage: ``python benchmarks/sentiment_speed.py --data /work/shared/benchmarks``

FA-KES is read from ``$FRAMING_LAB_DATA/fakes/fakes.csv`` or ``DIR/../data/fakes/fakes.csv``
and segmented into sentences once. Both scorers then run over all sentences in the same
process, taking turns, best of ``--repeat`` rounds; the fast scorer's per-token cache is emptied before
each of its runs, so its time includes learning the vocabulary. Also timed: ``score()`` (the
DataFrame function) and the pipeline step on every document. Checks the numbers are
identical. Prints a table and a JSON summary as the last line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _common import fakes_csv

from analysis import sentiment
from analysis.corpus import load_corpus
from analysis.segmenting import segment
from analysis.vader import FastVader, nltk_vader


def timings(runs: dict, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of each run; runs take turns within each round so that a
    change in machine load affects all of them alike."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, (run, before) in runs.items():
            if before:
                before()
            t0 = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the shared benchmarks folder")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    documents = load_corpus(fakes_csv(args.data))
    sentences = [s["text"] for doc_id, text in zip(documents["doc_id"], documents["text"])
                 for s in segment(doc_id, text)[1]]
    n = len(sentences)
    reference = nltk_vader()
    fast = FastVader()
    ref_scores = [tuple(reference.polarity_scores(t).values()) for t in sentences]
    fast_scores = [fast.scores(t) for t in sentences]
    mismatches = sum(any(abs(a - b) > 1e-9 for a, b in zip(x, y))
                     for x, y in zip(ref_scores, fast_scores))

    t = timings({
        "nltk SentimentIntensityAnalyzer": (
            lambda: [reference.polarity_scores(x) for x in sentences], None),
        "fast scorer (cold cache)": (lambda: [fast.scores(x) for x in sentences],
                                     fast._table.clear),
        "fast scorer (warm cache)": (lambda: [fast.scores(x) for x in sentences], None),
        "score() -> DataFrame": (lambda: sentiment.score(sentences), None),
    }, args.repeat)
    t_nltk, t_fast, t_warm, t_frame = t.values()
    rows = list(t.items())
    print(f"{n} FA-KES sentences from {len(documents)} documents\n")
    print(f"{'scorer':34} {'seconds':>8} {'sentences/s':>12} {'x nltk':>7}")
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.3f} {n / seconds:12,.0f} {t_nltk / seconds:7.1f}")
    print(f"\nidentical to nltk on {n - mismatches}/{n} sentences")
    summary = {"benchmark": "sentiment_speed", "sentences": n, "mismatches": mismatches,
               "nltk_per_s": round(n / t_nltk), "fast_per_s": round(n / t_fast),
               "fast_warm_per_s": round(n / t_warm), "score_frame_per_s": round(n / t_frame),
               "ratio": round(t_nltk / t_fast, 2), "ratio_at_least_4": t_nltk / t_fast >= 4}
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
