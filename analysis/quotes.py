"""Who says what: direct, partial and indirect quotes with their speakers, as a pipeline step.

One row per quote in the ``quotes`` table (offsets into the clean text, null where absent):

- ``direct``: a quotation between double marks (single ones in a text that quotes in the
  British style, see :func:`analysis.quote_marks.as_double_marks`) attributed by a speech cue,
  or a full quoted sentence with no cue of its own ("floating"), which takes the speaker of the
  quote before it (its ``speaker`` span stays null, as the speaker is known only from context);
- ``partial``: a short quoted phrase inside narration (scare quotes included), attributed to the
  speech cue of its sentence where there is one;
- ``indirect``: the content of reported speech (``X said (that) …``, ``…, X said``,
  ``according to X, …``).

Speakers are resolved to a canonical name within the document (:mod:`analysis.speakers`), and
each sentence gets ``speaker_canonical``: the speaker of the quote that covers most of it (at
least a third), or ``"narrator"``.

Example:
    >>> import analysis
    >>> text = "“We will win,” Lavrov said. He added that talks would go on."
    >>> q = analysis.analyze(analysis.read_article(text)).quotes
    >>> q[["kind", "quote", "speaker", "speaker_canonical"]].values.tolist()
    [['direct', '“We will win,”', 'Lavrov', 'Lavrov'], ['indirect', 'talks would go on', 'He', 'Lavrov']]
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from bisect import bisect_right

from .attribution import Cue, find_cues
from .phrases import Tokens
from .quote_marks import as_double_marks, find_direct_quotes
from .speakers import Registry

NARRATOR = "narrator"
#: A quotation inside narration is a partial quote; one that opens its sentence is a partial
#: quote only if it has fewer words than this and no punctuation of its own ("“Myth”").
PARTIAL_MAX_WORDS = 4
#: How many cues around a partial quote's sentence may hold it in their content.
HOST_WINDOW = 5
#: Reported content shorter than this is no quote ("said so").
MIN_INDIRECT_WORDS = 2
#: How many paragraphs back a floating quotation looks for the quote whose speaker it continues.
FLOATING_PARAGRAPHS = 2

TABLES = {
    "quotes": {
        "doc_id": "str", "quote_id": "int64", "kind": "str", "quote_start": "int64",
        "quote_end": "int64", "quote": "str", "speaker": "str", "speaker_start": "Int64",
        "speaker_end": "Int64", "speaker_canonical": "str", "verb": "str", "verb_start": "Int64",
        "verb_end": "Int64", "sentence_id": "int64",
    }
}
SENTENCE_COLUMNS = {"speaker_canonical": "str"}
#: At least ``MIN_INDIRECT_WORDS`` words (runs of non-space characters): it starts at a word's
#: last character, so a long run of non-space characters is not tried at each of its own.
_WORDS = re.compile(r"\S(?:\s+\S+)" + f"{{{MIN_INDIRECT_WORDS - 1}}}")


def _quote_index(quotes: list[dict]) -> tuple[list[int], list[tuple[dict, ...]]]:
    """The quote boundaries, and for each position ``bisect_right(boundaries, offset)`` the
    quotes covering the stretch of text there, innermost (then first in table order) first.

    Later steps ask for the speaker of every mention, cue and word; scanning every quote for
    each would be quadratic on long documents.
    """
    bounds = sorted({p for q in quotes for p in (q["quote_start"], q["quote_end"])})
    covering: list[list] = [[] for _ in bounds]
    # Shortest first, equally short ones in table order (a stable sort): each stretch's quotes
    # come in the order asked for as they are added.
    for q in sorted(quotes, key=lambda q: q["quote_end"] - q["quote_start"]):
        first = bisect.bisect_left(bounds, q["quote_start"])
        last = bisect.bisect_left(bounds, q["quote_end"])
        for segment in range(first, last):
            covering[segment].append(q)
    # Position 0 lies before the first boundary: no quote covers it.
    return bounds, [()] + list(map(tuple, covering))


def speaker_at(doc, start: int, end: int) -> str:
    """Canonical speaker of the innermost quote that contains ``doc.text[start:end]``.

    Args:
        doc: a pipeline :class:`~analysis.core.Document` after the quotes step.
        start, end: character offsets into ``doc.text`` (``start < end``).

    Returns:
        The quote's ``speaker_canonical`` (of the first in table order among equally short
        ones); ``"unattributed"`` for a quote whose speaker is unknown; ``"narrator"`` when
        no quote contains the span.
    """
    return speaker_in(quote_index(doc), start, end)


def quote_index(doc) -> tuple[list[int], list[tuple[dict, ...]]]:
    """:func:`_quote_index` of a pipeline document's quotes, made once (again if its
    ``quotes`` rows have changed since)."""
    quotes = doc.tables.get("quotes", ())
    cached = doc.cache.get("quote_index")
    if cached is None or cached[0] is not quotes or cached[1] != len(quotes):
        cached = doc.cache["quote_index"] = (quotes, len(quotes), _quote_index(quotes))
    return cached[2]


def speaker_in(index: tuple[list[int], list[tuple[dict, ...]]], start: int, end: int) -> str:
    """:func:`speaker_at` read off a document's :func:`quote_index`."""
    bounds, covering = index
    # Called for every word by later steps: one bisect, and most words lie in no quote.
    for quote in covering[bisect_right(bounds, start)]:
        if end <= quote["quote_end"]:
            return quote["speaker_canonical"] or "unattributed"
    return NARRATOR


class _Direct:
    """Sorted direct-quote spans, with the look-ups the attribution rules ask of them."""

    def __init__(self, spans):
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def ending_before(self, text: str, pos: int) -> int | None:
        """Index of the quote that ends right before ``pos`` (only spaces and commas between)."""
        k = bisect.bisect_left(self.starts, pos) - 1
        if k >= 0 and not text[self.spans[k][1]:pos].strip(" ,\n"):
            return k
        return None

    def end_of(self, pos: int) -> int:
        """``pos``, or the end of the quote that contains it (content must not cut a quote)."""
        k = bisect.bisect_right(self.starts, pos - 1) - 1
        if k >= 0 and self.spans[k][0] < pos < self.spans[k][1]:
            return self.spans[k][1]
        return pos

    def introduced_in(self, text: str, start: int, end: int) -> int | None:
        """Index of a quote that starts after a comma or colon inside ``[start, end)``."""
        k = bisect.bisect_left(self.starts, start)
        if k < len(self.spans) and self.spans[k][0] < end \
                and text[start:self.spans[k][0]].rstrip().endswith((",", ":")):
            return k
        return None

    def starting_after(self, text: str, pos: int) -> int | None:
        """Index of the quote that starts right after ``pos`` (after ":", ",", "that")."""
        k = bisect.bisect_left(self.starts, pos)
        if k < len(self.spans) and text[pos:self.spans[k][0]].strip(" ,:") in ("", "that"):
            return k
        return None


def _row(doc, kind, start, end, toks=None, cue=None, canonical=None):
    text = doc.text
    speaker = verb = speaker_start = speaker_end = verb_start = verb_end = None
    if cue is not None and cue.speaker:
        speaker_start, speaker_end = toks.starts[cue.speaker[0]], toks.ends[cue.speaker[1] - 1]
        speaker = text[speaker_start:speaker_end]
    if cue is not None and cue.verb:
        verb_start, verb_end = toks.starts[cue.verb[0]], toks.ends[cue.verb[1] - 1]
        verb = text[verb_start:verb_end]
    return {"doc_id": doc.doc_id, "kind": kind, "quote_start": start, "quote_end": end,
            "quote": text[start:end], "speaker": speaker, "speaker_start": speaker_start,
            "speaker_end": speaker_end, "speaker_canonical": canonical, "verb": verb,
            "verb_start": verb_start, "verb_end": verb_end}


def extract(doc) -> list[dict]:
    """Quote rows of one pipeline document (without ``quote_id`` and ``sentence_id``).

    Args:
        doc: a :class:`~analysis.core.Document` with its ``paragraphs`` and ``sentences``.

    Returns:
        Row dicts with the ``quotes`` columns, in text order.
    """
    marked = as_double_marks(doc.text)
    if marked is doc.text:
        return _extract(doc)
    # British style: the rules read the text with its marks swapped (no offset moves); the
    # rows quote the text itself.
    rows = _extract(dataclasses.replace(doc, text=marked))
    for row in rows:
        for column, start, end in (("quote", "quote_start", "quote_end"),
                                   ("speaker", "speaker_start", "speaker_end"),
                                   ("verb", "verb_start", "verb_end")):
            if row[start] is not None:
                row[column] = doc.text[row[start]:row[end]]
    return rows


def _extract(doc) -> list[dict]:
    """:func:`extract` on a text whose quotations are between double marks."""
    text = doc.text
    paragraphs = [(p["start"], p["end"]) for p in doc.tables["paragraphs"]]
    direct = _Direct(find_direct_quotes(text, paragraphs))
    toks = Tokens(text)
    sentences = [(bisect.bisect_left(toks.starts, s["start"]),
                  bisect.bisect_left(toks.starts, s["end"])) for s in doc.sentences]
    quoted = [(s, e) for s, e, _ in direct.spans]
    cues = find_cues(toks, sentences, quoted=quoted)
    canon = dict.fromkeys(map(id, cues))
    if any(c.speaker for c in cues):  # else the names of the text are never asked about
        registry = Registry.build(toks, quoted=quoted,
                                  sentence_starts=frozenset(a for a, _ in sentences))
        canon.update((id(c), registry.resolve(toks, *c.speaker)) for c in cues if c.speaker)
    attributed, resumed, rows = _attribute(doc, toks, direct, cues, canon)
    para_starts = [p[0] for p in paragraphs]
    sentence_starts = [s["start"] for s in doc.sentences]
    cue_at = [toks.starts[(c.verb or c.speaker)[0]] for c in cues]
    for k, (start, end, continued) in enumerate(direct.spans):
        cue = attributed.get(k)
        if cue is not None:
            rows.append(_row(doc, "direct", start, end, toks, cue, canon[id(cue)]))
        elif k in resumed:
            rows.append(_row(doc, "direct", start, end, canonical=resumed[k]))
        elif continued or _opens_sentence(text, sentence_starts, start) and (
            len(text[start:end].split()) >= PARTIAL_MAX_WORDS
            or text[start:end].rstrip("”»\"'’ ").endswith((".", "!", "?", ","))
        ):
            previous = _previous_speaker(rows, para_starts, start)
            rows.append(_row(doc, "direct", start, end, canonical=previous))
        else:
            host = _host_cue(cues, cue_at, toks, sentence_starts, start, end)
            rows.append(_row(doc, "partial", start, end, toks, host,
                             canon[id(host)] if host else None))
    rows.sort(key=lambda r: (r["quote_start"], -r["quote_end"]))
    return rows


def _attribute(doc, toks, direct, cues, canon):
    """Match cues to the direct quotes they introduce or follow; the other cues with reported
    content become indirect rows. Returns (quote index → cue, resumed quote index → canonical
    speaker, indirect rows)."""
    text = doc.text
    attributed: dict[int, Cue] = {}
    resumed: dict[int, str | None] = {}
    rows = []
    for cue in cues:
        verb, speaker = cue.verb, cue.speaker  # one of them at least
        first, last = (min(verb[0], speaker[0]), max(verb[1], speaker[1])) \
            if verb and speaker else verb or speaker
        cue_start, cue_end = toks.starts[first], toks.ends[last - 1]
        if cue.before:
            k = direct.ending_before(text, cue_start)
            nxt = direct.starting_after(text, cue_end)
            if nxt is not None and text[cue_end:direct.spans[nxt][0]].strip() not in (",", ":"):
                nxt = None
            if k is not None and direct.spans[k][0] <= cue.content[0] + 2:
                attributed.setdefault(k, cue)
                if nxt is not None:
                    # A quotation resumed after the cue ("“…,” he said, “…”") floats on it.
                    resumed.setdefault(nxt, canon[id(cue)])
                continue
            if nxt is not None:
                attributed.setdefault(nxt, cue)
                continue
        else:
            k = direct.starting_after(text, cue.content[0])
            if k is None:
                # "claimed of the complex, “…”", "explained the numbers this way: “…”"
                k = direct.introduced_in(text, *cue.content)
            if k is not None and direct.spans[k][1] >= cue.content[1] - 1:
                attributed.setdefault(k, cue)
                continue
            cue.content = (cue.content[0], direct.end_of(cue.content[1]))
        if cue.reported and _WORDS.search(text, *cue.content):
            rows.append(_row(doc, "indirect", *cue.content, toks, cue, canon[id(cue)]))
    return attributed, resumed, rows


def _opens_sentence(text: str, sentence_starts: list[int], start: int) -> bool:
    """Whether a quotation starts its sentence (or follows a colon or dash), i.e. is not a
    phrase set inside narration."""
    k = bisect.bisect_right(sentence_starts, start) - 1
    lead = text[sentence_starts[k] if k >= 0 else 0:start].strip()
    return not lead or lead.endswith((":", "—", "–"))


def _host_cue(cues, at, toks, sentence_starts, start, end) -> Cue | None:
    """The innermost cue whose content contains ``[start, end)``, else a cue of the same
    sentence (``cues`` in text order, ``at`` their offsets: a cue's content lies within a few
    sentences of it)."""
    k = bisect.bisect_right(sentence_starts, start)
    lo = sentence_starts[k - 1] if k else 0
    hi = sentence_starts[k] if k < len(sentence_starts) else len(toks.text)
    near = cues[max(bisect.bisect_left(at, lo) - HOST_WINDOW, 0):bisect.bisect_left(at, hi)
                + HOST_WINDOW]
    inner = [c for c in near if c.content[0] <= start and end <= c.content[1]]
    if inner:
        return max(inner, key=lambda c: c.content[0])
    k = bisect.bisect_left(at, lo)
    return cues[k] if k < len(cues) and at[k] < hi else None


def _previous_speaker(rows, para_starts, pos) -> str | None:
    para = bisect.bisect_right(para_starts, pos) - 1
    earlier = [r for r in rows if r["quote_start"] < pos and r["speaker_canonical"]
               and r["kind"] != "partial"]
    if not earlier:
        return None
    last = max(earlier, key=lambda r: r["quote_start"])
    if para - (bisect.bisect_right(para_starts, last["quote_start"]) - 1) > FLOATING_PARAGRAPHS:
        return None
    return last["speaker_canonical"]


def annotate(doc, options) -> None:
    """Pipeline step: add the document's ``quotes`` rows and each sentence's speaker."""
    rows = extract(doc)
    sentence_starts = [s["start"] for s in doc.sentences]
    for i, row in enumerate(rows):
        row["quote_id"] = i
        row["sentence_id"] = max(bisect.bisect_right(sentence_starts, row["quote_start"]) - 1, 0)
    doc.tables["quotes"] = rows
    _sentence_speakers(rows, doc.sentences, sentence_starts)


def _sentence_speakers(rows: list[dict], sentences: list[dict], starts: list[int]) -> None:
    """Set each sentence's ``speaker_canonical``: the speaker of the quote that covers most of
    it, if at least a third (the rest is then its attribution, "…,” Lavrov said at the meeting
    of …"), else the narrator. ``starts`` are the sentences' start offsets."""
    best: dict[int, tuple[int, dict]] = {}
    for row in rows:
        if row["kind"] == "partial":
            continue
        first = max(bisect.bisect_right(starts, row["quote_start"]) - 1, 0)
        last = bisect.bisect_left(starts, row["quote_end"])
        for k in range(first, last):
            s, e = sentences[k]["start"], sentences[k]["end"]
            cover = min(e, row["quote_end"]) - max(s, row["quote_start"])
            if cover * 3 >= e - s and cover > best.get(k, (0, None))[0]:
                best[k] = (cover, row)
    # Most sentences are narration: all of them first, then the few a quote covers.
    for sentence in sentences:
        sentence["speaker_canonical"] = NARRATOR
    for k, (_, row) in best.items():
        sentences[k]["speaker_canonical"] = row["speaker_canonical"] or "unattributed"
