"""Who is blamed, against FA-KES's crowd-coded ``actor`` field.

``analysis.framing.blamed_actor(documents, scheme="fakes")`` predicts one of FA-KES's seven actor
values per article. Scored on the articles whose gold actor is known (not ``unknown``):
accuracy and macro-F1 over the six known actors (a predicted ``unknown`` counts as a miss),
beside the majority baseline (always "syrian government or russian troops"). Also reported:
how often ``unknown`` is predicted for articles whose gold actor is unknown.

Usage: python benchmarks/responsibility_fakes.py --data ../shared/benchmarks
(the corpus is read from $FRAMING_LAB_DATA/fakes/fakes.csv, else DIR/../data/fakes/fakes.csv).
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import pandas as pd
from _common import fakes_csv

from analysis.corpus import load_corpus, read_table
from analysis.framing import blamed_actor
from analysis.responsibility import FAKES_ACTORS

TARGET = 0.70


def scores(gold: pd.Series, pred: pd.Series, labels) -> pd.DataFrame:
    rows = []
    for label in labels:
        tp = int(((gold == label) & (pred == label)).sum())
        p = tp / max(int((pred == label).sum()), 1)
        r = tp / max(int((gold == label).sum()), 1)
        rows.append({"actor": label, "support": int((gold == label).sum()),
                     "predicted": int((pred == label).sum()), "precision": p, "recall": r,
                     "f1": 2 * p * r / (p + r) if p + r else 0.0})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder")
    args = parser.parse_args()
    path = fakes_csv(args.data)
    documents = load_corpus(path)
    raw = read_table(path)
    gold_by_id = raw.drop_duplicates("unit_id").set_index("unit_id")["actor"].str.strip()

    started = time.perf_counter()
    predicted = blamed_actor(documents, scheme="fakes")
    seconds = time.perf_counter() - started

    unit = predicted["doc_id"].str.replace(r"-\d+$", "", regex=True)
    table = predicted.assign(gold=unit.map(gold_by_id)).dropna(subset=["gold"])
    known = table[table["gold"] != "unknown"]
    actors = [a for a in FAKES_ACTORS if a != "unknown"]
    per_actor = scores(known["gold"], known["actor"], actors)
    accuracy = float((known["actor"] == known["gold"]).mean())
    majority = known["gold"].value_counts().index[0]
    baseline = float((known["gold"] == majority).mean())
    baseline_f1 = float(scores(known["gold"], pd.Series(majority, index=known.index),
                               actors)["f1"].mean())
    unknown = table[table["gold"] == "unknown"]
    unknown_recall = float((unknown["actor"] == "unknown").mean())
    by_basis = known.assign(hit=known["actor"] == known["gold"]).groupby("basis")["hit"].agg(
        ["size", "mean"]).rename(columns={"size": "articles", "mean": "accuracy"})

    short = {a: re.sub(r"the organization of the islamic state.*", "isis", a) for a in actors}
    print(f"FA-KES blamed actor: {len(known)} articles with a known actor "
          f"({len(table)} scored, {len(unknown)} gold 'unknown'); {seconds:.1f} s")
    print(per_actor.assign(actor=per_actor["actor"].map(short)).to_string(
        index=False, float_format=lambda x: f"{x:.3f}"))
    print(f"\naccuracy {accuracy:.3f} (target {TARGET}); majority baseline {baseline:.3f}")
    print(f"macro-F1 {per_actor['f1'].mean():.3f}; majority baseline {baseline_f1:.3f}")
    print(f"gold 'unknown' predicted 'unknown': {unknown_recall:.3f}")
    print("\nby basis of the prediction (pattern: agentive patterns; nearby: the actor most "
          "mentioned near harm cues):")
    print(by_basis.to_string(float_format=lambda x: f"{x:.3f}"))
    print("\nconfusion (rows gold, columns predicted):")
    print(pd.crosstab(known["gold"].map(short), known["actor"].map(short).fillna("unknown"))
          .to_string())
    print(json.dumps({"benchmark": "responsibility_fakes", "articles_known": len(known),
                      "accuracy": round(accuracy, 4), "macro_f1": round(
                          float(per_actor["f1"].mean()), 4),
                      "majority_accuracy": round(baseline, 4),
                      "majority_macro_f1": round(baseline_f1, 4),
                      "unknown_recall": round(unknown_recall, 4),
                      "accuracy_by_basis": {b: round(float(a), 4)
                                            for b, a in by_basis["accuracy"].items()},
                      "target_accuracy": TARGET,
                      "meets_target": accuracy >= TARGET, "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()
