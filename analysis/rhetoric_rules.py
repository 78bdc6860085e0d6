"""Rhetorical devices found by rules rather than word lists: scare quotes, repetition, us/them,
labels predicated of a subject, and the end of an epithet.

Each rule takes the :class:`SentenceTokens` of a document's sentences (cut once, shared by all
rules) and returns ``(sentence_id, start, end, device, technique, term)`` tuples with offsets
into the text; :mod:`analysis.rhetoric` attributes them to speakers and makes them rows of the
``devices`` table.

Example:
    >>> sents = [{"sentence_id": 0, "start": 0, "end": 44}]
    >>> scare_quotes(SentenceTokens("He called the vote a “farce” and walked out.", sents))
    [(0, 22, 27, 'scare_quotes', 'Name_Calling,Labeling', 'farce')]
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
from collections import defaultdict
from itertools import compress, pairwise, product

import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import TOKEN_RE, Span, word_span

#: Longest quoted phrase (in words) still read as a scare quote rather than a quotation.
SCARE_MAX_WORDS = 4
#: Longest scare-quoted phrase (in words) read as a label when a label cue introduces it.
LABEL_MAX_WORDS = 3
#: Most words between a naming word or copula and the article of a label ("called the vote a").
LABEL_ARTICLE_REACH = 5
#: Most describing words between "is a(n)" and the person noun of a predicative label.
PREDICATE_MAX_MODIFIERS = 2
NAME_CALLING = "Name_Calling,Labeling"
#: Phrase lengths (in words) checked for repetition, longest first.
REPETITION_LENGTHS = (4, 3, 2)
#: Times a phrase must occur in one text before its later uses count as repetition.
REPETITION_MIN = 2

#: Longest run of words an epithet may take in after the charged word.
EPITHET_MAX_WORDS = 4
#: Word classes (``lexicons/stopwords.csv``) that open a noun phrase.
DETERMINERS = ("article", "determiner")

_QUOTED = re.compile(
    r"“(?P<a>[^“”\n]{1,120})”"
    r"|\"(?P<b>[^\"\n]{1,120})\""
    # The look-behind after the mark lets every branch start with a mark, which re scans for fast.
    r"|‘(?<!\w‘)(?P<c>[^‘’\n]{1,120})’(?!\w)"
)
#: Marks that open a quoted phrase.
_OPENING_MARKS = ("“", "\"", "‘")
_QUOTE_MARKS = frozenset("“”\"‘’'«»")
#: Pronouns that a naming verb labels ("branded them “terrorists”").
_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "us"})


@functools.cache
def _stopwords() -> frozenset[str]:
    from .compare import stopwords

    return stopwords()


@functools.cache
def _word_classes() -> dict[str, str]:
    table = pd.read_csv(LEXICON_DIR / "stopwords.csv", comment="#", dtype=str)
    return dict(zip(table["term"].str.lower(), table["word_class"]))


@functools.cache
def _people(*kinds: str) -> frozenset[str]:
    """Person and group nouns of ``lexicons/people.csv`` (of the given kinds, else all)."""
    table = pd.read_csv(LEXICON_DIR / "people.csv", comment="#", dtype=str)
    if kinds:
        table = table[table["kind"].isin(kinds)]
    return frozenset(table["term"].str.lower())


@functools.cache
def _label_cues(*kinds: str) -> frozenset[str]:
    table = pd.read_csv(LEXICON_DIR / "label_cues.csv", comment="#", dtype=str)
    return frozenset(table.loc[table["kind"].isin(kinds), "term"].str.lower())


@functools.cache
def _copula_articles() -> frozenset[tuple[str, str]]:
    """A copula followed by an indefinite article ("is a"), every pair of them."""
    return frozenset(product(_label_cues("copula"), _label_cues("article")))


@functools.cache
def _sides() -> dict[str, str]:
    table = pd.read_csv(LEXICON_DIR / "us_them.csv", comment="#", dtype=str)
    return dict(zip(table["term"].str.lower(), table["side"]))


@functools.cache
def _side_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of "us" and of "them" (``lexicons/us_them.csv``)."""
    sides = _sides()
    return tuple(frozenset(word for word in sides if sides[word] == side)
                 for side in ("us", "them"))


class SentenceTokens:
    """The tokens of each sentence (``TOKEN_RE`` within the sentence's span), put together once
    for all the rules from the lexicon engine's :func:`~analysis.segmenting.word_span` of each
    sentence (cut already for the device lexicons, with the same pattern).

    The tokens of all sentences stand in one list, so that joining, lower-casing and pairing
    run in C: ``raw[i]`` is a token, or "" after each sentence; ``lower[i]`` is its lower case
    with ’ as ' ("group’s" and "group's" are one word; the rules' word lists hold neither);
    :meth:`locate` gives offsets in the text. A rule reads a token that does not start with a
    letter (punctuation, a number) or a sentence's end as a break: a run of words never
    crosses one. The rules test that where they need it, not on every token.

    Each two tokens in a row (in lower case) are known by where they first occur:
    ``pair_at[i]`` for the pair that starts at token ``i``, ``pairs[(word, next_word)]`` for
    a pair of words; a rule looking for pairs asks ``pairs`` whether the text has any at all.
    """

    def __init__(self, text: str, sentences: list[dict]):
        self.text, self.sentences = text, sentences
        tokens: list[str] = []
        #: Each sentence's tokens (offsets are read off them only for what the rules find) and
        #: where they begin in the list.
        self.spans: list[Span] = []
        self.firsts: list[int] = []
        for sent in sentences:
            self.firsts.append(len(tokens))
            span = word_span(text, sent["start"], sent["end"])
            self.spans.append(span)
            tokens += span.words
            tokens.append("")
        self.raw = tokens
        # Lower-casing the tokens joined by a line break (never inside a token, and no letter
        # for the Greek final sigma to look across) equals lower-casing each.
        lowered = "\n".join(tokens).lower()
        if "’" in lowered:
            lowered = lowered.replace("’", "'")
        self.lower = lowered.split("\n")
        # A pair goes by an int, where it first occurs: the rules look it up in sets of ints,
        # without hashing the pair again.
        self.pairs: dict[tuple[str, str], int] = {}
        self.pair_at = list(map(self.pairs.setdefault, pairwise(self.lower),
                                range(len(self.lower) - 1)))

    def sentence(self, i: int) -> int:
        """Index (into ``sentences``) of the sentence of token ``i``."""
        return bisect.bisect_right(self.firsts, i) - 1

    def locate(self, i: int, j: int) -> tuple[int, int, int]:
        """``sentence_id`` of token ``i``, the start of token ``i`` and the end of token ``j``
        (``i`` or a later word of the same sentence)."""
        k = self.sentence(i)
        span, first = self.spans[k], self.firsts[k]
        return self.sentences[k]["sentence_id"], span.starts[i - first], span.ends[j - first]


def _find_all(text: str, mark: str):
    """Offsets of ``mark`` in ``text`` (``str.find`` skips to each in C, where a regular
    expression would test every character)."""
    i = text.find(mark)
    while i >= 0:
        yield i
        i = text.find(mark, i + 1)


def scare_quotes(tokens: SentenceTokens) -> list[tuple]:
    """Short quoted phrases inside a sentence (≤ ``SCARE_MAX_WORDS`` words, not the sentence).

    Quotation marks: curly double, straight double, curly single. The span is the quoted
    phrase without its marks and its trailing punctuation. A phrase of at most
    ``LABEL_MAX_WORDS`` words that a label cue introduces (``lexicons/label_cues.csv``: "as",
    "called", "branded"..., or an article after one of them or a copula) is a label put on
    someone or something, technique Name_Calling,Labeling ("dismissed it as a “myth”");
    other scare quotes carry none ("warned of a “humanitarian disaster”").
    """
    text, sentences = tokens.text, tokens.sentences
    marks = [i for mark in _OPENING_MARKS for i in _find_all(text, mark)]
    if not marks:
        return []
    # Only a sentence with an opening mark in it can hold a quoted phrase.
    starts = [sent["start"] for sent in sentences]
    out = []
    for k in sorted({bisect.bisect_right(starts, mark) - 1 for mark in marks} - {-1}):
        sent = sentences[k]
        s, e = sent["start"], sent["end"]
        body = None
        for m in _QUOTED.finditer(text, s, e):
            q_start, q_end = m.span(m.lastgroup)
            phrase = text[q_start:q_end]
            trimmed = phrase.rstrip(" .,;:!?")
            q_end -= len(phrase) - len(trimmed)
            q_start += len(trimmed) - len(trimmed.lstrip())
            n_words = sum(1 for t in TOKEN_RE.findall(trimmed) if t[0].isalnum())
            if body is None:
                body = text[s:e].strip(" \t“”\"‘’.,;:!?")
            if 1 <= n_words <= SCARE_MAX_WORDS and len(trimmed.strip()) < len(body):
                label = n_words <= LABEL_MAX_WORDS and _label_cue_before(text, s, m.start())
                out.append((sent["sentence_id"], q_start, q_end, "scare_quotes",
                            NAME_CALLING if label else None, text[q_start:q_end].lower()))
    return out


def _label_cue_before(text: str, start: int, position: int) -> bool:
    """Whether a label cue introduces the quoted phrase at ``position`` (in a sentence from
    ``start``): a naming word ("as", "called", "branded") right before it, or before the
    article or object pronoun right before it, within ``LABEL_ARTICLE_REACH`` words and no
    preposition or other punctuation than quote marks between ("called the vote a “farce”",
    "branded them “terrorists”", "is a “traitor”"); not "warned of a “humanitarian
    disaster”" or "called for an “immediate cease-fire”", words quoted from a speaker."""
    window = max(start, position - 80)
    tokens = [t.lower() for t in TOKEN_RE.findall(text, window, position)]
    if window > start:
        tokens = tokens[1:]  # the window may cut its first word short
    words = [t for t in tokens if t not in _QUOTE_MARKS]
    if not words:
        return False
    if words[-1] in _label_cues("introducer"):
        return True
    if words[-1] not in _label_cues("article") and words[-1] not in _OBJECT_PRONOUNS:
        return False
    introducers, classes = _label_cues("introducer", "copula"), _word_classes()
    for word in reversed(words[-1 - LABEL_ARTICLE_REACH:-1]):
        if word in introducers:
            return True
        if classes.get(word) == "preposition" or not word[0].isalnum():
            return False
    return False


def repetition(tokens: SentenceTokens) -> list[tuple]:
    """Later uses of a phrase of 2–4 words that the text has already used.

    A phrase counts when its first and last words are not function words, it is not a name
    (all words capitalised) and it stays inside one sentence; phrases inside a longer repeated
    phrase are not counted again. News repeats place and role phrases ("eastern Aleppo") for
    clarity, so a repeated phrase carries no propaganda technique; the repetition of charged
    words (:mod:`analysis.rhetoric`) does.
    """
    raw, words, first = tokens.raw, tokens.lower, tokens.pair_at
    stop = _stopwords()
    # Every two words of a phrase used twice are used twice: only where a pair of words comes
    # back can a repeated phrase start or go on.
    positions = range(len(first))
    repeated = set(compress(first, map(operator.ne, first, positions)))
    # Phrases start where a repeated pair starts with a content word, tested once per pair (a
    # letter starts a word exactly when one starts its lower case).
    openers = {p for p in repeated if words[p][:1].isalpha() and words[p] not in stop}
    seen: dict[int, dict[str, list[int]]] = {n: defaultdict(list) for n in REPETITION_LENGTHS}
    longest = max(REPETITION_LENGTHS)
    for i in compress(positions, map(openers.__contains__, first)):
        capitalised = raw[i][0].isupper()
        for last in range(i + 1, i + longest):
            word = raw[last]
            if not word[:1].isalpha():
                break
            capitalised = capitalised and word[0].isupper()
            if not capitalised and words[last] not in stop and last - i + 1 in seen:
                seen[last - i + 1][" ".join(words[i:last + 1])].append(i)
            if first[last] not in repeated:
                break
    taken: set[int] = set()
    out = []
    for n in REPETITION_LENGTHS:
        for phrase, uses in seen[n].items():
            if len(uses) < REPETITION_MIN:
                continue
            for i in uses[1:]:
                # A token's start lies inside a taken phrase exactly when the token does.
                if i in taken:
                    continue
                taken.update(range(i, i + n))
                out.append((*tokens.locate(i, i + n - 1), "repeated_phrase", None, phrase))
    return sorted(out, key=operator.itemgetter(1))


def us_vs_them(tokens: SentenceTokens) -> list[tuple]:
    """Sentences that set "we/us/our" against "they/them/their"; the span runs between them."""
    sides, lower = _sides(), tokens.lower
    # Most texts never use one side: two scans in C rule them out before a look-up per token.
    if any(words.isdisjoint(lower) for words in _side_words()):
        return []
    found: dict[int, dict[str, list[int]]] = {}
    for i in compress(range(len(lower)), map(sides.__contains__, lower)):
        k = tokens.sentence(i)
        found.setdefault(k, {"us": [], "them": []})[sides[lower[i]]].append(i)
    out = []
    for k, sides_of in found.items():
        if sides_of["us"] and sides_of["them"]:
            both = sides_of["us"] + sides_of["them"]
            term = "/".join(lower[sides_of[side][0]] for side in ("us", "them"))
            out.append((*tokens.locate(min(both), max(both)), "us_vs_them", None, term))
    return out


def predicative_labels(tokens: SentenceTokens) -> list[tuple]:
    """Described persons or groups predicated of a subject: "he is an arrogant man".

    A copula and an indefinite article (``lexicons/label_cues.csv``), then one to
    ``PREDICATE_MAX_MODIFIERS`` lower-case describing words and a generic person noun of
    ``lexicons/people.csv`` ("man", "person", "character"): the noun adds nothing, so the
    sentence is there to say what kind of person someone is, in words of the writer's
    choosing, which is labelling (technique Name_Calling,Labeling). The span runs from the
    first describing word to the noun. A role ("she is a close ally", "a senior commander")
    describes rather than labels and is left out.

    >>> text = "Critics say he is a deeply dishonest man, and she is a close ally."
    >>> [text[s:e] for _, s, e, *_ in predicative_labels(SentenceTokens(text, [
    ...     {"sentence_id": 0, "start": 0, "end": len(text)}]))]
    ['deeply dishonest man']
    """
    stop, people = _stopwords(), _people("generic")
    raw, pairs = tokens.raw, tokens.pairs
    # Most texts never put a copula and an article in a row ("is a"): a look-up per pair of
    # cue words rules them out, before a pass over the tokens.
    openers = {pairs[pair] for pair in _copula_articles() if pair in pairs}
    if not openers:
        return []
    out = []
    for i in compress(range(len(tokens.pair_at)), map(openers.__contains__, tokens.pair_at)):
        # Punctuation, a number or a sentence's end ("") stops the walk.
        for k in range(i + 2, i + 3 + PREDICATE_MAX_MODIFIERS):
            word = raw[k]
            if not word[:1].isalpha() or not word.islower() or word in stop:
                break
            if word in people and k > i + 2:
                sentence_id, start, end = tokens.locate(i + 2, k)
                out.append((sentence_id, start, end, "name_calling", NAME_CALLING,
                            tokens.text[start:end].lower()))
                break
    return out


def epithet_end(text: str, start: int, end: int, limit: int) -> int | None:
    """End of the person or group that a charged word at ``text[start:end]`` labels, if any.

    A charged word labels a person or group when one follows it within ``EPITHET_MAX_WORDS``
    words, with no punctuation, function word or more than one other lower-case word between
    ("blast killed six people" is a clause, not a noun phrase): a noun of ``lexicons/people.csv``
    ("killer cops", "corrupt Labour politician"; capitalised words after the noun are taken
    in), or a name when an article or determiner shows the charged word to be an adjective
    ("the innocent Maria Lopez"). Without one, a word before a name is more likely a verb
    and the name its object ("slandered Maria Lopez"); a capitalised person noun is then
    a title opening a name ("attacked Senator Lopez").

    >>> text = "Furious voters met the disgraced former director Tom Hale."
    >>> text[23:epithet_end(text, 23, 32, len(text))]
    'disgraced former director Tom Hale'
    >>> epithet_end("They slandered Maria Lopez.", 5, 14, 27) is None
    True
    """
    stop, people = _stopwords(), _people()
    before = TOKEN_RE.findall(text, max(0, start - 12), start)
    attributive = bool(before) and _word_classes().get(before[-1].lower()) in DETERMINERS
    last, named, pending = None, False, False
    for i, m in enumerate(TOKEN_RE.finditer(text, end, limit)):
        token = m.group()
        lower = token.lower()
        if i >= EPITHET_MAX_WORDS or not token[0].isalpha() or lower in stop:
            break
        if lower in people and (token[0].islower() or attributive):
            last, named = m.end(), True
        elif token[0].isupper():
            pending = True
            if named or attributive:
                last = m.end()
        elif last is not None or pending or i > 0:
            break
    return last


RULES = (scare_quotes, repetition, us_vs_them, predicative_labels)
