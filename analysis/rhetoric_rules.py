"""Rhetorical devices found by rules rather than word lists: scare quotes, repetition, us/them.

Each rule takes a document's text and its sentence rows and returns ``(sentence_id, start,
end, device, technique, term)`` tuples with offsets into the text; :mod:`analysis.rhetoric`
attributes them to speakers and makes them rows of the ``devices`` table.

Example:
    >>> sents = [{"sentence_id": 0, "start": 0, "end": 44}]
    >>> scare_quotes("He called the vote a “farce” and walked out.", sents)
    [(0, 22, 27, 'scare_quotes', 'Name_Calling,Labeling', 'farce')]
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict

import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import TOKEN_RE

#: Longest quoted phrase (in words) still read as a scare quote rather than a quotation.
SCARE_MAX_WORDS = 4
#: Longest scare-quoted phrase (in words) read as a label when a label cue introduces it.
LABEL_MAX_WORDS = 3
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
    r"|(?<!\w)‘(?P<c>[^‘’\n]{1,120})’(?!\w)"
)


@functools.cache
def _stopwords() -> frozenset[str]:
    from .compare import stopwords

    return stopwords()


@functools.cache
def _word_classes() -> dict[str, str]:
    table = pd.read_csv(LEXICON_DIR / "stopwords.csv", comment="#", dtype=str)
    return dict(zip(table["term"].str.lower(), table["word_class"]))


@functools.cache
def _people() -> frozenset[str]:
    table = pd.read_csv(LEXICON_DIR / "people.csv", comment="#", dtype=str)
    return frozenset(table["term"].str.lower())


@functools.cache
def _label_cues() -> frozenset[str]:
    table = pd.read_csv(LEXICON_DIR / "label_cues.csv", comment="#", dtype=str)
    return frozenset(table["term"].str.lower())


@functools.cache
def _sides() -> dict[str, str]:
    table = pd.read_csv(LEXICON_DIR / "us_them.csv", comment="#", dtype=str)
    return dict(zip(table["term"].str.lower(), table["side"]))


def _sentence_of(sentences: list[dict]):
    starts = [s["start"] for s in sentences]

    def find(position: int) -> int:
        i = max(bisect.bisect_right(starts, position) - 1, 0)
        return sentences[i]["sentence_id"] if sentences else 0

    return find


def scare_quotes(text: str, sentences: list[dict]) -> list[tuple]:
    """Short quoted phrases inside a sentence (≤ ``SCARE_MAX_WORDS`` words, not the sentence).

    Quotation marks: curly double, straight double, curly single. The span is the quoted
    phrase without its marks and its trailing punctuation. A phrase of at most
    ``LABEL_MAX_WORDS`` words right after a label cue (``lexicons/label_cues.csv``: "a", "as",
    "called", "branded"...) is a label put on someone or something, technique
    Name_Calling,Labeling ("dismissed it as a “myth”"); other scare quotes carry none.
    """
    cues = _label_cues()
    out = []
    for sent in sentences:
        s, e = sent["start"], sent["end"]
        body = text[s:e].strip(" \t“”\"‘’.,;:!?")
        for m in _QUOTED.finditer(text, s, e):
            group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            q_start, q_end = m.start(group), m.end(group)
            phrase = text[q_start:q_end]
            trimmed = phrase.rstrip(" .,;:!?")
            q_end -= len(phrase) - len(trimmed)
            q_start += len(trimmed) - len(trimmed.lstrip())
            n_words = sum(1 for t in TOKEN_RE.findall(trimmed) if t[0].isalnum())
            if 1 <= n_words <= SCARE_MAX_WORDS and len(trimmed.strip()) < len(body):
                before = TOKEN_RE.findall(text, max(s, m.start() - 12), m.start())
                label = n_words <= LABEL_MAX_WORDS and bool(before) and before[-1].lower() in cues
                out.append((sent["sentence_id"], q_start, q_end, "scare_quotes",
                            NAME_CALLING if label else None, text[q_start:q_end].lower()))
    return out


def repetition(text: str, sentences: list[dict]) -> list[tuple]:
    """Later uses of a phrase of 2–4 words that the text has already used.

    A phrase counts when its first and last words are not function words, it is not a name
    (all words capitalised) and it stays inside one sentence; phrases inside a longer repeated
    phrase are not counted again. News repeats place and role phrases ("eastern Aleppo") for
    clarity, so a repeated phrase carries no propaganda technique; the repetition of charged
    words (:mod:`analysis.rhetoric`) does.
    """
    stop = _stopwords()
    sentence_of = _sentence_of(sentences)
    runs: list[tuple[list[str], list[bool], list[int], list[int]]] = []
    for sent in sentences:
        words, caps, starts, ends = [], [], [], []
        for m in TOKEN_RE.finditer(text, sent["start"], sent["end"]):
            token = m.group()
            if token[0].isalpha():
                words.append(token.lower().replace("’", "'"))
                caps.append(token[0].isupper())
                starts.append(m.start())
                ends.append(m.end())
            else:
                if len(words) > 1:
                    runs.append((words, caps, starts, ends))
                words, caps, starts, ends = [], [], [], []
        if len(words) > 1:
            runs.append((words, caps, starts, ends))
    taken: set[int] = set()
    out = []
    for n in REPETITION_LENGTHS:
        seen: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
        for words, caps, starts, ends in runs:
            for i in range(len(words) - n + 1):
                if words[i] in stop or words[i + n - 1] in stop or all(caps[i:i + n]):
                    continue
                seen[tuple(words[i:i + n])].append((starts[i], ends[i + n - 1]))
        for phrase, spans in seen.items():
            if len(spans) < REPETITION_MIN:
                continue
            for start, end in spans[1:]:
                if start in taken:
                    continue
                taken.update(range(start, end))
                out.append((sentence_of(start), start, end, "repeated_phrase", None,
                            " ".join(phrase)))
    return sorted(out, key=lambda row: row[1])


def us_vs_them(text: str, sentences: list[dict]) -> list[tuple]:
    """Sentences that set "we/us/our" against "they/them/their"; the span runs between them."""
    sides = _sides()
    out = []
    for sent in sentences:
        found: dict[str, list[tuple[int, int]]] = {"us": [], "them": []}
        for m in TOKEN_RE.finditer(text, sent["start"], sent["end"]):
            side = sides.get(m.group().lower())
            if side:
                found[side].append((m.start(), m.end()))
        if found["us"] and found["them"]:
            spans = found["us"] + found["them"]
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            term = "/".join(text[slice(*found[side][0])].lower() for side in ("us", "them"))
            out.append((sent["sentence_id"], start, end, "us_vs_them", None, term))
    return out


def epithet_end(text: str, start: int, end: int, limit: int) -> int | None:
    """End of the person or group that a charged word at ``text[start:end]`` labels, if any.

    A charged word labels a person or group when one follows it within ``EPITHET_MAX_WORDS``
    words with no punctuation or function word between: a noun of ``lexicons/people.csv``
    ("killer cops", "corrupt Democrat politician"; capitalised words after the noun are taken
    in), or a name when an article or determiner shows the charged word to be an adjective
    ("the innocent Botham Jean"). Without one, a word before a name is more likely a verb
    and the name its object ("slandered Hillary Clinton").

    >>> text = "Furious voters met the disgraced former director John Brennan."
    >>> text[23:epithet_end(text, 23, 32, len(text))]
    'disgraced former director John Brennan'
    >>> epithet_end("They slandered Hillary Clinton.", 5, 14, 31) is None
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
        if lower in people:
            last, named = m.end(), True
        elif token[0].isupper():
            pending = True
            if named or attributive:
                last = m.end()
        elif last is not None or pending:
            break
    return last


RULES = (scare_quotes, repetition, us_vs_them)
