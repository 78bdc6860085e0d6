"""Who is speaking: speaker noun phrases, and an entity registry that resolves them per document.

No parser is available offline, so a speaker is found by rules over word tokens: the noun phrase
right before a speech verb ("Russian Foreign Minister Sergei Lavrov said"), right after it
("…,” said Assad), or after "according to". The :class:`Registry` collects every name in a
document (capitalised word runs, with their titles and appositive roles: "Rami Abderrahman, the
director of the Syrian Observatory") and resolves a speaker mention to a canonical name:
surnames and first names to the fullest form of the name, pronouns to the nearest compatible
earlier speaker or person, descriptions ("the Russian minister") to the entity with those roles.

Example:
    >>> text = "Russian Foreign Minister Sergei Lavrov spoke. The Russian minister said no."
    >>> toks = Tokens(text)
    >>> reg = Registry.build(toks, inside=lambda pos: False)
    >>> reg.resolve(toks, 7, 10)
    'Sergei Lavrov'
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import TOKEN_RE

_DOUBLED = re.compile(r"(\w)\1")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclasses.dataclass(frozen=True)
class Lexicons:
    verbs: dict[str, list[tuple[str, str, str, bool, str]]]
    pronouns: dict[str, tuple[int, str, str]]
    roles: dict[str, tuple[str, str, str]]
    words: dict[str, frozenset[str]]


@functools.cache
def lexicons() -> Lexicons:
    """The quote lexicons of ``analysis/lexicons`` (speech verbs, pronouns, roles, word classes)."""
    def read(name):
        return pd.read_csv(LEXICON_DIR / name, comment="#", dtype=str, keep_default_na=False)

    verbs: dict[str, list] = {}
    for form, lemma, particle, strength, addressee, frame in read(
        "speech_verbs.csv"
    ).itertuples(index=False):
        verbs.setdefault(form, []).append((lemma, particle, strength, addressee == "yes", frame))
    pronouns = {p: (int(person), number, gender)
                for p, person, number, gender in read("pronouns.csv").itertuples(index=False)}
    roles = {t: (kind, gender, number)
             for t, kind, gender, number in read("speaker_roles.csv").itertuples(index=False)}
    words: dict[str, set] = {}
    for word, cls in read("function_words.csv").itertuples(index=False):
        words.setdefault(word, set()).add(cls)
    return Lexicons(verbs, pronouns, roles, {w: frozenset(c) for w, c in words.items()})


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
        matches = list(TOKEN_RE.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.words = [m.group() for m in matches]
        self.low = [w.lower() for w in self.words]
        self.lex = lexicons()

    def __len__(self) -> int:
        return len(self.words)

    def classes(self, i: int) -> frozenset[str]:
        return self.lex.words.get(self.low[i], frozenset())

    def is_pronoun(self, i: int) -> bool:
        return self.low[i] in self.lex.pronouns

    def role(self, i: int) -> str:
        """'role', 'group', 'organisation', 'modifier' or '' for token ``i``."""
        entry = self.lex.roles.get(_POSSESSIVE.sub("", self.low[i]))
        return entry[0] if entry else ""

    def is_name(self, i: int) -> bool:
        """A capitalised word that can be part of a name (not a sentence-initial function word)."""
        word = self.words[i]
        if not word[0].isalpha():
            return False
        if word[0].isupper():
            closed = {"determiner", "preposition", "conjunction", "complementizer", "adverb",
                      "temporal"}
            return not (self.classes(i) & closed) and not self.is_pronoun(i) \
                and self.low[i] not in self.lex.verbs
        head, _, rest = word.partition("-")
        return bool(rest) and rest[0].isupper() and "name_particle" in \
            self.lex.words.get(head.lower(), ())

    def joins_name(self, i: int) -> bool:
        """A lower-case particle or initial's full stop that may stand inside a name."""
        if "name_particle" in self.classes(i) and self.words[i].islower():
            return True
        return self.words[i] == "." and i > 0 and len(self.words[i - 1]) <= 3 \
            and self.words[i - 1][0].isupper() and self.starts[i] == self.ends[i - 1]

    def gap(self, i: int, j: int) -> str:
        """The text between the end of token ``i`` and the start of token ``j``."""
        return self.text[self.ends[i]:self.starts[j]]


def name_left(toks: Tokens, j: int, lo: int) -> int:
    """First token of the name run that ends at token ``j`` (a name token)."""
    i = j
    while i - 1 >= lo and "\n" not in toks.gap(i - 1, i) and (
        toks.is_name(i - 1)
        or (toks.joins_name(i - 1) and i - 2 >= lo and toks.is_name(i - 2))
    ):
        i -= 1
    return i


def name_right(toks: Tokens, i: int, hi: int) -> int:
    """One past the last token of the name run that starts at token ``i``."""
    j = i + 1
    while j < hi and "\n" not in toks.gap(j - 1, j) and (
        toks.is_name(j) or (toks.joins_name(j) and j + 1 < hi and toks.is_name(j + 1))
    ):
        j += 1
    return j


_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we"})


def _plain(toks: Tokens, i: int) -> bool:
    """A lower-case content word or number ("cybersecurity", "26-year-old"): no function word,
    pronoun or speech verb."""
    word = toks.words[i]
    return word.replace("-", "").isalnum() and (word[0].islower() or word[0].isdigit()) \
        and not toks.classes(i) and not toks.is_pronoun(i) and toks.low[i] not in toks.lex.verbs


def _possessive(toks: Tokens, i: int) -> bool:
    return toks.low[i].endswith(("'s", "’s"))


def _head(toks: Tokens, i: int) -> bool:
    return toks.role(i) in ("role", "group", "organisation")


def np_left(toks: Tokens, j: int, lo: int) -> tuple[int, int] | None:
    """Token range ``[i, j + 1)`` of a speaker noun phrase ending at token ``j``, or None.

    The phrase is a subject pronoun, a name with its titles ("Russian Foreign Minister Sergei
    Lavrov"), or a description with a determiner or a name in it ("the Russian minister",
    "Cisco's Talos cybersecurity unit", "officials"); a possessive cannot end it.
    """
    if j < lo or _possessive(toks, j):
        return None
    if toks.is_pronoun(j):
        return (j, j + 1) if toks.low[j] in _SUBJECT_PRONOUNS else None
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
            break
        if toks.is_name(prev) or toks.role(prev) or _plain(toks, prev) or _capital_compound(
            toks, prev
        ):
            i = prev
            continue
        if toks.low[prev] == "of" and prev - 1 >= lo and (_head(toks, prev - 1)
                                                          or _plain(toks, prev - 1)):
            i = prev - 1
            continue
        break
    span = range(i, j + 1)
    if toks.is_name(j) or _head(toks, j) or determined or any(toks.is_name(k) for k in span):
        return (i, j + 1)
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
        return (i, i + 1) if toks.low[i] in _SUBJECT_PRONOUNS else None
    j = i + 1 if "determiner" in toks.classes(i) else i
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


@dataclasses.dataclass
class Entity:
    """A person, organisation or group named in a document."""

    canonical: str
    kind: str = "person"
    roles: set[str] = dataclasses.field(default_factory=set)
    gender: str = ""
    keys: set[str] = dataclasses.field(default_factory=set)
    speaker: bool = False


@dataclasses.dataclass
class Mention:
    start: int
    end: int
    entity: Entity
    subject: bool = False


class Registry:
    """Entities of one document and where they are mentioned; resolves speaker mentions."""

    def __init__(self, toks: Tokens):
        self.toks = toks
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []

    @classmethod
    def build(cls, toks: Tokens, *, inside: Callable[[int], bool]) -> Registry:
        """Register every name run of the text; ``inside(pos)`` tells positions to skip
        (inside direct quotations, where names are rarely the speakers' antecedents)."""
        reg = cls(toks)
        i, n = 0, len(toks)
        while i < n:
            if not toks.is_name(i) or inside(toks.starts[i]):
                i += 1
                continue
            j = name_right(toks, i, n)
            reg.add_name(i, j)
            i = j
        return reg

    def _split_title(self, i: int, j: int) -> tuple[int, set[str]]:
        """Start of the personal name inside the run ``[i, j)`` and the title words before it."""
        toks = self.toks
        last_role = -1
        for k in range(i, j - 1):
            if toks.role(k) in ("role", "modifier"):
                last_role = k
        return (last_role + 1 if last_role >= 0 else i,
                {toks.low[k] for k in range(i, last_role + 1) if toks.words[k].isalpha()})

    def add_name(self, i: int, j: int, *, subject: bool = False) -> Entity:
        """Register the name run of tokens ``[i, j)`` (titles included) and return its entity."""
        toks = self.toks
        n0, titles = self._split_title(i, j)
        name_toks = [k for k in range(n0, j) if toks.words[k] != "."]
        kind = "organisation" if any(toks.role(k) == "organisation" for k in name_toks) \
            else "person"
        full = " ".join(name_key(toks.words[k]) for k in name_toks)
        entity = self._find(full, len(name_toks))
        text = toks.text[toks.starts[n0]:toks.ends[j - 1]]
        text = _POSSESSIVE.sub("", text) if text.endswith(("'s", "’s")) else text
        if entity is None:
            entity = Entity(text, kind)
            self.entities.append(entity)
        elif len(name_toks) > len(entity.canonical.split()):
            entity.canonical = text
        entity.keys.add(full)
        entity.roles |= titles | self._appositive_roles(i, j)
        for w in titles:
            gender = toks.lex.roles.get(w, ("", "", ""))[1]
            entity.gender = entity.gender or gender
        self.mentions.append(Mention(toks.starts[i], toks.ends[j - 1], entity, subject))
        return entity

    def _find(self, full: str, size: int) -> Entity | None:
        parts = full.split()
        for entity in reversed(self.entities):
            if full in entity.keys:
                return entity
        for entity in reversed(self.entities):
            for key in entity.keys:
                other = key.split()
                if size == 1 and parts[0] in (other[-1], other[0]):
                    return entity
                if len(other) == 1 and other[0] == parts[-1]:
                    return entity
        return None

    def _appositive_roles(self, i: int, j: int) -> set[str]:
        """Role words of an appositive right after (", the director of X,") or right before
        ("The director of X, Rami Abderrahman,") the name run ``[i, j)``."""
        toks = self.toks
        spans = []
        if j + 1 < len(toks) and toks.words[j] == ",":
            k = j + 1
            while k < len(toks) and k < j + 14 and toks.words[k] not in (",", ".", ";", "“", '"'):
                k += 1
            spans.append((j + 1, k))
        if i >= 2 and toks.words[i - 1] == ",":
            k = i - 2
            while k >= 0 and k > i - 14 and toks.words[k] not in (",", ".", ";", "”", '"') \
                    and "\n" not in toks.gap(k, k + 1):
                k -= 1
            spans.append((k + 1, i - 1))
        roles: set[str] = set()
        for a, b in spans:
            words = {toks.low[k] for k in range(a, b) if toks.words[k].isalpha()}
            if any(toks.role(k) == "role" for k in range(a, b)):
                roles |= words - {"the", "a", "an", "of", "and", "for"}
        return roles

    def resolve(self, toks: Tokens, i: int, j: int) -> str:
        """Canonical speaker of the speaker mention in tokens ``[i, j)``."""
        start = toks.starts[i]
        text = toks.text[start:toks.ends[j - 1]]
        if j - i == 1 and toks.is_pronoun(i):
            entity = self._pronoun(toks.low[i], start)
            return entity.canonical if entity else text
        names = [k for k in range(i, j) if toks.is_name(k) and toks.role(k) not in
                 ("role", "modifier", "group")]
        first = i + 1 if "determiner" in toks.classes(i) and j - i > 1 else i
        described = toks.words[first].islower() and toks.role(first) in ("role", "group")
        if names and not described and not (toks.words[j - 1].islower() and toks.role(j - 1)):
            run0 = name_left(toks, names[-1], i)
            entity = self.mention_at(toks.starts[run0], toks.ends[names[-1]])
            if entity is None:
                entity = self.add_name(run0, names[-1] + 1, subject=True)
            entity.speaker = True
            return entity.canonical
        entity = self._description(toks, i, j, start)
        return entity.canonical if entity else text

    def mention_at(self, start: int, end: int) -> Entity | None:
        for m in self.mentions:
            if m.start <= start < m.end or start <= m.start < end:
                return m.entity
        return None

    def _pronoun(self, pronoun: str, pos: int) -> Entity | None:
        _, number, gender = self.toks.lex.pronouns[pronoun]
        if pronoun in ("i", "we", "you"):
            return None
        best = None
        for m in sorted((m for m in self.mentions if m.start < pos), key=lambda m: -m.start):
            e = m.entity
            if number == "plural" or pronoun == "it":
                ok = e.kind in ("organisation", "group")
            else:
                ok = e.kind == "person" and (not e.gender or e.gender == gender) and (
                    e.speaker or e.roles or " " in e.canonical)
            if not ok:
                continue
            if m.subject or e.speaker:
                best = e
                break
            best = best or e
        if best is not None and gender in ("male", "female") and not best.gender:
            best.gender = gender
        return best

    def _description(self, toks: Tokens, i: int, j: int, pos: int) -> Entity | None:
        heads = [k for k in range(i, j) if toks.role(k) in ("role", "group", "organisation")]
        if not heads:
            return None
        words = {toks.low[k] for k in range(i, j) if toks.words[k].isalpha()
                 and not toks.classes(k)}
        head = toks.low[heads[0] if toks.words[heads[0]].islower() else heads[-1]]
        for m in sorted((m for m in self.mentions if m.start < pos), key=lambda m: -m.start):
            if head in m.entity.roles and words <= m.entity.roles | {head}:
                return m.entity
        for m in sorted((m for m in self.mentions if m.start < pos), key=lambda m: -m.start):
            if head in m.entity.roles:
                return m.entity
        if toks.role(heads[-1]) == "group" or toks.low[j - 1].endswith("s"):
            entity = Entity(toks.text[toks.starts[i]:toks.ends[j - 1]], "group", words)
            self.entities.append(entity)
            self.mentions.append(Mention(pos, toks.ends[j - 1], entity, True))
            return entity
        return None
