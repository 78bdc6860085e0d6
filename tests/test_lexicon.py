"""The lexicon engine on sentences of the seed article."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon import compile_lexicon, load_lexicon, match, negated


def test_inflection_matches_plural_and_possessive(seed_text):
    m = compile_lexicon({"armed": ["rebel"]})
    found = [seed_text[s:e] for s, e, _ in m.finditer(seed_text)]
    assert found == ["rebels", "rebels"]


def test_multi_word_phrase_wins_over_its_head_word(seed_text):
    m = compile_lexicon({"army": ["Syrian Army"], "generic": ["army"]})
    hits = [(seed_text[s:e], entry["category"]) for s, e, entry in m.finditer(seed_text)]
    assert hits.count(("Syrian Army", "army")) == 2
    assert ("Syrian army", "army") in hits
    assert ("army", "generic") in hits  # "an army victory": no "Syrian" before it
    assert not any(text == "Army" for text, _ in hits)


def test_phrase_never_spans_punctuation():
    m = compile_lexicon({"x": ["fire government"]})
    assert list(m.finditer("artillery fire, government troops")) == []
    assert len(list(m.finditer("artillery fire government troops"))) == 1


def test_exact_case_for_acronyms_and_names():
    lexicon = pd.DataFrame({"category": ["jihadist", "person"], "term": ["IS", "Assad"],
                            "case": ["exact", "exact"]})
    m = compile_lexicon(lexicon)
    text = "It is what IS fighters said; assad? Assad’s army."
    assert [text[s:e] for s, e, _ in m.finditer(text)] == ["IS", "Assad’s"]


def test_exact_and_folded_terms_sharing_a_first_word_both_match():
    lexicon = pd.DataFrame({"category": ["person", "government"],
                            "term": ["Assad", "Assad regime"], "case": ["exact", "fold"]})
    m = compile_lexicon(lexicon)
    text = "the Assad regime said; Assad spoke"
    assert [(text[s:e], entry["category"]) for s, e, entry in m.finditer(text)] == [
        ("Assad regime", "government"), ("Assad", "person")]


def test_prefix_wildcard():
    m = compile_lexicon({"aid": ["humanitarian* disaster"]})
    text = "They also warned of a “humanitarian disaster” and humanitarianism disasters."
    assert [text[s:e] for s, e, _ in m.finditer(text)] == [
        "humanitarian disaster", "humanitarianism disasters"]


def test_same_term_in_two_categories_yields_both():
    m = compile_lexicon({"conflict": ["shelling"], "violence": ["shelling"]})
    cats = [e["category"] for *_, e in m.finditer("intense fighting and shelling for weeks")]
    assert sorted(cats) == ["conflict", "violence"]


def test_negation_scope():
    assert negated("Syria has not shelled the city", 19)
    assert not negated("Syria has shelled the city", 15)
    assert not negated("No. The army shelled it", 13)  # punctuation ends the scope
    assert not negated("they did not leave the city and then shelled", 37)  # too far


def test_match_offsets_point_into_the_document(seed_analysis, seed_text):
    found = match(seed_analysis.sentences, {"conflict": ["war", "artillery fire", "fighting"],
                                            "aid": ["aid", "humanitarian disaster"]})
    assert len(found) >= 8
    for start, end, text in found[["start", "end", "text"]].itertuples(index=False):
        assert seed_text[start:end] == text
    assert {"war", "artillery fire", "fighting", "aid", "humanitarian disaster"} == set(
        found["term"])
    assert found["doc_id"].nunique() == 1


def test_user_csv_with_comments_and_extra_columns(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("# my own categories\ncategory,term,weight\ndiplomacy,negotiation,2\n"
                    "diplomacy,bilateral meeting,1\n", encoding="utf-8")
    lexicon = load_lexicon(path)
    assert list(lexicon.columns) == ["category", "term", "case", "inflect", "weight"]
    sentences = pd.DataFrame({"doc_id": ["d"], "sentence_id": [3], "start": [50], "text": [
        "including two bilateral meetings, despite further negotiations"]})
    found = match(sentences, path)
    assert found[["text", "weight"]].values.tolist() == [
        ["bilateral meetings", "1"], ["negotiations", "2"]]
    assert found["start"].iloc[0] == 50 + len("including two ")


def test_an_edited_lexicon_file_is_read_again(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("category,term\ndiplomacy,talks\n", encoding="utf-8")
    first = load_lexicon(path)
    first.loc[0, "term"] = "changed by the caller"
    assert load_lexicon(path)["term"].tolist() == ["talks"]
    path.write_text("category,term\ndiplomacy,summit\ndiplomacy,envoy\n", encoding="utf-8")
    assert load_lexicon(path)["term"].tolist() == ["summit", "envoy"]


def test_list_of_sources_is_concatenated(tmp_path):
    lexicon = load_lexicon([{"a": ["war"]}, pd.DataFrame({"category": ["b"], "term": ["truce"]})])
    assert lexicon[["category", "term"]].values.tolist() == [["a", "war"], ["b", "truce"]]


def test_bad_lexicons_say_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="category"):
        load_lexicon(pd.DataFrame({"word": ["war"]}))
    with pytest.raises(FileNotFoundError, match="CSV file path"):
        load_lexicon("no-such-lexicon")
    with pytest.raises(ValueError, match="case"):
        load_lexicon(pd.DataFrame({"category": ["a"], "term": ["b"], "case": ["upper"]}))
    with pytest.raises(TypeError):
        load_lexicon(42)


def test_compiled_matchers_are_cached_by_content():
    assert compile_lexicon({"a": ["war"]}) is compile_lexicon({"a": ["war"]})
    assert compile_lexicon({"a": ["war"]}) is not compile_lexicon({"a": ["wars", "war"]})


def test_one_pass_agrees_with_a_term_by_term_search(seed_text):
    terms = ["aid", "civilians", "war", "terrorists", "Aleppo", "OSCE", "meeting"]
    m = compile_lexicon({"t": terms, "u": ["eastern Aleppo"]})
    one_pass = {(s, e) for s, e, entry in m.finditer(seed_text) if entry["category"] == "t"}
    inside_phrase = {hit.start() + len("eastern ")
                     for hit in re.finditer("eastern Aleppo", seed_text, re.IGNORECASE)}
    naive = {hit.span() for term in terms
             for hit in re.finditer(rf"\b{term}s?\b", seed_text, re.IGNORECASE)
             if hit.start() not in inside_phrase}
    assert one_pass == naive


VOCABULARY = ["rebel", "rebels", "fired", "fire", "attack", "attacks", "Syrian", "army",
              "Army", "the", "of", ",", "."]


@settings(max_examples=150, deadline=None)
@given(terms=st.lists(st.lists(st.sampled_from(VOCABULARY[:11]), min_size=1, max_size=3),
                      min_size=1, max_size=6),
       words=st.lists(st.sampled_from(VOCABULARY), max_size=25))
def test_one_pass_equals_leftmost_longest_by_brute_force(terms, words):
    from analysis.lexicon import WORD_RE, stem

    lexicon = {"c": [" ".join(t) for t in terms]}
    text = " ".join(words)
    keys = {tuple(stem(w) for w in WORD_RE.findall(term)) for term in lexicon["c"]}
    tokens = list(WORD_RE.finditer(text))
    stems = [stem(t.group()) for t in tokens]
    expected, i = [], 0
    while i < len(tokens):
        longest = max((k for k in range(1, 4) if tuple(stems[i:i + k]) in keys
                       and i + k <= len(tokens)), default=0)
        if longest:
            expected.append((tokens[i].start(), tokens[i + longest - 1].end()))
        i += longest or 1
    found = [(s, e) for s, e, _ in compile_lexicon(lexicon).finditer(text)]
    assert found == expected


def test_memoised_moves_give_the_same_matches_on_a_second_pass(seed_text):
    m = load_lexicon(["frames", "policy_frames"])
    fresh = compile_lexicon(m.assign(note="fresh"))
    first = [(s, e, entry["category"]) for s, e, entry in fresh.finditer(seed_text)]
    again = [(s, e, entry["category"]) for s, e, entry in fresh.finditer(seed_text)]
    assert first == again and len(first) > 50


def test_a_matcher_that_forgets_its_moves_still_finds_every_match(seed_text, monkeypatch):
    from analysis import lexicon
    from analysis.segmenting import word_span

    lexicon_table = load_lexicon("frames")
    expected = [(s, e, x["category"]) for s, e, x in
                compile_lexicon(lexicon_table).finditer(seed_text)]
    monkeypatch.setattr(lexicon, "MAX_MOVES", 40)
    small = lexicon.Matcher(lexicon_table)
    paragraphs = seed_text.split("\n\n")
    for _ in range(2):  # texts with more new words than MAX_MOVES, then the seed again
        for paragraph in paragraphs:
            list(small.finditer(paragraph))
        found = [(s, e, x["category"]) for s, e, x in small.finditer(seed_text)]
        assert found == expected
    assert len(small._known[0].moves) <= len(set(word_span(seed_text).words))


def test_threads_sharing_a_matcher_that_forgets_find_what_one_thread_finds(seed_text,
                                                                           monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from analysis import lexicon

    monkeypatch.setattr(lexicon, "MAX_MOVES", 30)
    table = load_lexicon(["frames", "actors"])
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()] * 6

    def found(matcher, text):
        return [(s, e, x["category"]) for s, e, x in matcher.finditer(text)]

    expected = [found(lexicon.Matcher(table), p) for p in paragraphs]
    shared = lexicon.Matcher(table)
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda p: found(shared, p), paragraphs)) == expected
    assert sum(map(len, expected)) > 50


def test_spans_mark_negation_as_negated_does(seed_analysis, seed_text):
    m = compile_lexicon(load_lexicon(["frames", "devices"]))
    flags = [(neg, negated(seed_text, s, start=start))
             for start, end in seed_analysis.sentences[["start", "end"]].itertuples(index=False)
             for _ in range(2)  # the second time every word's scope is known
             for s, _, _, neg in m.spans(seed_text, start, end)]
    assert all(neg == expected for neg, expected in flags)
    assert sum(neg for neg, _ in flags) >= 2


def test_matchers_taking_turns_find_what_a_fresh_matcher_finds(seed_text, monkeypatch):
    from analysis import lexicon

    monkeypatch.setattr(lexicon, "MAX_MOVES", 60)  # the words met start afresh now and then
    tables = [load_lexicon("frames"), load_lexicon("actors"), load_lexicon("devices")]
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]

    def found(matcher, text):
        return [(s, e, x["category"]) for s, e, x in matcher.finditer(text)]

    expected = [[found(lexicon.Matcher(t), p) for t in tables] for p in paragraphs]
    matchers = [lexicon.Matcher(t) for t in tables]
    late = lexicon.Matcher(tables[0])  # meets the words only after the others did
    for k, paragraph in enumerate(paragraphs * 2):
        turn = [found(m, paragraph) for m in matchers]
        assert turn == expected[k % len(paragraphs)]
        if k % 3 == 2:
            assert found(late, paragraph) == turn[0]
    assert sum(len(x) for e in expected for x in e) > 50
