"""A fast VADER scorer that gives exactly the numbers of nltk's ``SentimentIntensityAnalyzer``.

VADER (Hutto & Gilbert, ICWSM 2014) sums the valences of lexicon words in a sentence after a
few rules (ALL-CAPS emphasis, boosters and dampeners in the three words before, negation,
idioms, "least", contrastive "but", "!" and "?") and squashes the sum into ``compound``.
nltk's port does this with several passes of per-token Python work per sentence. This module
runs the same algorithm with the per-token work done once per distinct token (cached), the
lexicon precompiled into one table, only the lexicon words visited per sentence, and the
rule walk skipped for a word with no booster, negation or caps in reach — about an order of
magnitude faster, with ``neg, neu, pos, compound`` identical to nltk's (tested on
the four VADER ground-truth corpora and on FA-KES).

nltk's quirks are reproduced on purpose, because identity is the contract:

- tokens are whitespace-separated; one-character tokens are dropped; a token loses one
  ASCII punctuation mark (or run such as ``"!!"``) at its start or end only if the rest has no
  ASCII punctuation, so curly quotes stay attached (``“danger`` is not the lexicon's
  ``danger``);
- a word that occurs twice is scored both times in the context of its first occurrence;
- "so"/"this" and "never" are matched case-sensitively, and "so"/"this" right before a
  lexicon word three words after a non-lexicon word multiply its valence by 1.25;
- every valence before the first "but" is halved and every one after it is multiplied by 1.5.

Example:
    >>> from analysis.vader import fast_vader
    >>> fast_vader().polarity_scores("Kerry warned of the danger of authoritarian populism")
    {'neg': 0.478, 'neu': 0.522, 'pos': 0.0, 'compound': -0.6705}
"""
from __future__ import annotations

import functools
import math
import re
import string
from itertools import compress
from operator import itemgetter

from nltk.sentiment.vader import VaderConstants

from .resources import vader_lexicon_path

_C = VaderConstants
_BOOSTERS = _C.BOOSTER_DICT
_NEGATE = _C.NEGATE
_PUNCT = string.punctuation
_PUNCT_SET = frozenset(_PUNCT)
_PUNC_LIST = frozenset(_C.PUNC_LIST)
_IDIOMS = {tuple(key.split()): value for key, value in _C.SPECIAL_CASE_IDIOMS.items()}
_BIGRAM_BOOSTERS = {tuple(key.split()) for key in _C.BOOSTER_DICT if " " in key}
# str.split() and \S agree on every code point (both use Unicode White_Space).
_NON_SPACE = re.compile(r"\S+")
_SO_THIS = ("so", "this")
# With boosters, negations and "least", the tokens that can change the valence of a lexicon
# word up to three tokens after them (the MOD flag); a word with no MOD token in reach, no caps
# and no idiom in its sentence keeps its lexicon value.
_MODIFIERS = frozenset(["never", "so", "this"])
# Every idiom or two-word booster that can match contains one of these tokens, so a sentence
# without any of them skips the idiom check.
_IDIOM_WORDS = frozenset(w for seq in [*_IDIOMS, *_BIGRAM_BOOSTERS] for w in seq) - {
    "the", "of", "to"}
#: Distinct tokens kept per scorer before its cache is emptied (bounds memory on big corpora).
CACHE_LIMIT = 500_000

# Fields of the per-token tuple; a tuple indexed by constants is the fastest record in CPython.
NORM, LOW, HOT, VAL, INLEX, BOOST, NEG, UPPER, IDIOM, MOD = range(10)
_hot = itemgetter(HOT)
_idiom = itemgetter(IDIOM)


def read_vader_lexicon(path=None) -> dict[str, float]:
    """The VADER lexicon as ``{token: mean valence}``, parsed exactly as nltk parses it."""
    with open(path or vader_lexicon_path(), encoding="utf-8", newline="") as f:
        text = f.read()
    lexicon = {}
    for line in text.split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def _normalize_token(token: str) -> str:
    """nltk's ``SentiText`` mapping: strip one listed punctuation mark at either end, if the
    remaining word has no ASCII punctuation and more than one character."""
    if token[0] not in _PUNCT_SET and token[-1] not in _PUNCT_SET:
        return token
    word = token.rstrip(_PUNCT)
    if word != token and len(word) > 1 and token[len(word):] in _PUNC_LIST \
            and _PUNCT_SET.isdisjoint(word):
        return word
    word = token.lstrip(_PUNCT)
    if word != token and len(word) > 1 and token[: len(token) - len(word)] in _PUNC_LIST \
            and _PUNCT_SET.isdisjoint(word):
        return word
    return token


class _TokenTable(dict):
    """Raw token -> per-token tuple (``None`` for tokens VADER drops), filled on first sight."""

    def __init__(self, lexicon: dict[str, float]):
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, token: str):
        if len(self) >= CACHE_LIMIT:
            self.clear()
        if len(token) <= 1:
            self[token] = None
            return None
        norm = _normalize_token(token)
        low = norm.lower()
        inlex = low in self.lexicon
        boost = _BOOSTERS.get(low, 0.0)
        val = self.lexicon[low] if inlex and low not in _BOOSTERS else None
        neg = low in _NEGATE or "n't" in low
        info = (norm, low, val is not None or low == "but", val, inlex, boost, neg,
                norm.isupper(), norm in _IDIOM_WORDS,
                bool(boost) or neg or norm in _MODIFIERS or low == "least")
        self[token] = info
        return info


def _cap_differential(words) -> bool:
    upper = sum(w[UPPER] for w in words)
    return 0 < len(words) - upper < len(words)


class FastVader:
    """VADER with nltk's exact arithmetic, fast. One instance per lexicon.

    Args:
        lexicon: ``{token: valence}``; by default VADER's own (:func:`read_vader_lexicon`).

    >>> FastVader().scores("The attack was NOT good!")
    (0.659, 0.341, 0.0, -0.7002)
    """

    def __init__(self, lexicon: dict[str, float] | None = None):
        self.lexicon = dict(read_vader_lexicon() if lexicon is None else lexicon)
        self._table = _TokenTable(self.lexicon)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character offsets in ``text`` of VADER's tokens, as VADER scores them (one listed
        punctuation mark stripped), in the order of the token indices of :meth:`trace`."""
        spans = []
        for match in _NON_SPACE.finditer(text):
            info = self._table[match.group()]
            if info is not None:
                start = match.start() + match.group().find(info[NORM])
                spans.append((start, start + len(info[NORM])))
        return spans

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """``(neg, neu, pos, compound)`` of one text, rounded like nltk's (3 and 4 places)."""
        words, _, vals = self._valences(text, None)
        return self._finish(text, len(words), vals)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """Drop-in for nltk's ``SentimentIntensityAnalyzer.polarity_scores``."""
        return dict(zip(("neg", "neu", "pos", "compound"), self.scores(text)))

    def trace(self, text: str):
        """The scoring with every step recorded, for :func:`analysis.sentiment.explain`.

        Returns:
            ``(words, steps, raw, punct, scores)``: VADER's tokens; ``steps`` as
            ``(token index, rule, detail, delta)`` tuples whose deltas sum to ``raw``, the
            signed sum before squashing; ``punct`` the "!"/"?" emphasis already in ``raw``;
            ``scores`` as :meth:`scores`.
        """
        steps: list[tuple] = []
        words, _, vals = self._valences(text, steps)
        result = self._finish(text, len(words), vals)
        total = sum(vals)
        punct = _punctuation(text)
        if punct and total > 0:
            steps.append((None, "punctuation", "'!'/'?' emphasis adds to a positive sum", punct))
            total += punct
        elif punct and total < 0:
            steps.append((None, "punctuation", "'!'/'?' emphasis adds to a negative sum", -punct))
            total -= punct
        return words, steps, float(total), punct, result

    def _valences(self, text: str, steps):
        """VADER's tokens, and the positions and valences of the tokens with a valence."""
        words = list(filter(None, map(self._table.__getitem__, text.split())))
        n = len(words)
        where: list[int] = []
        vals: list[float] = []
        but = -1
        memo = None
        idioms = None
        for i in compress(range(n), map(_hot, words)):
            w = words[i]
            if but < 0 and w[LOW] == "but":
                but = i
            if w[VAL] is None:
                continue
            if memo is not None and w[NORM] in memo:
                v, first = memo[w[NORM]]
                if steps is not None:
                    steps.extend([(i, rule, detail, delta) for j, rule, detail, delta in steps
                                  if j == first])
                    note = f"scored as its first occurrence (token {first}), a VADER quirk"
                    steps.append((i, "repeat", note, 0.0))
            else:
                if i < n - 1 and w[LOW] == "kind" and words[i + 1][LOW] == "of":
                    v = 0
                else:
                    if idioms is None:
                        idioms = any(map(_idiom, words))
                    if steps is None and not idioms and not w[UPPER] \
                            and (i < 1 or not words[i - 1][MOD]) \
                            and (i < 2 or not words[i - 2][MOD]) \
                            and (i < 3 or not words[i - 3][MOD]):
                        v = w[VAL]
                    else:
                        v = _valence(words, i, idioms, steps)
                if memo is None:
                    memo = {}
                memo[w[NORM]] = (v, i)
            if v:
                where.append(i)
                vals.append(v)
        if but >= 0 and vals:
            weighted = [v * 0.5 if i < but else v * 1.5 if i > but else v
                        for i, v in zip(where, vals)]
            if steps is not None:
                steps.extend((i, "but", _but_note(i < but), new - old)
                             for i, old, new in zip(where, vals, weighted) if i != but)
            vals = weighted
        return words, where, vals

    @staticmethod
    def _finish(text, n, vals):
        if not n:
            return (0.0, 0.0, 0.0, 0.0)
        if not vals:
            return (0.0, 1.0, 0.0, 0.0)
        sum_s = float(sum(vals))
        # Most sentences have neither mark: their emphasis is 0.0 without the call.
        punct = _punctuation(text) if "!" in text or "?" in text else 0.0
        if sum_s > 0:
            sum_s += punct
        elif sum_s < 0:
            sum_s -= punct
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        pos_sum = neg_sum = 0.0
        for v in vals:
            if v > 0:
                pos_sum += float(v) + 1
            else:
                neg_sum += float(v) - 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct
        n_zero = n - len(vals)
        total = pos_sum + math.fabs(neg_sum) + n_zero
        return (round(math.fabs(neg_sum / total), 3), round(math.fabs(n_zero / total), 3),
                round(math.fabs(pos_sum / total), 3), round(compound, 4))


def _but_note(before: bool) -> str:
    return "before the first 'but' (x0.5)" if before else "after the first 'but' (x1.5)"


def _punctuation(text: str) -> float:
    ep = min(text.count("!"), 4) * 0.292
    qm = text.count("?")
    return ep + (0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)


def _valence(words, i, idioms, steps):
    """nltk's ``sentiment_valence`` + ``_least_check`` for the lexicon word at ``i``."""
    w = words[i]
    valence = w[VAL]
    if steps is not None:
        steps.append((i, "lexicon", f"'{w[LOW]}' in the VADER lexicon", valence))
    cap_diff = None
    if w[UPPER]:
        cap_diff = _cap_differential(words)
        if cap_diff:
            old = valence
            valence = valence + _C.C_INCR if valence > 0 else valence - _C.C_INCR
            _step(steps, i, "allcaps", "ALL-CAPS word in a mixed-case text", old, valence)
    for start_i in range(3):
        j = i - start_i - 1
        if j < 0 or words[j][INLEX]:
            continue
        p = words[j]
        if p[BOOST]:
            s = p[BOOST]
            if valence < 0:
                s *= -1
            if p[UPPER]:
                if cap_diff is None:
                    cap_diff = _cap_differential(words)
                if cap_diff:
                    s = s + _C.C_INCR if valence > 0 else s - _C.C_INCR
            if start_i == 1:
                s = s * 0.95
            elif start_i == 2:
                s = s * 0.9
            old = valence
            valence = valence + s
            kind = "booster" if p[BOOST] > 0 else "dampener"
            _step(steps, i, kind, f"'{p[NORM]}' {start_i + 1} word(s) before", old, valence)
        old, rule = valence, "negation"
        if start_i == 0:
            if p[NEG]:
                valence = valence * _C.N_SCALAR
        elif start_i == 1:
            if p[NORM] == "never" and words[i - 1][NORM] in _SO_THIS:
                valence, rule = valence * 1.5, "emphasis"
            elif p[NEG]:
                valence = valence * _C.N_SCALAR
        elif (p[NORM] == "never" and words[i - 2][NORM] in _SO_THIS) \
                or words[i - 1][NORM] in _SO_THIS:
            valence, rule = valence * 1.25, "emphasis"
        elif p[NEG]:
            valence = valence * _C.N_SCALAR
        if steps is not None:
            detail = (f"negated by '{p[NORM]}' {start_i + 1} word(s) before (x-0.74)"
                      if rule == "negation" else "'never so/this' or 'so/this' emphasis")
            _step(steps, i, rule, detail, old, valence)
        if start_i == 2 and idioms:
            old = valence
            valence = _idioms(valence, words, i)
            _step(steps, i, "idiom", "idiom or 'kind of'/'sort of' around the word", old,
                  valence)
    if i > 0 and words[i - 1][LOW] == "least" and not words[i - 1][INLEX] \
            and (i == 1 or words[i - 2][LOW] not in ("at", "very")):
        old = valence
        valence = valence * _C.N_SCALAR
        _step(steps, i, "negation", "'least' before the word", old, valence)
    return valence


def _step(steps, i, rule, detail, old, new):
    if steps is not None and new != old:
        steps.append((i, rule, detail, new - old))


def _idioms(valence, words, i):
    """nltk's ``_idioms_check`` (case-sensitive, over VADER's tokens)."""
    n3, n2, n1, n0 = (words[i - k][NORM] for k in (3, 2, 1, 0))
    for seq in ((n1, n0), (n2, n1, n0), (n2, n1), (n3, n2, n1), (n3, n2)):
        if seq in _IDIOMS:
            valence = _IDIOMS[seq]
            break
    if len(words) - 1 > i and (n0, words[i + 1][NORM]) in _IDIOMS:
        valence = _IDIOMS[(n0, words[i + 1][NORM])]
    if len(words) - 1 > i + 1 and (n0, words[i + 1][NORM], words[i + 2][NORM]) in _IDIOMS:
        valence = _IDIOMS[(n0, words[i + 1][NORM], words[i + 2][NORM])]
    if (n3, n2) in _BIGRAM_BOOSTERS or (n2, n1) in _BIGRAM_BOOSTERS:
        valence = valence + _C.B_DECR
    return valence


@functools.cache
def fast_vader(adjust: str | None = None) -> FastVader:
    """The shared :class:`FastVader`: VADER's own lexicon, or with an adjustment layer.

    Args:
        adjust: ``None`` for VADER's lexicon; ``"news"`` for the packaged news layer
            (``lexicons/news_adjustments.csv``); or the path of a CSV with columns ``term,
            valence`` (``#`` comment lines allowed) whose rows replace or add lexicon
            entries, valence 0 removing the term.

    Raises:
        ValueError: the adjustment CSV lacks a ``term`` or ``valence`` column.
    """
    lexicon = read_vader_lexicon()
    if adjust is not None:
        lexicon = adjusted_lexicon(lexicon, adjust)
    return FastVader(lexicon)


def adjusted_lexicon(lexicon: dict[str, float], adjust: str) -> dict[str, float]:
    """``lexicon`` with the rows of an adjustment CSV applied (see :func:`fast_vader`)."""
    import pandas as pd

    from .resources import LEXICON_DIR

    path = LEXICON_DIR / "news_adjustments.csv" if adjust == "news" else adjust
    table = pd.read_csv(path, comment="#")
    if not {"term", "valence"} <= set(table.columns):
        raise ValueError(f"{path} needs the columns 'term' and 'valence'")
    lexicon = dict(lexicon)
    for term, valence in zip(table["term"].str.lower(), table["valence"].astype(float)):
        if valence == 0:
            lexicon.pop(term, None)
        else:
            lexicon[term] = valence
    return lexicon


@functools.cache
def nltk_vader():
    """nltk's ``SentimentIntensityAnalyzer`` on the offline lexicon (the reference)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    from .resources import vader_lexicon_url

    return SentimentIntensityAnalyzer(lexicon_file=vader_lexicon_url())
