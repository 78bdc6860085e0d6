"""Quote extraction against the Gender Gap Tracker's gold quotes (``quotes-ggt``).

Usage: ``python benchmarks/quotes_ggt.py --data /work/shared/benchmarks``

Scoring follows GGT's published evaluation as described in ``quotes-ggt/SOURCE.md``: per article,
gold quotes in order each take the unmatched prediction with the highest overlap
``|G ∩ P| / |G|`` if it is strictly above the threshold (ties: the earlier prediction); counts are
summed over articles. Speakers match on a shared character (or gold without a speaker mention
and a floating prediction), verbs on equal lower-cased strings. Partial quotes (short phrases in
narration) are not quotations in GGT's sense and are left out of the predictions.

Prints P/R/F1 at overlap 0.3 and 0.8, speaker and verb accuracy, canonical-speaker agreement, a
per-error-type breakdown, and a JSON summary as the last line.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from analysis import segmenting
from analysis.core import Document
from analysis.quotes import annotate

THRESHOLDS = (0.3, 0.8)
PRONOUNS = ("he", "she", "they", "it", "i", "we")
ERROR_GROUPS = (
    ("quote spans", ("missed", "spurious")),
    ("speakers and verbs of matched quotes", ("speaker span", "speaker predicted",
                                              "floating", "verb")),
    ("canonical speakers (not scored by GGT)", ("resolved", "canonical")),
)
MARKS = "\"“”„«»"


def predict(doc_id: str, text: str) -> list[dict]:
    """Quote rows for one raw article text (offsets into that exact text)."""
    paragraphs, sentences = segmenting.segment(doc_id, text)
    doc = Document(doc_id, text, {}, {"paragraphs": paragraphs, "sentences": sentences})
    annotate(doc, {})
    return [r for r in doc.tables["quotes"] if r["kind"] != "partial"]


def overlap(gold: dict, pred: dict) -> float:
    inter = min(gold["quote_end"], pred["quote_end"]) - max(gold["quote_start"],
                                                           pred["quote_start"])
    return max(inter, 0) / max(gold["quote_end"] - gold["quote_start"], 1)


def match(golds: list[dict], preds: list[dict], t: float) -> list[tuple[dict, dict | None]]:
    """GGT matching: each gold quote in order takes the best unmatched prediction above t."""
    used = set()
    pairs = []
    for g in golds:
        best, best_ov = None, t
        for k, p in enumerate(preds):
            if k in used:
                continue
            ov = overlap(g, p)
            if ov > best_ov:
                best, best_ov = k, ov
        if best is not None:
            used.add(best)
        pairs.append((g, preds[best] if best is not None else None))
    return pairs, [p for k, p in enumerate(preds) if k not in used]


def speaker_match(g: dict, p: dict) -> bool:
    if g["speaker_start"] is None:
        return p["speaker_start"] is None
    if p["speaker_start"] is None:
        return False
    return min(g["speaker_end"], p["speaker_end"]) > max(g["speaker_start"], p["speaker_start"])


def verb_match(g: dict, p: dict) -> bool:
    return (g["verb"] or "").strip().lower() == (p["verb"] or "").strip().lower()


def canonical_match(g: dict, p: dict) -> bool:
    """Loose agreement of resolved speakers: same surname or one name inside the other."""
    a = (g["speaker_canonical"] or "").lower().strip()
    b = (p["speaker_canonical"] or "").lower().strip()
    if not a or not b:
        return a == b
    return a in b or b in a or a.split()[-1] == b.split()[-1]


def _gold_kind(g: dict) -> str:
    return "direct" if g["quote"][:1] in MARKS else "indirect"


def _speaker_type(g: dict) -> str:
    s = (g["speaker"] or "").lower()
    if not s:
        return "floating"
    if s in PRONOUNS:
        return "pronoun"
    return "name" if g["speaker"][:1].isupper() and not s.startswith("the ") else "description"


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]], t: float) -> dict:
    tp = fp = fn = spk = verb = canon = 0
    errors: collections.Counter = collections.Counter()
    for doc_id, golds in gold.items():
        pairs, left = match(golds, pred.get(doc_id, []), t)
        for g, p in pairs:
            if p is None:
                fn += 1
                errors[f"missed {_gold_kind(g)} quote"] += 1
                continue
            tp += 1
            if speaker_match(g, p):
                spk += 1
            elif g["speaker_start"] is None:
                errors["speaker given for a floating gold quote"] += 1
            elif p["speaker_start"] is None:
                errors[f"no speaker predicted (gold {_speaker_type(g)})"] += 1
            else:
                errors[f"wrong speaker span (gold {_speaker_type(g)})"] += 1
            verb += verb_match(g, p)
            if not verb_match(g, p):
                errors["wrong or missing verb"] += 1
            if canonical_match(g, p):
                canon += 1
            elif (p["speaker_canonical"] or "").lower() in PRONOUNS:
                errors["unresolved pronoun"] += 1
            elif _speaker_type(g) == "pronoun":
                errors["pronoun resolved to another canonical speaker"] += 1
            else:
                errors["other canonical speaker (names, descriptions)"] += 1
        for p in left:
            fp += 1
            errors[f"spurious {p['kind']} quote"] += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": t, "tp": tp, "fp": fp, "fn": fn, "precision": precision,
            "recall": recall, "f1": f1, "speaker_accuracy": spk / tp if tp else 0.0,
            "verb_accuracy": verb / tp if tp else 0.0,
            "canonical_agreement": canon / tp if tp else 0.0, "errors": dict(errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path,
                        help="shared benchmarks folder (holding quotes-ggt/)")
    args = parser.parse_args(argv)
    folder = args.data / "quotes-ggt" if (args.data / "quotes-ggt").is_dir() else args.data
    gold: dict[str, list[dict]] = {p.stem: [] for p in sorted((folder / "articles").glob("*.txt"))}
    with open(folder / "quotes.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            gold.setdefault(row["doc_id"], []).append(row)
    began = time.perf_counter()
    pred = {}
    for doc_id in gold:
        text = (folder / "articles" / f"{doc_id}.txt").read_text(encoding="utf-8")
        pred[doc_id] = predict(doc_id, text)
    seconds = time.perf_counter() - began
    n_gold = sum(map(len, gold.values()))
    n_pred = sum(map(len, pred.values()))
    print(f"quotes-ggt: {len(gold)} articles, {n_gold} gold quotes, {n_pred} predicted "
          f"({seconds:.1f} s)\n")
    results = [score(gold, pred, t) for t in THRESHOLDS]
    print(f"{'overlap >':>10} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'verb':>6} "
          f"{'canon':>6}   TP/FP/FN")
    for r in results:
        print(f"{r['threshold']:>10} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['speaker_accuracy']:8.3f} {r['verb_accuracy']:6.3f} "
              f"{r['canonical_agreement']:6.3f}   {r['tp']}/{r['fp']}/{r['fn']}")
    print("\nerrors at overlap > 0.3:")
    errors = results[0]["errors"]
    for title, words in ERROR_GROUPS:
        print(f"  {title}:")
        for name, count in sorted(errors.items(), key=lambda kv: -kv[1]):
            if any(w in name for w in words):
                print(f"    {count:5d}  {name}")
    print("(GGT V7.0 published: F1 0.837 at 0.3, speaker accuracy 0.865, verb accuracy 0.921)")
    summary = {"benchmark": "quotes_ggt", "articles": len(gold), "gold": n_gold,
               "predicted": n_pred, "seconds": round(seconds, 2)}
    for r in results:
        key = str(r["threshold"]).replace(".", "")
        summary.update({f"precision_{key}": round(r["precision"], 4),
                        f"recall_{key}": round(r["recall"], 4), f"f1_{key}": round(r["f1"], 4),
                        f"speaker_accuracy_{key}": round(r["speaker_accuracy"], 4),
                        f"verb_accuracy_{key}": round(r["verb_accuracy"], 4),
                        f"canonical_agreement_{key}": round(r["canonical_agreement"], 4)})
    summary["errors_03"] = results[0]["errors"]
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
