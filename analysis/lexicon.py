"""Lexicon engine: categories of words and phrases, matched in one pass over a text.

A lexicon is a table with at least ``category`` and ``term`` (a word or a multi-word phrase);
any other column is kept and travels with every match. Two optional columns set how a term
matches:

- ``case``: ``fold`` (default; any capitalisation) or ``exact`` (the surface form must be
  identical, for proper names and acronyms: "ISIS", "Assad", "SAA").
- ``inflect``: ``stem`` (default; words are compared by their Snowball stem, so "rebels",
  "rebel's" and "Rebel" all match "rebel") or ``none`` (lower-cased surface form only).

A word ending in ``*`` matches any word that starts with it ("humanitarian*"). Matching is
leftmost-longest over word tokens (punctuation is a token too, so a phrase never spans a comma):
every term is compiled into one token trie, and the text is tokenised and stemmed once.

Lexicons come from the package (``load_lexicon("frames")`` reads ``lexicons/frames.csv``), from a
user's CSV file (``#`` lines are comments), a DataFrame, or a dict ``{category: [terms]}``, so
users extend or replace them without editing code.

Example:
    >>> lex = load_lexicon({"conflict": ["war", "shelling"], "aid": ["humanitarian aid"]})
    >>> m = compile_lexicon(lex)
    >>> [(s, e, entry["category"]) for s, e, entry in m.finditer("Wars, shelling and humanitarian aid.")]
    [(0, 4, 'conflict'), (6, 14, 'conflict'), (19, 35, 'aid')]
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import TOKEN_RE, Span, word_span

#: Word tokens (words with inner hyphens/apostrophes/stops stay whole) and single punctuation:
#: the segmenter's tokens.
WORD_RE = TOKEN_RE
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
CASES = ("fold", "exact")
INFLECTIONS = ("stem", "none")
#: Tokens before a match in which a negator puts the match in negation scope.
NEGATION_WINDOW = 3


@functools.cache
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball stem of a lower-cased word (cached: news vocabularies repeat)."""
    return _stemmer().stem(word.lower().replace("’", "'"))


#: Which of a token's keys (:func:`_keys`) a (case, inflect) mode compares.
_MODE_KEY = {("exact", "stem"): 0, ("exact", "none"): 0, ("fold", "none"): 1, ("fold", "stem"): 2}


@functools.lru_cache(maxsize=200_000)
def _keys(token: str) -> tuple[str, str, str]:
    """A token's trie keys: exact surface, lower case, stem (possessive 's dropped)."""
    bare = _POSSESSIVE.sub("", token)
    return "x" + bare, "l" + bare.lower(), "s" + stem(token)


class _State:
    """A set of trie nodes reached after some words, with its memoised moves by next word.

    Whether a word moves the walk on depends on the word alone (its surface, lower-cased and
    stem keys), so each (state, word) move is worked out once and then looked up: news text
    repeats its words, and most words start no term at all.
    """

    __slots__ = ("ends", "moves", "nodes")

    def __init__(self, nodes: tuple[dict, ...], ends: list[dict] | None):
        self.nodes = nodes
        #: next word -> the state it leads to, or None (no term goes on with that word).
        self.moves: dict[str, _State | None] = {}
        #: the entries of terms that end here (one per category), or None.
        self.ends = ends


#: Memoised moves kept per state; beyond this (an unbounded vocabulary) they are forgotten.
MAX_MOVES = 100_000
_UNSEEN = object()
#: Every word the matchers have met, in the order met, the set of them, and the text met last
#: (see :func:`_meet`). One tuple, replaced whole.
_met: tuple[list[str], set[str], Span | None] = ([], set(), None)


def _meet(whole: Span) -> list[str]:
    """The words met so far, the words of the text ``whole`` among them.

    A text's words are looked up once for all the matchers: each has learned the words of
    the list up to some point, and learns only those after it. Beyond ``MAX_MOVES`` words
    the list starts afresh with this text's (a new list: the matchers start afresh too).
    """
    global _met
    words, known, last = _met
    if whole is last:
        return words
    new = whole.vocabulary.difference(known)
    if len(words) + len(new) > MAX_MOVES:
        words, known = list(whole.vocabulary), set(whole.vocabulary)
    elif new:
        words.extend(new)  # first: a word in the set is in the list, for every thread
        known.update(new)
    _met = (words, known, whole)
    return words


def packaged_lexicons() -> list[str]:
    """Names of the lexicons shipped in ``analysis/lexicons`` (usable in ``load_lexicon``)."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))


def load_lexicon(source) -> pd.DataFrame:
    """A lexicon table from a packaged name, a CSV path, a DataFrame, a dict, or a list of them.

    Args:
        source: ``"frames"`` (a packaged lexicon, see :func:`packaged_lexicons`), a path to a
            CSV file with ``category`` and ``term`` columns (``#`` lines are comments), a
            DataFrame with those columns, a dict ``{category: [terms]}`` (or ``{category:
            term}``), or a list/tuple of any of these (concatenated).

    Returns:
        DataFrame with ``category, term, case, inflect`` first, then the source's other columns;
        empty terms dropped, duplicates (same category, term, case, inflect) removed.

    Raises:
        FileNotFoundError: a name that is neither a packaged lexicon nor an existing file.
        ValueError: the table lacks ``category`` or ``term``, or has an unknown ``case`` /
            ``inflect`` value.
        TypeError: ``source`` is of another type.

    >>> load_lexicon({"conflict": ["war", "fighting"]})[["category", "term", "case"]].values.tolist()
    [['conflict', 'war', 'fold'], ['conflict', 'fighting', 'fold']]
    """
    if isinstance(source, (list, tuple)):
        if not source:
            raise ValueError("an empty list is not a lexicon: give at least one source")
        return _normalise(pd.concat([load_lexicon(s) for s in source], ignore_index=True))
    if isinstance(source, pd.DataFrame):
        table = source.copy()
    elif isinstance(source, Mapping):
        table = pd.DataFrame(
            [(category, term) for category, terms in source.items()
             for term in ([terms] if isinstance(terms, str) else terms)],
            columns=["category", "term"],
        )
    elif isinstance(source, (str, Path)):
        path = _lexicon_path(source)
        stat = path.stat()
        return _read_file(path.resolve(), stat.st_mtime_ns, stat.st_size).copy()
    else:
        raise TypeError(
            f"a lexicon is a name, a CSV path, a DataFrame or a dict, not {type(source).__name__}"
        )
    return _normalise(table)


@functools.lru_cache(maxsize=64)
def _read_file(path: Path, mtime_ns: int, size: int) -> pd.DataFrame:
    """A lexicon file, read and normalised once per version (modification time and size) of
    the file: every ``analyze`` call loads its lexicons, and reading them again took longer
    than analysing a short article."""
    return _normalise(pd.read_csv(path, comment="#", dtype=str, keep_default_na=False,
                                  skipinitialspace=True))


def _lexicon_path(source: str | Path) -> Path:
    path = Path(source)
    if path.is_file():
        return path
    packaged = LEXICON_DIR / f"{source}.csv"
    if isinstance(source, str) and path.suffix == "" and packaged.is_file():
        return packaged
    raise FileNotFoundError(
        f"no lexicon {str(source)!r}: give a CSV file path or one of {packaged_lexicons()}"
    )


def _normalise(table: pd.DataFrame) -> pd.DataFrame:
    missing = {"category", "term"} - set(table.columns)
    if missing:
        raise ValueError(
            f"a lexicon needs columns 'category' and 'term'; missing {sorted(missing)} "
            f"(columns found: {list(table.columns)})"
        )
    table = table.copy()
    table["term"] = table["term"].astype(str).str.strip()
    table["category"] = table["category"].astype(str).str.strip()
    for column, allowed in (("case", CASES), ("inflect", INFLECTIONS)):
        values = (table[column].fillna("").astype(str).str.strip().str.lower()
                  if column in table.columns else pd.Series("", index=table.index, dtype=str))
        table[column] = values.where(values != "", allowed[0])
        unknown = set(table[column]) - set(allowed)
        if unknown:
            raise ValueError(f"column {column!r} takes {list(allowed)}; found {sorted(unknown)}")
    table = table[(table["term"] != "") & (table["category"] != "")]
    first = ["category", "term", "case", "inflect"]
    table = table[first + [c for c in table.columns if c not in first]]
    return table.drop_duplicates(subset=first).reset_index(drop=True).astype(
        {c: "str" for c in first}
    )


class Matcher:
    """A compiled lexicon: a token trie walked once along a text.

    Build it with :func:`compile_lexicon`. ``entries`` holds the lexicon rows as dicts (the
    same dict objects are yielded for every match: copy before changing one).
    """

    def __init__(self, lexicon: pd.DataFrame):
        self.lexicon = lexicon
        self.entries: list[dict] = lexicon.to_dict("records")
        self._root: dict = {}
        modes: set[tuple[str, str]] = set()
        for entry in self.entries:
            words = _term_words(entry["term"])
            if not words:
                continue
            mode = (entry["case"], entry["inflect"])
            modes.add(mode)
            node = self._root
            for word, is_prefix in words:
                if is_prefix:
                    node = node.setdefault("*", {}).setdefault(word.lower(), {})
                else:
                    node = node.setdefault(_keys(word)[_MODE_KEY[mode]], {})
            node.setdefault("", []).append(entry)
        self._key_index = sorted({_MODE_KEY[mode] for mode in modes})
        self._order = {id(entry): i for i, entry in enumerate(self.entries)}
        self._states: dict[tuple[int, ...], _State] = {}
        #: The start state (its moves on the words met, :func:`_meet`, as far as they are
        #: learned), the words among them that start a term, the list of words met, how many
        #: of it are learned, and the text met last (see :meth:`_learn`). One tuple, replaced
        #: whole, so that a thread never sees a mix of two.
        self._known: tuple[_State, set[str], list[str], int, Span | None] = (
            _State((self._root,), None), set(), [], 0, None)

    def _state(self, nodes: tuple[dict, ...]) -> _State:
        key = tuple(map(id, nodes))
        state = self._states.get(key)
        if state is None:
            ends = [node[""] for node in nodes if "" in node]
            state = self._states[key] = _State(nodes, self._merge(ends) if ends else None)
        return state

    def _next(self, state: _State, word: str) -> _State | None:
        """The state after ``word``: every child of the state's nodes that the word matches
        under one of the lexicon's modes, or a prefix it starts with (None if there is none)."""
        lower, keys = word.lower(), _keys(word)
        nodes = []
        for node in state.nodes:
            nodes.extend(child for k in self._key_index if (child := node.get(keys[k])))
            prefixes = node.get("*")
            if prefixes:
                nodes.extend(child for prefix, child in prefixes.items()
                             if lower.startswith(prefix))
        return self._state(tuple(nodes)) if nodes else None

    def _move(self, state: _State, word: str) -> _State | None:
        """:meth:`_next`, memoised in a state after the start (a forgotten move is worked out
        again)."""
        if len(state.moves) >= MAX_MOVES:
            state.moves.clear()
        found = state.moves[word] = self._next(state, word)
        return found

    def _merge(self, groups: list[list[dict]]) -> list[dict]:
        """Entries ending at the longest span: one per category, the first in lexicon order."""
        if len(groups) == 1 and len(groups[0]) == 1:
            return groups[0]
        seen, out = set(), []
        for entry in sorted((e for g in groups for e in g), key=lambda e: self._order[id(e)]):
            if entry["category"] not in seen:
                seen.add(entry["category"])
                out.append(entry)
        return out

    def __len__(self) -> int:
        return len(self.entries)

    def finditer(self, text: str, start: int = 0, end: int | None = None
                 ) -> Iterator[tuple[int, int, dict]]:
        """Matches in ``text[start:end]``, leftmost-longest, as ``(start, end, entry)``.

        Offsets are into ``text``. When several entries share the longest span (the same term
        in two categories), each is yielded; within one category, terms that match the same
        words ("policy" and "policies") count once, as the first listed.
        """
        span = word_span(text, start, end)
        for i, j, entry in self._matches(span):
            yield span.starts[i], span.ends[j - 1], entry

    def _learn(self, span: Span) -> tuple[_State, set[str]]:
        """Work out the start state's move on every word met (:func:`_meet`) since the last
        call, among them the words of the whole text ``span`` is cut from: once for all its
        sentences. When the words met start afresh, so does the start state."""
        start, first_words, met, learned, _ = self._known
        whole = span.whole
        words = _meet(whole)
        if words is not met:
            start, first_words, learned = _State(start.nodes, None), set(), 0
        end = len(words)  # read after meeting the text: its words are in the list before it
        for word in words[learned:end]:
            if (found := self._next(start, word)) is not None:
                first_words.add(word)
            start.moves[word] = found
        self._known = (start, first_words, words, end, whole)
        return start, first_words

    def _matches(self, span: Span) -> list[tuple[int, int, dict]]:
        """Matches as word positions ``(first, past_last, entry)``, leftmost-longest."""
        start, first_words, _, _, learned = self._known
        if span.whole is not learned:
            start, first_words = self._learn(span)
        move = self._move
        words, out, resume = span.words, [], 0
        n = len(words)
        for i in [i for i, word in enumerate(words) if word in first_words]:
            if i < resume:
                continue
            state = start.moves[words[i]]
            best, best_j, j = state.ends, i + 1, i + 1
            while j < n:
                nxt = state.moves.get(words[j], _UNSEEN)
                if nxt is _UNSEEN:
                    nxt = move(state, words[j])
                if nxt is None:
                    break
                state, j = nxt, j + 1
                if state.ends:
                    best, best_j = state.ends, j
            if best is not None:
                for entry in best:
                    out.append((i, best_j, entry))
                resume = best_j
        return out

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple]:
        """Like :meth:`finditer` as a list, each with a 4th item: in negation scope or not.

        A match is negated when a word of the ``negators`` lexicon stands within
        ``NEGATION_WINDOW`` tokens before it, inside ``text[start:end]``, with no punctuation
        between them ("no humanitarian aid", "did not fire").
        """
        span = word_span(text, start, end)
        starts, ends = span.starts, span.ends
        return [(starts[i], ends[j - 1], entry, _negated_at(text, span, i, start))
                for i, j, entry in self._matches(span)]


def _term_words(term: str) -> list[tuple[str, bool]]:
    """The words of a term, each with whether it is a prefix ("humanitarian*")."""
    words: list[tuple[str, bool]] = []
    for m in WORD_RE.finditer(term):
        if m.group() == "*" and words and m.start() > 0 and not term[m.start() - 1].isspace():
            words[-1] = (words[-1][0], True)
        else:
            words.append((m.group(), False))
    return words


_CACHE: dict[str, Matcher] = {}


def compile_lexicon(lexicon) -> Matcher:
    """A :class:`Matcher` for a lexicon (anything :func:`load_lexicon` takes), cached by content.

    >>> compile_lexicon({"x": ["rebel"]}) is compile_lexicon({"x": ["rebel"]})
    True
    """
    table = lexicon if isinstance(lexicon, pd.DataFrame) and _is_normal(lexicon) \
        else load_lexicon(lexicon)
    digest = hashlib.sha1(
        pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes()
        + ",".join(table.columns).encode()
    ).hexdigest()
    matcher = _CACHE.get(digest)
    if matcher is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        matcher = _CACHE[digest] = Matcher(table)
    return matcher


def _is_normal(table: pd.DataFrame) -> bool:
    return list(table.columns[:4]) == ["category", "term", "case", "inflect"]


@functools.cache
def _negators() -> frozenset[str]:
    table = pd.read_csv(LEXICON_DIR / "negators.csv", comment="#", dtype=str)
    return frozenset(table["term"].str.lower())


def negated(text: str, position: int, *, start: int = 0) -> bool:
    """Whether a negator stands within ``NEGATION_WINDOW`` tokens before ``position``.

    The scope stops at punctuation and at ``start`` (a sentence's start).

    >>> negated("They did not fire.", 13)
    True
    >>> negated("No, they fired.", 9)
    False
    """
    return _negates(WORD_RE.findall(text[max(start, position - 80):position])[-NEGATION_WINDOW:])


def _negated_at(text: str, span: Span, i: int, start: int) -> bool:
    """:func:`negated` for the match at word ``i`` of ``span``, read off the span's words.

    They are the words :func:`negated` would find unless its 80-character look-back cuts a
    word short; then it is asked itself.
    """
    if not i:
        return False
    first = max(0, i - NEGATION_WINDOW)
    if span.starts[first] < span.starts[i] - 80:
        return negated(text, span.starts[i], start=start)
    window = span.words[first:i]
    return not _PLAIN.issuperset(window) and _negates(window)


def _negates(window: list[str]) -> bool:
    """Whether ``window`` (the words before a match) holds a negator with no punctuation
    between it and the match."""
    for word in reversed(window):
        scope = _SCOPE.get(word) or _scope(word)
        if scope != "inside":
            return scope == "negator"
    return False


_SCOPE: dict[str, str] = {}
#: The words of ``_SCOPE`` that are no negator: a window of these alone negates nothing.
_PLAIN: set[str] = set()


def _scope(word: str) -> str:
    """What a word before a match does to negation scope: ``negator``, ``stop`` (punctuation
    ends the scope) or ``inside``; memoised like the trie moves."""
    lower = word.lower().replace("’", "'")
    scope = ("stop" if not word[0].isalnum() else
             "negator" if lower in _negators() or lower.endswith("n't") else "inside")
    if len(_SCOPE) >= MAX_MOVES:
        _SCOPE.clear()
        _PLAIN.clear()
    _SCOPE[word] = scope
    if scope != "negator":
        _PLAIN.add(word)
    return scope


def match(sentences: pd.DataFrame, lexicon) -> pd.DataFrame:
    """Lexicon matches in a ``sentences`` table (from :func:`analysis.analyze` or ``segment``).

    Args:
        sentences: DataFrame with ``doc_id, sentence_id, start, text`` (``start``: the
            sentence's offset in its document, so match offsets are document offsets).
        lexicon: anything :func:`load_lexicon` takes, or a :class:`Matcher`.

    Returns:
        DataFrame ``doc_id, sentence_id, start, end, text, category, term, negated`` and the
        lexicon's other columns, one row per match, in text order.

    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "start": [100],
    ...                   "text": ["Rebels fired no shells."]})
    >>> match(s, {"armed": ["rebel"], "violence": ["shell"]})[["start", "text", "negated"]].values.tolist()
    [[100, 'Rebels', False], [116, 'shells', True]]
    """
    matcher = lexicon if isinstance(lexicon, Matcher) else compile_lexicon(lexicon)
    extra = [c for c in matcher.lexicon.columns if c not in ("category", "term")]
    rows = []
    for doc_id, sentence_id, offset, text in sentences[
        ["doc_id", "sentence_id", "start", "text"]
    ].itertuples(index=False):
        for s, e, entry, neg in matcher.spans(text):
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id, "start": offset + s,
                         "end": offset + e, "text": text[s:e], "category": entry["category"],
                         "term": entry["term"], "negated": neg,
                         **{c: entry[c] for c in extra}})
    columns = ["doc_id", "sentence_id", "start", "end", "text", "category", "term", "negated",
               *extra]
    out = pd.DataFrame.from_records(rows, columns=columns)
    return out.astype({"start": "int64", "end": "int64", "negated": "bool"})
