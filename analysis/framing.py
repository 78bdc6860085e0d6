"""Framing: the frames a text makes salient, the names it gives to actors, and who it blames.

Pipeline step ``"framing"`` (after ``"quotes"``, whose speakers it reads). Tables:

- ``frames``: one row per frame cue: the narrative frames of Semetko & Valkenburg (2000) and
  Frermann et al. (2023) (``lexicons/frames.csv``, frame set ``narrative``), the 15 policy
  frames of Boydstun et al. (2014) (``lexicons/policy_frames.csv``, frame set ``policy``), and
  any user lexicon; with the cue's speaker (``narrator`` or a quoted speaker).
- ``mentions``: one row per actor mention (``lexicons/actors.csv``): the surface label, the
  family of the party it names, the label's evaluative charge, and who uses it.
- ``blame``: one row per harm cue whose agent is named (see :mod:`analysis.responsibility`).

User lexicons come in through ``analyze(docs, lexicons=[...])`` (paths, DataFrames or dicts,
see :func:`analysis.lexicon.load_lexicon`): a table with a ``charge`` column adds actor labels
(its ``category`` is the family); any other adds frame categories, in the frame set named by its
``frame_set`` column, else by the CSV file's name (``user`` for dicts and DataFrames).
``frame_sets=("narrative",)`` keeps only some packaged frame sets (``()`` for none: to replace
them with your own).

Example:
    >>> import analysis
    >>> docs = analysis.read_article("Rebels shelled the city. Talks on a truce failed.")
    >>> document_frames(docs).drop(columns="doc_id").values.tolist()
    [[True, False, False, False, True]]
"""
from __future__ import annotations

import bisect
from collections import Counter
from pathlib import Path

import pandas as pd

from . import segmenting
from .lexicon import Matcher, compile_lexicon, load_lexicon
from .resources import LEXICON_DIR
from .responsibility import blamed_actor, document_blame, sentence_blame
from .voices import voices_of

__all__ = [
    "SENTENCE_COLUMNS",
    "TABLES",
    "actor_mentions",
    "annotate",
    "blamed_actor",
    "document_blame",
    "document_frames",
    "frame_scores",
    "frame_summary",
    "label_by_outlet",
    "label_by_speaker",
    "sentence_frames",
]

#: Packaged frame sets and their lexicon files.
FRAME_SETS = {"narrative": "frames", "policy": "policy_frames"}
NARRATIVE = ("conflict", "human_interest", "economic", "morality", "resolution")
#: Families whose multi-word mentions are names, inside which words are no frame cues.
NAME_FAMILIES = ("international_bodies",)

TABLES = {
    "frames": {"doc_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64",
               "text": "str", "category": "str", "term": "str", "frame_set": "str",
               "negated": "bool", "speaker_canonical": "str"},
    "mentions": {"doc_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64",
                 "text": "str", "label": "str", "family": "str", "actor": "str",
                 "charge": "str", "fakes_actor": "str", "speaker_canonical": "str"},
    "blame": {"doc_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64",
              "text": "str", "cue": "str", "pattern": "str", "weight": "float64",
              "label": "str", "family": "str", "actor": "str", "fakes_actor": "str",
              "speaker_canonical": "str"},
}


#: Narrative frames with a cue (not negated) in the sentence, ";"-separated, in lexicon order.
SENTENCE_COLUMNS = {"frames": "str"}


class _Lexicons:
    """The compiled frame matchers (one per frame set) and the actor matcher of one run."""

    def __init__(self, lexicons=None, frame_sets=None):
        names = tuple(FRAME_SETS) if frame_sets is None else tuple(frame_sets)
        unknown = set(names) - set(FRAME_SETS)
        if unknown:
            raise ValueError(f"frame_sets takes {list(FRAME_SETS)}; unknown {sorted(unknown)}")
        tables = {name: load_lexicon(FRAME_SETS[name]) for name in names}
        actors = [load_lexicon("actors")]
        sources = [] if lexicons is None else (
            list(lexicons) if isinstance(lexicons, (list, tuple)) else [lexicons])
        for source in sources:
            table = load_lexicon(source)
            if "charge" in table.columns:
                actors.append(table)
                continue
            default = Path(source).stem if isinstance(source, (str, Path)) else "user"
            sets = table["frame_set"] if "frame_set" in table.columns else default
            for name, rows in table.assign(frame_set=sets).groupby("frame_set", sort=False):
                tables[name] = pd.concat([tables.get(name), rows.drop(columns="frame_set")],
                                         ignore_index=True)
        self.frames: dict[str, Matcher] = {k: compile_lexicon(v) for k, v in tables.items()}
        self.actors = actor_matcher(pd.concat(actors, ignore_index=True))


def prepare(options: dict) -> dict:
    """Pipeline hook: compile the run's lexicons once, failing early on a bad user lexicon."""
    return {"framing_lexicons": _Lexicons(options.get("lexicons"), options.get("frame_sets"))}


def actor_matcher(lexicon=None) -> Matcher:
    """The compiled actors lexicon (the packaged one by default) with its optional columns."""
    table = load_lexicon("actors" if lexicon is None else lexicon)
    for column in ("actor", "charge", "fakes_actor", "generic"):
        if column not in table.columns:
            table[column] = ""
    table["actor"] = table["actor"].where(table["actor"].fillna("") != "", table["term"])
    return compile_lexicon(table.fillna(""))


def sentence_mentions(text: str, start: int, end: int, matcher: Matcher, *,
                      doc_id: str | None = None, sentence_id: int | None = None,
                      speaker: str | None = None) -> list[dict]:
    """Actor mentions in ``text[start:end]`` as rows of the ``mentions`` table (the keys given
    fill ``doc_id, sentence_id, speaker_canonical``); a generic head noun right after a name
    ("Nusra terrorists", "ISIS fighters") takes that name's family and actor."""
    rows = []
    for s, e, entry in matcher.finditer(text, start, end):
        row = {"doc_id": doc_id, "sentence_id": sentence_id, "start": s, "end": e,
               "text": text[s:e], "label": entry["term"], "family": entry["category"],
               "actor": entry["actor"], "charge": entry["charge"],
               "fakes_actor": entry["fakes_actor"], "speaker_canonical": speaker}
        previous = rows[-1] if rows else None
        if (entry["generic"] == "yes" and previous is not None
                and text[previous["end"]:s] in (" ", "-")):
            row.update({k: previous[k] for k in ("family", "actor", "fakes_actor")})
        rows.append(row)
    return rows


def _names(mentions: list[dict]) -> list[tuple[int, int]]:
    """The spans of the organisations' names among a sentence's actor ``mentions`` (sorted and
    never overlapping, as one left-to-right pass finds them)."""
    return [(m["start"], m["end"]) for m in mentions if m["family"] in NAME_FAMILIES]


def _cues(doc_id: str, text: str, sentence: dict, frame_set: str, matcher: Matcher,
          names: list[tuple[int, int]], speaker: str | None = None) -> list[dict]:
    """Frame cue rows of one sentence, all said by ``speaker``; words inside an organisation's
    name (``names``: "Syrian Observatory for Human Rights", "Organization for Security and
    Cooperation") are no cues."""
    spans = matcher.spans(text, sentence["start"], sentence["end"])
    if names:
        starts = [n0 for n0, _ in names]

        def in_name(s: int, e: int) -> bool:
            k = bisect.bisect_right(starts, s) - 1
            return k >= 0 and e <= names[k][1]

        spans = [span for span in spans if not in_name(span[0], span[1])]
    sentence_id = sentence["sentence_id"]
    return [{"doc_id": doc_id, "sentence_id": sentence_id, "start": s, "end": e,
             "text": text[s:e], "category": entry["category"], "term": entry["term"],
             "frame_set": frame_set, "negated": negated, "speaker_canonical": speaker}
            for s, e, entry, negated in spans]


def annotate(doc, options: dict) -> None:
    """Pipeline step: append ``frames``, ``mentions`` and ``blame`` rows for ``doc``."""
    run = options.get("framing_lexicons") or prepare(options)["framing_lexicons"]
    # speakers come from the quotes step; without it they are unknown
    voices = voices_of(doc) if "quotes" in doc.tables else None
    text, doc_id = doc.text, doc.doc_id
    for sentence in doc.sentences:
        s0, s1, sentence_id = sentence["start"], sentence["end"], sentence["sentence_id"]
        # A sentence outside quotes, or inside one, has one speaker for all its rows: only
        # one that crosses a quote boundary needs a look-up per row.
        speaker = voices.within(s0, s1) if voices else None
        mentions = sentence_mentions(text, s0, s1, run.actors, doc_id=doc_id,
                                     sentence_id=sentence_id, speaker=speaker)
        names = _names(mentions)
        cues = [row for frame_set, matcher in run.frames.items()
                for row in _cues(doc_id, text, sentence, frame_set, matcher, names, speaker)]
        present = {c["category"] for c in cues if c["frame_set"] == "narrative"
                   and not c["negated"]}
        sentence["frames"] = ";".join(c for c in NARRATIVE if c in present)
        blames = [{"doc_id": doc_id, "sentence_id": sentence_id, **row,
                   "speaker_canonical": speaker}
                  for row in sentence_blame(text, s0, s1, mentions)]
        if voices and speaker is None:
            for row in (*cues, *mentions, *blames):
                row["speaker_canonical"] = voices(row["start"], row["end"])
        doc.tables["frames"].extend(cues)
        doc.tables["mentions"].extend(mentions)
        doc.tables["blame"].extend(blames)


def frame_cues(documents: pd.DataFrame, *, frame_set: str = "narrative",
               lexicons=None) -> pd.DataFrame:
    """Frame cue rows of ``documents`` for one frame set, without speakers (no pipeline run).

    Returns:
        The ``frames`` table's columns (``speaker_canonical`` empty).
    """
    run = _Lexicons(lexicons, frame_sets=[frame_set] if frame_set in FRAME_SETS else [])
    if frame_set not in run.frames:
        raise ValueError(f"no frame set {frame_set!r}: use one of {list(FRAME_SETS)} or the "
                         f"frame set of a lexicon in lexicons= ({list(run.frames) or 'none'})")
    matcher, rows = run.frames[frame_set], []
    for doc_id, text in documents[["doc_id", "text"]].itertuples(index=False):
        _, sentences = segmenting.segment(str(doc_id), text)
        for sentence in sentences:
            mentions = sentence_mentions(text, sentence["start"], sentence["end"], run.actors)
            rows.extend(_cues(str(doc_id), text, sentence, frame_set, matcher, _names(mentions)))
    from .core import frame

    out = frame(rows, TABLES["frames"])
    out.attrs["categories"] = list(dict.fromkeys(matcher.lexicon["category"]))
    return out


def _thresholds(frame_set: str) -> dict[str, tuple[int, float]]:
    table = pd.read_csv(LEXICON_DIR / "frame_thresholds.csv", comment="#")
    table = table[table["frame_set"] == frame_set]
    return {c: (int(n), float(r)) for c, n, r in
            table[["category", "min_cues", "min_per_1000"]].itertuples(index=False)}


def frame_summary(frames: pd.DataFrame, documents: pd.DataFrame, *,
                  frame_set: str = "narrative", categories=None,
                  thresholds: dict | None = None) -> pd.DataFrame:
    """Per document and frame: cue count, rate per 1,000 words, presence and evidence terms.

    Args:
        frames: a ``frames`` table (from ``analyze`` or :func:`frame_cues`).
        documents: the documents table (its ``text`` gives the word counts).
        frame_set: which frame set to summarise.
        categories: the frames to report (by default those in ``frames``; the packaged ones
            for a packaged set), so frames without cues show as zero rows.
        thresholds: ``{category: (min_cues, min_per_1000)}`` for presence; by default
            ``lexicons/frame_thresholds.csv`` (one cue for categories it does not list).

    Returns:
        DataFrame ``doc_id, frame_set, category, n_cues, n_words, per_1000, share, present,
        evidence`` (``share``: of the document's cues in this frame set; the largest is its
        dominant frame. ``evidence``: the cue terms, most frequent first, with counts).
    """
    cues = frames[(frames["frame_set"] == frame_set) & ~frames["negated"]]
    if categories is None:
        packaged = (load_lexicon(FRAME_SETS[frame_set])["category"].tolist()
                    if frame_set in FRAME_SETS else [])
        categories = list(dict.fromkeys([*packaged, *cues["category"]]))
    limits = _thresholds(frame_set) if thresholds is None else thresholds
    words = {str(d): sum(1 for t in segmenting.TOKEN_RE.findall(text) if t[0].isalnum())
             for d, text in documents[["doc_id", "text"]].itertuples(index=False)}
    groups = {key: Counter(g["term"]) for key, g in cues.groupby(["doc_id", "category"])}
    totals = cues.groupby("doc_id").size()
    rows = []
    for doc_id, n_words in words.items():
        total = int(totals.get(doc_id, 0))
        for category in categories:
            terms = groups.get((doc_id, category), Counter())
            n = sum(terms.values())
            rate = 1000 * n / n_words if n_words else 0.0
            min_cues, min_rate = limits.get(category, (1, 0.0))
            rows.append({"doc_id": doc_id, "frame_set": frame_set, "category": category,
                         "n_cues": n, "n_words": n_words, "per_1000": rate,
                         "share": n / total if total else 0.0,
                         "present": n >= max(min_cues, 1) and rate >= min_rate,
                         "evidence": ", ".join(f"{t} ×{c}" for t, c in terms.most_common())})
    return pd.DataFrame(rows, columns=["doc_id", "frame_set", "category", "n_cues", "n_words",
                                       "per_1000", "share", "present", "evidence"])


def sentence_frames(frames: pd.DataFrame, *, frame_set: str = "narrative") -> pd.DataFrame:
    """Per sentence and frame: the number of cues (not negated) and the evidence terms.

    Returns:
        DataFrame ``doc_id, sentence_id, category, n_cues, evidence``, one row per sentence
        and frame with at least one cue.
    """
    cues = frames[(frames["frame_set"] == frame_set) & ~frames["negated"]]
    out = (cues.groupby(["doc_id", "sentence_id", "category"], sort=False)["text"]
           .agg(n_cues="size", evidence=lambda t: ", ".join(dict.fromkeys(t)))
           .reset_index())
    return out.sort_values(["doc_id", "sentence_id"], kind="stable", ignore_index=True)


def frame_scores(documents: pd.DataFrame, *, frame_set: str = "narrative", lexicons=None,
                 thresholds: dict | None = None) -> pd.DataFrame:
    """:func:`frame_summary` straight from a documents table (no pipeline run needed)."""
    cues = frame_cues(documents, frame_set=frame_set, lexicons=lexicons)
    return frame_summary(cues, documents, frame_set=frame_set,
                         categories=cues.attrs["categories"], thresholds=thresholds)


def document_frames(documents: pd.DataFrame, *, frame_set: str = "narrative", lexicons=None,
                    thresholds: dict | None = None) -> pd.DataFrame:
    """One row per ``doc_id`` with a boolean column per frame (present or not).

    Args:
        documents: a documents table (``doc_id``, ``text``).
        frame_set: ``"narrative"`` (``conflict, human_interest, economic, morality,
            resolution``), ``"policy"`` (the 15 policy frames; ``other`` is true when no other
            policy frame is present) or a user frame set from ``lexicons``.
        lexicons: user lexicons (see :func:`analysis.lexicon.load_lexicon`).
        thresholds: ``{category: (min_cues, min_per_1000)}``; by default the packaged ones.

    Returns:
        DataFrame ``doc_id`` and one bool column per frame, in lexicon order.
    """
    scores = frame_scores(documents, frame_set=frame_set, lexicons=lexicons,
                          thresholds=thresholds)
    wide = scores.pivot(index="doc_id", columns="category", values="present")
    wide = wide[list(dict.fromkeys(scores["category"]))].astype(bool)
    if frame_set == "policy":
        wide["other"] = ~wide.drop(columns="other", errors="ignore").any(axis=1)
    order = [str(d) for d in documents["doc_id"]]
    return wide.reindex(order).reset_index().rename_axis(columns=None)


def actor_mentions(documents: pd.DataFrame, *, lexicons=None) -> pd.DataFrame:
    """The ``mentions`` table of ``documents`` without speakers (no pipeline run needed).

    ``lexicons``: extra actor labels (tables with a ``charge`` column) added to the packaged.
    """
    run = _Lexicons(lexicons, frame_sets=())
    rows = []
    for doc_id, text in documents[["doc_id", "text"]].itertuples(index=False):
        _, sentences = segmenting.segment(str(doc_id), text)
        for sentence in sentences:
            rows.extend(sentence_mentions(text, sentence["start"], sentence["end"], run.actors,
                                          doc_id=str(doc_id),
                                          sentence_id=sentence["sentence_id"]))
    from .core import frame

    return frame(rows, TABLES["mentions"])


def _crosstab(mentions: pd.DataFrame, by: pd.Series, family, normalize: bool) -> pd.DataFrame:
    keep = mentions["family"].isin([family] if isinstance(family, str) else family) \
        if family is not None else pd.Series(True, index=mentions.index)
    table = pd.crosstab(mentions.loc[keep, "label"], by[keep])
    if normalize:
        table = table / table.sum(axis=0).where(lambda s: s > 0)
    return table.rename_axis(index="label", columns=by.name)


def label_by_outlet(mentions: pd.DataFrame, documents: pd.DataFrame, *,
                    family: str | list[str] | None = "armed_opposition",
                    outlet_column: str = "source", normalize: bool = False) -> pd.DataFrame:
    """Label × outlet counts: how often each outlet uses each label for a family of actors.

    Args:
        mentions: a ``mentions`` table.
        documents: the documents table, for each ``doc_id``'s outlet.
        family: the family (or families) of the referent; ``None`` for all.
        outlet_column: the documents column naming the outlet.
        normalize: shares of each outlet's mentions of the family instead of counts.

    Returns:
        DataFrame indexed by ``label`` with one column per outlet.
    """
    outlets = documents.assign(doc_id=documents["doc_id"].astype(str)).set_index("doc_id")[
        outlet_column]
    by = mentions["doc_id"].map(outlets).fillna("").rename(outlet_column)
    return _crosstab(mentions, by, family, normalize)


def label_by_speaker(mentions: pd.DataFrame, *,
                     family: str | list[str] | None = "armed_opposition",
                     normalize: bool = False) -> pd.DataFrame:
    """Label × speaker counts (``narrator`` or the quoted speaker who uses the label).

    Args:
        mentions: a ``mentions`` table from ``analyze`` (with ``speaker_canonical``).
        family: the family (or families) of the referent; ``None`` for all.
        normalize: shares of each speaker's mentions instead of counts.
    """
    by = mentions["speaker_canonical"].fillna("unknown").rename("speaker_canonical")
    return _crosstab(mentions, by, family, normalize)
