"""Word tokens and speaker noun phrases: offsets as the segmenter's tokens, invisible format
characters skipped, name tests and noun phrases on real sentences."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import phrases
from analysis.phrases import Tokens, np_left, np_right
from analysis.segmenting import TOKEN_RE


def _expected(text: str) -> tuple[tuple, tuple, tuple]:
    matches = [m for m in TOKEN_RE.finditer(text) if unicodedata.category(m.group()[0]) != "Cf"]
    return (tuple(m.start() for m in matches), tuple(m.end() for m in matches),
            tuple(m.group() for m in matches))


def test_tokens_are_the_segmenter_tokens_with_offsets(seed_text):
    toks = Tokens(seed_text)
    assert (toks.starts, toks.ends, toks.words) == _expected(seed_text)
    assert toks.low == tuple(w.lower() for w in toks.words)


def test_invisible_format_characters_are_no_words():
    text = "Lavrov\u200b said\ufeff “no” \u00ad to Moscow-backed talks\u200e."
    toks = Tokens(text)
    assert toks.words == ("Lavrov", "said", "“", "no", "”", "to", "Moscow-backed", "talks", ".")
    assert (toks.starts, toks.ends, toks.words) == _expected(text)
    assert all(text[s:e] == w for s, e, w in zip(toks.starts, toks.ends, toks.words))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9_ .,'’-\n\t“”\"") + ["\u200b", "\x00",
                                                                    "\ue000", "é", "İ"])))
def test_tokens_of_any_text_match_the_segmenter(text):
    toks = Tokens(text)
    assert (toks.starts, toks.ends, toks.words) == _expected(text)
    # Lower case and name tests come from memo dicts of recent words: the same as asked anew.
    assert toks.low == tuple(w.lower() for w in toks.words)
    assert toks.name_flags == tuple(map(phrases._is_name, toks.words))


def test_word_memos_are_replaced_when_full(monkeypatch):
    monkeypatch.setattr(phrases, "_MEMO_WORDS", 2)
    # From empty memos: earlier tests may have seen every word of both texts.
    monkeypatch.setattr(phrases, "_word_memo", ({}, {}))
    first = Tokens("Kerry met Lavrov in Geneva.")
    toks = Tokens("Lavrov said Russia agreed.")
    assert len(phrases._word_memo[0]) == len(set(toks.words))
    assert toks.low == ("lavrov", "said", "russia", "agreed", ".")
    assert [toks.words[k] for k in toks.name_tokens()] == ["Lavrov", "Russia"]
    assert first.low == ("kerry", "met", "lavrov", "in", "geneva", ".")


def test_tokens_outside_spans_are_kept():
    text = "“Assad must go,” Kerry said. “Lavrov agrees,” Kerry added."
    toks = Tokens(text)
    quoted = [(0, text.index(",”") + 2), (text.index("“L"), text.index("s,”") + 3)]
    assert [toks.words[k] for k in toks.outside(toks.name_tokens(), quoted)] == [
        "Kerry", "Kerry"]
    assert toks.outside(toks.name_tokens(), []) == toks.name_tokens()


def test_name_tokens_are_the_tokens_that_can_be_names():
    toks = Tokens("But Russian Foreign Minister Sergei Lavrov said he met Bashar al-Assad.")
    assert toks.name_tokens() == [k for k in range(len(toks)) if toks.is_name(k)]
    assert [toks.words[k] for k in toks.name_tokens()] == [
        "Russian", "Foreign", "Minister", "Sergei", "Lavrov", "Bashar", "al-Assad"]


def test_speaker_phrases_before_and_after_the_verb():
    toks = Tokens("“It is over,” said the director of the Syrian Observatory, Rami Abderrahman.")
    i, j = np_right(toks, toks.words.index("said") + 1, len(toks))
    assert toks.text[toks.starts[i]:toks.ends[j - 1]] == "the director of the Syrian Observatory"
    toks = Tokens("Cisco's Talos cybersecurity unit said")
    i, j = np_left(toks, toks.words.index("said") - 1, 0)
    assert toks.text[toks.starts[i]:toks.ends[j - 1]] == "Cisco's Talos cybersecurity unit"
