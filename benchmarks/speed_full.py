"""Speed of the whole analysis against nltk's VADER alone, on the FA-KES articles.

Both are timed in this run on the same machine (CPU seconds of this process): ``analyze()`` on every FA-KES document
(segmentation and every step in ``core.STEPS``) against nltk's ``SentimentIntensityAnalyzer``
scoring the sentences that ``analyze()`` found. Lexicons are loaded before timing (one warm-up
document each). Goal: ratio <= 1.0, of the least CPU times of 3 runs each, the full analysis
and VADER taking turns (the ratio of the median runs is printed too).

The timed runs come after one full run, as in a long corpus run: the caches that grow with the
vocabulary (stems, the lexicon engine's moves per word) are filled. That first run is timed
and reported too.

Usage: python benchmarks/speed_full.py --data /work/shared/benchmarks
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from _common import fakes_csv


def cpu_times(repeats: int, run) -> list[float]:
    """CPU times of this process over ``repeats`` runs (steadier than wall time on a shared
    machine; the work is single-threaded, so the two agree on an idle one)."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared benchmarks folder")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    import analysis
    from analysis import core
    from analysis.resources import vader_lexicon_url

    documents = analysis.load_corpus(fakes_csv(args.data))
    analysis.analyze(documents.head(1), progress=False)
    started = time.process_time()
    sentences = analysis.analyze(documents, progress=False).sentences["text"].tolist()
    first_s = time.process_time() - started
    vader = SentimentIntensityAnalyzer(lexicon_file=vader_lexicon_url())
    vader.polarity_scores(sentences[0])

    def analyze_all() -> None:
        analysis.analyze(documents, progress=False)

    def vader_all() -> None:
        for sentence in sentences:
            vader.polarity_scores(sentence)

    steps, rows = core.STEPS, []
    for n in range(len(steps)):
        core.STEPS = steps[:n]
        rows.append(("segmentation" if n == 0 else f"+ {steps[n - 1]}",
                     min(cpu_times(args.repeats, analyze_all))))
    core.STEPS = steps
    # The full analysis and VADER take turns, so that a change in the host's load weighs on
    # both sides of the ratio.
    full_times, vader_times = [], []
    for _ in range(args.repeats):
        full_times += cpu_times(1, analyze_all)
        vader_times += cpu_times(1, vader_all)
    rows.append((f"+ {steps[-1]}", min(full_times)))
    full, full_median = min(full_times), statistics.median(full_times)
    vader_s, vader_median = min(vader_times), statistics.median(vader_times)

    print(f"FA-KES: {len(documents)} documents, {len(sentences)} sentences; "
          f"best of {args.repeats} runs\n")
    print(f"{'analyze() with':<28}{'CPU s':>9}{'docs/s':>9}")
    for label, seconds in rows:
        print(f"{label:<28}{seconds:>9.2f}{len(documents) / seconds:>9.0f}")
    print(f"{'nltk VADER alone':<28}{vader_s:>9.2f}{'':>9}  ({len(sentences) / vader_s:,.0f} "
          "sentences/s)")
    ratio = full / vader_s
    print(f"\nratio full analysis / VADER alone = {ratio:.2f} (goal <= 1.0); of the median "
          f"runs {full_median:.2f} / {vader_median:.2f} = {full_median / vader_median:.2f}")
    print(f"first full run, with the vocabulary caches still empty: {first_s:.2f} CPU s "
          f"(ratio {first_s / vader_s:.2f})")
    print(json.dumps({
        "benchmark": "speed_full", "documents": len(documents), "sentences": len(sentences),
        "steps": list(steps), "analyze_s": round(full, 3), "vader_s": round(vader_s, 3),
        "by_step_s": {label: round(s, 3) for label, s in rows},
        "ratio": round(ratio, 3), "goal": 1.0, "pass": ratio <= 1.0,
        "median_analyze_s": round(full_median, 3), "median_vader_s": round(vader_median, 3),
        "median_ratio": round(full_median / vader_median, 3),
        "first_run_s": round(first_s, 3), "first_run_ratio": round(first_s / vader_s, 3),
    }))


if __name__ == "__main__":
    main()
