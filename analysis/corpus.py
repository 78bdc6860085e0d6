"""Reading articles: files, folders, globs and tables become one ``documents`` table.

Columns: ``doc_id, source, title, date, text, n_chars, path, removed``. ``text`` is the clean
text every offset in the package refers to; ``removed`` lists, line by line, the web-page
residue that cleaning took out (so nothing disappears silently).

A document that cannot be read (binary, empty, undecodable, over ``MAX_CHARS``) never stops a
corpus load: it becomes a record in ``documents.attrs["errors"]``, which ``analyze`` turns into
rows of its ``errors`` table. Exact duplicates are recorded there too; distinct documents that
share an id get distinct ids (``id``, ``id-2``, ...).

Example:
    >>> from analysis.corpus import read_article
    >>> doc = read_article("Kerry spoke.\\n\\nLeave a Reply")
    >>> doc.loc[0, "text"], doc.loc[0, "removed"]
    ('Kerry spoke.', 'Leave a Reply')
"""
from __future__ import annotations

import functools
import glob as globlib
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .resources import LEXICON_DIR

#: Longest document accepted, in characters; longer ones go to the errors table.
MAX_CHARS = 5_000_000
TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")
COLUMNS = ["doc_id", "source", "title", "date", "text", "n_chars", "path", "removed"]
_GUESS = {
    "text": ("text", "content", "article_content", "body", "article_text"),
    "id": ("doc_id", "id", "unit_id", "article_id"),
    "title": ("title", "article_title", "headline"),
    "source": ("source", "outlet", "publisher"),
    "date": ("date", "published", "publish_date"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DocumentError(ValueError):
    """A document that cannot be read; the message says why and what to do."""


@functools.cache
def _boilerplate() -> list[tuple[re.Pattern, str]]:
    table = pd.read_csv(LEXICON_DIR / "boilerplate.csv", comment="#")
    return [(re.compile(p, re.IGNORECASE), r) for p, r in zip(table["pattern"], table["reason"])]


def decode(data: bytes, *, name: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252, else latin-1 (not yet
    repaired: :func:`document_row` repairs the fields it keeps).

    Raises:
        DocumentError: the bytes are empty or binary (contain NUL bytes).
    """
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: looks like a binary file (NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")


def repair(text: str) -> str:
    """Fix mojibake (ftfy), normalise line ends, and drop control characters but tab/newline.

    ftfy works line by line; a line of plain ASCII without "&" or a control character is one
    it leaves as it is, so only the other lines are given to it, in runs, with the HTML setting
    ftfy itself would have at that point (entities are not decoded after a line holding "<").
    The result equals ftfy on the whole text, at a fraction of the time on English news.

    >>> repair("donâ€™t")
    'don’t'
    """
    parts, pos, html = [], 0, "auto"
    while found := _NEEDS_FTFY.search(text, pos):
        first = text.rfind("\n", pos, found.start()) + 1 or pos
        end = _line_end(text, found.end())
        # Following lines that need ftfy too join the run.
        while (more := _NEEDS_FTFY.search(text, end)) and text.find("\n", end, more.start()) < 0:
            end = _line_end(text, more.end())
        plain, run = text[pos:first], text[first:end]
        if "<" in plain:
            html = False
        parts += [plain, _ftfy(run, html)]
        if "<" in run:
            html = False
        pos = end
    parts.append(text[pos:])
    text = "".join(parts)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


#: A character that ftfy may change or that may start something it changes: anything but
#: printable ASCII, tab and line breaks, and "&" (an HTML entity).
_NEEDS_FTFY = re.compile(r"[^\t\n\r\x20-\x25\x27-\x7e]")


def _line_end(text: str, position: int) -> int:
    """Position just past the end of the line holding ``position`` (its "\\n" included)."""
    return text.find("\n", position) + 1 or len(text)


def _ftfy(text: str, unescape_html) -> str:
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                         normalization="NFC", unescape_html=unescape_html, explain=False)


def clean(text: str) -> tuple[str, str]:
    """Remove web-page residue lines; returns ``(clean_text, removed_lines)``.

    Paragraph breaks are kept; runs of blank lines collapse to one blank line.
    """
    kept, removed = [], []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and any(p.fullmatch(stripped) for p, _ in _boilerplate()):
            removed.append(stripped)
        else:
            kept.append(line.rstrip())
    clean_text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return clean_text, "\n".join(removed)


def document_row(doc_id, text, *, source=None, title=None, date=None, path=None) -> dict:
    """One row of the ``documents`` table: the text checked, repaired and cleaned; the title,
    source and date repaired.

    Raises:
        DocumentError: no text, over ``MAX_CHARS``, or nothing left after cleaning.

    >>> document_row(7, "Talks failed.")["doc_id"], document_row(7, "Talks failed.")["n_chars"]
    ('7', 13)
    """
    _check(doc_id, text)
    clean_text, removed = clean(repair(text))
    if not clean_text:
        raise DocumentError(f"{doc_id}: nothing is left after removing web-page residue")
    return {"doc_id": str(doc_id), "source": _repaired(source), "title": _repaired(title),
            "date": _repaired(date), "text": clean_text, "n_chars": len(clean_text),
            "path": _str(path), "removed": removed}


def _check(doc_id, text) -> None:
    """Raise :class:`DocumentError` for a text that is missing, blank or over ``MAX_CHARS``."""
    if not isinstance(text, str) or not text.strip():
        raise DocumentError(f"{doc_id}: the document has no text")
    if len(text) > MAX_CHARS:
        raise DocumentError(
            f"{doc_id}: {len(text):,} characters is over the limit of {MAX_CHARS:,} "
            "(analysis.corpus.MAX_CHARS); split the document"
        )


def _str(value) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _repaired(value) -> str | None:
    value = _str(value)
    return value if value is None else repair(value)


def make_documents(inputs) -> pd.DataFrame:
    """The ``documents`` table of ``(record, error)`` pairs (from :func:`iter_records`, through
    :func:`admitted`): each record repaired and cleaned by :func:`document_row`; the errors,
    and the records that fail there, in ``attrs["errors"]``, in input order.

    >>> make_documents([({"doc_id": "a", "text": "Talks failed."}, None),
    ...                 ({"doc_id": "b", "text": "Share"}, None)]).attrs["errors"][0]["reason"]
    'b: nothing is left after removing web-page residue'
    """
    rows, errors = [], []
    for record, error in inputs:
        if record is not None:
            try:
                rows.append(document_row(**record))
                continue
            except DocumentError as exc:
                error = _error(record["doc_id"], record.get("path"), exc)
        errors.append(error)
    return documents_table(rows, errors)


def _error(doc_id, path, exc: Exception) -> dict:
    return {"doc_id": doc_id, "path": path, "stage": "load", "reason": str(exc)}


def documents_table(rows: list[dict], errors: list[dict]) -> pd.DataFrame:
    """The ``documents`` table of :func:`document_row` rows, with the load ``errors`` (records
    ``doc_id, path, stage, reason``) in ``attrs["errors"]`` and the number of documents loaded
    in ``attrs["n_documents"]`` (pandas copies ``attrs`` to a part of the table, such as
    ``.head()``, whose analysis then leaves the load errors out)."""
    documents = pd.DataFrame.from_records(rows, columns=COLUMNS).astype(
        {c: "str" for c in COLUMNS if c != "n_chars"} | {"n_chars": "int64"}
    )
    documents.attrs.update(errors=errors, n_documents=len(documents))
    return documents


def _looks_like_path(value: str) -> bool:
    return value.strip() != "" and "\n" not in value and len(value) < 1024 and (
        Path(value).suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES or Path(value).is_file()
    )


def read_article(path_or_text: str | Path, *, doc_id: str | None = None,
                 source: str | None = None, title: str | None = None,
                 date: str | None = None) -> pd.DataFrame:
    """One article, from a file path or from the text itself, as a one-row ``documents`` table.

    Args:
        path_or_text: a ``.txt``/``.md`` file path, or the article's text.
        doc_id: defaults to the file stem, or ``"text"`` for a string of text.

    Raises:
        FileNotFoundError: a path that does not exist.
        DocumentError: an empty, binary or over-long document.

    >>> read_article("Lavrov said: “It is a myth.”")[["doc_id", "n_chars"]].values.tolist()
    [['text', 28]]
    """
    if isinstance(path_or_text, Path) or _looks_like_path(str(path_or_text)):
        path = Path(path_or_text)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path} (give a path to a .txt file, or text)")
        text = decode(path.read_bytes(), name=str(path))
        row = document_row(doc_id or path.stem, text, source=source, title=title, date=date,
                           path=str(path))
    else:
        row = document_row(doc_id or "text", path_or_text, source=source, title=title,
                           date=date)
    return documents_table([row], [])


def input_files(source) -> list[Path]:
    """The files of a path, folder (its text and table files, recursively), glob pattern, or
    list of them, in order.

    Raises:
        FileNotFoundError: ``source`` matches nothing.
    """
    if isinstance(source, (list, tuple)):
        return [p for s in source for p in input_files(s)]
    path = Path(source)
    if path.is_dir():
        return sorted(p for p in path.rglob("*")
                      if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES)
    if path.exists():
        return [path]
    matches = sorted(Path(p) for p in globlib.glob(str(source), recursive=True))
    if not matches:
        raise FileNotFoundError(f"no such file, folder or glob match: {source}")
    return [p for p in matches if p.is_file()]


def _pick(columns, given: str | None, kind: str, path: Path, required: bool) -> str | None:
    if given is not None:
        if given not in columns:
            raise DocumentError(f"{path}: no column {given!r}; columns are {list(columns)}")
        return given
    found = next((c for c in _GUESS[kind] if c in columns), None)
    if found is None and required:
        raise DocumentError(
            f"{path}: cannot tell which column holds the {kind}; pass {kind}_col= "
            f"(columns are {list(columns)})"
        )
    return found


def read_table(path: Path, *, encoding: str | None = None) -> pd.DataFrame:
    """A CSV, JSONL/JSON or Parquet file as a DataFrame of strings (encoding detected for CSV)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path)
    if suffix in (".jsonl", ".json"):
        return pd.read_json(path, lines=suffix == ".jsonl", dtype=False)
    import io

    text = decode(path.read_bytes(), name=str(path)) if encoding is None else \
        path.read_text(encoding=encoding)
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def table_records(blocks, path: Path, *, text_col=None, id_col=None, title_col=None,
                  source_col=None, date_col=None) -> Iterator[tuple[str, dict]]:
    """``(doc_id, fields)`` for each row of a table read as DataFrame ``blocks`` (the fields
    :func:`document_row` takes); columns are picked from the first block.

    Raises:
        DocumentError: a named column is missing, or no column can hold the text.
    """
    i = 0
    for block in blocks:
        if i == 0:
            cols = block.columns
            text_c = _pick(cols, text_col, "text", path, True)
            id_c = _pick(cols, id_col, "id", path, False)
            optional = {kind: _pick(cols, given, kind, path, False) for kind, given in
                        (("title", title_col), ("source", source_col), ("date", date_col))}
        # only the columns used, each converted once (to_dict would box every column)
        columns = [block[c].tolist() if c else [None] * len(block)
                   for c in (id_c, text_c, *optional.values())]
        for doc_id, text, *fields in zip(*columns):
            doc_id = doc_id if id_c else f"{path.stem}-{i}"
            yield str(doc_id), {"text": text, **dict(zip(optional, fields)),
                                "path": f"{path}#{i}"}
            i += 1


def _whole_table(path: Path, *, encoding: str | None = None) -> list[pd.DataFrame]:
    return [read_table(path, encoding=encoding)]


def iter_records(source, *, blocks=_whole_table, encoding: str | None = None, **columns
                 ) -> Iterator[tuple[dict | None, dict | None]]:
    """Yield ``(record, error)`` for every input document of ``source``; one of the two is None.

    A record holds what :func:`document_row` takes (``doc_id``, ``text``, and ``title``,
    ``source``, ``date``, ``path`` where known), its text checked (present, within
    ``MAX_CHARS``) but not yet repaired or cleaned: :func:`make_documents` does that, so that a
    corpus run can leave the costly part to its workers.

    Args:
        source: as for :func:`load_corpus`.
        blocks: reads a table file as DataFrames (``blocks(path, encoding=...)``); by default
            the whole table at once (``analysis.streaming.table_blocks`` reads it in blocks).
        encoding, **columns: ``encoding``, ``text_col``, ``id_col``, ``title_col``,
            ``source_col``, ``date_col`` as for :func:`load_corpus`.
    """
    for path in input_files(source):
        try:
            if path.suffix.lower() in TABLE_SUFFIXES:
                for doc_id, fields in table_records(blocks(path, encoding=encoding), path,
                                                    **columns):
                    try:
                        _check(doc_id, fields["text"])
                    except DocumentError as exc:
                        yield None, _error(doc_id, fields["path"], exc)
                    else:
                        yield {"doc_id": doc_id, **fields}, None
            else:
                text = decode(path.read_bytes(), name=str(path))
                _check(path.stem, text)
                yield {"doc_id": path.stem, "text": text, "path": str(path)}, None
        except (DocumentError, OSError, ValueError) as exc:
            yield None, _error(path.stem, str(path), exc)


def admitted(inputs, ids: IdRegistry | None = None
             ) -> Iterator[tuple[dict | None, dict | None]]:
    """``(record, error)`` pairs with unique ids (:class:`IdRegistry`): an exact duplicate
    becomes an error."""
    ids = IdRegistry() if ids is None else ids
    for record, error in inputs:
        error = error or ids.admit(record)
        yield (None, error) if error else (record, None)


class IdRegistry:
    """Keeps ids unique: exact duplicates (the same id and the same text as read, before
    repair and cleaning) are reported, distinct texts get ``id-2``, ``id-3``."""

    def __init__(self):
        self.texts: dict[str, int] = {}
        self.seen: dict[tuple[str, int], str] = {}

    def admit(self, row: dict) -> dict | None:
        """Return an error record for an exact duplicate; else give ``row`` a unique id."""
        base, fingerprint = row["doc_id"], hash(row["text"])
        if (base, fingerprint) in self.seen:
            return {"doc_id": base, "path": row["path"], "stage": "load",
                    "reason": f"exact duplicate of document {self.seen[base, fingerprint]}"}
        doc_id, n = base, 1
        while doc_id in self.texts:
            n += 1
            doc_id = f"{base}-{n}"
        self.texts[doc_id] = fingerprint
        self.seen[base, fingerprint] = doc_id
        row["doc_id"] = doc_id
        return None


def load_corpus(source, text_col: str | None = None, id_col: str | None = None, *,
                title_col: str | None = None, source_col: str | None = None,
                date_col: str | None = None, encoding: str | None = None) -> pd.DataFrame:
    """Load a folder or glob of .txt/.md files, or CSV, JSONL and Parquet tables.

    Args:
        source: a path, folder, glob pattern, or a list of them.
        text_col, id_col, title_col, source_col, date_col: columns of table inputs; guessed
            from common names (``text``/``content``, ``doc_id``/``id``, ...) when not given.
        encoding: force an encoding for CSV files (default: detected).

    Returns:
        The ``documents`` table. Inputs that could not be read, and exact duplicates, are
        records in ``documents.attrs["errors"]`` (``doc_id, path, stage, reason``).

    Raises:
        FileNotFoundError: ``source`` matches nothing.

    >>> docs = load_corpus("data/*.txt")
    >>> docs["doc_id"].tolist()
    ['aleppo-osce-2016']
    """
    return make_documents(admitted(iter_records(
        source, text_col=text_col, id_col=id_col, title_col=title_col, source_col=source_col,
        date_col=date_col, encoding=encoding)))


def validate_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Check a ``documents`` table at the boundary; returns it with the standard columns.

    Raises:
        TypeError: not a DataFrame.
        ValueError: no ``doc_id``/``text`` column, or repeated ``doc_id``s.
    """
    if not isinstance(documents, pd.DataFrame):
        raise TypeError(
            "analyze() takes a documents DataFrame: use analysis.read_article(path_or_text) "
            "or analysis.load_corpus(source) to make one"
        )
    missing = {"doc_id", "text"} - set(documents.columns)
    if missing:
        raise ValueError(f"the documents table lacks column(s) {sorted(missing)}")
    repeated = documents["doc_id"][documents["doc_id"].duplicated()]
    if len(repeated):
        raise ValueError(f"doc_id must be unique; repeated: {sorted(map(str, repeated))[:5]}")
    errors = documents.attrs.get("errors", [])
    if documents.attrs.get("n_documents", len(documents)) != len(documents):
        errors = []  # a part of a loaded corpus: the load's errors are not about its documents
    documents = documents.copy()
    documents.attrs = {"errors": list(errors)}
    for column in COLUMNS:
        if column not in documents.columns:
            documents[column] = ([len(t) if isinstance(t, str) else 0 for t in documents["text"]]
                                 if column == "n_chars" else None)
    documents["doc_id"] = documents["doc_id"].astype(str)
    return documents[COLUMNS + [c for c in documents.columns if c not in COLUMNS]]
