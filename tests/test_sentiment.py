"""Sentiment: the fast scorer equals nltk's VADER, explanations add up, targets differ."""
from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import sentiment
from analysis.segmenting import segment
from analysis.vader import FastVader, fast_vader, nltk_vader

KERRY = "Kerry warned of the danger of authoritarian populism"
COLUMNS = ["neg", "neu", "pos", "compound"]


def nltk_scores(text: str) -> tuple:
    return tuple(nltk_vader().polarity_scores(text)[c] for c in COLUMNS)


def assert_identical(texts):
    fast = FastVader()
    pairs = [(t, fast.scores(t), nltk_scores(t)) for t in texts]
    differing = [p for p in pairs if any(abs(a - b) > 1e-9 for a, b in zip(p[1], p[2]))]
    assert not differing, f"{len(differing)} of {len(texts)} differ, e.g. {differing[:3]}"


def seed_sentence(seed_analysis, start_of: str) -> str:
    texts = seed_analysis.sentences["text"]
    return texts[texts.str.startswith(start_of)].iloc[0]


def span(sentence: str, mention: str) -> tuple[int, int]:
    start = sentence.index(mention)
    return start, start + len(mention)


# --- the fast scorer is nltk's VADER -------------------------------------------------------

def test_fast_scorer_equals_nltk_on_every_seed_sentence(seed_analysis):
    assert_identical(seed_analysis.sentences["text"].tolist())


def test_fast_scorer_equals_nltk_on_all_vader_ground_truth_sentences(shared_benchmarks):
    texts = []
    for path in sorted((shared_benchmarks / "vader").glob("*_GroundTruth.txt")):
        corpus = pd.read_csv(path, sep="\t", header=None, names=["id", "mean", "text"],
                             quoting=3, encoding="utf-8", dtype={"text": "str"})
        texts += corpus["text"].tolist()
    assert len(texts) == 23_703
    assert_identical(texts)


def test_fast_scorer_equals_nltk_on_all_fakes_sentences(fakes_docs):
    texts = [s["text"] for doc_id, text in zip(fakes_docs["doc_id"], fakes_docs["text"])
             for s in segment(doc_id, text)[1]]
    assert len(texts) > 9_000
    assert_identical(texts)


# Words that trigger each of VADER's rules, so random sentences exercise their interplay.
RULE_WORDS = ["good", "GOOD", "bad", "BAD", "great", "hate", "kind", "of", "sort", "very",
              "VERY", "extremely", "barely", "kinda", "not", "isn't", "never", "so", "this",
              "So", "least", "at", "but", "But", "BUT", "the", "shit", "bomb", "cut",
              "mustard", "yeah", "right", "just", "enough", "without", "no", "love", "LOVE",
              ":)", ":(", "war", "killed", "a", "I", "Aleppo", "peace", "“danger”", "(sad)"]
PUNCT = ["", "", "", ",", ".", "!", "?", "!!", "?!?", "'", '"', "-", "...", ":"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PUNCT), st.sampled_from(RULE_WORDS),
                          st.sampled_from(PUNCT)), min_size=0, max_size=14))
def test_fast_scorer_equals_nltk_on_random_rule_combinations(parts):
    text = " ".join(a + w + b for a, w, b in parts)
    assert FastVader().scores(text) == pytest.approx(nltk_scores(text), abs=1e-9)


def test_score_engines_agree_and_label_with_the_thresholds(seed_analysis):
    texts = seed_analysis.sentences["text"]
    fast, slow = sentiment.score(texts), sentiment.score(texts, engine="nltk")
    pd.testing.assert_frame_equal(fast, slow)
    assert fast.index.equals(texts.index)
    assert list(fast.dtypes.astype(str)) == ["float64"] * 4 + ["str"]
    strict = sentiment.score(texts, threshold=0.5)
    assert (strict["label"] == "neu").sum() > (fast["label"] == "neu").sum()


def test_score_rejects_bad_input():
    assert sentiment.score([None, ""])["compound"].tolist() == [0.0, 0.0]
    with pytest.raises(TypeError, match="strings"):
        sentiment.score([3])
    with pytest.raises(ValueError, match="engine"):
        sentiment.score(["x"], engine="textblob")


# --- pipeline step and aggregates -----------------------------------------------------------

def test_analyze_adds_sentiment_to_every_seed_sentence(seed_analysis):
    sentences = seed_analysis.sentences
    assert sentences[COLUMNS].notna().all().all()
    assert set(sentences["label"]) == {"pos", "neg", "neu"}
    expected = sentiment.score(sentences["text"])
    pd.testing.assert_frame_equal(sentences[[*COLUMNS, "label"]], expected)


def test_aggregates_per_document_paragraph_and_outlet(seed_analysis):
    sentences = seed_analysis.sentences
    per_doc = sentiment.aggregate(sentences)
    assert per_doc["n_sentences"].tolist() == [len(sentences)]
    assert per_doc["mean_compound"].iloc[0] == pytest.approx(sentences["compound"].mean())
    assert per_doc["share_pos"].iloc[0] + per_doc["share_neg"].iloc[0] \
        + per_doc["share_neu"].iloc[0] == pytest.approx(1.0)
    per_paragraph = sentiment.aggregate(sentences, ["doc_id", "paragraph_id"])
    assert len(per_paragraph) == len(seed_analysis.paragraphs)
    assert per_paragraph["n_sentences"].sum() == len(sentences)
    per_source = sentiment.aggregate(sentences, "source", documents=seed_analysis.documents)
    assert per_source["n_sentences"].sum() == len(sentences)


def test_aggregate_per_speaker_uses_the_grouping_column_it_is_given(seed_analysis):
    sentences = seed_analysis.sentences.copy()
    sentences["speaker_canonical"] = ["Lavrov" if "Lavrov" in t else "narrator"
                                      for t in sentences["text"]]
    per_speaker = sentiment.aggregate(sentences, "speaker_canonical").set_index(
        "speaker_canonical")
    lavrov = sentences[sentences["speaker_canonical"] == "Lavrov"]
    assert per_speaker.loc["Lavrov", "n_sentences"] == len(lavrov)
    assert per_speaker.loc["Lavrov", "n_neg"] == (lavrov["label"] == "neg").sum()
    with pytest.raises(KeyError, match="quotes step"):
        sentiment.aggregate(sentences.drop(columns="speaker_canonical"), "speaker_canonical")


# --- explanations ---------------------------------------------------------------------------

def test_explain_sums_to_the_raw_score_on_every_seed_sentence(seed_analysis):
    for text, compound in zip(seed_analysis.sentences["text"],
                              seed_analysis.sentences["compound"]):
        table = sentiment.explain(text)
        raw = table.attrs["raw"]
        assert table["delta"].sum() == pytest.approx(raw, abs=1e-9), text
        assert round(raw / math.sqrt(raw * raw + 15), 4) == compound, text
        for _, row in table[table["token_id"] >= 0].iterrows():
            assert text[row["start"]:row["end"]] == row["token"]


def test_explain_shows_why_the_kerry_sentence_scores_minus_0_67():
    table = sentiment.explain(KERRY)
    assert table[["token", "rule", "delta"]].values.tolist() == [
        ["warned", "lexicon", -1.1], ["danger", "lexicon", -2.4]]
    assert table.attrs["compound"] == -0.6705 == nltk_vader().polarity_scores(KERRY)["compound"]


def test_explain_names_negation_boosters_caps_but_and_punctuation():
    text = "The talks were NOT very good, but the truce is really great!!"
    table = sentiment.explain(text)
    assert {"lexicon", "negation", "booster", "but", "punctuation"} <= set(table["rule"])
    assert table["delta"].sum() == pytest.approx(table.attrs["raw"])
    assert table.attrs["compound"] == nltk_scores(text)[3]


def test_in_the_seed_curly_quotes_hide_danger_from_vader(seed_analysis):
    text = seed_sentence(seed_analysis, "In his public speech, Kerry")
    tokens = sentiment.explain(text)["token"].tolist()
    assert "warned" in tokens and "danger" not in tokens


# --- sentiment toward a target --------------------------------------------------------------

def test_lavrov_and_the_russian_threat_fare_differently(seed_analysis):
    text = seed_sentence(seed_analysis, "The Russian minister dismissed")
    assert sentiment.target_sentiment(text, *span(text, "the Russian threat")) == "neg"
    assert sentiment.target_sentiment(text, *span(text, "The Russian minister")) == "neu"


def test_assad_and_the_rebels_fare_differently(seed_analysis):
    text = seed_sentence(seed_analysis, "Meanwhile, Syrian President")
    assert sentiment.target_sentiment(text, *span(text, "Bashar al-Assad")) == "pos"
    assert sentiment.target_sentiment(text, *span(text, "the rebels")) == "neg"


def test_a_speaker_is_not_judged_by_what_he_says(seed_analysis):
    text = seed_sentence(seed_analysis, "“The terrorists are located")
    speaker = text.rindex("he said")
    assert sentiment.target_sentiment(text, speaker, speaker + 2) == "neu"
    assert sentiment.target_sentiment(text, *span(text, "The terrorists")) == "neg"
    table = sentiment.explain(text, target=(speaker, speaker + 2))
    assert len(table) and table["speaker"].all()
    assert table["contribution"].sum() == pytest.approx(table.attrs["score"])


def test_a_subordinate_clause_is_another_clause(seed_analysis):
    text = seed_sentence(seed_analysis, "Assad ruled out a new truce")
    table = sentiment.explain(text, target=span(text, "Assad"))
    benefit = table[table["token"] == "benefit"].iloc[0]
    # ", because, he said, it would benefit": three commas and the subordinator "because"
    assert benefit["boundaries"] == 4
    assert table.attrs["label"] == "neu"


def test_a_speaker_is_found_past_an_apposition_or_an_adverb(shared_benchmarks):
    cue = re.compile(r"(?:, (?:a|an|the) [a-z][^,.]{2,60},| also|| reportedly) said\b")
    found = []
    with open(shared_benchmarks / "newsmtsc" / "newsmtsc-rw_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text = row["sentence_normalized"]
            found += [(text, t["from"], t["to"]) for t in row["targets"]
                      if cue.match(text, t["to"])]
    assert len(found) >= 5
    assert all(sentiment.explain(text, target=(a, b)).attrs["speaker"] for text, a, b in found)


def test_target_explanation_sums_to_its_score(seed_analysis):
    text = seed_sentence(seed_analysis, "In addition, he warned")
    table = sentiment.explain(text, target=span(text, "rebels"))
    assert table.attrs["label"] == "neg"
    assert "terrorists" in table["token"].tolist()
    assert (table["contribution"] == table["valence"] * table["weight"]).all()
    assert table["contribution"].sum() == pytest.approx(table.attrs["score"])


def test_target_offsets_are_checked():
    with pytest.raises(ValueError, match="offsets"):
        sentiment.target_sentiment("Short.", 3, 30)


# --- the news adjustment layer --------------------------------------------------------------

def test_news_layer_is_off_by_default_and_switchable():
    text = "The Republican Party asked the Supreme Court to rule."
    assert sentiment.score([text])["compound"].iloc[0] > 0.5
    assert sentiment.score([text], adjust="news")["compound"].iloc[0] == 0.0
    assert fast_vader("news").lexicon["slammed"] < 0 and "slammed" not in fast_vader().lexicon
    with pytest.raises(ValueError, match="engine='fast' only"):
        sentiment.score([text], engine="nltk", adjust="news")


def test_step_options_reach_the_scorer(seed_docs):
    result = analysis.analyze(seed_docs, sentiment_threshold=0.9)
    assert set(result.sentences["label"]) == {"neu"}
