"""Speech cues: a speech verb, its speaker and the span of what was said, found by rules.

A cue is found at each speech-verb form of ``lexicons/speech_verbs.csv`` outside direct quotes:

- speaker before the verb: ``X said (that) …`` (content after the verb), ``…, X said.`` and
  ``“…,” X said`` (content before);
- speaker after the verb: ``“…,” said X`` / ``…, says X, the …`` (content before);
- ``according to X, …`` / ``…, according to X.``;
- coordinated and participial verbs (``Kerry defended … and warned …``, ``…, saying …``) take
  the subject of their sentence.

Example:
    >>> from analysis.speakers import Tokens
    >>> text = "The mayor said the rink will close."
    >>> toks = Tokens(text)
    >>> cue = find_cues(toks, [(0, len(toks))], inside=lambda pos: False)[0]
    >>> text[cue.content[0]:cue.content[1]], cue.speaker
    ('the rink will close', (0, 2))
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable

from .quote_marks import CLOSING, MARKS, OPENING
from .speakers import Tokens, np_left, np_right

_STOPS = ".!?;"


@dataclasses.dataclass
class Cue:
    """A speech verb (token range, None for "according to"), its speaker (token range or None)
    and the character span of the content; ``before`` when the content precedes the cue."""

    verb: tuple[int, int] | None
    speaker: tuple[int, int] | None
    content: tuple[int, int]
    before: bool


@dataclasses.dataclass(frozen=True)
class _Verb:
    lemma: str
    after: int
    strong: bool
    addressee: bool


def _verb_entry(toks: Tokens, k: int, hi: int) -> _Verb | None:
    """The speech verb at token ``k`` (with its particle), or None."""
    entries = toks.lex.verbs.get(toks.low[k])
    if not entries:
        return None
    for lemma, particle, strength, addressee in sorted(entries, key=lambda e: not e[1]):
        if not particle:
            return _Verb(lemma, k + 1, strength == "strong", addressee)
        if k + 1 < hi and toks.low[k + 1] == particle:
            return _Verb(lemma, k + 2, strength == "strong", addressee)
    return None


def _skip_back(toks: Tokens, j: int, lo: int) -> int:
    """Step left over auxiliaries and adverbs between a subject and its verb."""
    steps = 0
    while j >= lo and steps < 3 and (
        toks.classes(j) & {"auxiliary", "adverb"}
        or (toks.low[j].endswith("ly") and toks.words[j].islower() and len(toks.low[j]) > 4)
    ) and not toks.is_pronoun(j):
        j -= 1
        steps += 1
    return j


def subject(toks: Tokens, a: int, b: int) -> tuple[int, int] | None:
    """The subject noun phrase at the start of the sentence of tokens ``[a, b)``, after an
    introductory phrase ("In his public speech, Kerry …") or conjunction ("But he …")."""
    i = a
    while i < b and (toks.words[i] in MARKS or toks.classes(i) & {"conjunction", "adverb"}):
        i += 1
    if i < b and "preposition" in toks.classes(i):
        for k in range(i, min(b, i + 14)):
            if toks.words[k] == ",":
                i = k + 1
                break
        else:
            return None
    return np_right(toks, i, b) if i < b else None


def _content_end(toks: Tokens, k: int, b: int) -> int:
    """End offset of content running from token ``k`` to its sentence end (no final stop)."""
    last = b - 1
    while last > k and (toks.words[last] in _STOPS or toks.words[last] in CLOSING + '"'
                        and not _opened_inside(toks, k, last)):
        last -= 1
    return toks.ends[last]


def _opened_inside(toks: Tokens, k: int, last: int) -> bool:
    return any(toks.words[m] in OPENING + '"' for m in range(k, last))


def _is_intro(toks: Tokens, a: int, comma: int) -> bool:
    """Whether tokens ``[a, comma)`` are an introductory phrase rather than reported content."""
    if comma - a <= 3:
        return True
    first = toks.classes(a)
    return bool(first & {"preposition", "adverb", "conjunction", "temporal"}) and comma - a <= 10


def find_cues(toks: Tokens, sentences: list[tuple[int, int]], *,
              inside: Callable[[int], bool]) -> list[Cue]:
    """Speech cues of a text, given its sentences as token ranges ``(a, b)``.

    Args:
        toks: the text's tokens.
        sentences: ``(first token, one past last token)`` per sentence.
        inside: whether a character position lies inside a direct quotation.

    Returns:
        The cues in text order.
    """
    cues = []
    for a, b in sentences:
        for k in range(a, b):
            if inside(toks.starts[k]):
                continue
            cue = _cue_at(toks, k, a, b)
            if cue is not None:
                cues.append(cue)
    return cues


def _cue_at(toks: Tokens, k: int, a: int, b: int) -> Cue | None:
    verb = _verb_entry(toks, k, b)
    if verb is None:
        return None
    if verb.lemma == "according to":
        return _according(toks, k, verb.after, a, b)
    j = _skip_back(toks, k - 1, a)
    if j - 2 >= a and toks.low[j] == "who" and toks.words[j - 1] == ",":
        j -= 2
    speaker = np_left(toks, j, a) if j >= a else None
    if speaker is not None and speaker[0] > a and toks.low[speaker[0] - 1] in ("to", "of", "by") \
            and not toks.is_pronoun(speaker[0]):
        speaker = None
    if speaker is None and j >= a and toks.words[j] == ",":
        speaker = _appositive(toks, j, a)
    if speaker is None and j >= a and toks.words[j] in ",”\"" and verb.strong:
        speaker = np_right(toks, verb.after, b)
        return _before(toks, a, (k, verb.after), speaker, k) if speaker else None
    if speaker is None and j >= a and (toks.low[j] == "and" or
                                       toks.words[j] == "," and toks.low[k].endswith("ing")):
        speaker = subject(toks, a, b)
        if speaker is None or speaker[1] > k:
            return None
        return _after(toks, k, verb, b, speaker)
    if speaker is None:
        return None
    start = min(speaker[0], k)
    if start > a and toks.words[start - 1] in ",”\"" and not (
        toks.words[start - 1] == "," and _is_intro(toks, a, start - 1)
    ):
        if _parenthetical(toks, verb.after, b):
            return _after(toks, k, verb, b, speaker, skip=1)
        if _tail_is_adjunct(toks, verb.after, b):
            return _before(toks, a, (k, verb.after), speaker, start)
    return _after(toks, k, verb, b, speaker)


def _appositive(toks: Tokens, j: int, a: int) -> tuple[int, int] | None:
    """Speaker of ``Name, the role of X, said`` or ``The role of X, Name, said`` where token
    ``j`` is the comma before the verb."""
    c = j - 1
    while c > a and c > j - 16 and toks.words[c] not in ",;.":
        c -= 1
    if c <= a or toks.words[c] != ",":
        return None
    inner = np_left(toks, j - 1, c + 1)
    if inner is None or inner[0] != c + 1:
        return None
    if toks.is_name(j - 1):
        return inner
    outer = np_left(toks, c - 1, a)
    return outer if outer is not None and toks.is_name(outer[1] - 1) else None


def _parenthetical(toks: Tokens, i: int, b: int) -> bool:
    """Whether the cue is set off by commas inside its content: "…, he said, it would …"."""
    if i >= b or toks.words[i] != ",":
        return False
    rest = [m for m in range(i + 1, b) if toks.words[m] not in _STOPS]
    return len(rest) >= 4 and toks.words[i + 1] not in MARKS \
        and toks.low[i + 1] not in toks.lex.verbs


def _tail_is_adjunct(toks: Tokens, i: int, b: int) -> bool:
    """Whether what follows a speech verb is no reported content: the sentence ends, or only a
    short object or a prepositional phrase follows ("told Reuters", "said in a statement")."""
    end = i
    while end < b and toks.words[end] not in _STOPS:
        end += 1
    if end - i <= 3 or toks.words[i] == ",":
        return True
    tail = {toks.low[m] for m in range(i, end)}
    return bool(toks.classes(i) & {"preposition", "temporal"}) and "that" not in tail


def _after(toks, k, verb, b, speaker, skip=0) -> Cue | None:
    """Content after the verb: ``X said (that) …``, ``X told reporters (that) …``."""
    i = verb.after + skip
    if i < b and toks.words[i] in ":,":
        i += 1
    if verb.addressee and i < b and toks.low[i] != "that":
        obj = np_right(toks, i, b)
        if obj is not None and obj[1] < b:
            i = obj[1]
    for m in range(i, min(b, i + 4)):
        if toks.low[m] == "that" and not any(toks.words[x] in MARKS for x in range(i, m)):
            i = m + 1
            break
    else:
        if not verb.strong:
            return None
    if i >= b or toks.words[i] in _STOPS:
        return None
    end = _content_end(toks, i, b)
    if end - toks.starts[i] < 8:
        return None
    return Cue((k, verb.after), speaker, (toks.starts[i], end), False)


def _before(toks, a, verb, speaker, cue_start) -> Cue | None:
    """Content before the cue: ``…, X said`` / ``“…,” said X``."""
    first = a
    while first < cue_start and toks.words[first] in MARKS:
        first += 1
    last = cue_start - 1
    while last > first and toks.words[last] in ",":
        last -= 1
    if last <= first:
        return None
    start = toks.starts[first]
    if toks.words[a] in OPENING + '"':
        start = toks.starts[a]
    return Cue(verb, speaker, (start, toks.ends[last]), True)


def _according(toks, k, after, a, b) -> Cue | None:
    speaker = np_right(toks, after, b)
    if speaker is None:
        return None
    if k == a or (k - a <= 2 and toks.classes(a) & {"conjunction", "adverb"}):
        i = speaker[1]
        while i < b and toks.words[i] != ",":
            i += 1
        if i + 1 >= b:
            return None
        return Cue(None, speaker, (toks.starts[i + 1], _content_end(toks, i + 1, b)), False)
    return _before(toks, a, None, speaker, k)
