"""The one entry point: ``analyze(documents)`` → an :class:`Analysis` of tidy tables.

Each document goes through segmentation, then each measure in ``STEPS`` in order; documents
are taken in batches, each step running over a whole batch before the next (a document's
steps still see the rows of the steps before). A document whose analysis raises is dropped
from every table and listed in ``errors`` with the reason, so one broken document never aborts
a corpus and every input is accounted for (``len(documents) + len(errors) == inputs``).

A step is a module with
- ``TABLES``: ``{table name: {column: dtype}}`` for the tables it creates,
- ``SENTENCE_COLUMNS``: ``{column: dtype}`` it adds to the ``sentences`` rows (optional),
- ``annotate(doc, options)``: appends row dicts to ``doc.tables[name]`` and may set keys on the
  dicts of ``doc.tables["sentences"]``;
- ``prepare(options) -> dict`` (optional): run once before the first document, so that bad
  options (an unreadable lexicon) fail at once with a clear error and costly set-up (compiled
  lexicons) is shared by all documents; its result is merged into ``options``.

Example:
    >>> import analysis
    >>> result = analysis.analyze(analysis.read_article("Kerry warned of danger. He left."))
    >>> result.sentences[["sentence_id", "start", "end"]].values.tolist()
    [[0, 0, 23], [1, 24, 32]]
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from . import segmenting

#: Measures run after segmentation, in order (later steps may read earlier steps' rows).
STEPS: tuple[str, ...] = ("sentiment", "quotes", "framing", "rhetoric")
#: Documents that go through the steps together (see :func:`_run_batch`): at most this many,
#: and no more characters than ``BATCH_CHARACTERS`` unless one document has more. Their tokens
#: are cached meanwhile (``segmenting.word_span``) and let go after the batch.
BATCH_DOCUMENTS = 16
BATCH_CHARACTERS = 200_000

BASE_TABLES: dict[str, dict[str, str]] = {
    "documents": {"doc_id": "str", "source": "str", "title": "str", "date": "str",
                  "text": "str", "n_chars": "int64", "path": "str", "removed": "str"},
    "paragraphs": {"doc_id": "str", "paragraph_id": "int64", "start": "int64", "end": "int64",
                   "text": "str"},
    "sentences": {"doc_id": "str", "sentence_id": "int64", "paragraph_id": "int64",
                  "start": "int64", "end": "int64", "text": "str"},
    "errors": {"doc_id": "str", "path": "str", "stage": "str", "reason": "str"},
}


@dataclasses.dataclass
class Document:
    """One document while it goes through the pipeline: its text and the rows made so far."""

    doc_id: str
    text: str
    meta: dict[str, Any]
    tables: dict[str, list[dict]]
    #: Derived look-up structures a step builds once per document (e.g. the quote index).
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def sentences(self) -> list[dict]:
        return self.tables["sentences"]


class Analysis:
    """Tidy tables keyed by ``doc_id`` with character offsets; one attribute per table.

    >>> import analysis
    >>> a = analysis.analyze(analysis.read_article("Lavrov spoke. Kerry answered."))
    >>> a.tables
    ['documents', 'paragraphs', 'sentences', 'errors', 'quotes', 'frames', 'mentions', 'blame', 'devices', 'voices']
    """

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self._tables = dict(tables)

    @property
    def tables(self) -> list[str]:
        return list(self._tables)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(tables)}")

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self._tables.items())
        return f"Analysis({sizes})"

    def save(self, directory: str | Path, format: str = "parquet") -> list[Path]:
        """Write each table to ``directory/<table>.<format>``; returns the paths written.

        Raises:
            ValueError: ``format`` is not ``"parquet"`` or ``"csv"``.
        """
        if format not in ("parquet", "csv"):
            raise ValueError(f"format must be 'parquet' or 'csv', not {format!r}")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, table in self._tables.items():
            path = directory / f"{name}.{format}"
            if format == "parquet":
                table.to_parquet(path, index=False)
            else:
                table.to_csv(path, index=False)
            paths.append(path)
        return paths


def _steps(names: tuple[str, ...] | None = None) -> list:
    if names is None:
        names = STEPS
    unknown = set(names) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown step(s) {sorted(unknown)}; steps are {list(STEPS)}")
    return [importlib.import_module(f"analysis.{name}") for name in STEPS if name in names]


def schemas(steps: tuple[str, ...] | None = None) -> dict[str, dict[str, str]]:
    """Column names and dtypes of every table ``analyze`` makes, in pipeline order."""
    tables = {name: dict(cols) for name, cols in BASE_TABLES.items()}
    for step in _steps(steps):
        tables["sentences"].update(getattr(step, "SENTENCE_COLUMNS", {}))
        tables.update(step.TABLES)
    return tables


#: The Arrow type that reads each column dtype of the tables from the row dicts.
_ARROW_TYPES = {"str": pa.large_string(), "int64": pa.int64(), "Int64": pa.int64(),
                "float64": pa.float64(), "bool": pa.bool_()}


def frame(rows: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` (in order, with their dtypes) from row dicts."""
    try:
        row_type = pa.struct([(name, _ARROW_TYPES[dtype]) for name, dtype in columns.items()])
        # Arrow reads the dicts in one pass in C: a third faster than pandas' conversion,
        # which converts each column again after its pass (Table.from_pylist takes one pass
        # per column, slow on dicts scattered over memory)
        batch = pa.RecordBatch.from_struct_array(pa.array(rows, type=row_type))
    except (KeyError, OverflowError, pa.ArrowException):
        # another dtype, or a value Arrow does not convert but astype does ("3" for an int)
        df = pd.DataFrame.from_records(rows, columns=list(columns))
        return df.astype(columns) if len(df) else df.astype(columns, errors="ignore")
    # threads cost more than they save on tables of this size
    return batch.to_pandas(use_threads=False).astype(columns)


def _batches(records: list[dict]) -> Iterator[tuple[int, list[dict]]]:
    """The records in batches (see ``BATCH_DOCUMENTS``), each with its first one's index."""
    first, batch, size = 0, [], 0
    for i, record in enumerate(records):
        chars = len(record["text"]) if isinstance(record["text"], str) else 0
        if batch and (len(batch) == BATCH_DOCUMENTS or size + chars > BATCH_CHARACTERS):
            yield first, batch
            first, batch, size = i, [], 0
        batch.append(record)
        size += chars
    if batch:
        yield first, batch


def _run_batch(batch: list[Document], steps: list, options: dict) -> dict[str, dict]:
    """Segment the documents of a batch, then run each step over all of them in turn (each
    step's word tables stay in the processor's cache across the batch, a tenth faster than
    one document at a time through every step).

    Returns:
        ``{doc_id: {"stage": ..., "reason": ...}}`` of the documents whose analysis raised;
        later steps skip them.
    """
    failed: dict[str, dict] = {}

    def run(stage: str, work) -> None:
        for doc in batch:
            if doc.doc_id in failed:
                continue
            try:
                work(doc)
            except Exception as exc:  # noqa: BLE001 - one broken document must not stop a corpus
                failed[doc.doc_id] = {"stage": stage, "reason": f"{type(exc).__name__}: {exc}"}

    def segment(doc: Document) -> None:
        doc.tables["paragraphs"], doc.tables["sentences"] = segmenting.segment(doc.doc_id,
                                                                               doc.text)

    run("segmenting", segment)
    for step in steps:
        run(step.__name__.rsplit(".", 1)[-1], functools.partial(step.annotate, options=options))
    return failed


def analyze(documents: pd.DataFrame, *, steps: tuple[str, ...] | None = None,
            progress: bool | None = None, **options) -> Analysis:
    """Run the whole analysis on a ``documents`` table (from ``read_article``/``load_corpus``).

    Args:
        documents: one row per document with at least ``doc_id`` and ``text``.
        steps: run only these measures (names from ``STEPS``; a step that reads an earlier
            one's rows, like ``framing`` reading ``quotes``' speakers, needs it named too).
        progress: show a progress bar; by default for more than 10 documents.
        **options: passed to every step (e.g. ``lexicons=`` for the lexicon-based measures).

    Returns:
        An :class:`Analysis`. Load errors recorded by ``load_corpus`` (``documents.attrs
        ["errors"]``; not for a part of the loaded table, such as ``.head()``) and documents
        whose analysis failed are rows of ``errors``.

    Raises:
        TypeError: ``documents`` is not a DataFrame.
        ValueError: ``documents`` lacks a ``doc_id`` or ``text`` column, repeats a ``doc_id``,
            or an option is invalid (e.g. an unreadable lexicon).
    """
    from .corpus import validate_documents

    documents = validate_documents(documents)
    columns = schemas(steps)
    steps = _steps(steps)
    for step in steps:
        if hasattr(step, "prepare"):
            options = {**options, **step.prepare(options)}
    rows: dict[str, list[dict]] = {name: [] for name in columns}
    rows["errors"].extend(documents.attrs.get("errors", []))
    kept = []
    records = documents.to_dict("records")
    if progress is None:
        progress = len(records) > 10
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(records), desc="analysing", unit="doc")
    for first, chunk in _batches(records):
        batch = [Document(str(record["doc_id"]), record["text"], record,
                          {name: [] for name in columns if name not in ("documents", "errors")})
                 for record in chunk]
        failed = _run_batch(batch, steps, options)
        for i, doc in enumerate(batch, start=first):
            if doc.doc_id in failed:
                rows["errors"].append({"doc_id": doc.doc_id, "path": doc.meta.get("path"),
                                       **failed[doc.doc_id]})
                continue
            kept.append(i)
            for name, table_rows in doc.tables.items():
                rows[name].extend(table_rows)
        segmenting.word_span.cache_clear()  # the next batch has other texts
        if bar is not None:
            bar.update(len(batch))
    if bar is not None:
        bar.close()
    tables = {"documents": documents.iloc[kept].reset_index(drop=True)}
    for name, cols in columns.items():
        if name != "documents":
            tables[name] = frame(rows[name], cols)
    tables["documents"].attrs = {}
    return Analysis(tables)
