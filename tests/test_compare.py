"""Comparing voices: Fightin' Words, keyness, collocations, concordance, speaker profiles."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis import compare


def test_log_odds_matches_hand_worked_example():
    # Group a "war war peace" (n_a = 3), group b "peace talks" (n_b = 2), uniform prior a_w = 1
    # over the three words, so a_0 = 3. For "war" (y_a = 2, y_b = 0):
    # delta = log(3 / (3 + 3 - 2 - 1)) - log(1 / (2 + 3 - 0 - 1)) = log 4, var = 1/3 + 1/1.
    fw = compare.fightin_words("war war peace", "peace talks", prior=1.0).set_index("term")
    assert fw.loc["war", "delta"] == pytest.approx(math.log(4))
    assert fw.loc["war", "variance"] == pytest.approx(4 / 3)
    assert fw.loc["war", "z"] == pytest.approx(math.log(4) / math.sqrt(4 / 3))
    # "peace" (1, 1): log(2/4) - log(2/3) = log(3/4), var = 1/2 + 1/2.
    assert fw.loc["peace", "delta"] == pytest.approx(math.log(0.75))
    assert fw.loc["peace", "z"] == pytest.approx(math.log(0.75))
    # "talks" (0, 1): log(1/5) - log(2/3), var = 1 + 1/2.
    assert fw.loc["talks", "z"] == pytest.approx(
        (math.log(1 / 5) - math.log(2 / 3)) / math.sqrt(1.5))
    assert fw[["count_a", "count_b"]].loc["war"].tolist() == [2, 0]


def test_swapping_groups_negates_z(seed_text):
    paragraphs = seed_text.split("\n\n")
    a, b = paragraphs[:8], paragraphs[8:]
    for prior in (None, 0.5, {"aleppo": 5.0, "the": 50.0}):
        ab = compare.fightin_words(a, b, prior=prior).set_index("term")
        ba = compare.fightin_words(b, a, prior=prior).set_index("term").loc[ab.index]
        assert (ab["z"] + ba["z"]).abs().max() < 1e-12
        assert (ab["variance"] - ba["variance"]).abs().max() < 1e-12
        assert (ab["count_a"] == ba["count_b"]).all()
    assert ab["z"].is_monotonic_decreasing


def test_fightin_words_rejects_empty_group():
    with pytest.raises(ValueError, match="at least one word"):
        compare.fightin_words(["", "..."], "words here")


def _voice(quotes: pd.DataFrame, surname: str) -> list[str]:
    mask = quotes["speaker_canonical"].fillna("").str.contains(surname)
    return quotes.loc[mask, "quote"].tolist()


def test_kerry_vs_lavrov_ranks_words_each_used(seed_analysis):
    if "quotes" not in seed_analysis.tables:
        pytest.skip("the quotes step is not in the pipeline yet")
    kerry = _voice(seed_analysis.quotes, "Kerry")
    lavrov = _voice(seed_analysis.quotes, "Lavrov")
    fw = compare.fightin_words(kerry, lavrov, drop_stopwords=True)
    kerry_top = fw.head(5)
    lavrov_top = fw.tail(5)
    assert (kerry_top["count_a"] > 0).all() and (kerry_top["count_b"] == 0).all()
    assert (lavrov_top["count_b"] > 0).all() and (lavrov_top["count_a"] == 0).all()
    assert {"populism", "principles"} & set(fw.loc[fw["z"] > 0, "term"])
    assert {"coercion", "myth", "belligerent"} <= set(fw.loc[fw["z"] < 0, "term"])


def test_keyness_finds_what_the_target_overuses(seed_text):
    paragraphs = seed_text.split("\n\n")
    assad = [p for p in paragraphs if "Assad" in p]
    rest = [p for p in paragraphs if "Assad" not in p]
    key = compare.keyness(assad, rest, drop_stopwords=True)
    assert key.loc[0, "term"] in {"assad", "war", "terrorists", "end"}
    assert key["log_likelihood"].is_monotonic_decreasing
    row = key.set_index("term").loc["assad"]
    a, b = row["count"], row["count_reference"]
    c = sum(len(compare.words(p)) - sum(w in compare.stopwords() for w in compare.words(p))
            for p in assad)
    d = sum(len(compare.words(p)) - sum(w in compare.stopwords() for w in compare.words(p))
            for p in rest)
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    expected = 2 * (a * math.log(a / e1) + (b * math.log(b / e2) if b else 0.0))
    assert row["log_likelihood"] == pytest.approx(expected)


def test_collocations_on_seed_article(seed_text):
    pairs = compare.collocations(seed_text, min_count=2)
    found = set(zip(pairs["w1"], pairs["w2"]))
    assert ("eastern", "aleppo") in found
    assert not any(w in compare.stopwords() for w in pairs["w1"].tolist() + pairs["w2"].tolist())
    with pytest.raises(ValueError, match="measure"):
        compare.collocations(seed_text, measure="magic")


def test_concordance_offsets_point_into_text(seed_docs):
    kwic = compare.concordance(seed_docs, "terrorists", width=30)
    text = seed_docs.loc[0, "text"]
    assert len(kwic) == 3
    for row in kwic.itertuples():
        assert text[row.start:row.end].lower() == "terrorists"
        assert text[row.start - len(row.left):row.start].replace("\n", " ") == row.left
    assert list(kwic.columns) == ["doc_id", "start", "end", "left", "match", "right"]


def test_speaker_profiles_tolerate_missing_tables():
    result = analysis.analyze(analysis.read_article("Lavrov spoke. Kerry answered."))
    profiles = compare.speaker_profiles(result)
    assert list(profiles.columns[:8]) == ["speaker_canonical", "quotes", "words", "sentiment",
                                          "devices_per_100_words", "top_devices", "frames",
                                          "labels"]
    bare = compare.speaker_profiles({"sentences": result.sentences.drop(
        columns=[c for c in result.sentences.columns if c == "speaker_canonical"])})
    assert len(bare) == 0


def test_speaker_profiles_on_seed(seed_analysis):
    if "quotes" not in seed_analysis.tables:
        pytest.skip("the quotes step is not in the pipeline yet")
    profiles = compare.speaker_profiles(seed_analysis).set_index("speaker_canonical")
    lavrov = [s for s in profiles.index if "Lavrov" in s]
    assert lavrov and profiles.loc[lavrov[0], "quotes"] >= 5
    assert profiles.loc[lavrov[0], "words"] > 20


def test_fakes_outlets_set_apart(fakes_docs):
    sana = fakes_docs.loc[fakes_docs["source"] == "sana", "text"]
    reuters = fakes_docs.loc[fakes_docs["source"] == "reuters", "text"]
    fw = compare.fightin_words(sana, reuters).set_index("term")
    assert fw.loc["terrorist", "z"] > 5 > fw.loc["terrorist", "count_b"]
    assert fw.loc["rebels", "z"] < -2
    counted = compare.fightin_words(compare.counts(sana), compare.counts(reuters))
    assert counted.set_index("term")["z"].equals(fw["z"])
