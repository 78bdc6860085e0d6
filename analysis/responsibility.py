"""Who is said to cause harm: the actor blamed per sentence and per article, with evidence.

A harm cue (``lexicons/violence.csv``: "shelling", "airstrikes", "fired", "attack" …) gets an
agent from three patterns, tried in order:

- ``by``: an actor within a few words after "by" (or "from") that follows the cue ("shelling
  by government troops", "airstrikes carried out by Russian jets", "an attack claimed by ISIS",
  "artillery fire from government troops");
- ``claim``: an actor before "claimed responsibility" / "responsible for";
- ``agent``: the nearest actor right before the cue, with no punctuation, preposition or passive
  auxiliary between ("rebels fired", "Russian airstrikes", "an ISIS attack"; not "civilians were
  killed").

Negated cues ("did not fire") give no agent. An article's blamed actor is the one with the most
weight over its sentences (a ``by`` or ``claim`` pattern counts 3, an ``agent`` pattern 2; the
first three sentences, title and lead, count double); with no pattern at all, the actor most
mentioned in sentences that carry a harm cue; with none of these, ``unknown``.

Example:
    >>> import analysis
    >>> docs = analysis.read_article("Russian airstrikes hit Idlib. Rebels said they had no choice.")
    >>> blamed_actor(docs)[["actor", "evidence"]].values.tolist()
    [['syrian government or russian troops', 'Russian airstrikes hit']]
"""
from __future__ import annotations

import bisect
import functools
from collections import defaultdict

import pandas as pd

from . import segmenting
from .lexicon import compile_lexicon, load_lexicon
from .segmenting import word_span

#: Tokens allowed between an agent and its cue (or after "by"/"from"), and between a cue and
#: "by"/"from".
AGENT_GAP = 3
BY_GAP = 4
WEIGHTS = {"by": 3.0, "claim": 3.0, "agent": 2.0}
LEAD_SENTENCES = 3
#: Values of FA-KES's crowd-coded ``actor`` field (Abu Salem et al. 2019).
FAKES_ACTORS = (
    "syrian government or russian troops",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
    "unknown",
)
SCHEMES = {"fakes": "fakes_actor", "actor": "actor", "family": "family"}


@functools.cache
def _violence():
    table = load_lexicon("violence")
    words = {cat: frozenset(table.loc[table["category"] == cat, "term"].str.lower())
             for cat in ("passive", "barrier")}
    cues = table[table["category"].isin(["harm", "claim", "agent"])].reset_index(drop=True)
    # words that may not stand between an agent and its cue: for harm, passive markers too
    return compile_lexicon(cues), words["passive"] | words["barrier"], words["barrier"]


def sentence_blame(text: str, start: int, end: int, mentions: list[dict]) -> list[dict]:
    """Blame rows of one sentence ``text[start:end]`` given its actor ``mentions``.

    Args:
        text: the document's text.
        start, end: the sentence's offsets.
        mentions: actor mention dicts of this sentence (``start, end, label, family, actor,
            fakes_actor``), as :func:`analysis.framing.actor_mentions` makes them.

    Returns:
        Dicts ``start, end, text, cue, pattern, weight`` plus the agent's ``label, family,
        actor, fakes_actor``; ``text`` spans from the agent to the cue (the evidence).
    """
    agents = [m for m in mentions if m["family"] != "civilians"]
    if not agents:
        return []
    matcher, agent_stops, claim_stops = _violence()
    cues = [c for c in matcher.spans(text, start, end) if not c[3]]
    if not cues:
        return []
    span = word_span(text, start, end)
    starts, words = span.starts, span.words

    def index(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    by_markers = [(index(s), index(e - 1)) for s, e, entry, _ in cues
                  if entry["category"] == "agent"]
    spans = [(index(m["start"]), index(m["end"] - 1), m) for m in agents]
    rows = []
    for s, e, entry, _ in cues:
        if entry["category"] == "agent":
            continue
        first, last = index(s), index(e - 1)
        found = None
        if entry["category"] == "harm":
            found = _after_by(last, by_markers, spans, words)
        if found is None:
            stops = claim_stops if entry["category"] == "claim" else agent_stops
            found = _before(first, spans, words, stops)
            pattern = "claim" if entry["category"] == "claim" else "agent"
        else:
            pattern = "by"
        if found is None:
            continue
        if rows and rows[-1]["mention"] is found:
            rows[-1]["end"] = max(rows[-1]["end"], e)
            rows[-1]["text"] = text[rows[-1]["start"]:rows[-1]["end"]]
            continue
        span_start, span_end = min(s, found["start"]), max(e, found["end"])
        rows.append({"start": span_start, "end": span_end, "text": text[span_start:span_end],
                     "cue": text[s:e], "pattern": pattern, "weight": WEIGHTS[pattern],
                     "mention": found,
                     **{k: found[k] for k in ("label", "family", "actor", "fakes_actor")}})
    for row in rows:
        del row["mention"]
    return rows


def _after_by(last: int, by_markers, spans, words: list[str]) -> dict | None:
    for by_first, by_last in by_markers:
        if 0 <= by_first - last - 1 <= BY_GAP and not _punctuation(words, last + 1, by_first):
            for m_first, _, mention in spans:
                if 0 <= m_first - by_last - 1 <= AGENT_GAP and \
                        not _punctuation(words, by_last + 1, m_first):
                    return mention
    return None


def _before(first: int, spans, words: list[str], stops: frozenset[str]) -> dict | None:
    best = None
    for _, m_last, mention in spans:
        if m_last < first and first - m_last - 1 <= AGENT_GAP:
            between = words[m_last + 1:first]
            if not any(w.lower() in stops or not w[0].isalnum() for w in between):
                best = mention
    return best


def _punctuation(words: list[str], i: int, j: int) -> bool:
    return any(not w[0].isalnum() for w in words[i:j])


def document_blame(sentences: list[dict], mentions: list[dict], blames: list[dict],
                   *, column: str = "fakes_actor") -> tuple[str, str, str]:
    """The actor an article blames, and its evidence, from its sentence-level rows.

    Args:
        sentences: the document's sentence dicts (``sentence_id``, ``start``, ``end``).
        mentions: its actor mention dicts (with ``sentence_id``).
        blames: its blame dicts (with ``sentence_id``).
        column: the actor column that names the result (``fakes_actor``, ``actor`` or
            ``family``); rows with an empty value there are ignored.

    Returns:
        ``(actor, evidence, basis)``: ``basis`` is ``pattern`` (agentive patterns), ``nearby``
        (no pattern: the actor most mentioned in sentences with a harm cue) or ``none``
        (``("unknown", "", "none")``).
    """
    scores: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    for row in blames:
        actor = row[column]
        if actor:
            lead = 2.0 if row["sentence_id"] < LEAD_SENTENCES else 1.0
            scores[actor] += row["weight"] * lead
            evidence[actor].append(row["text"])
    basis = "pattern"
    if not scores:
        basis = "nearby"
        matcher = _violence()[0]
        harmful = {s["sentence_id"] for s in sentences
                   if any(entry["category"] == "harm"
                          for *_, entry, neg in matcher.spans(s["text"]) if not neg)}
        for m in mentions:
            if m["sentence_id"] in harmful and m[column] and m["family"] != "civilians":
                scores[m[column]] += 1.0
                evidence[m[column]].append(m["text"])
    if not scores:
        return "unknown", "", "none"
    actor = max(scores, key=scores.get)
    return actor, "; ".join(dict.fromkeys(evidence[actor])), basis


def blamed_actor(documents: pd.DataFrame, *, scheme: str = "fakes") -> pd.DataFrame:
    """The actor each document blames for the harm it reports.

    Args:
        documents: a documents table (``doc_id``, ``text``).
        scheme: ``"fakes"`` for FA-KES's seven actor values (:data:`FAKES_ACTORS`), ``"actor"``
            for the actors lexicon's parties, ``"family"`` for its families.

    Returns:
        DataFrame ``doc_id, actor, evidence, basis`` (one row per document; ``basis`` as in
        :func:`document_blame`; ``unknown`` with empty evidence when no actor is blamed).

    Raises:
        ValueError: an unknown ``scheme``.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"scheme must be one of {list(SCHEMES)}, not {scheme!r}")
    from .framing import actor_matcher, sentence_mentions

    actors = actor_matcher()
    rows = []
    for doc_id, text in documents[["doc_id", "text"]].itertuples(index=False):
        _, sentences = segmenting.segment(str(doc_id), text)
        mentions, blames = [], []
        for sentence in sentences:
            found = sentence_mentions(text, sentence["start"], sentence["end"], actors)
            blames_here = sentence_blame(text, sentence["start"], sentence["end"], found)
            for row in (*found, *blames_here):
                row["sentence_id"] = sentence["sentence_id"]
            mentions.extend(found)
            blames.extend(blames_here)
        actor, evidence, basis = document_blame(sentences, mentions, blames,
                                                column=SCHEMES[scheme])
        rows.append({"doc_id": str(doc_id), "actor": actor, "evidence": evidence,
                     "basis": basis})
    return pd.DataFrame(rows, columns=["doc_id", "actor", "evidence", "basis"]).astype("str")

