"""Propaganda-technique spans (SemEval-2020 Task 11 dev set) found by the rhetoric devices.

Usage: ``python benchmarks/rhetoric_ptc.py --data ../shared/benchmarks``

For each PTC technique that a device maps to, the device spans carrying that technique are
compared with the gold spans (whitespace-trimmed, as the corpus notes advise; overlapping spans
of one technique merged on each side):

- ``overlap``: a predicted span is correct when it overlaps a gold span of the same technique;
  a gold span is found when a predicted span of its technique overlaps it (P, R, F1).
- ``credit``: the task's character-overlap scoring (Da San Martino et al. 2019): each pair of
  overlapping spans earns |s ∩ t| / |s| towards precision and |s ∩ t| / |t| towards recall.

Micro-averages pool the counts of every mapped technique. The baseline marks every body
sentence (one line of the article) with the technique most frequent in the gold set.
Figures are given on all articles and, as a check that nothing was fitted to the gold spans,
on the half of the articles (odd positions in id order) never looked at while writing lexicons.
The last line is a JSON summary.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import pandas as pd

from analysis.rhetoric import devices

TARGETS = {"Loaded_Language": 0.30, "Name_Calling,Labeling": 0.30}


def load(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = sorted((folder / "articles").glob("article*.txt"))
    docs = pd.DataFrame({
        "doc_id": [p.stem.removeprefix("article") for p in articles],
        "text": [p.open(encoding="utf-8", newline="").read() for p in articles],
    })
    gold = pd.read_csv(folder / "techniques.tsv", sep="\t", dtype={"article_id": str})
    return docs, gold.rename(columns={"article_id": "doc_id"})


def trimmed(spans: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for doc_id, technique, start, end in spans[["doc_id", "technique", "start", "end"]
                                              ].itertuples(index=False):
        piece = texts[doc_id][start:end]
        lead = len(piece) - len(piece.lstrip())
        tail = len(piece) - len(piece.rstrip())
        if end - tail > start + lead:
            rows.append((doc_id, technique, start + lead, end - tail))
    return pd.DataFrame(rows, columns=["doc_id", "technique", "start", "end"])


def merged(spans: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, int]]]:
    out: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for (doc_id, technique), group in spans.groupby(["doc_id", "technique"]):
        for start, end in sorted(zip(group["start"], group["end"])):
            current = out[(doc_id, technique)]
            if current and start < current[-1][1]:
                current[-1] = (current[-1][0], max(end, current[-1][1]))
            else:
                current.append((start, end))
    return out


def score(pred: pd.DataFrame, gold: pd.DataFrame, techniques: list[str]) -> pd.DataFrame:
    p_spans, g_spans = merged(pred), merged(gold)
    rows = []
    for technique in techniques:
        n_pred = n_gold = hit_pred = hit_gold = 0
        credit_p = credit_r = 0.0
        keys = {k for k in (*p_spans, *g_spans) if k[1] == technique}
        for key in keys:
            ps, gs = p_spans.get(key, []), g_spans.get(key, [])
            n_pred, n_gold = n_pred + len(ps), n_gold + len(gs)
            hit_pred += sum(any(s < ge and gs_ < e for gs_, ge in gs) for s, e in ps)
            hit_gold += sum(any(s < ge and gs_ < e for s, e in ps) for gs_, ge in gs)
            for s, e in ps:
                for gs_, ge in gs:
                    inter = min(e, ge) - max(s, gs_)
                    if inter > 0:
                        credit_p += inter / (e - s)
                        credit_r += inter / (ge - gs_)
        rows.append({"technique": technique, "gold": n_gold, "predicted": n_pred,
                     "hit_pred": hit_pred, "hit_gold": hit_gold,
                     "credit_p": credit_p, "credit_r": credit_r})
    table = pd.DataFrame(rows)
    total = table.drop(columns="technique").sum()
    table = pd.concat([table, pd.DataFrame([{"technique": "micro", **total}])],
                      ignore_index=True)
    for prefix, p_num, r_num in (("", "hit_pred", "hit_gold"), ("credit_", "credit_p",
                                                                 "credit_r")):
        p = table[p_num] / table["predicted"].where(table["predicted"] > 0)
        r = table[r_num] / table["gold"].where(table["gold"] > 0)
        table[f"{prefix}P"] = p.fillna(0.0)
        table[f"{prefix}R"] = r.fillna(0.0)
        table[f"{prefix}F1"] = (2 * p * r / (p + r)).where((p + r) > 0).fillna(0.0)
    return table[["technique", "gold", "predicted", "P", "R", "F1", "credit_P", "credit_R",
                  "credit_F1"]]


def baseline(docs: pd.DataFrame, technique: str) -> pd.DataFrame:
    rows = []
    for doc_id, text in docs[["doc_id", "text"]].itertuples(index=False):
        pos = 0
        for i, line in enumerate(text.split("\n")):
            if i >= 2 and line.strip():
                rows.append((doc_id, technique, pos, pos + len(line)))
            pos += len(line) + 1
    return pd.DataFrame(rows, columns=["doc_id", "technique", "start", "end"])


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="shared benchmarks folder (holding ptc/) or the ptc folder itself")
    args = parser.parse_args(argv)
    folder = args.data / "ptc" if (args.data / "ptc").is_dir() else args.data
    docs, gold = load(folder)
    texts = dict(zip(docs["doc_id"], docs["text"]))
    gold = trimmed(gold, texts)
    found = devices(docs)
    mapped = found[found["technique"].notna()].copy()
    pred = trimmed(mapped, texts)
    techniques = gold["technique"].value_counts().index.tolist()
    ids = sorted(texts)
    held_out = set(ids[1::2])
    results = {}
    for name, keep in (("all", set(ids)), ("held_out", held_out)):
        results[name] = score(pred[pred["doc_id"].isin(keep)], gold[gold["doc_id"].isin(keep)],
                              techniques)
    frequent = techniques[0]
    base = score(baseline(docs, frequent), gold, techniques)
    pd.set_option("display.width", 140)
    print(f"PTC dev set: {len(docs)} articles, {len(gold)} gold spans, "
          f"{len(pred)} predicted spans ({len(found)} device rows)\n")
    print("Device spans vs gold, all articles (overlap P/R/F1; task's character credit):")
    print(results["all"].round(3).to_string(index=False))
    print(f"\nHeld-out half ({len(held_out)} articles):")
    print(results["held_out"].round(3).to_string(index=False))
    print(f"\nBaseline: every sentence marked {frequent}:")
    print(base.round(3).to_string(index=False))
    by = results["all"].set_index("technique")
    held = results["held_out"].set_index("technique")
    summary = {
        "benchmark": "rhetoric_ptc", "articles": len(docs), "gold_spans": len(gold),
        "predicted_spans": len(pred),
        "f1": {t: round(float(by.loc[t, "F1"]), 4) for t in by.index},
        "credit_f1": {t: round(float(by.loc[t, "credit_F1"]), 4) for t in by.index},
        "held_out_f1": {t: round(float(held.loc[t, "F1"]), 4) for t in held.index},
        "micro_f1": round(float(by.loc["micro", "F1"]), 4),
        "baseline_micro_f1": round(float(base.set_index("technique").loc["micro", "F1"]), 4),
        "baseline_technique": frequent,
        "targets_met": {t: bool(by.loc[t, "F1"] >= v) for t, v in TARGETS.items()},
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
