"""Voices: the speaker of any span with one bisection, the same as ``quotes.speaker_at``, and
words per voice, on the seed article and on quote boundaries in mid-word."""
from __future__ import annotations

import analysis
from analysis.core import Document
from analysis.quotes import annotate, speaker_at
from analysis.voices import Voices, voices_of


def _doc(text: str) -> Document:
    paragraphs, sentences = analysis.segmenting.segment("d", text)
    doc = Document("d", text, {}, {"paragraphs": paragraphs, "sentences": sentences})
    annotate(doc, {})
    return doc


def _words_by_speaker_at(doc) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in analysis.segmenting.TOKEN_RE.finditer(doc.text):
        if m.group()[0].isalnum():
            who = speaker_at(doc, *m.span())
            counts[who] = counts.get(who, 0) + 1
    return counts


def test_voices_answer_as_speaker_at_and_count_words_per_voice(seed_text):
    doc = _doc(seed_text)
    voices = Voices(doc)
    spans = [m.span() for m in analysis.segmenting.TOKEN_RE.finditer(seed_text)]
    spans += [(q["quote_start"], q["quote_end"]) for q in doc.tables["quotes"]]
    spans += [(s, e) for s, _ in spans[:400:7] for e in (s, s + 40, s + 400)]
    assert [voices(s, e) for s, e in spans] == [speaker_at(doc, s, e) for s, e in spans]
    assert len({voices(s, e) for s, e in spans}) >= 4
    assert voices.words() == _words_by_speaker_at(doc)


def test_voices_count_a_word_across_a_quote_boundary_for_its_whole_span(seed_text):
    # Boundaries in mid-word and at joining marks ("U.S.", "don't") as well as between words.
    text = seed_text + " The U.S.-backed rebels' don't-care leaders_ ½ km² said ’tis so."
    end = len(seed_text)
    quotes = [{"quote_start": start, "quote_end": stop, "speaker_canonical": who}
              for start, stop, who in ((3, 40, "A"), (10, 12, "B"),
                                       (end + 6, len(text) - 9, None), (end + 9, end + 30, "C"))]
    doc = Document("seed", text, {}, {"sentences": [], "quotes": quotes})
    voices = Voices(doc)
    spans = [(s, e) for s in range(end - 5, len(text) + 1) for e in (s, s + 1, s + 7, s + 30)]
    assert [voices(s, e) for s, e in spans] == [speaker_at(doc, s, e) for s, e in spans]
    assert voices.words() == _words_by_speaker_at(doc)
    assert set(voices.words()) == {"A", "C", "unattributed", "narrator"}


def test_voices_without_quotes_are_the_narrator():
    doc = Document("d", "No one is quoted here.", {}, {"sentences": []})
    assert Voices(doc)(0, 5) == "narrator"
    assert Voices(doc).words() == {"narrator": 5}


def test_voices_of_a_document_are_built_once_and_again_after_its_quotes_change(seed_text):
    doc = _doc(seed_text)
    first = voices_of(doc)
    assert voices_of(doc) is first
    doc.tables["quotes"] = []
    assert voices_of(doc) is not first
    assert voices_of(doc)(0, 40) == "narrator"
