"""Quotes and speakers on the seed article and on hard cases of quote marks."""
from __future__ import annotations

import analysis
from analysis.core import Document
from analysis.quotes import annotate, speaker_at


def _doc(text: str) -> Document:
    paragraphs, sentences = analysis.segmenting.segment("d", text)
    doc = Document("d", text, {}, {"paragraphs": paragraphs, "sentences": sentences})
    annotate(doc, {})
    return doc


def test_speaker_at_innermost_quote_else_narrator(seed_text):
    doc = _doc(seed_text)
    start = seed_text.index("“This is the largest")
    assert speaker_at(doc, start + 1, start + 20) == "Sergei Lavrov"
    start = seed_text.index("The United States and Russia exchanged")
    assert speaker_at(doc, start, start + 20) == "narrator"
    start = seed_text.index("“The terrorists are located")
    assert speaker_at(doc, start, start + 10) == "Bashar al-Assad"


def test_quotes_table_has_the_issue_columns(seed_analysis):
    assert list(seed_analysis.quotes.columns) == [
        "doc_id", "quote_id", "kind", "quote_start", "quote_end", "quote", "speaker",
        "speaker_start", "speaker_end", "speaker_canonical", "verb", "verb_start", "verb_end",
        "sentence_id"]
    assert "speaker_canonical" in seed_analysis.sentences.columns
