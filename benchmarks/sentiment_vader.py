"""VADER against its own human-rated ground truth (Hutto & Gilbert 2014, Table 4).

Usage: ``python benchmarks/sentiment_vader.py --data /work/shared/benchmarks``

For each of the four corpora in ``DIR/vader`` (tweets, movie-review, Amazon-review and NYT
editorial snippets): Pearson r between ``compound`` and the human mean rating, and 3-class
support-weighted precision, recall and F1 (predicted class: compound >= 0.05 / <= -0.05; gold
class: the sign of the human mean, as ``vader/SOURCE.md`` describes), beside the paper's
figures. Scores come from nltk's analyser and from the fast scorer; the script checks they are
identical on every sentence. ``r_news``/``F1_news``: the same with the news adjustment layer
(``adjust="news"``), for comparison. Prints a table and a JSON summary as the last line.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.sentiment import score

CORPORA = {  # file stem: (label, paper r, P, R, F1)
    "tweets": ("Tweets", 0.881, 0.99, 0.94, 0.96),
    "movieReviewSnippets": ("Movie reviews", 0.451, 0.70, 0.55, 0.61),
    "amazonReviewSnippets": ("Amazon reviews", 0.565, 0.78, 0.55, 0.63),
    "nytEditorialSnippets": ("NYT editorials", 0.492, 0.69, 0.49, 0.55),
}


def read_corpus(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=None, names=["id", "mean", "text"], quoting=3,
                       encoding="utf-8", dtype={"id": "str", "text": "str"})


def weighted_prf(gold: pd.Series, pred: pd.Series) -> tuple[float, float, float]:
    """Support-weighted precision, recall and F1 over the classes present in ``gold``."""
    p = r = f = 0.0
    for cls, support in gold.value_counts().items():
        tp = int(((pred == cls) & (gold == cls)).sum())
        n_pred = int((pred == cls).sum())
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / support
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        w = support / len(gold)
        p, r, f = p + w * prec, r + w * rec, f + w * f1
    return p, r, f


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the shared benchmarks folder")
    args = parser.parse_args(argv)
    folder = args.data / "vader"
    rows = []
    mismatches = 0
    for stem, (name, p_r, p_p, p_rec, p_f1) in CORPORA.items():
        corpus = read_corpus(folder / f"{stem}_GroundTruth.txt")
        ref = score(corpus["text"], engine="nltk")
        fast = score(corpus["text"], engine="fast")
        news = score(corpus["text"], adjust="news")
        cols = ["neg", "neu", "pos", "compound"]
        mismatches += int(((ref[cols] - fast[cols]).abs() > 1e-9).any(axis=1).sum())
        gold = corpus["mean"].map(lambda m: "pos" if m > 0 else "neg" if m < 0 else "neu")
        p, r, f = weighted_prf(gold, ref["label"])
        f_news = weighted_prf(gold, news["label"])[2]
        rows.append({"corpus": name, "n": len(corpus),
                     "r": ref["compound"].corr(corpus["mean"]), "paper_r": p_r,
                     "P": p, "paper_P": p_p, "R": r, "paper_R": p_rec, "F1": f,
                     "paper_F1": p_f1, "F1_diff": f - p_f1,
                     "r_news": news["compound"].corr(corpus["mean"]), "F1_news": f_news})
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 120, "display.precision", 3):
        print(table.to_string(index=False))
    worst = float(table["F1_diff"].abs().max())
    print(f"\nfast scorer differs from nltk on {mismatches} sentence(s); "
          f"largest |F1 - paper F1| = {worst:.3f} (expected <= 0.03)")
    summary = {"benchmark": "sentiment_vader", "mismatches": mismatches,
               "max_abs_f1_diff": round(worst, 4), "within_0.03": worst <= 0.03,
               "corpora": {r["corpus"]: {k: round(float(r[k]), 4) for k in
                                         ("r", "P", "R", "F1", "paper_F1", "r_news",
                                          "F1_news")}
                           for r in rows}}
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
