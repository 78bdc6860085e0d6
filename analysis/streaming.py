"""Reading a corpus in bounded memory: the inputs of ``load_corpus``, one document at a time.

``iter_inputs`` yields the same ``(record, error)`` pairs as :func:`analysis.corpus.iter_records`
(one per input document, exactly one of the two is None) but reads CSV, JSONL and Parquet tables
in blocks of rows instead of whole, so a 10 GB table costs the memory of one block. CSV bytes are
decoded as ``corpus.read_table`` does (UTF-8, else cp1252, else latin-1), block by block;
``corpus.make_documents`` later repairs and cleans each record.

Example:
    >>> from analysis.streaming import iter_inputs
    >>> [record["doc_id"] for record, error in iter_inputs("data/*.txt")]
    ['aleppo-osce-2016']
"""
from __future__ import annotations

import codecs
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from . import corpus

#: Rows read from a table file at a time.
BLOCK_ROWS = 1000
_BYTES = 1 << 20


def _encoding(path: Path) -> str:
    """The first of UTF-8 (BOM or not), cp1252, latin-1 that decodes the whole file."""
    with path.open("rb") as handle:
        head = handle.read(8192)
        if not head.strip() and not handle.read(_BYTES).strip():
            raise corpus.DocumentError(f"{path}: the file is empty")
        if b"\x00" in head:
            raise corpus.DocumentError(f"{path}: looks like a binary file (NUL bytes), not text")
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while block := handle.read(_BYTES):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    return "latin-1"


def _decoded_blocks(path: Path, encoding: str) -> Iterator[str]:
    """The file's text in blocks of about ``_BYTES`` bytes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as handle:
        while block := handle.read(_BYTES):
            yield decoder.decode(block)
    yield decoder.decode(b"", final=True)


class _TextStream(io.TextIOBase):
    """A read-only text file over an iterator of strings (what ``pd.read_csv`` needs)."""

    def __init__(self, blocks: Iterator[str]):
        self._blocks, self._buffer = blocks, ""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        while size is None or size < 0 or len(self._buffer) < size:
            block = next(self._blocks, None)
            if block is None:
                break
            self._buffer += block
        n = len(self._buffer) if size is None or size < 0 else size
        out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out


def table_blocks(path: Path, *, encoding: str | None = None,
                 rows: int = BLOCK_ROWS) -> Iterator[pd.DataFrame]:
    """A CSV, JSONL/JSON or Parquet file as DataFrames of at most ``rows`` rows each."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=rows):
            yield batch.to_pandas()
    elif suffix == ".jsonl":
        with pd.read_json(path, lines=True, dtype=False, chunksize=rows) as reader:
            yield from reader
    elif suffix == ".csv":
        if encoding is None:
            stream = _TextStream(_decoded_blocks(path, _encoding(path)))
        else:
            stream = path.open(encoding=encoding)
        with stream, pd.read_csv(stream, dtype=str, keep_default_na=False,
                                 chunksize=rows) as reader:
            yield from reader
    else:
        yield corpus.read_table(path, encoding=encoding)


def iter_inputs(source, **load_options) -> Iterator[tuple[dict | None, dict | None]]:
    """Yield ``(record, error)`` for every input document of ``source``; one of the two is None.

    Args:
        source: a path, folder, glob pattern, or a list of them (as for ``load_corpus``).
        **load_options: ``text_col``, ``id_col``, ``title_col``, ``source_col``, ``date_col``,
            ``encoding``, as for ``load_corpus``.

    Raises:
        FileNotFoundError: ``source`` matches nothing.
    """
    return corpus.iter_records(source, blocks=table_blocks, **load_options)


def count_inputs(source, *, encoding: str | None = None) -> int:
    """How many input documents ``source`` holds (rows of tables, one per text file)."""
    total = 0
    for path in corpus.input_files(source):
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix == ".csv":
                total += sum(len(b) for b in pd.read_csv(
                    path, encoding=encoding or _encoding(path), usecols=[0], dtype=str,
                    chunksize=10 * BLOCK_ROWS))
            elif suffix in corpus.TABLE_SUFFIXES:
                total += len(corpus.read_table(path, encoding=encoding))
            else:
                total += 1
        except (corpus.DocumentError, OSError, ValueError):
            total += 1
    return total


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(_BYTES):
            digest.update(block)
    return digest.hexdigest()
