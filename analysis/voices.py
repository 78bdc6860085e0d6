"""Voices: who speaks each stretch of a document, the narrator or a quoted speaker.

Later steps ask for the speaker of every frame cue, actor mention, device and word.
:class:`Voices` answers with one bisection: between two quote boundaries every span has the
same covering quotes, so the same speaker as :func:`analysis.quotes.speaker_at` gives it.
"""
from __future__ import annotations

import bisect
import re

from .quotes import NARRATOR, speaker_at
from .segmenting import TOKEN_RE


def voices_of(doc) -> Voices:
    """The :class:`Voices` of a pipeline document, built once for all the steps that ask
    (again if its ``quotes`` rows have changed since)."""
    quotes = doc.tables.get("quotes")
    cached = doc.cache.get("voices")
    if cached is None or cached[0] is not quotes or cached[1] != len(quotes or ()):
        cached = doc.cache["voices"] = (quotes, len(quotes or ()), Voices(doc))
    return cached[2]


#: Marks that join two runs of word characters into one token ("U.S.", "don't").
_JOINERS = "-'’."
#: A position strictly inside a token of word characters.
_INSIDE_WORD = re.compile(r"(?<=\w)\w|(?<=\w)[-'’.]\w|(?<=\w[-'’.])\w")


def _char_class(char: str) -> str:
    """W a letter or digit, U "_" (also a word character), J a joining mark, X anything else."""
    if char.isalnum():
        return "W"
    return "U" if char == "_" else "J" if char in _JOINERS else "X"


_ASCII_CLASSES = {code: _char_class(chr(code)) for code in range(128)}


class Voices:
    """Who speaks each stretch of a document between two quote boundaries; called with a span
    ``(start, end)``, its voice, the same answer as :func:`speaker_at`.

    Every span inside one stretch has the stretch's speaker (the quotes covering it are the
    same), so words, cues and devices are attributed with one bisection each; a span running
    past the end of its stretch is asked of :func:`speaker_at`.

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
        self.doc = doc
        quotes = doc.tables.get("quotes") or ()
        bounds = {p for q in quotes for p in (q["quote_start"], q["quote_end"])}
        self.starts = sorted(bounds | {0, len(doc.text)})
        self.ends = self.starts[1:] + [self.starts[-1] + 1]
        self.names = [speaker_at(doc, start, end) if quotes else NARRATOR
                      for start, end in zip(self.starts, self.ends)]

    def __call__(self, start: int, end: int) -> str:
        i = bisect.bisect_right(self.starts, start) - 1
        if i >= 0 and end <= self.ends[i]:
            return self.names[i]
        return speaker_at(self.doc, start, end)

    def words(self) -> dict[str, int]:
        """Word tokens (``segmenting.TOKEN_RE`` tokens starting with a letter or digit) per
        voice, each attributed like a span of its whole length."""
        text = self.doc.text
        # Text as character classes after an X for its start: a word token starts at a W after
        # an X, or after a J that follows no word character (else the J joins it to that
        # word), i.e. at the end of an XW, XJW or JJW, which str.count finds in C.
        table = _ASCII_CLASSES
        if not text.isascii():
            table = {**table, **{ord(char): _char_class(char) for char in set(text)
                                 if not char.isascii()}}
        classes = "X" + text.translate(table)
        words: dict[str, int] = {}
        for start, end, who in zip(self.starts, self.ends, self.names):
            since = max(start - 1, 0)
            n = (classes.count("XW", start, end + 1) + classes.count("XJW", since, end + 1)
                 + classes.count("JJW", since, end + 1))
            if n:
                words[who] = words.get(who, 0) + n
        inside = [bound for bound in self.starts[1:] if _INSIDE_WORD.match(text, bound)]
        if inside:
            self._move_straddling(words, inside)
        return {who: n for who, n in words.items() if n}

    def _move_straddling(self, words: dict[str, int], bounds: list[int]) -> None:
        """Count a word that runs across a quote boundary for the speaker of its whole span,
        not of the stretch it starts in."""
        spans = [m.span() for m in TOKEN_RE.finditer(self.doc.text) if m.group()[0].isalnum()]
        starts = [start for start, _ in spans]
        moved = set()
        for bound in bounds:
            i = bisect.bisect_left(starts, bound) - 1
            if i >= 0 and spans[i][1] > bound and i not in moved:
                moved.add(i)
                start, end = spans[i]
                words[self(start, start)] -= 1
                who = self(start, end)
                words[who] = words.get(who, 0) + 1
