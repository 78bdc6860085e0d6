"""Word tokens and the speaker noun phrases that the quote rules look for, without a parser.

:class:`Tokens` holds a text's word tokens with offsets and the word-class tests the rules use
(from the lexicons ``speech_verbs``, ``pronouns``, ``speaker_roles``, ``function_words``).
:func:`np_left` finds the noun phrase that ends right before a speech verb ("Russian Foreign
Minister Sergei Lavrov said", "the Russian minister said"), :func:`np_right` the one after it
("said Assad", "according to the Syrian Observatory").

Example:
    >>> toks = Tokens("Russian Foreign Minister Sergei Lavrov said")
    >>> i, j = np_left(toks, 4, 0)
    >>> toks.text[toks.starts[i]:toks.ends[j - 1]]
    'Russian Foreign Minister Sergei Lavrov'
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import word_span

_NO_CLASSES: frozenset[str] = frozenset()
_DOUBLED = re.compile(r"(\w)\1")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclasses.dataclass(frozen=True)
class Lexicons:
    verbs: dict[str, list[tuple[str, str, str, bool, str]]]
    pronouns: dict[str, tuple[int, str, str, str]]
    roles: dict[str, tuple[str, str, str]]
    words: dict[str, frozenset[str]]
    first_names: dict[str, str]


@functools.cache
def lexicons() -> Lexicons:
    """The quote lexicons of ``analysis/lexicons`` (speech verbs, pronouns, roles, word classes,
    first names)."""
    def read(name):
        return pd.read_csv(LEXICON_DIR / name, comment="#", dtype=str, keep_default_na=False)

    verbs: dict[str, list] = {}
    for form, lemma, particle, strength, addressee, frame in read(
        "speech_verbs.csv"
    ).itertuples(index=False):
        verbs.setdefault(form, []).append((lemma, particle, strength, addressee == "yes", frame))
    for entries in verbs.values():
        entries.sort(key=lambda e: not e[1])  # a phrasal verb before the bare one ("speak out")
    pronouns = {p: (int(person), number, gender, case)
                for p, person, number, gender, case in read("pronouns.csv").itertuples(
                    index=False)}
    roles = {t: (kind, gender, number)
             for t, kind, gender, number in read("speaker_roles.csv").itertuples(index=False)}
    words: dict[str, set] = {}
    for word, cls in read("function_words.csv").itertuples(index=False):
        words.setdefault(word, set()).add(cls)
    first_names = dict(read("first_names.csv").itertuples(index=False))
    return Lexicons(verbs, pronouns, roles, {w: frozenset(c) for w, c in words.items()},
                    first_names)


def strip_possessive(text: str) -> str:
    """``text`` without a final possessive ("Lavrov's" → "Lavrov")."""
    return _POSSESSIVE.sub("", text) if text.endswith(("'s", "’s", "s'", "s’")) else text


@functools.lru_cache(maxsize=1 << 16)
def name_key(token: str) -> str:
    """A spelling-tolerant key of a name token: lower case, no possessive, no "al-" prefix,
    doubled letters single ("Assad" and "Asad" share a key)."""
    low = _POSSESSIVE.sub("", token.lower())
    low = re.sub(r"^(?:al|el|ad|as|ar)-", "", low)
    return _DOUBLED.sub(r"\1", low)


class Tokens:
    """Word tokens of a text with their offsets and word-class tests used by the rules."""

    def __init__(self, text: str):
        self.text = text
        # The lexicon engine's cached tokens of the text: framing and rhetoric read the same.
        span = word_span(text)
        words, starts, ends = span.words, span.starts, span.ends
        # Invisible format characters (zero-width spaces) are no words. They are neither ASCII
        # nor printable, so most texts are cleared of them in C, not token by token.
        if not text.isascii() and not "".join(words).isprintable():
            keep = [k for k, w in enumerate(words) if unicodedata.category(w[0]) != "Cf"]
            words, starts, ends = (tuple(seq[k] for k in keep) for seq in (words, starts, ends))
        # Tuples (shared with the lexicon engine's span) the garbage collector need not visit.
        self.starts, self.ends, self.words = starts, ends, words
        #: The lower case and :meth:`is_name` of every token (asked of every token).
        self.low, self.name_flags = _word_facts(words, span.vocabulary)
        self.lex = lexicons()

    def __len__(self) -> int:
        return len(self.words)

    def classes(self, i: int) -> frozenset[str]:
        return self.lex.words.get(self.low[i], _NO_CLASSES)

    def is_pronoun(self, i: int) -> bool:
        return self.low[i] in self.lex.pronouns

    def subject_pronoun(self, i: int) -> bool:
        """A pronoun that can be a speaker: a subject form, not the reader's "you"."""
        entry = self.lex.pronouns.get(self.low[i])
        return entry is not None and entry[3] in ("subject", "both") and entry[0] != 2

    def role(self, i: int) -> str:
        """'role', 'group', 'organisation', 'document', 'modifier' or '' for token ``i``."""
        return word_role(self.low[i])

    def is_name(self, i: int) -> bool:
        """A capitalised word that can be part of a name (not a sentence-initial function word)."""
        return self.name_flags[i]

    def name_tokens(self) -> list[int]:
        """Indices of the tokens for which :meth:`is_name` holds, in order."""
        return list(itertools.compress(range(len(self.words)), self.name_flags))

    def outside(self, tokens: list[int], spans: Iterable[tuple[int, int]]) -> list[int]:
        """The tokens among ``tokens`` (indices, in order) that start in none of the character
        ``spans`` (in text order, not overlapping): a cut per span, not a test per token."""
        kept, pos, starts = [], 0, self.starts
        for start, end in spans:
            first = bisect.bisect_left(tokens, bisect.bisect_left(starts, start), pos)
            kept += tokens[pos:first]
            pos = bisect.bisect_left(tokens, bisect.bisect_left(starts, end), first)
        kept += tokens[pos:]
        return kept

    def joins_name(self, i: int) -> bool:
        """A lower-case particle or initial's full stop that may stand inside a name."""
        word = self.words[i]
        if word == ".":
            return i > 0 and len(self.words[i - 1]) <= 3 and self.words[i - 1][0].isupper() \
                and self.starts[i] == self.ends[i - 1]
        # Asked after every name run: a set of particles, not each word's classes.
        return self.low[i] in class_words("name_particle") and word.islower()

    def gap(self, i: int, j: int) -> str:
        """The text between the end of token ``i`` and the start of token ``j``."""
        return self.text[self.ends[i]:self.starts[j]]


@functools.lru_cache(maxsize=1 << 16)
def word_role(low: str) -> str:
    """:meth:`Tokens.role` of a lower-case word."""
    entry = lexicons().roles.get(_POSSESSIVE.sub("", low))
    return entry[0] if entry else ""


@functools.cache
def class_words(*classes: str) -> frozenset[str]:
    """Lower-case words of ``function_words.csv`` with any of ``classes``: a set to test
    tokens against where a rule scans many of them."""
    return frozenset(w for w, have in lexicons().words.items() if not have.isdisjoint(classes))


_CLOSED = frozenset({"determiner", "preposition", "conjunction", "complementizer", "adverb",
                     "temporal"})


#: Lower case and :func:`_is_name` of the words of recent texts: a look-up per token costs
#: less than a call per token. Replaced by empty ones, never cleared in place (another thread
#: may be reading them), when they grow past ``_MEMO_WORDS``.
_word_memo: tuple[dict[str, str], dict[str, bool]] = ({}, {})
_MEMO_WORDS = 1 << 16


def _word_facts(words: tuple[str, ...], vocabulary: frozenset[str]) -> tuple[tuple, tuple]:
    """The lower case and :func:`_is_name` of each of ``words`` (all in ``vocabulary``)."""
    global _word_memo
    lower, names = _word_memo
    try:
        return tuple(map(lower.__getitem__, words)), tuple(map(names.__getitem__, words))
    except KeyError:  # a word not seen in recent texts
        if len(lower) > _MEMO_WORDS:
            lower, names = _word_memo = {}, {}
        for word in vocabulary.difference(lower):
            lower[word] = word.lower()
            names[word] = _is_name(word)
        return tuple(map(lower.__getitem__, words)), tuple(map(names.__getitem__, words))


def _is_name(word: str) -> bool:
    """:meth:`Tokens.is_name` of a word: it depends on the word alone (and the packaged
    lexicons)."""
    if not word[0].isalpha():
        return False
    lex = lexicons()
    if word[0].isupper():
        low = word.lower()
        return not (lex.words.get(low, _NO_CLASSES) & _CLOSED) and low not in lex.pronouns \
            and low not in lex.verbs
    head, _, rest = word.partition("-")
    return bool(rest) and rest[0].isupper() and "name_particle" in \
        lex.words.get(head.lower(), ())


def name_left(toks: Tokens, j: int, lo: int) -> int:
    """First token of the name run that ends at token ``j`` (a name token)."""
    i = j
    while i - 1 >= lo and "\n" not in toks.gap(i - 1, i) and not _possessive(toks, i - 1):
        if toks.is_name(i - 1):
            i -= 1
            continue
        k = i - 1
        while k >= lo and toks.joins_name(k):
            k -= 1
        if k == i - 1 or k < lo or not toks.is_name(k):
            break
        i = k
    return i


def name_right(toks: Tokens, i: int, hi: int) -> int:
    """One past the last token of the name run that starts at token ``i``."""
    names, text, starts, ends = toks.name_flags, toks.text, toks.starts, toks.ends
    j = i + 1
    # Asked at every name in a text: the word tests first, as they end most runs.
    while j < hi and (names[j] or j + 1 < hi and names[j + 1] and toks.joins_name(j)) \
            and "\n" not in text[ends[j - 1]:starts[j]] and not _possessive(toks, j - 1):
        j += 1
    return j


def _plain(toks: Tokens, i: int) -> bool:
    """A lower-case content word or number ("cybersecurity", "26-year-old"): no function word,
    pronoun or speech verb."""
    word = toks.words[i]
    return word.replace("-", "").isalnum() and (word[0].islower() or word[0].isdigit()) \
        and not toks.classes(i) and not toks.is_pronoun(i) and toks.low[i] not in toks.lex.verbs


def _possessive(toks: Tokens, i: int) -> bool:
    return toks.low[i].endswith(("'s", "’s"))


def _head(toks: Tokens, i: int) -> bool:
    return toks.role(i) in ("role", "group", "organisation", "document")


def np_left(toks: Tokens, j: int, lo: int) -> tuple[int, int] | None:
    """Token range ``[i, j + 1)`` of a speaker noun phrase ending at token ``j``, or None.

    The phrase is a subject pronoun, a name with its titles ("Russian Foreign Minister Sergei
    Lavrov"), or a description with a determiner or a name in it ("the Russian minister",
    "Cisco's Talos cybersecurity unit", "officials"); a possessive cannot end it.
    """
    if j < lo or _possessive(toks, j):
        return None
    if toks.joins_name(j) and j - 1 >= lo and toks.is_name(j - 1):
        # "Samsung Electronics Co. said": the abbreviation's full stop ends the name.
        found = np_left(toks, j - 1, lo)
        return (found[0], j + 1) if found else None
    if toks.is_pronoun(j):
        return (j, j + 1) if toks.subject_pronoun(j) else None
    if toks.is_name(j):
        i = name_left(toks, j, lo)
    elif _head(toks, j) or _plain(toks, j) and toks.words[j][0].isalpha():
        i = j
    else:
        return None
    determined = False
    while i - 1 >= lo and j - i < 8 and "\n" not in toks.gap(i - 1, i):
        prev = i - 1
        if "determiner" in toks.classes(prev):
            i, determined = prev, True
            if prev - 2 >= lo and toks.low[prev - 1] == "of" and (
                _head(toks, prev - 2) or _plain(toks, prev - 2)
            ):
                # "the director of the Syrian Observatory", "another member of the public"
                i = prev - 2
                continue
            break
        if toks.is_name(prev) or toks.role(prev) or _plain(toks, prev) or _capital_compound(
            toks, prev
        ) or toks.joins_name(prev) and prev - 1 >= lo:
            i = prev
            continue
        if toks.low[prev] == "of" and prev - 1 >= lo and (
            _head(toks, prev - 1) or _plain(toks, prev - 1) or toks.is_name(prev - 1)
        ):
            i = prev - 1
            continue
        break
    span = range(i, j + 1)
    if toks.is_name(j) or _head(toks, j) or determined or any(
        toks.is_name(k) or _head(toks, k) for k in span
    ):
        return (i, j + 1)
    if i == j and toks.low[j].endswith("s") and (i == lo or toks.words[i - 1] == ","):
        return (i, j + 1)  # a bare plural subject: "…, aides said."
    return None


def _capital_compound(toks: Tokens, i: int) -> bool:
    """A hyphenated word ending in a capital ("then-Surrey"), part of a title."""
    head, _, rest = toks.words[i].rpartition("-")
    return bool(head) and rest[:1].isupper()


def np_right(toks: Tokens, i: int, hi: int) -> tuple[int, int] | None:
    """Token range of a speaker noun phrase starting at token ``i`` (after a speech verb or
    "according to"): a pronoun, or a name or description, with an "of" phrase."""
    if i >= hi:
        return None
    if toks.is_pronoun(i):
        return (i, i + 1) if toks.subject_pronoun(i) else None
    j = i
    while j < hi and j - i < 3 and "determiner" in toks.classes(j):
        j += 1  # "the most recent numbers", "all three"
    content = 0
    while j < hi and j - i < 12 and (j == i or "\n" not in toks.gap(j - 1, j)):
        word = toks.low[j]
        if _plain(toks, j) and word.endswith("ed") and content:
            break
        if toks.is_name(j) or toks.role(j) or _plain(toks, j) or _capital_compound(toks, j):
            content += 1
            j += 1
        elif toks.joins_name(j) and j + 1 < hi and toks.is_name(j + 1):
            j += 1
        elif word in ("of", "and") and content and j + 1 < hi and (
            toks.is_name(j + 1) or "determiner" in toks.classes(j + 1) and word == "of"
        ):
            j += 2 if "determiner" in toks.classes(j + 1) else 1
        else:
            break
    while j > i and not (toks.is_name(j - 1) or toks.role(j - 1) or _plain(toks, j - 1)):
        j -= 1
    return (i, j) if content and j > i else None


