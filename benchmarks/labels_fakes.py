"""What each FA-KES outlet calls the armed opposition: the label × outlet table, as CSV.

Runs ``analysis.framing.actor_mentions`` over FA-KES (804 articles, 15 outlets) and writes
``label_by_outlet(..., family="armed_opposition")`` (counts) to ``--out`` (default
``reports/labels_fakes.csv``) for the notebooks. Prints the table, each outlet's share of
delegitimising labels, and checks the contrasts a plain count shows (SANA: "terrorists", never
"rebels"; Reuters: "rebels", not "terrorists"; Etilaf: "regime" for the government side).

Usage: python benchmarks/labels_fakes.py --data ../shared/benchmarks [--out PATH]
(the corpus is read from $FRAMING_LAB_DATA/fakes/fakes.csv, else DIR/../data/fakes/fakes.csv).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from _common import fakes_csv

from analysis.corpus import load_corpus
from analysis.framing import actor_mentions, label_by_outlet

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "labels_fakes.csv")
    args = parser.parse_args()
    documents = load_corpus(fakes_csv(args.data))

    started = time.perf_counter()
    mentions = actor_mentions(documents)
    seconds = time.perf_counter() - started
    table = label_by_outlet(mentions, documents, family="armed_opposition")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.out)

    opposition = mentions[mentions["family"] == "armed_opposition"]
    charge = opposition.assign(source=opposition["doc_id"].map(
        documents.set_index("doc_id")["source"]))
    delegitimising = (charge.assign(d=charge["charge"] == "delegitimising")
                      .groupby("source")["d"].mean().sort_values())
    government = label_by_outlet(mentions, documents, family="government_side")
    regime = government.loc[government.index.str.contains("regime")].sum()
    regime_share = regime / government.sum()

    top = table.loc[table.sum(axis=1).sort_values(ascending=False).index[:15]]
    print(f"FA-KES: {len(documents)} articles, {len(mentions)} actor mentions "
          f"({len(opposition)} of the armed opposition) in {seconds:.1f} s")
    print(top.to_string())
    print("\nshare of delegitimising labels for the armed opposition, by outlet:")
    print(delegitimising.round(3).to_string())
    print("\nshare of government-side mentions labelled with 'regime':")
    print(regime_share.sort_values().round(3).to_string())
    contrasts = {
        "sana_terrorists": int(table.loc["terrorists", "sana"]),
        "sana_rebels": int(table.loc["rebels"].get("sana", 0)),
        "reuters_rebels": int(table.loc["rebels", "reuters"]),
        "reuters_terrorists": int(table.loc["terrorists"].get("reuters", 0)),
        "etilaf_regime_labels": int(regime["etilaf"]),
        "etilaf_regime_share": round(float(regime_share["etilaf"]), 3),
    }
    holds = (contrasts["sana_terrorists"] > 100 and contrasts["sana_rebels"] == 0
             and contrasts["reuters_rebels"] > 10 * contrasts["reuters_terrorists"]
             and contrasts["etilaf_regime_share"] > 0.4)
    print(f"\nwrote {args.out}; known contrasts hold: {holds}")
    print(json.dumps({"benchmark": "labels_fakes", "articles": len(documents),
                      "mentions": len(mentions), "out": str(args.out), **contrasts,
                      "contrasts_hold": holds, "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    main()
