"""Sentence sentiment with VADER: scores, aggregates, explanations, sentiment toward a target.

**What VADER is.** VADER (Hutto & Gilbert, ICWSM 2014) is a lexicon of about 7,500 words,
emoticons and slang rated by crowd workers on a -4..+4 scale, plus five rules (negation in the
three words before, boosters/dampeners, ALL-CAPS emphasis, contrastive "but", "!" and "?").
It was built and validated for short social-media text: on tweets it agrees with human raters
about as well as people do (r = .88), on NYT editorial snippets much less (r = .49).

**What it misses in news.** War and political reporting is full of words that VADER scores
as negative whatever the stance ("killed", "attack", "terrorists", "crisis") and of names it
reads as praise ("Justice Department", "United Nations", "Republican Party", "Supreme Court").
It has no idea who a sentence is about: every actor in a sentence gets the sentence's mood.
Reported speech counts as the writer's own words. Curly quotes stay glued to words in nltk's
tokenisation, so “danger” is not the lexicon's *danger*. And ``compound`` saturates on long
texts, so an article must never be scored as one string: score sentences, then aggregate.

**What this module gives.**

- ``analyze()`` step: ``neg, neu, pos, compound, label`` on every sentence (nltk's VADER
  numbers, computed by the identical fast scorer in :mod:`analysis.vader`).
- :func:`score` for any texts, with ``engine="fast"`` (default) or ``"nltk"`` (the reference).
- :func:`aggregate`: mean compound, shares and counts per paragraph, document, speaker or any
  column (outlet, date).
- :func:`explain`: the tokens and rules behind a score, summing to the raw score; with
  ``target=(start, end)`` the words behind :func:`target_sentiment`.
- An optional **news adjustment layer** (``adjust="news"``, ``lexicons/news_adjustments.csv``)
  that neutralises name and event words and adds missing stance words. It is off for sentence
  scores (VADER's own numbers stay the default) and on for target sentiment, where the
  NewsMTSC benchmark shows it helps; ``adjust=None`` switches it off.

**Measured** (``make bench``; the tables are in ``docs/sentiment.md``):

- identity: the fast scorer's ``neg, neu, pos, compound`` equal nltk's on all 23,703 sentences
  of the four VADER ground-truth corpora and all 9,803 FA-KES sentences; it is 10-24x faster
  than nltk's analyser from a cold cache (``benchmarks/sentiment_speed.py``);
- paper's Table 4 (``benchmarks/sentiment_vader.py``): F1 .958/.588/.615/.544 on tweets,
  movie, Amazon and NYT snippets against the paper's .96/.61/.63/.55 (within 0.022);
  r .878/.422/.571/.490;
- NewsMTSC test-rw (``benchmarks/sentiment_newsmtsc.py``), macro-F1: sentence-level VADER
  .511, with the news layer .559, :func:`target_sentiment` .605 (rules and cut-offs chosen
  on the dev split only, cross-validated there at .643); the paper's fine-tuned RoBERTa
  reaches .831.
- the news layer raises r on NYT editorials (.490 to .504) but lowers their 3-class F1
  (.544 to .531), so it stays off for sentence scores.

Example:
    >>> from analysis.sentiment import score
    >>> score(["Kerry warned of the danger of authoritarian populism."])
         neg    neu  pos  compound label
    0  0.478  0.522  0.0   -0.6705   neg
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .targets import contributions, target_sentiment
from .vader import fast_vader, nltk_vader

__all__ = ["SENTENCE_COLUMNS", "TABLES", "aggregate", "annotate", "explain", "label",
           "score", "target_sentiment"]

SENTENCE_COLUMNS = {"neg": "float64", "neu": "float64", "pos": "float64",
                    "compound": "float64", "label": "str"}
TABLES: dict[str, dict[str, str]] = {}

#: VADER's published cut-offs on ``compound`` (the README of vaderSentiment and the paper).
THRESHOLD = 0.05
_ENGINES = ("fast", "nltk")


def label(compound: float, *, threshold: float = THRESHOLD) -> str:
    """``"pos"`` if ``compound >= threshold``, ``"neg"`` if ``<= -threshold``, else ``"neu"``.

    >>> label(-0.6705), label(0.02), label(0.02, threshold=0.01)
    ('neg', 'neu', 'pos')
    """
    return "pos" if compound >= threshold else "neg" if compound <= -threshold else "neu"


def _scorer(engine: str, adjust: str | None):
    if engine not in _ENGINES:
        raise ValueError(f"engine must be 'fast' or 'nltk', not {engine!r}")
    if engine == "nltk":
        if adjust is not None:
            raise ValueError("the news adjustment layer exists for engine='fast' only")
        analyser = nltk_vader()
        return lambda text: tuple(analyser.polarity_scores(text).values())
    return fast_vader(adjust).scores


def score(texts: Iterable[str] | pd.Series, *, engine: str = "fast",
          threshold: float = THRESHOLD, adjust: str | None = None) -> pd.DataFrame:
    """VADER scores of each text (one sentence each: compound saturates on long texts).

    Args:
        texts: strings; a Series keeps its index. Missing values score as empty text.
        engine: ``"fast"`` (:class:`analysis.vader.FastVader`) or ``"nltk"`` (nltk's
            ``SentimentIntensityAnalyzer``); both give the same numbers.
        threshold: ``label`` cut-off on ``compound``.
        adjust: ``None`` (VADER's lexicon), ``"news"`` or an adjustment CSV path (fast only).

    Returns:
        DataFrame ``neg, neu, pos, compound`` (float64) and ``label`` (str), one row per text.

    Raises:
        ValueError: unknown engine, or ``adjust`` with the nltk engine.
        TypeError: a text is neither a string nor missing.

    >>> score(["Great news!", "The talks failed."], engine="nltk")["label"].tolist()
    ['pos', 'neg']
    """
    scorer = _scorer(engine, adjust)
    index = texts.index if isinstance(texts, pd.Series) else None
    rows = []
    for text in texts:
        if not isinstance(text, str):
            if text is not None and not pd.isna(text):
                raise TypeError(f"score() needs strings, got {type(text).__name__}: {text!r}")
            text = ""
        rows.append(scorer(text))
    table = pd.DataFrame(rows, columns=["neg", "neu", "pos", "compound"], index=index,
                         dtype="float64")
    table["label"] = pd.Series([label(c, threshold=threshold) for c in table["compound"]],
                               index=table.index, dtype="str")
    return table


def annotate(doc, options: dict) -> None:
    """Pipeline step: set ``neg, neu, pos, compound, label`` on every sentence of ``doc``.

    Options (keyword arguments of ``analyze``): ``sentiment_engine`` ("fast"),
    ``sentiment_threshold`` (0.05), ``sentiment_adjust`` (None).
    """
    scorer = _scorer(options.get("sentiment_engine", "fast"),
                     options.get("sentiment_adjust"))
    threshold = options.get("sentiment_threshold", THRESHOLD)
    for sentence in doc.tables["sentences"]:
        neg, neu, pos, compound = scorer(sentence["text"])
        sentence["neg"], sentence["neu"], sentence["pos"] = neg, neu, pos
        sentence["compound"] = compound
        sentence["label"] = ("pos" if compound >= threshold
                             else "neg" if compound <= -threshold else "neu")


def aggregate(sentences: pd.DataFrame, by: str | list[str] = "doc_id", *,
              documents: pd.DataFrame | None = None,
              threshold: float | None = None) -> pd.DataFrame:
    """Sentence sentiment summarised per group: paragraph, document, speaker, outlet, date...

    Aggregating sentence scores is the right way to describe a document: VADER's compound of
    a whole article saturates near ±1 and says nothing.

    Args:
        sentences: a ``sentences`` table with ``compound`` (``analyze(...).sentences``).
        by: grouping column(s): ``"doc_id"``; ``["doc_id", "paragraph_id"]`` per paragraph;
            ``"speaker_canonical"`` per speaker (the quotes step adds it); or a column of
            ``documents`` such as ``"source"`` or ``"date"``.
        documents: the documents table, needed when ``by`` names one of its columns.
        threshold: relabel with this cut-off instead of using the ``label`` column.

    Returns:
        One row per group: the grouping columns, ``n_sentences``, ``mean_compound``,
        ``sd_compound``, ``share_pos``, ``share_neg``, ``share_neu``, ``n_pos``, ``n_neg``.

    Raises:
        KeyError: a grouping column is in neither table (the message lists what is there).

    >>> import analysis
    >>> a = analysis.analyze(analysis.read_article("We won. It was great. They lost."))
    >>> aggregate(a.sentences)[["doc_id", "n_sentences", "n_pos", "n_neg"]].values.tolist()
    [['text', 3, 2, 1]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    table = sentences
    missing = [k for k in keys if k not in table.columns]
    if missing and documents is not None:
        extra = [k for k in missing if k in documents.columns]
        table = table.merge(documents[["doc_id", *extra]], on="doc_id", how="left")
        missing = [k for k in keys if k not in table.columns]
    if missing:
        hint = (" (speaker_canonical comes from the quotes step)"
                if "speaker_canonical" in missing else "")
        where = "sentences or documents" if documents is not None else "sentences"
        raise KeyError(f"no column {missing} in the {where} table{hint}; "
                       f"columns: {', '.join(table.columns)}")
    if "compound" not in table.columns:
        raise KeyError("the sentences table has no 'compound' column: run analyze() with the "
                       "sentiment step, or add score(sentences['text'])")
    labels = (table["compound"].map(lambda c: label(c, threshold=threshold))
              if threshold is not None or "label" not in table.columns else table["label"])
    work = table[keys].assign(compound=table["compound"], is_pos=labels.eq("pos"),
                              is_neg=labels.eq("neg"), is_neu=labels.eq("neu"))
    grouped = work.groupby(keys, sort=True, dropna=False)
    out = grouped.agg(n_sentences=("compound", "size"), mean_compound=("compound", "mean"),
                      sd_compound=("compound", "std"), share_pos=("is_pos", "mean"),
                      share_neg=("is_neg", "mean"), share_neu=("is_neu", "mean"),
                      n_pos=("is_pos", "sum"), n_neg=("is_neg", "sum"))
    return out.reset_index().astype({"n_sentences": "int64", "n_pos": "int64",
                                     "n_neg": "int64"})


def explain(sentence: str, *, target: tuple[int, int] | None = None,
            adjust: str | None = None) -> pd.DataFrame:
    """The tokens and rules behind a sentence's VADER score (or behind its target sentiment).

    Args:
        sentence: one sentence.
        target: ``(start, end)`` of an entity mention: explain :func:`target_sentiment`
            instead (see :func:`analysis.targets.contributions`; its default lexicon layer is
            ``"news"``, pass ``adjust`` to change it).
        adjust: lexicon layer (see :func:`score`); ``None`` is VADER's own lexicon.

    Returns:
        For a sentence: one row per rule applied to a token, ``token_id, token, start, end,
        rule, detail, delta``; rule is one of ``lexicon, allcaps, booster, dampener,
        negation, emphasis, idiom, repeat, but, punctuation`` (the sentence's "!"/"?" marks:
        null ``token_id``/``start``/``end``). ``delta`` sums to the raw score
        (``attrs["raw"]``), which VADER squashes into ``compound = raw / sqrt(raw² + 15)``;
        ``attrs`` also holds ``neg, neu, pos, compound``.

    Raises:
        ValueError: ``target`` is not a span of ``sentence``.

    >>> table = explain("Kerry warned of the danger of authoritarian populism")
    >>> table[["token", "rule", "delta"]].values.tolist()
    [['warned', 'lexicon', -1.1], ['danger', 'lexicon', -2.4]]
    >>> round(table.attrs["raw"], 6), table.attrs["compound"]
    (-3.5, -0.6705)
    """
    if target is not None:
        start, end = target
        kwargs = {} if adjust is None else {"adjust": adjust}
        return contributions(sentence, start, end, **kwargs)
    scorer = fast_vader(adjust)
    _, steps, raw, _, (neg, neu, pos, compound) = scorer.trace(sentence)
    spans = scorer.spans(sentence)
    rows = []
    for i, rule, detail, delta in steps:
        if i is None:
            # "!"/"?" emphasis belongs to the whole sentence: no token, no offsets
            marks = "".join(c for c in sentence if c in "!?")
            rows.append((None, marks, None, None, rule, detail, delta))
        else:
            s, e = spans[i]
            rows.append((i, sentence[s:e], s, e, rule, detail, delta))
    table = pd.DataFrame(rows, columns=["token_id", "token", "start", "end", "rule", "detail",
                                        "delta"])
    table = table.astype({"token_id": "Int64", "token": "str", "start": "Int64",
                          "end": "Int64", "rule": "str", "detail": "str", "delta": "float64"})
    table.attrs = {"raw": raw, "neg": neg, "neu": neu, "pos": pos, "compound": compound}
    return table
