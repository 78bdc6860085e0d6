"""Comparing voices: the words that set two groups of text apart, keyness, collocations, KWIC.

- :func:`fightin_words`: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
  Quinn 2008, "Fightin' Words"), every term's delta, variance and z-score.
- :func:`keyness`: Dunning's (1993) log-likelihood G² of a target against a reference corpus.
- :func:`collocations`: bigram associations with nltk's ``BigramCollocationFinder``.
- :func:`concordance`: keyword in context as a DataFrame with offsets.
- :func:`speaker_profiles`: per canonical speaker, quotes, words, sentiment, device rates,
  frames and labels, from an :class:`analysis.core.Analysis`.

Words are the word tokens of :data:`analysis.segmenting.TOKEN_RE`, lower-cased (punctuation is
dropped). Stopwords, where asked for, come from ``lexicons/stopwords.csv``.

Example:
    >>> fw = fightin_words(["war war peace"], ["peace peace talks"])
    >>> fw["term"].tolist()
    ['war', 'peace', 'talks']
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from .resources import LEXICON_DIR
from .segmenting import TOKEN_RE

#: Pseudo-count of a term the prior does not know (Monroe et al.'s uninformative value).
PRIOR_FLOOR = 0.01


@functools.cache
def stopwords() -> frozenset[str]:
    """English function words from ``lexicons/stopwords.csv`` (no nltk data needed)."""
    table = pd.read_csv(LEXICON_DIR / "stopwords.csv", comment="#", dtype=str)
    return frozenset(table["term"].str.lower())


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text`` (punctuation dropped).

    >>> words("Lavrov's “myth”, he said.")
    ["lavrov's", 'myth', 'he', 'said']
    """
    return [t.lower().replace("’", "'") for t in TOKEN_RE.findall(text) if t[0].isalnum()
            or t[0] == "_"]


def _texts(texts) -> list[str]:
    if isinstance(texts, str):
        return [texts]
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise ValueError("a DataFrame of texts needs a 'text' column")
        texts = texts["text"]
    if not isinstance(texts, Iterable):
        raise TypeError(f"texts must be a string or an iterable of strings, not {type(texts)}")
    return ["" if t is None or (isinstance(t, float) and math.isnan(t)) else str(t)
            for t in texts]


def counts(texts, *, drop_stopwords: bool = False) -> Counter:
    """Word counts over ``texts`` (a string, an iterable of strings, or a frame with ``text``).

    A ``Counter`` of words is taken as already counted (so a corpus is tokenised once when it
    is compared in many ways).
    """
    stop = stopwords() if drop_stopwords else frozenset()
    if isinstance(texts, Counter):
        return Counter({w: n for w, n in texts.items() if n > 0 and w not in stop})
    out: Counter = Counter()
    for text in _texts(texts):
        out.update(w for w in words(text) if w not in stop)
    return out


def fightin_words(texts_a, texts_b, prior=None, *, drop_stopwords: bool = False
                  ) -> pd.DataFrame:
    """Log-odds ratio with informative Dirichlet prior between two groups of text.

    For word w with counts y_a, y_b in groups of n_a, n_b words, and prior pseudo-counts a_w
    (a_0 = Σ a_w): δ = log((y_a+a_w)/(n_a+a_0−y_a−a_w)) − log((y_b+a_w)/(n_b+a_0−y_b−a_w)),
    var(δ) ≈ 1/(y_a+a_w) + 1/(y_b+a_w), z = δ/√var. Positive z: typical of group a.

    Args:
        texts_a, texts_b: a string, an iterable of strings, a DataFrame with ``text``, or a
            ``Counter`` of words already counted (see :func:`counts`).
        prior: ``None`` — the pooled counts of both groups are the prior (the paper's choice of
            the whole corpus as background); a number — the same pseudo-count for every word;
            a mapping or Series term → pseudo-count (e.g. background corpus counts), where
            words it lacks get ``PRIOR_FLOOR``.
        drop_stopwords: leave out the words of ``lexicons/stopwords.csv``.

    Returns:
        DataFrame ``term, count_a, count_b, delta, variance, z``, one row per word used in
        either group, sorted by z (most typical of a first).

    Raises:
        ValueError: a group has no words, or a prior pseudo-count is not positive.

    >>> fw = fightin_words("war war peace", "peace talks", prior=1.0)
    >>> fw.loc[0, "term"], int(fw.loc[0, "count_a"]), int(fw.loc[0, "count_b"])
    ('war', 2, 0)
    """
    ca = counts(texts_a, drop_stopwords=drop_stopwords)
    cb = counts(texts_b, drop_stopwords=drop_stopwords)
    if not ca or not cb:
        raise ValueError("both groups need at least one word to compare")
    vocab = sorted(set(ca) | set(cb))
    y_a = np.array([ca[w] for w in vocab], dtype=float)
    y_b = np.array([cb[w] for w in vocab], dtype=float)
    if prior is None:
        alpha = y_a + y_b
    elif isinstance(prior, (int, float)):
        alpha = np.full(len(vocab), float(prior))
    elif isinstance(prior, Mapping | pd.Series):
        alpha = np.array([float(prior.get(w, PRIOR_FLOOR)) for w in vocab])
    else:
        raise TypeError("prior is None, a number, or a mapping term -> pseudo-count")
    if (alpha <= 0).any():
        raise ValueError("prior pseudo-counts must be positive")
    a0, n_a, n_b = alpha.sum(), y_a.sum(), y_b.sum()
    # With one word in all (pooled prior), its odds have no complement: delta is NaN.
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_a + alpha) / (n_a + a0 - y_a - alpha))
                 - np.log((y_b + alpha) / (n_b + a0 - y_b - alpha)))
    variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    out = pd.DataFrame({"term": pd.Series(vocab, dtype="str"), "count_a": y_a.astype("int64"),
                        "count_b": y_b.astype("int64"), "delta": delta, "variance": variance,
                        "z": delta / np.sqrt(variance)})
    return out.sort_values(["z", "term"], ascending=[False, True], kind="stable",
                           ignore_index=True)


def keyness(texts, reference, *, min_count: int = 1, drop_stopwords: bool = False
            ) -> pd.DataFrame:
    """Dunning's log-likelihood (G²) keyness of ``texts`` against a ``reference`` corpus.

    With a, b a word's counts in target and reference, c, d their sizes, E1 = c(a+b)/(c+d) and
    E2 = d(a+b)/(c+d): G² = 2(a ln(a/E1) + b ln(b/E2)). G² above 3.84 is p < 0.05, above 10.83
    p < 0.001 (one degree of freedom).

    Args:
        texts, reference: a string, an iterable of strings, or a DataFrame with ``text``.
        min_count: keep words used at least this often in the target.
        drop_stopwords: leave out the words of ``lexicons/stopwords.csv``.

    Returns:
        DataFrame ``term, count, count_reference, expected, log_likelihood, log_ratio``, where
        ``log_likelihood`` is signed (negative: under-used in the target) and ``log_ratio`` is
        the binary log of the ratio of relative frequencies (0.5 added to zero counts); sorted
        by signed G², most key first.

    Raises:
        ValueError: the target or the reference has no words.

    >>> keyness("war war war peace", "peace peace talks war")["term"].tolist()[0]
    'war'
    """
    ct = counts(texts, drop_stopwords=drop_stopwords)
    cr = counts(reference, drop_stopwords=drop_stopwords)
    if not ct or not cr:
        raise ValueError("the target and the reference both need words")
    vocab = sorted(w for w in set(ct) | set(cr) if ct[w] >= min_count)
    a = np.array([ct[w] for w in vocab], dtype=float)
    b = np.array([cr[w] for w in vocab], dtype=float)
    c, d = float(sum(ct.values())), float(sum(cr.values()))
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (np.where(a > 0, a * np.log(a / e1), 0.0) + np.where(b > 0, b * np.log(b / e2), 0.0))
    sign = np.where(a / c >= b / d, 1.0, -1.0)
    log_ratio = np.log2((np.maximum(a, 0.5) / c) / (np.maximum(b, 0.5) / d))
    out = pd.DataFrame({"term": pd.Series(vocab, dtype="str"), "count": a.astype("int64"),
                        "count_reference": b.astype("int64"), "expected": e1,
                        "log_likelihood": sign * g2, "log_ratio": log_ratio})
    return out.sort_values(["log_likelihood", "term"], ascending=[False, True], kind="stable",
                           ignore_index=True)


MEASURES = ("pmi", "likelihood_ratio", "chi_sq", "student_t", "raw_freq")


def collocations(texts, *, measure: str = "likelihood_ratio", min_count: int = 2,
                 window: int = 2, drop_stopwords: bool = True, top: int | None = 50
                 ) -> pd.DataFrame:
    """Word pairs that occur together more than chance, scored by nltk's association measures.

    Pairs never span two texts. Uses ``BigramCollocationFinder`` (no nltk data needed).

    Args:
        texts: a string, an iterable of strings, or a DataFrame with ``text``.
        measure: one of ``MEASURES`` (nltk's ``BigramAssocMeasures`` names).
        min_count: drop pairs seen fewer times.
        window: 2 for adjacent words; larger to allow words between.
        drop_stopwords: drop pairs with a word of ``lexicons/stopwords.csv``.
        top: keep the best ``top`` pairs (all with ``None``).

    Returns:
        DataFrame ``w1, w2, count, score`` sorted by score.

    Raises:
        ValueError: an unknown ``measure``.

    >>> collocations(["Foreign Minister Lavrov met Foreign Minister Kerry"])[["w1", "w2"]].values.tolist()[0]
    ['foreign', 'minister']
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
    docs = [words(t) for t in _texts(texts)]
    finder = BigramCollocationFinder.from_documents(docs) if window == 2 else \
        BigramCollocationFinder.from_words(
            [w for d in docs for w in [*d, "\x00"]], window_size=window)
    stop = stopwords() if drop_stopwords else frozenset()
    finder.apply_word_filter(lambda w: w in stop or w == "\x00")
    finder.apply_freq_filter(min_count)
    # In a very short text a word paired with itself can leave the 2x2 contingency table with a
    # negative cell (N - n_w1 - n_w2 + n_pair < 0), on which nltk's measures fail; such a pair
    # is no evidence of a collocation.
    finder.apply_ngram_filter(lambda w1, w2: finder.N - finder.word_fd[w1] - finder.word_fd[w2]
                              + finder.ngram_fd[(w1, w2)] < 0)
    scored = finder.score_ngrams(getattr(BigramAssocMeasures, measure))
    if top is not None:
        scored = scored[:top]
    return pd.DataFrame(
        [(w1, w2, finder.ngram_fd[(w1, w2)], score) for (w1, w2), score in scored],
        columns=["w1", "w2", "count", "score"],
    ).astype({"w1": "str", "w2": "str", "count": "int64", "score": "float64"})


def concordance(documents, pattern: str, *, width: int = 40, regex: bool = False,
                case: bool = False) -> pd.DataFrame:
    """Keyword in context: every match of ``pattern`` with the text around it.

    Args:
        documents: a documents table (``doc_id, text``), a string, or an iterable of strings
            (ids are then their positions).
        pattern: a word or phrase matched as whole words, or a regular expression with
            ``regex=True``.
        width: characters of context on each side (line breaks become spaces).
        case: match case exactly.

    Returns:
        DataFrame ``doc_id, start, end, left, match, right`` in text order; ``start``/``end``
        are offsets into the document's text.

    >>> kwic = concordance("They called the rebels terrorists. Terrorists, he said.", "terrorists", width=10)
    >>> kwic[["left", "match"]].values.tolist()
    [['he rebels ', 'terrorists'], ['rrorists. ', 'Terrorists']]
    """
    if isinstance(documents, pd.DataFrame):
        pairs = list(zip(documents["doc_id"].astype(str), _texts(documents)))
    else:
        pairs = [(str(i), t) for i, t in enumerate(_texts(documents))]
    body = pattern if regex else r"(?<!\w)" + re.escape(pattern) + r"(?!\w)"
    compiled = re.compile(body, 0 if case else re.IGNORECASE)
    rows = []
    for doc_id, text in pairs:
        for m in compiled.finditer(text):
            left = text[max(0, m.start() - width):m.start()].replace("\n", " ")
            right = text[m.end():m.end() + width].replace("\n", " ")
            rows.append((doc_id, m.start(), m.end(), left, m.group(), right))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "left", "match", "right"]
                        ).astype({"doc_id": "str", "start": "int64", "end": "int64",
                                  "left": "str", "match": "str", "right": "str"})


def _table(analysis, name: str) -> pd.DataFrame | None:
    try:
        table = analysis[name]
    except (KeyError, AttributeError):
        return None
    return table if isinstance(table, pd.DataFrame) else None


def _joined(values: pd.Series, *, top: int = 5) -> str:
    counted = values.dropna().astype(str).value_counts()
    return "; ".join(f"{k} ({v})" for k, v in counted.head(top).items())


def speaker_profiles(analysis) -> pd.DataFrame:
    """One row per canonical speaker: what they say and how, from an ``Analysis``.

    Uses the tables present and leaves the rest empty: ``quotes`` (quote counts and words;
    ``voices`` gives exact words per voice when the rhetoric step ran),
    ``sentences`` (mean ``compound`` of the sentences carrying that speaker's voice),
    ``devices`` (device rates per 100 quoted words), ``frames`` and ``mentions`` (frames and
    labels used, most frequent first). The narrator is a speaker too (its words are the
    words of sentences with no quoted speaker).

    Args:
        analysis: an :class:`analysis.core.Analysis` (or a mapping of table name → DataFrame).

    Returns:
        DataFrame ``speaker_canonical, quotes, words, sentiment, devices_per_100_words,
        top_devices, frames, labels`` and one ``rate_<device>`` column per device.
    """
    quotes = _table(analysis, "quotes")
    sentences = _table(analysis, "sentences")
    rows: dict[str, dict] = {}
    if quotes is not None and len(quotes):
        text_col = "quote" if "quote" in quotes.columns else "text"
        for speaker, group in quotes.groupby("speaker_canonical", dropna=True):
            rows[speaker] = {"quotes": len(group),
                             "words": int(sum(len(words(t)) for t in _texts(group[text_col])))}
    if sentences is not None and "speaker_canonical" in sentences.columns:
        voiced = sentences.assign(speaker_canonical=sentences["speaker_canonical"]
                                  .fillna("narrator"))
        narrated = voiced[voiced["speaker_canonical"] == "narrator"]
        if len(narrated):
            rows.setdefault("narrator", {"quotes": 0, "words": 0})["words"] = int(
                sum(len(words(t)) for t in _texts(narrated["text"])))
        if "compound" in voiced.columns:
            for speaker, mean in voiced.groupby("speaker_canonical")["compound"].mean().items():
                rows.setdefault(speaker, {"quotes": 0, "words": 0})["sentiment"] = mean
    voices = _table(analysis, "voices")
    if voices is not None and len(voices):
        # Exact words per voice (innermost quote per word) from the rhetoric step.
        for speaker, n in voices.groupby("speaker_canonical")["words"].sum().items():
            rows.setdefault(speaker, {"quotes": 0, "words": 0})["words"] = int(n)
    devices = _table(analysis, "devices")
    if devices is not None and len(devices):
        for speaker, group in devices.groupby(devices["speaker_canonical"].fillna("narrator")):
            row = rows.setdefault(speaker, {"quotes": 0, "words": 0})
            row["top_devices"] = _joined(group["device"])
            per = 100.0 / row["words"] if row["words"] else np.nan
            row["devices_per_100_words"] = len(group) * per
            for device, n in group["device"].value_counts().items():
                row[f"rate_{device}"] = n * per
    for name, column in (("frames", "category"), ("mentions", "label")):
        table = _table(analysis, name)
        if table is None or not len(table) or "speaker_canonical" not in table.columns:
            continue
        column = column if column in table.columns else table.columns[-1]
        for speaker, group in table.groupby(table["speaker_canonical"].fillna("narrator")):
            rows.setdefault(speaker, {"quotes": 0, "words": 0})[
                "labels" if name == "mentions" else "frames"] = _joined(group[column])
    base = ["speaker_canonical", "quotes", "words", "sentiment", "devices_per_100_words",
            "top_devices", "frames", "labels"]
    out = pd.DataFrame([{"speaker_canonical": k, **v} for k, v in rows.items()])
    for column in base:
        if column not in out.columns:
            out[column] = pd.Series(dtype="float64" if column in (
                "sentiment", "devices_per_100_words") else "object", index=out.index)
    rates = sorted(c for c in out.columns if c.startswith("rate_"))
    out = out[base + rates]
    out[rates] = out[rates].fillna(0.0)
    if len(out):
        out = out.sort_values(["words", "speaker_canonical"], ascending=[False, True],
                              ignore_index=True)
    return out.astype({"speaker_canonical": "str", "quotes": "int64", "words": "int64"})
