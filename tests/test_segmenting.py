"""Paragraphs, sentences and tokens of real text, with offsets that reproduce the text."""
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.segmenting import (
    TOKEN_RE,
    segment,
    split_paragraphs,
    split_sentences,
    tokens,
    word_span,
)

# Hand-checked: the seed's clean text has 18 paragraphs and 23 sentences; these are the first
# words of every sentence that does not start a paragraph.
SEED_INNER_SENTENCE_STARTS = [
    "“Today, the Syrian Army has suspended",
    "In addition, he warned that rebels",
    "They also warned of a “humanitarian disaster”",
    "“To be realistic, it does not mean",
    "However, hours after this, a truce",
]


def test_seed_sentence_split_is_the_hand_checked_one(seed_text):
    paragraphs, sentences = segment("seed", seed_text)
    assert len(paragraphs) == 18
    assert len(sentences) == 23
    paragraph_starts = {p["start"] for p in paragraphs}
    inner = [s["text"] for s in sentences if s["start"] not in paragraph_starts]
    assert [t[: len(w)] for t, w in zip(inner, SEED_INNER_SENTENCE_STARTS)] == \
        SEED_INNER_SENTENCE_STARTS
    assert len(inner) == len(SEED_INNER_SENTENCE_STARTS)


def test_offsets_reproduce_every_unit(seed_text):
    paragraphs, sentences = segment("seed", seed_text)
    for unit in paragraphs + sentences:
        assert seed_text[unit["start"]:unit["end"]] == unit["text"]
    toks = tokens(pd.DataFrame(sentences))
    assert (toks.apply(lambda r: seed_text[r.start:r.end] == r.token, axis=1)).all()


def test_closing_quote_stays_with_its_sentence(seed_text):
    _, sentences = segment("seed", seed_text)
    kerry = next(s["text"] for s in sentences if s["text"].startswith("In his public speech"))
    assert kerry.endswith("danger of authoritarian populism.”")
    assert not any(s["text"].startswith("”") for s in sentences)


def test_news_abbreviations_do_not_end_sentences():
    text = ("Lt. Col. Ahmed of the U.S. Army met Gen. Smith and Mr. Jones at No. 10 St. James "
            "on Jan. 5 at 3 p.m. in the U.N. building. They spoke for an hour.")
    assert [text[s:e] for s, e in split_sentences(text)][1] == "They spoke for an hour."
    assert len(split_sentences(text)) == 2


def test_paragraphs_split_on_blank_lines_and_ignore_blank_runs():
    text = "\n\nFirst one.\n \n\n  Second one.\n"
    assert [text[s:e] for s, e in split_paragraphs(text)] == ["First one.", "Second one."]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["rebel", "U.S.", "don't", "-", "'", ".", "’", " ", "\n",
                                      "é", "_", "1", ","]), max_size=30).map("".join),
       cut=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_a_stretch_cut_from_its_document_has_the_tokens_it_has_alone(text, cut):
    start, end = sorted(round(x * len(text)) for x in cut)
    alone = list(TOKEN_RE.finditer(text, start, end))
    span = word_span(text, start, end)
    assert span.words == tuple(m.group() for m in alone)
    assert span.starts == tuple(m.start() for m in alone)
    assert span.ends == tuple(m.end() for m in alone)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["rebel", "U.S.", "don't", "-", "'", ".", "’", " ", "\n",
                                      "é", "_", "1", ",", "“", "a-b"]), max_size=30).map("".join))
def test_possessive_tokens_are_the_tokens_of_the_plain_pattern(text):
    import re

    plain = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
    assert [m.span() for m in TOKEN_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert word_span(text).words == tuple(plain.findall(text))
