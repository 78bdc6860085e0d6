"""Figures draw the data they expose (``fig.data``), on real text, without pyplot."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from analysis import compare, plots
from analysis.resources import vader_lexicon_url
from analysis.style import NARRATOR_COLOR

KERRY = ("In his public speech, Kerry defended the need for defending democracy and human rights,"
         " “timeless principles” that “must be constantly defended” and warned of the “danger of "
         "authoritarian populism.”")
LAVROV = ("Lavrov demanded “respect” for his country and equal treatment, in addition to the end "
          "of “double standards” and “coercion”, to restore “confidence” and ensure peace on the "
          "continent. The Russian minister dismissed “the Russian threat” as a “myth” and "
          "suggested to the West to end the “belligerent rhetoric”.")


@pytest.fixture(scope="module")
def scored(seed_analysis):
    vader = SentimentIntensityAnalyzer(lexicon_file=vader_lexicon_url())
    sentences = seed_analysis.sentences.copy()
    sentences["compound"] = [vader.polarity_scores(t)["compound"] for t in sentences["text"]]
    return sentences


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_import_and_figures_never_load_pyplot():
    code = ("import sys, analysis, analysis.plots, analysis.display\n"
            "assert 'matplotlib' not in sys.modules, 'import analysis loaded matplotlib'\n"
            "import pandas as pd\n"
            "fig = analysis.plots.count_heatmap(pd.DataFrame({'a': ['x'], 'b': ['y']}),"
            " rows='a', columns='b')\n"
            "assert 'matplotlib.pyplot' not in sys.modules\n"
            "assert fig._repr_png_()[:4] == b'\\x89PNG'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_sentiment_arc_draws_each_seed_sentence_in_order(scored):
    fig = plots.sentiment_arc(scored)
    ax = fig.axes[0]
    assert fig.data["compound"].tolist() == scored.sort_values("sentence_id")["compound"].tolist()
    heights = sorted((p.get_x() + p.get_width() / 2, p.get_height()) for p in ax.patches)
    assert [round(h, 4) for _, h in heights] == [round(c, 4) for c in fig.data["compound"]]
    assert fig.data["rolling_mean"].iloc[1] == pytest.approx(scored["compound"].iloc[:3].mean())
    assert "aleppo-osce-2016" in ax.get_title(loc="left")
    assert ax.get_ylabel().startswith("VADER compound")
    # with no quotes attributed yet, every sentence is the narrator's, drawn grey
    if "speaker_canonical" not in scored:
        assert {p.get_facecolor()[:3] for p in ax.patches} == {
            tuple(int(NARRATOR_COLOR[i:i + 2], 16) / 255 for i in (1, 3, 5))}


def test_sentiment_arc_needs_a_doc_id_for_several_documents(scored):
    two = pd.concat([scored, scored.assign(doc_id="other")])
    with pytest.raises(ValueError, match="pass doc_id"):
        plots.sentiment_arc(two)
    assert plots.sentiment_arc(two, doc_id="other").data["compound"].size == len(scored)


def test_speaker_comparison_writes_counts_beside_bars():
    vader = SentimentIntensityAnalyzer(lexicon_file=vader_lexicon_url())
    profiles = pd.DataFrame({
        "speaker_canonical": ["John Kerry", "Sergei Lavrov"],
        "quotes": [3, 7], "words": [len(KERRY.split()), len(LAVROV.split())],
        "sentiment": [vader.polarity_scores(KERRY)["compound"],
                      vader.polarity_scores(LAVROV)["compound"]],
        "devices_per_100_words": [10.0, 20.0]})
    fig = plots.speaker_comparison(profiles)
    assert fig.data["speaker_canonical"].tolist() == ["Sergei Lavrov", "John Kerry"]
    left, right = fig.axes
    kerry = profiles.loc[0]
    assert f"{kerry['sentiment']:+.2f}  ({kerry['words']} words)" in _texts(left)
    assert any("devices)" in t for t in _texts(right))
    only_sentiment = plots.speaker_comparison(profiles.drop(columns="devices_per_100_words"))
    assert len(only_sentiment.axes) == 1


def test_fightin_words_plot_labels_the_words_each_speaker_used():
    scores = compare.fightin_words(KERRY, LAVROV, prior=0.5)
    fig = plots.fightin_words(scores, labels=("Kerry", "Lavrov"), top=5)
    data = fig.data
    for side, sign, text in (("Kerry", 1, KERRY), ("Lavrov", -1, LAVROV)):
        part = data[np.sign(data["z"]) == sign]
        chosen = part[part["labelled"]]
        assert len(chosen) == 5
        assert (sign * chosen["z"]).min() >= (sign * part.loc[~part["labelled"], "z"]).max()
        assert set(chosen["term"]) <= set(compare.words(text))
    labelled = set(data.loc[data["labelled"], "term"])
    assert "defended" in labelled  # Kerry says it twice: the top of his side
    assert set(_texts(fig.axes[0])) == labelled
    assert fig.axes[0].get_xscale() == "log"


def test_frame_profile_draws_the_package_rates(seed_analysis):
    from analysis import framing

    summary = framing.frame_summary(seed_analysis.frames, seed_analysis.documents)
    fig = plots.frame_profile(summary)
    drawn = fig.data.set_index("frame")["per_1000_words"]
    expected = summary.set_index("category")["per_1000"]
    assert drawn.to_dict() == pytest.approx(expected.to_dict())
    assert drawn["conflict"] > 0
    bars = sorted(p.get_width() for p in fig.axes[0].patches)
    assert bars == pytest.approx(sorted(expected))


def test_frame_profile_per_group_pools_cues_and_words(seed_analysis):
    from analysis import framing

    two = pd.concat([seed_analysis.documents,
                     seed_analysis.documents.assign(doc_id="copy")], ignore_index=True)
    summary = framing.frame_summary(seed_analysis.frames, two)
    fig = plots.frame_profile(summary, by="source",
                              groups=two.assign(source=["seed", "copy"]))
    rates = fig.data.pivot(index="frame", columns="group", values="per_1000_words")
    assert (rates["copy"] == 0).all() and (rates["seed"] > 0).any()


def test_count_heatmap_writes_every_count(seed_analysis):
    text = seed_analysis.sentences
    rows = [{"paragraph": p, "word": w} for p, t in zip(text["paragraph_id"], text["text"])
            for w in compare.words(t) if w in ("aleppo", "lavrov", "assad")]
    fig = plots.count_heatmap(pd.DataFrame(rows), rows="word", columns="paragraph")
    expected = pd.crosstab(pd.DataFrame(rows)["word"], pd.DataFrame(rows)["paragraph"])
    assert fig.data.sum().sum() == len(rows)
    assert fig.data.loc["aleppo"].sum() == expected.loc["aleppo"].sum()
    cells = fig.data.shape[0] * fig.data.shape[1]
    assert len(fig.axes[0].texts) == cells


def test_count_heatmap_shows_the_fakes_label_contrast(fakes_docs):
    rows = [{"source": s, "label": w} for s, t in zip(fakes_docs["source"], fakes_docs["text"])
            for w in compare.words(t) if w in ("terrorist", "terrorists", "rebel", "rebels")]
    table = pd.DataFrame(rows).assign(label=lambda d: d["label"].str.rstrip("s"))
    fig = plots.count_heatmap(table, rows="label", columns="source", normalize="columns")
    sana = fig.data.filter(like="sana")
    reuters = fig.data.filter(like="reuters")
    assert sana.loc["terrorist"].sum() > 100 and sana.loc["rebel"].sum() == 0
    assert reuters.loc["rebel"].sum() > 10 * max(1, reuters.loc["terrorist"].sum())


def test_voices_timeline_puts_each_speaker_on_a_lane(seed_text):
    spans = [("John Kerry", "partial", "“danger of authoritarian populism.”"),
             ("Sergei Lavrov", "partial", "“myth”"),
             ("Sergei Lavrov", "direct", "“This is the largest and most recent action")]
    quotes = pd.DataFrame([{"doc_id": "aleppo-osce-2016", "speaker_canonical": s, "kind": k,
                            "quote_start": seed_text.index(q),
                            "quote_end": seed_text.index(q) + len(q), "quote": q}
                           for s, k, q in spans])
    fig = plots.voices_timeline(quotes, text_length=len(seed_text))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Sergei Lavrov (2)", "John Kerry (1)"]
    assert ax.get_xlim() == (0, len(seed_text))
    assert fig.data["quote_start"].is_monotonic_increasing


def test_metric_bars_skip_missing_series_and_values():
    results = pd.DataFrame({"task": ["quotes F1@0.3", "frames macro-F1"],
                            "ours": [0.8, 0.62], "reference": [0.837, np.nan]})
    fig = plots.metric_bars(results, metric="F1")
    assert list(fig.data.columns) == ["task", "ours", "reference"]
    assert sorted(_texts(fig.axes[0])) == [" 0.62", " 0.80", " 0.84"]


def test_count_heatmap_takes_a_count_table_as_it_is(seed_analysis):
    from analysis import framing

    table = framing.label_by_speaker(seed_analysis.mentions, family="armed_opposition")
    fig = plots.count_heatmap(table)
    assert fig.data.sum().sum() == table.to_numpy().sum()
    assert "terrorists" in fig.data.index
    assert fig.axes[0].get_xlabel() == "speaker_canonical"
    rates = plots.count_heatmap(table / 3, fmt="{:.2f}", legend="per thing")
    assert any(t.get_text().endswith(".33") or t.get_text().endswith(".67")
               for t in rates.axes[0].texts)


def test_ranked_bars_sort_and_write_the_counts(scored):
    from analysis import sentiment

    per_paragraph = sentiment.aggregate(scored, by="paragraph_id")
    fig = plots.ranked_bars(per_paragraph, label="paragraph_id", value="mean_compound",
                            count="n_sentences", diverging=True)
    assert fig.data["mean_compound"].is_monotonic_increasing
    lowest = fig.data.loc[0, "mean_compound"]
    n = fig.data.loc[0, "n_sentences"]
    assert f" {lowest:+.3f}  (n = {n}) " in _texts(fig.axes[0])
    assert len(fig.axes[0].patches) == len(per_paragraph)


def test_over_time_means_per_quarter(fakes_docs):
    from analysis import sentiment

    titles = fakes_docs.assign(
        compound=sentiment.score(fakes_docs["title"].fillna(""))["compound"].to_numpy(),
        when=pd.to_datetime(fakes_docs["date"], format="%m/%d/%y", errors="coerce"))
    fig = plots.over_time(titles, date="when", value="compound", freq="QS")
    assert fig.data["n"].sum() == titles["when"].notna().sum()
    by_hand = titles.groupby(titles["when"].dt.to_period("Q"))["compound"].mean()
    assert fig.data["mean"].tolist() == pytest.approx(by_hand.tolist())


def test_agreement_reports_pearson_r_per_group(scored):
    table = scored.assign(length=scored["text"].str.len(), half=scored["sentence_id"] % 2)
    fig = plots.agreement(table, x="length", y="compound", by="half")
    assert fig.data["n"].sum() == len(scored)
    even = table[table["half"] == 0]
    assert fig.data.loc[0, "pearson_r"] == pytest.approx(np.corrcoef(even["length"],
                                                                     even["compound"])[0, 1])
    assert len(fig.axes) == 2
