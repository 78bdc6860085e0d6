"""Speech cues: a speech verb, its speaker and the span of what was said, found by rules.

A cue is found at each speech-verb form of ``lexicons/speech_verbs.csv`` outside direct quotes:

- speaker before the verb: ``X said (that) …`` (content after the verb), ``…, X said.`` and
  ``“…,” X said`` (content before), ``X, the director of Y, said …`` (appositives);
- speaker after the verb: ``“…,” said X`` / ``…, says X, the …`` (content before);
- ``according to X, …`` / ``…, according to X.``;
- coordinated and participial verbs (``Kerry defended … and warned …``, ``…, saying …``) take
  the subject of their sentence.

A verb whose object is no reported speech ("denied the request", "called for a cease-fire")
still makes a cue, marked ``reported=False``: quoted words inside its object are the speaker's.

Example:
    >>> from analysis.phrases import Tokens
    >>> text = "The mayor said the rink will close."
    >>> toks = Tokens(text)
    >>> cue = find_cues(toks, [(0, len(toks))])[0]
    >>> text[cue.content[0]:cue.content[1]], cue.speaker
    ('the rink will close', (0, 2))
"""
from __future__ import annotations

import bisect
import dataclasses
import itertools
import typing
from collections.abc import Iterable

from .phrases import Tokens, class_words, np_left, np_right
from .quote_marks import CLOSING, MARKS, OPENING

_STOPS = ".!?;"
_CLOSERS = CLOSING + '"'


@dataclasses.dataclass
class Cue:
    """A speech verb (token range; None for "according to"), its speaker (token range or None)
    and the character span of its content; ``before`` when the content precedes the cue,
    ``reported`` when the content is reported speech (not just the verb's object)."""

    verb: tuple[int, int] | None
    speaker: tuple[int, int] | None
    content: tuple[int, int]
    before: bool
    reported: bool = True


class _Verb(typing.NamedTuple):
    lemma: str
    after: int
    strong: bool
    addressee: bool
    clausal: bool


def _verb_entry(toks: Tokens, k: int, hi: int) -> _Verb | None:
    """The speech verb at token ``k`` (with its particle), or None."""
    entries = toks.lex.verbs.get(toks.low[k])
    if not entries:
        return None
    for lemma, particle, strength, addressee, frame in entries:  # forms with a particle first
        after = k + 1 + bool(particle)
        if not particle or (k + 1 < hi and toks.low[k + 1] == particle):
            return _Verb(lemma, after, strength == "strong", addressee, frame == "clause")
    return None


def _skip_back(toks: Tokens, j: int, lo: int) -> int:
    """Step left over auxiliaries and adverbs between a subject and its verb."""
    steps = 0
    while j >= lo and steps < 3 and toks.words[j].islower() and (
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
    while i < b and (toks.words[i] in MARKS + "," or toks.classes(i) & {"conjunction", "adverb"}):
        i += 1
    if i < b and toks.classes(i) & {"preposition", "temporal"}:
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
    while last > k and (toks.words[last] in _STOPS or toks.words[last] in _CLOSERS
                        and not any(toks.words[m] in OPENING + '"' for m in range(k, last))):
        last -= 1
    return toks.ends[last]


def _is_intro(toks: Tokens, a: int, comma: int) -> bool:
    """Whether tokens ``[a, comma)`` are an introductory phrase rather than reported content."""
    if comma - a <= 3:
        return True
    first = toks.classes(a)
    return bool(first & {"preposition", "adverb", "conjunction", "temporal"}) and comma - a <= 10


def find_cues(toks: Tokens, sentences: list[tuple[int, int]], *,
              quoted: Iterable[tuple[int, int]] = ()) -> list[Cue]:
    """Speech cues of a text, given its sentences as token ranges ``(a, b)``.

    Args:
        toks: the text's tokens.
        sentences: ``(first token, one past last token)`` per sentence.
        quoted: character spans of the direct quotations, in text order (no cue in them).

    Returns:
        The cues in text order.
    """
    # Only a speech-verb form can make a cue: find those once, not token by token.
    verbs = toks.outside(list(itertools.compress(range(len(toks)), map(
        toks.lex.verbs.__contains__, toks.low))), quoted)
    cues = []
    for a, b in sentences:
        previous = None
        for k in verbs[bisect.bisect_left(verbs, a):bisect.bisect_left(verbs, b)]:
            cue = _cue_at(toks, k, a, b, previous)
            if cue is not None:
                cues.append(cue)
                previous = cue
    return cues


def _cue_at(toks: Tokens, k: int, a: int, b: int, previous: Cue | None) -> Cue | None:
    if toks.words[k][0].isupper() and k != a:
        return None
    verb = _verb_entry(toks, k, b)
    if verb is None:
        return None
    if verb.lemma == "according to":
        return _according(toks, k, verb.after, a, b)
    if k - 1 >= a and "copula" in toks.classes(k - 1):
        return None
    if toks.low[k] == verb.lemma.split()[0] and _skip_back(toks, k - 1, a) < k - 1 and any(
        "modal" in toks.classes(m) for m in range(max(a, k - 3), k)
    ):
        return None  # "they will argue …": speech to come, not reported
    if toks.low[k].endswith("ing"):
        # A participle ("…, adding that …") speaks for its clause's speaker; without the comma
        # (stripped in some corpora) only right after another cue and before "that".
        if not (k - 1 >= a and (toks.words[k - 1] == "," or "coordinator" in toks.classes(k - 1))
                or previous is not None and k + 1 < b
                and "complementizer" in toks.classes(k + 1)):
            return None
        speaker = previous.speaker if previous and previous.speaker else subject(toks, a, b)
        if speaker is None or speaker[1] > k:
            return None
        return _after(toks, k, verb, b, speaker)
    j = _skip_back(toks, k - 1, a)
    if j - 2 >= a and "relative_person" in toks.classes(j) and toks.words[j - 1] == ",":
        j -= 2
    speaker = None
    if j >= a:
        speaker = _appositive(toks, j, a) if toks.words[j] == "," else np_left(toks, j, a)
    before = toks.classes(speaker[0] - 1) if speaker is not None and speaker[0] > a else set()
    if speaker is not None and not toks.is_pronoun(speaker[0]) and "preposition" in before \
            and "subordinator" not in before:
        # "sources familiar with the talks said", "some in the community say": the speaker is
        # the phrase before the preposition, not its object.
        p = speaker[0] - 2
        outer = np_left(toks, p, a) if p >= a else None
        if outer is None and p >= a and "determiner" in toks.classes(p):
            outer = (p, p + 1)  # "some in the Muslim community say"
        if outer is None:
            return None
        speaker = (outer[0], speaker[1])
    if speaker is not None and (_first_person(toks, speaker[0]) or not verb.strong and (
        toks.low[k] == verb.lemma and not _plural(toks, speaker)
    )):
        return None
    if speaker is None:
        if j == k - 1 >= a and toks.words[j] in "," + _CLOSERS and not toks.low[k].endswith(
            "ing"
        ) and (verb.strong or toks.words[j] in _CLOSERS):
            speaker = np_right(toks, verb.after, b)
            if speaker is None or not _ends_inverted(toks, speaker, b):
                return None
            return _before(toks, a, (k, verb.after), speaker, k)
        if j >= a and "coordinator" in toks.classes(j):
            speaker = subject(toks, a, b)
            if speaker is None or speaker[1] > k:
                return None
            return _after(toks, k, verb, b, speaker)
        return None
    start = min(speaker[0], k)
    left = _left_of(toks, start, a)
    if left == "," and not _is_intro(toks, a, start - 1):
        if _parenthetical(toks, verb.after, b, start - 1):
            return _after(toks, k, verb, b, speaker, skip=1)
        if _tail_is_adjunct(toks, verb, b):
            return _before(toks, a, (k, verb.after), speaker, start)
    elif left == "mark" and _tail_is_adjunct(toks, verb, b):
        return _before(toks, a, (k, verb.after), speaker, start)
    elif left is None and start - a > 3 and verb.clausal and verb.strong and _ends_soon(
        toks, verb.after, b
    ) and not toks.low[k].endswith("ing") and not toks.classes(start - 1) & {
        "conjunction", "complementizer", "relative", "preposition"
    }:
        # Commas stripped (as in FA-KES): "Dozens were killed the monitor said."
        return _before(toks, a, (k, verb.after), speaker, start)
    return _after(toks, k, verb, b, speaker)


def _plural(toks: Tokens, speaker: tuple[int, int]) -> bool:
    """Whether a subject is plural ("officials", "they"), as a speech verb's base form needs."""
    last = toks.low[speaker[1] - 1]
    if toks.is_pronoun(speaker[1] - 1):
        person, number, _, _ = toks.lex.pronouns[last]
        return number == "plural" or person == 2
    return last.endswith("s") and not last.endswith(("'s", "’s"))


def _opens_clause(toks: Tokens, i: int) -> bool:
    """A word that can only open a clause: a subject pronoun ("denied he was") or "there"."""
    entry = toks.lex.pronouns.get(toks.low[i])
    return entry is not None and entry[3] == "subject" or "existential" in toks.classes(i)


def _first_person(toks: Tokens, i: int) -> bool:
    """"I" or "we" outside quotes is the writer, not a quoted speaker."""
    return toks.is_pronoun(i) and toks.lex.pronouns[toks.low[i]][0] == 1


def _ends_inverted(toks: Tokens, speaker: tuple[int, int], b: int) -> bool:
    """Whether a speaker after its verb ends the clause ("…,” said Assad." / "said Kim, the …"),
    as inverted attributions do; a name may also be followed by a place or time phrase."""
    end = speaker[1]
    if end >= b or toks.words[end] in _STOPS + ",(—–":
        return True
    return toks.is_name(end - 1) and not toks.is_pronoun(speaker[0]) \
        and bool(toks.classes(end) & {"preposition", "temporal"})


def _left_of(toks: Tokens, start: int, a: int) -> str | None:
    """What stands right before a cue: a comma, a closing quote mark (also one that ends the
    previous sentence: “Are there prizes?” Lincicome asked), or neither."""
    p = start - 1
    if p < 0:
        return None
    if p >= a and toks.words[p] == ",":
        return ","
    if toks.words[p] in _CLOSERS and (p >= a or "\n" not in toks.gap(p, start)):
        return "mark"
    return None


def _appositive(toks: Tokens, j: int, a: int) -> tuple[int, int] | None:
    """Speaker of ``The role of X, Name, said``, ``Name, the role of X, said``,
    ``Name, 50, says`` or ``Name, who …, said``, where token ``j`` is the comma before the verb."""
    nearest, named = True, None
    for c in range(j - 1, max(a, j - 45) - 1, -1):
        if toks.words[c] in "!?;" or toks.words[c] in MARKS:
            break
        if toks.words[c] != ",":
            continue
        inner = range(c + 1, j)
        if nearest and inner and all(toks.is_name(m) or toks.low[m] == "and"
                                     or toks.joins_name(m) for m in inner) \
                and any(toks.is_name(m) and not toks.role(m) for m in inner):
            if any(toks.words[m] in toks.lex.first_names for m in inner):
                return (c + 1, j)
            named = (c + 1, j)
        nearest = False
        outer = np_left(toks, c - 1, a)
        if outer is not None and (outer[0] == a or toks.is_name(outer[1] - 1)
                                  and toks.words[outer[0] - 1] in ",:—–" + _CLOSERS):
            return outer
    return named


def _parenthetical(toks: Tokens, i: int, b: int, comma: int) -> bool:
    """Whether the cue is set off by commas inside its content: "because, he said, it …"."""
    if i >= b or toks.words[i] != "," or comma < 1:
        return False
    rest = [m for m in range(i + 1, b) if toks.words[m] not in _STOPS]
    return len(rest) >= 4 and toks.words[i + 1] not in MARKS \
        and bool(toks.classes(comma - 1) & {"conjunction", "complementizer"})


def _clause_end(toks: Tokens, i: int, b: int) -> int:
    """Index of the sentence's final stop, or of a speech participle ("adding") from ``i`` on."""
    end = i
    while end < b and toks.words[end] not in _STOPS and not (
        toks.low[end].endswith("ing") and toks.low[end] in toks.lex.verbs
    ):
        end += 1
    return end


def _ends_soon(toks: Tokens, i: int, b: int) -> bool:
    """Whether at most a short object follows token ``i`` before the sentence ends."""
    end = _clause_end(toks, i, b)
    return end - i <= 3 and not any(toks.words[m] in MARKS for m in range(i, end))


def _tail_is_adjunct(toks: Tokens, verb: _Verb, b: int) -> bool:
    """Whether what follows a speech verb is no reported content: the sentence ends, or only a
    short object or a prepositional phrase follows ("told Reuters", "said in a statement")."""
    i = verb.after
    if i < b and toks.words[i] == ",":
        return True
    if verb.addressee:
        obj = np_right(toks, i, b)
        i = obj[1] if obj else i
    end = _clause_end(toks, i, b)
    tail = range(i, end)
    if any("complementizer" in toks.classes(m) for m in tail) or any(
        toks.words[m] in OPENING + '"' for m in range(i, min(end, i + 2))
    ):
        return False
    return end - i <= 3 or bool(toks.classes(i) & {"preposition", "temporal"})


def _after(toks: Tokens, k: int, verb: _Verb, b: int, speaker, skip: int = 0) -> Cue | None:
    """Content after the verb: ``X said (that) …``, ``X told reporters (that) …``."""
    i = verb.after + skip
    if i < b and toks.words[i] in ":,":
        i += 1
    if verb.addressee and i < b and "complementizer" not in toks.classes(i):
        obj = np_right(toks, i, b)
        if obj is not None and obj[1] < b and toks.words[obj[1]] not in MARKS:
            i = obj[1]
    reported = i < b and (verb.clausal and "object_marker" not in toks.classes(i)
                          or _opens_clause(toks, i))
    if i + 1 < b and (toks.words[i][0].isdigit() or toks.words[i] == "$") and (
        "quantity" in toks.classes(i + 1) or toks.words[i] == "$"
    ):
        return None
    complementizers = class_words("complementizer")
    for m in range(i, min(b, i + 7)):
        if toks.words[m] in MARKS or toks.words[m] in _STOPS or toks.low[m] in toks.lex.verbs:
            break
        if toks.low[m] in complementizers:
            i, reported = m + 1, True
            break
    if i >= b or toks.words[i] in _STOPS:
        return None
    if not reported:
        # "warned of a disaster and that crimes are committed": the clause is reported speech.
        for m in range(i + 1, b - 1):
            if toks.low[m] in complementizers and "coordinator" in toks.classes(m - 1):
                i, reported = m + 1, True
                break
    end = _content_end(toks, i, b)
    if b - i < 3 and toks.words[i] not in MARKS:
        return None
    return Cue((k, verb.after), speaker, (toks.starts[i], end), False, reported)


def _before(toks: Tokens, a: int, verb, speaker, cue_start: int) -> Cue | None:
    """Content before the cue: ``…, X said`` / ``“…,” said X``."""
    first = a
    while first < cue_start and toks.words[first] in MARKS:
        first += 1
    last = cue_start - 1
    while last > first and toks.words[last] == ",":
        last -= 1
    if last < first or cue_start <= a:
        return Cue(verb, speaker, (toks.starts[cue_start], toks.starts[cue_start]), True)
    start = toks.starts[a] if toks.words[a] in OPENING + '"' else toks.starts[first]
    return Cue(verb, speaker, (start, toks.ends[last]), True)


def _according(toks: Tokens, k: int, after: int, a: int, b: int) -> Cue | None:
    """``According to X, …`` (content after X's comma), ``…, according to X.`` (content
    before), or ``Y, according to X, …`` (a short subject before: content after)."""
    speaker = np_right(toks, after, b)
    if speaker is None:
        return None
    first = a
    while first < k and (toks.words[first] in MARKS or toks.classes(first) & {"conjunction",
                                                                            "adverb"}):
        first += 1
    if k - first >= 4:
        return _before(toks, a, None, speaker, k)
    comma = next((m for m in range(speaker[1], min(b, speaker[1] + 20)) if toks.words[m] == ","),
                 None)
    if comma is None or b - comma <= 3:
        return None
    return Cue(None, speaker, (toks.starts[comma + 1], _content_end(toks, comma + 1, b)), False)
