"""Paragraphs, sentences and word tokens, each with character offsets into the clean text.

For every unit ``text[start:end]`` is the unit's text. Sentences come from nltk's Punkt
algorithm with a news abbreviation list (``lexicons/abbreviations.csv``) given directly as its
parameters, so no nltk data package is needed; closing quote marks stay with their sentence.
Word tokens (``TOKEN_RE``) of a document are made once and cached (:func:`word_span`); every
step reads them from there.

Example:
    >>> from analysis.segmenting import split_sentences
    >>> split_sentences('Gen. Smith met Mr. Jones at 3 p.m. on Monday. “It went well.” He left.')
    [(0, 45), (46, 61), (62, 70)]
"""
from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .resources import LEXICON_DIR

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Possessive (``++``, ``*+``): nothing after a token's letters could make a shorter token
# match, so the engine keeps no ways back into them.
TOKEN_RE = re.compile(r"\w++(?:[-'’.]\w+)*+|[^\w\s]", re.UNICODE)
_PLAIN_WORD_STOP = re.compile(r"([A-Za-z]{2,})\.\s+\S+")


class Span:
    """The word tokens (:data:`TOKEN_RE`) of a stretch of text: offsets and surface forms.

    Get one with :func:`word_span`: the steps share it (the quote rules, every lexicon matcher
    run on a sentence, the rhetoric rules), so a document is tokenised once.
    """

    __slots__ = ("_vocabulary", "_whole", "ends", "starts", "words")

    def __init__(self, starts: tuple[int, ...], ends: tuple[int, ...], words: tuple[str, ...],
                 whole: Span | None = None):
        # tuples of atomic values are left alone by the garbage collector, lists are not
        self.starts, self.ends, self.words = starts, ends, words
        self._vocabulary: frozenset[str] | None = None
        self._whole = whole  # None, not self: a span that referred to itself would be a
        # reference cycle, freed only by the garbage collector

    @property
    def vocabulary(self) -> frozenset[str]:
        """The distinct words, collected when first asked for (a sentence's seldom are)."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(self.words)
        return self._vocabulary

    @property
    def whole(self) -> Span:
        """The span of the whole text this one was cut from (itself if it was not)."""
        return self._whole or self


#: A word token with the white space before it: matches tile the text from ``start`` to the
#: last token, so offsets are running sums of their lengths (no match object per token).
_SPACED_WORD_RE = re.compile(r"\s*+(?:" + TOKEN_RE.pattern + ")")


def _tokenise(text: str, start: int, end: int) -> Span:
    pieces = _SPACED_WORD_RE.findall(text, start, end)
    ends = tuple(itertools.accumulate(map(len, pieces), initial=start))[1:]
    words = tuple(map(str.lstrip, pieces))
    return Span(tuple(map(operator.sub, ends, map(len, words))), ends, words)


#: Stretches whose tokens :func:`word_span` keeps: the sentences of a batch of the pipeline
#: (``core.BATCH_DOCUMENTS``), whose steps each read them in turn; ``analyze`` empties the
#: cache after each batch.
SPANS_CACHED = 4096


@functools.lru_cache(maxsize=SPANS_CACHED)
def word_span(text: str, start: int = 0, end: int | None = None) -> Span:
    """The tokens of ``text[start:end]``, cached (the latest ``SPANS_CACHED``).

    A stretch of a text (a sentence) is cut out of the tokens of the whole text, which are
    the same unless a boundary falls inside a word; then the stretch is tokenised on its own.

    >>> word_span("Rebels didn't fire. They left.", 20).words
    ('They', 'left', '.')
    """
    end = len(text) if end is None else end
    if start == 0 and end == len(text):
        return _tokenise(text, start, end)
    return _cut(text, word_span(text), start, end)


def _cut(text: str, whole: Span, start: int, end: int) -> Span:
    lo = bisect.bisect_left(whole.starts, start)
    hi = bisect.bisect_left(whole.starts, end)
    if lo and whole.ends[lo - 1] > start or hi > lo and whole.ends[hi - 1] > end:
        return _tokenise(text, start, end)
    return Span(whole.starts[lo:hi], whole.ends[lo:hi], whole.words[lo:hi], whole)


class _Punkt(PunktSentenceTokenizer):
    """Punkt with a shortcut for the commonest candidate break, a plain word and a full stop.

    With untrained parameters (no collocations, no orthographic statistics), "said. The" is a
    break exactly when "said" is not a listed abbreviation: the first pass marks it, and the
    second pass only revisits abbreviations, initials, numbers and ellipses. Deciding that here
    skips nltk's tokenising of the context, which was most of segmentation's time.
    """

    def text_contains_sentbreak(self, text: str) -> bool:
        plain = _PLAIN_WORD_STOP.fullmatch(text)
        if plain and plain.group(1).lower() not in self._params.abbrev_types:
            return True
        return super().text_contains_sentbreak(text)


@functools.cache
def _punkt() -> PunktSentenceTokenizer:
    abbreviations = pd.read_csv(LEXICON_DIR / "abbreviations.csv", comment="#")["abbreviation"]
    params = PunktParameters()
    params.abbrev_types = set(abbreviations.str.lower())
    return _Punkt(params)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text`` (blank-line separated, trimmed).

    >>> split_paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    spans, pos = [], 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            spans.append((pos + lead, pos + len(chunk.rstrip())))
        pos = brk.end() if brk else end
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` as offsets into ``text``.

    Single line breaks inside a paragraph also end a sentence (headlines, list items).
    """
    end = len(text) if end is None else end
    spans = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        base = start + line.start()
        for s, e in _punkt().span_tokenize(line.group()):
            spans.append((base + s, base + e))
    return spans


def segment(doc_id: str, text: str) -> tuple[list[dict], list[dict]]:
    """Paragraph and sentence rows of one document (plain dicts, for the pipeline)."""
    paragraphs, sentences = [], []
    for paragraph_id, (p_start, p_end) in enumerate(split_paragraphs(text)):
        paragraphs.append(
            {"doc_id": doc_id, "paragraph_id": paragraph_id, "start": p_start, "end": p_end,
             "text": text[p_start:p_end]}
        )
        for s_start, s_end in split_sentences(text, p_start, p_end):
            sentences.append(
                {"doc_id": doc_id, "sentence_id": len(sentences), "paragraph_id": paragraph_id,
                 "start": s_start, "end": s_end, "text": text[s_start:s_end]}
            )
    return paragraphs, sentences


def tokens(sentences: pd.DataFrame) -> pd.DataFrame:
    """Word tokens of a ``sentences`` table: ``doc_id, sentence_id, token_id, start, end, token``.

    Offsets are into the document's clean text, like the sentences' own.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "start": [10], "text": ["It's over."]})
    >>> tokens(s)["token"].tolist()
    ["It's", 'over', '.']
    """
    rows = [
        (doc_id, sentence_id, i, offset + m.start(), offset + m.end(), m.group())
        for doc_id, sentence_id, offset, text in sentences[
            ["doc_id", "sentence_id", "start", "text"]
        ].itertuples(index=False)
        for i, m in enumerate(TOKEN_RE.finditer(text))
    ]
    return pd.DataFrame(
        rows, columns=["doc_id", "sentence_id", "token_id", "start", "end", "token"]
    )
