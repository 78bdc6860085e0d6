"""Who is speaking: an entity registry that resolves speaker mentions within a document.

The :class:`Registry` collects every name in a document (capitalised word runs, with their
titles and appositive roles: "Rami Abderrahman, the director of the Syrian Observatory") and
resolves a speaker mention to a canonical name: surnames and first names to the fullest form of
the name, pronouns to the nearest compatible earlier speaker, descriptions ("the Russian
minister", "the company") to the entity with those roles or of that kind.

Example:
    >>> from analysis.phrases import Tokens
    >>> text = "Russian Foreign Minister Sergei Lavrov spoke. The Russian minister said no."
    >>> toks = Tokens(text)
    >>> reg = Registry.build(toks)
    >>> reg.resolve(toks, 7, 10)
    'Sergei Lavrov'
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import operator
import typing
from collections.abc import Iterable

from .phrases import (
    Tokens,
    class_words,
    lexicons,
    name_key,
    name_left,
    name_right,
    strip_possessive,
    word_role,
)


@dataclasses.dataclass(slots=True)
class Entity:
    """A person, organisation or group named in a document."""

    canonical: str
    kind: str = "person"
    #: A frozenset, as most entities have none (all share the empty one).
    roles: frozenset[str] = frozenset()
    gender: str = ""
    speaker: bool = False
    #: Gender suggested by a first name only: a preference when resolving "he"/"she".
    likely_gender: str = ""


@dataclasses.dataclass(slots=True)
class Mention:
    start: int
    end: int
    entity: Entity
    subject: bool = False


#: How many earlier mentions a pronoun or description looks back through.
ANTECEDENT_WINDOW = 200


#: Words that may stand before a sentence's subject ("But", "Meanwhile").
_JOINERS = ("conjunction", "adverb")


_start = operator.attrgetter("start")


class Registry:
    """Entities of one document and where they are mentioned; resolves speaker mentions."""

    def __init__(self, toks: Tokens):
        self.toks = toks
        self.entities: list[Entity] = []
        self.mentions: list[Mention] = []
        self.sentence_offsets: list[int] = []
        # Name keys → position in ``entities`` of the latest entity with such a key, so that
        # _find need not compare every key of every entity (quadratic on long documents):
        # whole keys, their word suffixes, their first words.
        self._keys: dict[str, int] = {}
        self._suffixes: dict[str, int] = {}
        self._firsts: dict[str, int] = {}

    @classmethod
    def build(cls, toks: Tokens, *, quoted: Iterable[tuple[int, int]] = (),
              sentence_starts: frozenset[int] = frozenset()) -> Registry:
        """Register every name run of the text.

        Args:
            toks: the text's tokens.
            quoted: character spans of the direct quotations, in text order (names there are
                rarely the antecedents of a speaker pronoun, so they are skipped).
            sentence_starts: token indices that begin a sentence; a name there is the
                sentence's subject, the likeliest antecedent of a later "he" or "she".
        """
        reg = cls(toks)
        reg.sentence_offsets = sorted(toks.starts[k] for k in sentence_starts if k < len(toks))
        words, low, n, j = toks.words, toks.low, len(toks), 0
        mentions = reg.mentions
        for i in toks.outside(toks.name_tokens(), quoted):
            if i < j:
                continue
            j = name_right(toks, i, n)
            parts = _name_parts(words[i:j])
            if parts.adjectival:
                continue
            entity = reg._add(i, j, parts)
            # A lone capitalised word opening a sentence is no reliable subject ("Squad cars
            # …"); tested first, as it is cheaper than the position test.
            subject = bool(" " in entity.canonical or entity.roles or entity.speaker) \
                and not low[j - 1].endswith(("'s", "’s")) \
                and reg._subject_position(i, sentence_starts)
            # Names come in text order: appended, not inserted.
            mentions.append(Mention(toks.starts[i], toks.ends[j - 1], entity, subject))
        return reg

    def _subject_position(self, i: int, sentence_starts: frozenset[int]) -> bool:
        """Whether a name at token ``i`` opens its sentence (after a conjunction or adverb), or
        is coordinated with a name that does ("Mayor Jane Smith and police chief Tom Brown")."""
        toks = self.toks
        words, low = toks.words, toks.low
        joiners = class_words(*_JOINERS)
        first = i
        while first - 1 >= 0 and (low[first - 1] in joiners or words[first - 1] == ","):
            first -= 1
        if first in sentence_starts:
            return True
        mentions = self.mentions
        if not (mentions and mentions[-1].subject):
            return False  # no subject to be coordinated with, whatever precedes the name
        k = i - 1
        while k >= 0 and i - k <= 4 and words[k].islower() and low[k] != "and":
            k -= 1
        return k >= 0 and low[k] == "and" and mentions[-1].end <= toks.starts[k]

    def add_name(self, i: int, j: int) -> Entity:
        """Register the name run of tokens ``[i, j)`` (titles included) and return its entity."""
        toks = self.toks
        entity = self._add(i, j, _name_parts(toks.words[i:j]))
        bisect.insort(self.mentions, Mention(toks.starts[i], toks.ends[j - 1], entity),
                      key=_start)
        return entity

    def _add(self, i: int, j: int, parts: _NameParts) -> Entity:
        """The entity of the name run ``[i, j)`` (of ``parts``), found or made, with its keys
        indexed and its roles and gender noted; its mention is the caller's to add."""
        toks = self.toks
        forms, entity = parts.forms, None
        # A name seen before has its key indexed already (most names recur in a text).
        position = self._keys.get(forms[0])
        if position is None:
            position = self._find(forms, parts.first)
            if position is None:
                n0 = i + parts.skip
                # "the Conservatives", "the Rockets": a plural name is a group.
                group = parts.plural and n0 > 0 and "determiner" in toks.classes(n0 - 1)
                entity = Entity(self._name_text(n0, j),
                                "group" if group else "organisation" if parts.org else "person")
                position = len(self.entities)
                self.entities.append(entity)
            self._add_key(position, forms, parts.first)
        if entity is None:  # a known entity, perhaps named more fully now
            entity = self.entities[position]
            if len(parts.words) > len(entity.canonical.split()):
                entity.canonical = self._name_text(i + parts.skip, j)
        if parts.titles:
            entity.roles |= parts.titles
            entity.gender = entity.gender or parts.title_gender
        # Commas set an appositive off; a name run holds none, so only its neighbours are read.
        words = toks.words
        if i and words[i - 1] == "," or j < len(words) and words[j] == ",":
            entity.roles |= self._appositive_roles(i, j)
        if parts.first_name_gender is not None and not entity.likely_gender:
            entity.likely_gender = parts.first_name_gender
        return entity

    def _name_text(self, i: int, j: int) -> str:
        toks = self.toks
        return strip_possessive(toks.text[toks.starts[i]:toks.ends[j - 1]])

    def _find(self, forms: tuple[str, ...], first: str) -> int | None:
        """Position in ``entities`` of the latest entity named by a shorter form of a name
        whose key is not indexed yet ("Lavrov", "Abdel Rahman" for "Rami Abdel Rahman") or by
        a longer one; a lone word also matches a first name. ``forms`` are the name's key and
        those of its word suffixes, ``first`` the key of its first word (see
        :func:`_name_parts`)."""
        keys = self._keys
        position = self._suffixes.get(forms[0], -1)
        if len(forms) == 1:
            position = max(position, self._firsts.get(first, -1))
        else:
            position = max(position, keys.get(first, -1))
            for form in forms[1:]:
                position = max(position, keys.get(form, -1))
        return position if position >= 0 else None

    def _add_key(self, position: int, forms: tuple[str, ...], first: str) -> None:
        """Index the entity at ``position`` under the name key ``forms[0]`` (not indexed yet)
        for :meth:`_find`."""
        self._keys[forms[0]] = position
        firsts, suffixes = self._firsts, self._suffixes
        if firsts.get(first, -1) < position:
            firsts[first] = position
        for form in forms:
            if suffixes.get(form, -1) < position:
                suffixes[form] = position

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
            if any(toks.role(k) == "role" for k in range(a, b)):
                roles |= {toks.low[k] for k in range(a, b)
                          if toks.words[k].isalpha() and not toks.classes(k)}
        return roles

    def resolve(self, toks: Tokens, i: int, j: int) -> str:
        """Canonical speaker of the speaker mention in tokens ``[i, j)``."""
        start = toks.starts[i]
        text = toks.text[start:toks.ends[j - 1]]
        cut = next((k for k in range(i + 1, j) if toks.low[k] != "of"
                    and "preposition" in toks.classes(k)), j)
        if cut < j:
            # "groups inside Syria": the head comes before the prepositional phrase.
            return self.resolve(toks, i, cut)
        if j - i == 1 and toks.is_pronoun(i):
            entity = self._pronoun(toks.low[i], start)
        else:
            names = [k for k in range(i, j) if toks.is_name(k) and toks.role(k) not in
                     ("role", "modifier", "group") and not _adjectival(toks.words[k])]
            first = i + 1 if "determiner" in toks.classes(i) and j - i > 1 else i
            described = toks.words[first].islower() and toks.role(first) in ("role", "group")
            if names and "and" in toks.low[i:j]:
                # "Tore Sohlberg and Lehla Abreder said": the pair speaks as a group.
                entity = Entity(_determined(toks, i, text), "group")
                self.entities.append(entity)
            elif names and not described and not (toks.words[j - 1].islower()
                                                  and toks.role(j - 1)):
                run0 = name_left(toks, names[-1], i)
                entity = self._mention_at(toks.starts[run0])
                entity = entity or self.add_name(run0, names[-1] + 1)
            else:
                entity = self._description(toks, i, j, start)
        if entity is None:
            return _determined(toks, i, text)
        entity.speaker = True
        bisect.insort(self.mentions, Mention(start, toks.ends[j - 1], entity, True), key=_start)
        return entity.canonical

    def _mention_at(self, start: int) -> Entity | None:
        k = bisect.bisect_right(self.mentions, start, key=_start)
        for m in self.mentions[max(0, k - 3):k]:
            if m.start <= start < m.end:
                return m.entity
        return None

    def _before(self, pos: int) -> list[Mention]:
        """The mentions before ``pos``, nearest first (within a window: an antecedent is near)."""
        k = bisect.bisect_left(self.mentions, pos, key=_start)
        return self.mentions[max(0, k - ANTECEDENT_WINDOW):k][::-1]

    def _pronoun(self, pronoun: str, pos: int) -> Entity | None:
        """Nearest earlier speaker or sentence subject compatible with the pronoun (number,
        kind, gender from titles and earlier pronouns, preferably also from first names), unless
        a compatible person is named after that subject's sentence; else the nearest
        compatible named person."""
        person, number, gender, _ = self.toks.lex.pronouns[pronoun]
        if person != 3:
            return None
        earlier = self._before(pos)

        def fits(e: Entity) -> bool:
            if number == "plural":
                return e.kind in ("organisation", "group")
            if pronoun == "it":
                return e.kind == "organisation" or e.kind == "person" and " " not in \
                    e.canonical and not e.roles and not e.likely_gender
            return e.kind == "person" and (not e.gender or e.gender == gender)

        def likely(e: Entity) -> bool:
            return number == "plural" or not e.likely_gender or e.likely_gender == gender

        compatible = [m for m in earlier if fits(m.entity)]
        subjects = [m for m in compatible if m.subject]
        named = [m for m in compatible if m.entity.roles or " " in m.entity.canonical]
        ranked = [m.entity for m in subjects + named]
        best = next((e for e in ranked if likely(e)), None) or next(iter(ranked), None)
        intro = next((m for m in named if likely(m.entity)), None)
        subject = next((m for m in subjects if m.entity is best), None)
        if intro is not None and subject is not None and intro.start > subject.start \
                and self._sentence(intro.start) != self._sentence(subject.start):
            # A person named after the last speaker's sentence is the new topic:
            # "… also helped accountant Babatunji Farinloye, 50. “…,” he says."
            best = intro.entity
        if best is not None and gender in ("male", "female") and not best.gender:
            best.gender = gender
        return best

    def _sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_offsets, pos)

    def _description(self, toks: Tokens, i: int, j: int, pos: int) -> Entity | None:
        """Entity of a description: the nearest one with its head role (and its other words),
        the nearest organisation for "the company"-like heads, or a new group."""
        heads = [k for k in range(i, j) if toks.role(k) in ("role", "group", "organisation")]
        if not heads:
            return None
        words = frozenset(toks.low[k] for k in range(i, j) if toks.words[k].isalpha()
                          and not toks.classes(k))
        head_at = heads[0] if toks.words[heads[0]].islower() else heads[-1]
        head = toks.low[head_at]
        earlier = self._before(pos)
        nearest = None  # with the head role, if none has the description's other words too
        for m in earlier:
            roles = m.entity.roles
            if head in roles:
                if words <= roles | {head}:
                    return m.entity
                if nearest is None:
                    nearest = m.entity
        if nearest is not None:
            return nearest
        if toks.role(head_at) == "document":
            return None
        if toks.role(head_at) == "organisation":
            if "definite" in toks.classes(i):
                return next((m.entity for m in earlier if m.entity.kind == "organisation"),
                            None)
            # "a monitoring group said …  It added": later pronouns may refer to it.
            entity = Entity(_determined(toks, i, toks.text[toks.starts[i]:toks.ends[j - 1]]),
                            "organisation", words)
            self.entities.append(entity)
            return entity
        if toks.role(head_at) == "group" or toks.low[j - 1].endswith("s"):
            text = _determined(toks, i, toks.text[toks.starts[i]:toks.ends[j - 1]])
            entity = Entity(text, "group", words)
            self.entities.append(entity)
            return entity
        return None


class _NameParts(typing.NamedTuple):
    """What a name run's words tell: see :func:`_name_parts`."""

    skip: int
    titles: frozenset[str]
    words: tuple[str, ...]
    org: bool
    forms: tuple[str, ...]
    first: str
    #: Every word of the run is a hyphenated adjective ("U.S.-backed"): no name at all.
    adjectival: bool
    #: A lone word ending in "s": a group if a determiner precedes it.
    plural: bool
    #: The first gender its titles give, else "".
    title_gender: str
    #: The gender its first word gives as a first name ("" if none); None for a lone word.
    first_name_gender: str | None


@functools.lru_cache(maxsize=1 << 14)
def _name_parts(run: tuple[str, ...]) -> _NameParts:
    """What a name run's words tell (memoised: names recur): where the name starts after its
    titles, those titles, the name's words (without initials' full stops), whether it names an
    organisation, the name's key and those of its word suffixes (the key first), the key of
    its first word, and the rest of :class:`_NameParts`."""
    start, titles = _split_title(run)
    words = tuple(w for w in run[start:] if w != ".")
    org = any(word_role(w.lower()) == "organisation" for w in words) or (
        len(words) == 1 and words[0].isupper() and 1 < len(words[0]) <= 5)
    keys = tuple(map(name_key, words))
    # Word keys have no spaces and are never empty, so joined they stand for the words; and a
    # memoised string keeps its hash for the registry's many look-ups.
    forms = tuple(" ".join(keys[m:]) for m in range(len(keys)))
    lex = lexicons()
    title_gender = next((g for w in titles if (g := lex.roles.get(w, ("", "", ""))[1])), "")
    return _NameParts(start, titles, words, org, forms, keys[0], all(map(_adjectival, run)),
                      len(words) == 1 and words[0].endswith("s"), title_gender,
                      lex.first_names.get(words[0], "") if len(words) > 1 else None)


def _split_title(run: tuple[str, ...]) -> tuple[int, frozenset[str]]:
    """Start of the name inside a name run and the title words before it (roles, their
    modifiers, and adjectives such as "Britain-based")."""
    if word_role(run[-1].lower()) == "organisation":
        # "Defense Ministry", "State TV": an organisation keeps its words but adjectives.
        i = 0
        while i < len(run) - 1 and _adjectival(run[i]):
            i += 1
        return i, frozenset()
    last = -1
    first_names = lexicons().first_names
    for k, word in enumerate(run[:-1]):
        low = word.lower()
        if word_role(low) in ("role", "modifier") and not low.endswith(("'s", "’s")) \
                or _adjectival(word):
            last = k
        elif k > 0 and word in first_names and run[k - 1] not in first_names:
            # "Canadian Press Anne Marie Cerato": a first name starts the personal name.
            last = k - 1
    return last + 1, frozenset(w.lower() for w in run[:last + 1] if w.isalpha())


def _determined(toks: Tokens, i: int, text: str) -> str:
    """``text`` (the span from token ``i``) with a leading determiner or description word in
    lower case ("The monitor", "Activists" at the start of a sentence)."""
    if "determiner" in toks.classes(i) or toks.role(i) in ("role", "group", "organisation",
                                                           "document", "modifier"):
        return toks.low[i] + text[len(toks.words[i]):]
    return text


@functools.lru_cache(maxsize=1 << 16)
def _adjectival(word: str) -> bool:
    """A hyphenated adjective inside a name run: "Britain-based", "U.S.-backed"."""
    head, _, tail = word.rpartition("-")
    return bool(head) and tail.islower()
