"""Direct quotations found by pairing quote marks, paragraph by paragraph.

Straight (``"``) and curly (“ ”, „ « ») double marks are paired left to right; single marks are
left alone, so nested quotes (“He said ‘no’.”) stay inside their outer quote. A text in the
British style, which quotes with single marks (‘He said “no”.’), is first read through
:func:`as_double_marks`, which swaps the two kinds without moving any offset. A quote that a
paragraph opens and does not close continues into the next paragraph when that one opens with a
mark (the news convention for multi-paragraph quotations); each paragraph's piece is its own
span, the later ones flagged ``continued``. A mark left unclosed otherwise ends where the next
quotation opens or at the end of its paragraph, so a stray mark can never swallow the rest of an
article.

Example:
    >>> text = 'He said: "Yes." Then “no,” she said.'
    >>> [text[s:e] for s, e, _ in find_direct_quotes(text, [(0, len(text))])]
    ['"Yes."', '“no,”']
"""
from __future__ import annotations

import bisect
import re

OPENING = "“„«‟"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = OPENING + CLOSING + STRAIGHT
_MARK = re.compile(f"[{re.escape(MARKS)}]")
#: A letter or digit (``str.isalnum``: ``\w`` without the underscore).
_ALNUM = re.compile(r"[^\W_]")
#: Characters after which a straight mark opens rather than closes a quotation.
_OPEN_BEFORE = " \t\n([{—–-/:;,"


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]``, judged from its neighbours."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in OPENING:
        return "open"
    if mark in CLOSING:
        # Some sources use the closing mark on both sides: one before a word opens.
        return "open" if before.isspace() and after.isalnum() else "close"
    if before in _OPEN_BEFORE and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i < end and text[i] in MARKS and _role(text, i) != "close"


def find_direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Spans of quotations between double marks, marks included.

    Args:
        text: the document's clean text.
        paragraphs: ``(start, end)`` of each paragraph, in order.

    Returns:
        ``(start, end, continued)`` per quote, in text order; ``continued`` is true for the
        piece of a multi-paragraph quotation that a previous paragraph opened.
    """
    spans: list[tuple[int, int, bool]] = []
    carried = False
    for k, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        continued = False
        for mark in _MARK.finditer(text, p_start, p_end):
            i = mark.start()
            role = _role(text, i)
            if open_at is None and role in ("open", "either"):
                open_at, continued = i, carried and i == _first_char(text, p_start, p_end)
                carried = False
            elif open_at is not None and role in ("close", "either"):
                spans.append((open_at, i + 1, continued))
                open_at = None
            elif open_at is not None and role == "open":
                # The closing mark was forgotten: the quote ends where the next one opens.
                stop = i
                while stop > 0 and text[stop - 1].isspace():
                    stop -= 1
                if stop > open_at + 1:
                    spans.append((open_at, stop, continued))
                open_at, continued = i, False
        carried = False
        if open_at is not None:
            spans.append((open_at, p_end, continued))
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            carried = nxt is not None and _opens_with_mark(text, *nxt)
    # A lone mark (an inch sign, a stray mark at a paragraph's end) quotes nothing.
    return [span for span in spans if _ALNUM.search(text, span[0], span[1])]


def _first_char(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


#: A single mark that opens a quotation: after a space or an opening bracket or dash, before a
#: word or a double mark. A closing one: after a non-space, before a space or punctuation,
#: unless it ends a plural possessive ("the rebels’ positions": "s", mark, a lower-case word).
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–-]))[‘'](?=[^\W_]|[“\"])")
_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?=$|[\s,.;:!?)\]}—–-])(?<!s’(?= [a-z]))(?<!s'(?= [a-z]))")
#: Fewest words inside single marks for them to quote speech rather than a scare-quoted term.
SINGLE_QUOTE_MIN_WORDS = 3
_SWAP = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def as_double_marks(text: str) -> str:
    """``text`` with its quotation marks swapped if it quotes in the British style: more
    stretches of at least ``SINGLE_QUOTE_MIN_WORDS`` words between single marks outside double
    quotes than double quotes outside those. The single marks that open and close quotations
    become “ and ”, the double marks (nested quotations there) single ones; no offset moves.
    Any other text is returned as it is (the same object).

    >>> as_double_marks("‘We will not leave,’ he said. The rebels’ ‘red line’ held.")
    '“We will not leave,” he said. The rebels’ “red line” held.'
    >>> as_double_marks("“He called it ‘a total farce’ and ‘a national disgrace’,” she said.")[0]
    '“'
    """
    if "‘" not in text and "'" not in text:
        return text
    marks = sorted([(m.start(), "open") for m in _SINGLE_OPEN.finditer(text)]
                   + [(m.start(), "close") for m in _SINGLE_CLOSE.finditer(text)])
    swapped, singles, open_at = [], [], None
    for i, role in marks:
        if role == "open":
            open_at = i
            swapped.append(i)
        elif open_at is not None:
            swapped.append(i)
            if len(text[open_at + 1:i].split()) >= SINGLE_QUOTE_MIN_WORDS:
                singles.append((open_at, i + 1))
            open_at = None
    if not singles:
        return text
    doubles = [(a, b) for a, b, _ in find_direct_quotes(text, [(0, len(text))])]
    if _outside(singles, doubles) <= _outside(doubles, singles):
        return text
    chars = list(text.translate(_SWAP))
    for i in swapped:
        chars[i] = "“" if _SINGLE_OPEN.match(text, i) else "”"
    return "".join(chars)


def _outside(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    """How many of ``spans`` lie inside none of ``others`` (both in text order, ``others`` not
    overlapping): a bisection each, as a hostile text may hold thousands of quotes."""
    starts = [a for a, _ in others]
    count = 0
    for a, b in spans:
        k = bisect.bisect_right(starts, a) - 1
        count += k < 0 or b > others[k][1]
    return count
