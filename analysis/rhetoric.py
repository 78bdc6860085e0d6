"""Rhetorical devices: who uses which device where, with the evidence span.

Devices come from two sources:

- word and phrase lexicons on the shared engine (:mod:`analysis.lexicon`):
  ``lexicons/devices.csv`` (hedges, boosters, modality, intensifiers, negation, appeals to
  values and fear, demands, accusations, doubt, whataboutism, exaggeration, minimisation,
  slogans, clichés, and the markers of other propaganda techniques) and ``lexicons/loaded.csv``
  (loaded language, name-calling);
- rules (:mod:`analysis.rhetoric_rules`): scare quotes (a label when "a", "as" or a naming
  verb introduces them: dismissed as a “myth”), repeated phrases, us-versus-them pronouns,
  predicative labels ("he is a dishonest man"), and epithets (a charged word aimed at a
  person or group: "killer cops").

A charged term carries its technique on its first use in a document (a label on each of its
first ``LABEL_MAX_USES`` uses); each later use is also a ``repetition`` row (technique
Repetition), as the PTC guidelines treat a word driven home.

Each device row names the SemEval-2020 Task 11 ``technique`` it corresponds to (or null) and
the ``speaker_canonical`` whose words contain it (``analysis.quotes.speaker_at``; "narrator"
outside quotes). The pipeline step also writes ``voices``: the words each voice speaks in each
document, so device rates per 100 words can be computed per document and per speaker.

Users extend or replace the lexicons with ``analyze(docs, device_lexicons=[...])`` (anything
:func:`analysis.lexicon.load_lexicon` takes; a ``technique`` column is optional).

Example:
    >>> import analysis
    >>> docs = analysis.read_article("The regime's brutal siege is a disaster.")
    >>> devices(docs)[["text", "device"]].values.tolist()
    [["regime's", 'name_calling'], ['brutal', 'loaded_language'], ['disaster', 'appeal_to_fear']]
"""
from __future__ import annotations

import operator

import pandas as pd

from .lexicon import compile_lexicon, load_lexicon
from .rhetoric_rules import RULES, SentenceTokens, epithet_end
from .voices import voices_of

#: Packaged lexicons used unless ``device_lexicons=`` is given.
DEFAULT_LEXICONS = ("devices", "loaded")
REPETITION = "Repetition"
NAME_CALLING = "Name_Calling,Labeling"
#: Devices whose technique holds on every use of a term, not only the first.
RELABELLING = ("name_calling",)
#: Uses of one label in a document that still count as name-calling; later ones are repetition.
LABEL_MAX_USES = 3
#: Device whose words, set before a person or group, label it ("killer cops": name-calling).
EPITHET_SOURCE = "loaded_language"

TABLES = {
    "devices": {"doc_id": "str", "sentence_id": "int64", "start": "int64", "end": "int64",
                "text": "str", "device": "str", "technique": "str",
                "speaker_canonical": "str", "term": "str", "source": "str",
                "negated": "bool"},
    "voices": {"doc_id": "str", "speaker_canonical": "str", "words": "int64"},
}


def prepare(options: dict) -> dict:
    """Pipeline hook: compile the device lexicons once per run, failing early on a bad one."""
    source = options.get("device_lexicons")
    return {"device_matcher": compile_lexicon(load_lexicon(
        DEFAULT_LEXICONS if source is None else source))}


def annotate(doc, options: dict) -> None:
    """Pipeline step: append ``devices`` and ``voices`` rows for one document."""
    matcher = options.get("device_matcher") or prepare(options)["device_matcher"]
    speaker = voices_of(doc)
    doc_id, text, rows = doc.doc_id, doc.text, doc.tables["devices"]
    uses: dict[tuple[str, str], int] = {}
    spans = matcher.spans
    for sent in doc.sentences:
        # The engine gives one match per span and category (several forms of one term, say
        # "policy" and "policies", make one match): one row each.
        for start, end, entry, negated in spans(text, sent["start"], sent["end"]):
            category, term = entry["category"], entry["term"]
            # A lexicon without a technique column has none in its entries.
            technique = entry.get("technique") or None
            key = (category, term.lower())
            uses[key] = used = uses.get(key, 0) + 1
            row = {"doc_id": doc_id, "sentence_id": sent["sentence_id"], "start": start,
                   "end": end, "text": text[start:end], "device": category,
                   "technique": technique, "speaker_canonical": speaker(start, end),
                   "term": term, "source": "lexicon", "negated": negated}
            if technique and used > 1:
                # A charged word used again is the text's repetition of it (PTC labels such
                # reuse Repetition); only its first use is the word-choice technique, except
                # for a label, which names its target anew each time it is applied.
                rows.append({**row, "device": "repetition", "technique": REPETITION,
                             "source": "rule"})
                # A text that applies one label over and over has made it its word for the
                # target: past its first few uses the label is repeated, no longer applied.
                if category not in RELABELLING or used > LABEL_MAX_USES:
                    row["technique"] = None
            if category == EPITHET_SOURCE and text[start].islower() \
                    and not text.endswith("ing", start, end):
                epithet = epithet_end(text, start, end, sent["end"])
                if epithet:
                    # A charged word aimed at a person or group is name-calling rather than
                    # loaded language (the PTC guidelines tell the two apart this way).
                    rows.append({**row, "end": epithet, "text": text[start:epithet],
                                 "device": "name_calling",
                                 "technique": technique and NAME_CALLING, "source": "rule"})
                    row["technique"] = None
            rows.append(row)
    tokens = SentenceTokens(text, doc.sentences)
    for rule in RULES:
        for sentence_id, start, end, device, technique, term in rule(tokens):
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id, "start": start,
                         "end": end, "text": text[start:end], "device": device,
                         "technique": technique, "speaker_canonical": speaker(start, end),
                         "term": term, "source": "rule", "negated": False})
    rows.sort(key=operator.itemgetter("start", "end"))
    words = speaker.words()
    doc.tables["voices"].extend({"doc_id": doc_id, "speaker_canonical": who, "words": n}
                                for who, n in sorted(words.items()))


def _run(documents, options: dict) -> dict[str, pd.DataFrame]:
    """The quotes and rhetoric steps alone (speakers need quotes), as ``analyze`` runs them."""
    from . import core
    from .corpus import read_article

    if isinstance(documents, str):
        documents = read_article(documents)
    steps = tuple(name for name in ("quotes", "rhetoric") if name in core.STEPS)
    result = core.analyze(documents, steps=steps, progress=False, **options)
    errors = result.errors.to_dict("records")
    tables = {name: result[name] for name in TABLES}
    for table in tables.values():
        table.attrs["errors"] = errors
    return tables


def devices(documents, *, device_lexicons=None) -> pd.DataFrame:
    """Rhetorical devices in a documents table, with evidence spans and speakers.

    Args:
        documents: a documents table (``doc_id, text``; from ``read_article``/``load_corpus``)
            or a text/path given to ``read_article``.
        device_lexicons: lexicons to use instead of ``DEFAULT_LEXICONS`` (anything
            :func:`analysis.lexicon.load_lexicon` takes).

    Returns:
        DataFrame ``doc_id, sentence_id, start, end, text, device, technique,
        speaker_canonical, term, source, negated``; ``text`` is ``document[start:end]``,
        ``technique`` the SemEval-2020 label or null, ``source`` "lexicon" or "rule".

        A document whose analysis fails is left out and listed in ``attrs["errors"]``
        (``doc_id, stage, reason``), as ``analyze`` does.

    Raises:
        ValueError: the documents table lacks ``doc_id``/``text`` or repeats a ``doc_id``.
    """
    return _run(documents, {"device_lexicons": device_lexicons})["devices"]


def device_rates(tables, *, by: str | list[str] = "doc_id") -> pd.DataFrame:
    """Device counts and rates per 100 words, per document, per speaker, or both.

    Args:
        tables: an :class:`analysis.core.Analysis` with ``devices`` and ``voices`` tables, or
            a documents table (devices are then found first).
        by: ``"doc_id"``, ``"speaker_canonical"`` or a list of both.

    Returns:
        DataFrame with the ``by`` columns, ``device, count, words, per_100_words``, one row per
        group and device used (groups with words but no device are absent).

    Raises:
        ValueError: ``by`` names a column other than ``doc_id`` or ``speaker_canonical``.

    >>> import analysis
    >>> rates = device_rates(analysis.read_article("A brutal, brutal war."))
    >>> rates[["device", "count", "words", "per_100_words"]].values.tolist()
    [['loaded_language', 2, 4, 50.0], ['repetition', 1, 4, 25.0]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    if not keys or set(keys) - {"doc_id", "speaker_canonical"}:
        raise ValueError("by is 'doc_id', 'speaker_canonical' or a list of both")
    if isinstance(tables, pd.DataFrame):
        found = _run(tables, {})
        found_devices, voices = found["devices"], found["voices"]
    else:
        found_devices, voices = tables["devices"], tables["voices"]
    words = voices.groupby(keys, as_index=False)["words"].sum()
    counts = found_devices.groupby([*keys, "device"], as_index=False).size().rename(
        columns={"size": "count"})
    out = counts.merge(words, on=keys, how="left")
    out["words"] = out["words"].fillna(0).astype("int64")
    out["per_100_words"] = (100.0 * out["count"] / out["words"].where(out["words"] > 0))
    return out.sort_values([*keys, "count", "device"], ascending=[*[True] * len(keys), False,
                                                                 True], ignore_index=True)
