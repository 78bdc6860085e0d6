"""Voices: who speaks each stretch of a document, the narrator or a quoted speaker.

Later steps ask for the speaker of every frame cue, actor mention, device and word.
:class:`Voices` answers with one bisection: between two quote boundaries every span has the
same covering quotes, so the same speaker as :func:`analysis.quotes.speaker_at` gives it.
"""
from __future__ import annotations

import bisect
import operator
import re

from .quotes import NARRATOR, quote_index, speaker_in
from .segmenting import word_span

#: A character that is not a letter or digit (``str.isalnum``; ``\w`` also takes "_").
_NOT_ALNUM = re.compile(r"[\W_]")


def voices_of(doc) -> Voices:
    """The :class:`Voices` of a pipeline document, built once for all the steps that ask
    (again if its ``quotes`` rows have changed since)."""
    quotes = doc.tables.get("quotes")
    cached = doc.cache.get("voices")
    if cached is None or cached[0] is not quotes or cached[1] != len(quotes or ()):
        cached = doc.cache["voices"] = (quotes, len(quotes or ()), Voices(doc))
    return cached[2]


class Voices:
    """Who speaks each stretch of a document between two quote boundaries; called with a span
    ``(start, end)``, its voice, the same answer as :func:`~analysis.quotes.speaker_at`.

    Every span inside one stretch has the stretch's speaker (the quotes covering it are the
    same), so words, cues and devices are attributed with one bisection each; a span running
    past the end of its stretch is looked up in the quote index.

    Example:
        >>> import analysis
        >>> from analysis.core import Document
        >>> text = "“We will win,” Lavrov said. Talks went on."
        >>> paragraphs, sentences = analysis.segmenting.segment("d", text)
        >>> doc = Document("d", text, {}, {"paragraphs": paragraphs, "sentences": sentences})
        >>> from analysis.quotes import annotate
        >>> annotate(doc, {})
        >>> voices = voices_of(doc)
        >>> voices(1, 3), voices(28, 33), voices(0, 40)
        ('Lavrov', 'narrator', 'narrator')
        >>> voices.words()
        {'Lavrov': 3, 'narrator': 5}
    """

    def __init__(self, doc):
        # The text and the quote index, not the document: the document keeps its Voices in
        # its cache, and a reference back would make a cycle that only the garbage
        # collector frees (with every row of the document).
        self.text = doc.text
        self._index = quote_index(doc)
        bounds = self._index[0]  # the quotes' starts and ends, sorted
        self.starts = sorted({0, len(doc.text), *bounds})
        self.ends = self.starts[1:] + [self.starts[-1] + 1]
        self.names = [speaker_in(self._index, start, end) if bounds else NARRATOR
                      for start, end in zip(self.starts, self.ends)]

    def __call__(self, start: int, end: int) -> str:
        who = self.within(start, end)
        return speaker_in(self._index, start, end) if who is None else who

    def within(self, start: int, end: int) -> str | None:
        """The voice of every span inside ``(start, end)`` when that lies in one stretch (so
        the cues of a sentence there need no look-up each), else ``None``."""
        i = bisect.bisect_right(self.starts, start) - 1
        return self.names[i] if i >= 0 and end <= self.ends[i] else None

    def words(self) -> dict[str, int]:
        """Word tokens (the document's tokens that start with a letter or digit) per voice,
        each attributed like a span of its whole length."""
        span = word_span(self.text)
        starts, ends = span.starts, span.ends
        # The tokens' first characters as one string: counting the others (punctuation, "_x")
        # in a run of tokens is then a regular expression in C, not a test per token.
        initials = "".join(map(operator.itemgetter(0), span.words))
        words: dict[str, int] = {}
        first = 0
        for end, who in zip(self.ends, self.names):
            past = bisect.bisect_left(starts, end, first)
            # Tokens never overlap: only a stretch's last token can run past its end.
            straddles = past > first and ends[past - 1] > end and initials[past - 1].isalnum()
            n = past - first - len(_NOT_ALNUM.findall(initials, first, past)) - straddles
            if n:
                words[who] = words.get(who, 0) + n
            if straddles:
                whole = self(starts[past - 1], ends[past - 1])
                words[whole] = words.get(whole, 0) + 1
            first = past
        return words
