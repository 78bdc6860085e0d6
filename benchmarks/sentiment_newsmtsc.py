"""Sentiment toward a target in political news: NewsMTSC (Hamborg & Donnay, EACL 2021).

Usage: ``python benchmarks/sentiment_newsmtsc.py --data /work/shared/benchmarks``

Each (sentence, target) pair of ``DIR/newsmtsc/newsmtsc-rw_{dev,test}.jsonl`` has a gold
polarity (2 negative, 4 neutral, 6 positive). Compared, on both splits:

- ``sentence VADER``: nltk VADER's compound of the whole sentence (±0.05), the same label for
  every target — target-blind (the reference point, about 0.51 macro-F1 on test);
- ``sentence VADER + news layer``: the same with the news adjustment lexicon;
- ``target_sentiment (VADER lexicon)``: our target rules over VADER's own lexicon;
- ``target_sentiment``: the target rules with the news layer (the default).

The rules' constants were tuned on dev only; test is the figure to report (target: macro-F1
>= 0.60; the paper's fine-tuned RoBERTa reaches 0.83). Because dev figures of rules tuned on
dev overstate, dev is also scored by cross-validation of the two cut-offs of the neutral band:
20 repetitions of 5-fold, the cut-offs chosen on four folds, macro-F1 on the fifth (the other
constants and the news layer stay as tuned on all of dev, so even this figure is optimistic).
Prints a table and a JSON summary as the last line.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import targets
from analysis.sentiment import score, target_sentiment

POLARITY = {2.0: "neg", 4.0: "neu", 6.0: "pos"}
CLASSES = ("neg", "neu", "pos")
POSITIVE_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0, 1.2)
NEGATIVE_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8)


def read_split(path: Path) -> list[tuple[str, int, int, str]]:
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            for t in row["targets"]:
                pairs.append((row["sentence_normalized"], t["from"], t["to"],
                              POLARITY[t["polarity"]]))
    return pairs


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, float, dict[str, float]]:
    """Macro-F1 over the three classes, accuracy, and each class's F1."""
    per = {}
    for c in CLASSES:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(c), gold.count(c)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        per[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return sum(per.values()) / len(per), accuracy, per


def _cut(score_: float, positive: float, negative: float) -> str:
    return "pos" if score_ >= positive else "neg" if score_ <= -negative else "neu"


def _best_cutoffs(scores: list[float], gold: list[str]) -> tuple[float, float]:
    return max((macro_f1(gold, [_cut(x, p, n) for x in scores])[0], p, n)
                for p in POSITIVE_GRID for n in NEGATIVE_GRID)[1:]


def cross_validated(pairs, *, folds: int = 5, repeats: int = 20) -> tuple[float, Counter]:
    """Mean held-out macro-F1 of target_sentiment's scores when its cut-offs are chosen on the
    other folds, and how often each (positive, negative) pair was chosen."""
    scores = [targets.contributions(s, a, b).attrs["score"] for s, a, b, _ in pairs]
    gold = [g for *_, g in pairs]
    results, chosen = [], Counter()
    for seed in range(repeats):
        order = list(range(len(pairs)))
        random.Random(seed).shuffle(order)
        pred = [""] * len(pairs)
        for k in range(folds):
            held = set(order[k::folds])
            train = [i for i in order if i not in held]
            cutoffs = _best_cutoffs([scores[i] for i in train], [gold[i] for i in train])
            chosen[cutoffs] += 1
            for i in held:
                pred[i] = _cut(scores[i], *cutoffs)
        results.append(macro_f1(gold, pred)[0])
    return sum(results) / len(results), chosen


def methods(pairs):
    sentences = [s for s, *_ in pairs]
    return {
        "sentence VADER": score(sentences, engine="nltk")["label"].tolist(),
        "sentence VADER + news layer": score(sentences, adjust="news")["label"].tolist(),
        "target_sentiment (VADER lexicon)": [target_sentiment(s, a, b, adjust=None)
                                             for s, a, b, _ in pairs],
        "target_sentiment": [target_sentiment(s, a, b) for s, a, b, _ in pairs],
    }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the shared benchmarks folder")
    args = parser.parse_args(argv)
    summary = {"benchmark": "sentiment_newsmtsc"}
    print(f"{'split':5} {'method':34} {'macro-F1':>8} {'acc':>6} "
          f"{'F1 neg':>7} {'F1 neu':>7} {'F1 pos':>7}")
    for split in ("dev", "test"):
        pairs = read_split(args.data / "newsmtsc" / f"newsmtsc-rw_{split}.jsonl")
        gold = [g for *_, g in pairs]
        for name, pred in methods(pairs).items():
            f1, acc, per = macro_f1(gold, pred)
            print(f"{split:5} {name:34} {f1:8.3f} {acc:6.3f} "
                  + " ".join(f"{per[c]:7.3f}" for c in CLASSES))
            summary[f"{split}: {name}"] = {"macro_f1": round(f1, 4), "accuracy": round(acc, 4),
                                           "n": len(gold)}
        if split == "dev":
            cv, chosen = cross_validated(pairs)
            (positive, negative), times = chosen.most_common(1)[0]
            print(f"{split:5} {'target_sentiment, cut-offs by CV':34} {cv:8.3f}   "
                  f"(most chosen: pos >= {positive}, neg <= -{negative}, {times}/"
                  f"{sum(chosen.values())} folds; in use: {targets.POSITIVE}, "
                  f"{targets.NEGATIVE})")
            summary["dev: target_sentiment, cut-offs by CV"] = {
                "macro_f1": round(cv, 4), "most_chosen": [positive, negative],
                "times": times, "folds": sum(chosen.values())}
        print()
    target = summary["test: target_sentiment"]["macro_f1"]
    summary["target_macro_f1_test"] = target
    summary["target_reached"] = target >= 0.60
    print(f"target_sentiment on test-rw: macro-F1 {target:.3f} (target >= 0.60; "
          f"paper's RoBERTa 0.831)")
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
