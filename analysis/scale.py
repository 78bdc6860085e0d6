"""Analysing a corpus of any size: streamed in chunks, written as partitioned Parquet, resumable.

``analyze_corpus`` reads its source block by block (:mod:`analysis.streaming`), cuts the input
documents into chunks of ``chunk_size``, runs :func:`analysis.analyze` on each chunk and writes
every table as ``out/<table>/part-NNNNN.parquet`` (one part per chunk, in input order). Memory
stays that of one chunk, whatever the corpus size.

- Resumable: each part file is written to a temporary name then renamed, and a chunk counts as
  done only when its marker ``out/_partitions/part-NNNNN.json`` exists; a re-run skips done chunks
  and rewrites the others, so a killed run re-run completes with no duplicates.
- Reproducible: ``out/manifest.json`` records the inputs (size, SHA-256), package and library
  versions, lexicon file hashes and parameters; results of other inputs or parameters are never
  mixed into the same folder. The same input gives byte-identical Parquet files.
- Accounted: every input document is a row of ``documents`` or of ``errors``.
- ``engine="dask"`` (``pip install framing-lab[scale]``) runs the chunks on a Dask cluster: a
  local one by default, or the scheduler address you give. Workers write the parts themselves,
  so on a real cluster ``out`` must be a folder every worker can reach (a shared filesystem).

Example:
    >>> import tempfile, analysis
    >>> summary = analysis.analyze_corpus("data/*.txt", tempfile.mkdtemp(), progress=False)
    >>> summary["inputs"], summary["tables"]["documents"], summary["tables"]["errors"]
    (1, 1, 0)
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from importlib import metadata
from itertools import islice
from pathlib import Path

import pandas as pd

from . import core, corpus, streaming
from .resources import LEXICON_DIR, vader_lexicon_path

MARKERS = "_partitions"
_LIBRARIES = ("pandas", "pyarrow", "nltk", "ftfy", "vadersentiment")
_ARROW_TYPES = {"str": "string", "string": "string", "object": "string", "int64": "int64",
                "Int64": "int64", "int32": "int32", "float64": "float64", "Float64": "float64",
                "bool": "bool_", "boolean": "bool_"}


def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def _arrow_schema(columns: dict[str, str]):
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, _ARROW_TYPES.get(dtype, "string"))())
                      for name, dtype in columns.items()])


def write_part(table: pd.DataFrame, path: Path, columns: dict[str, str]) -> None:
    """Write one part of a table as Parquet, with the table's fixed schema, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = table[[c for c in columns if c in table.columns]]
    arrow = pa.Table.from_pandas(frame, schema=_arrow_schema(
        {c: columns[c] for c in frame.columns}), preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, lambda tmp: pq.write_table(arrow, tmp))


def run_partition(index: int, inputs: list[tuple[dict | None, dict | None]], out: str | Path,
                  options: dict) -> dict[str, int]:
    """Clean and analyse one chunk of ``(record, error)`` pairs (``corpus.admitted``), write its
    parts and done marker; returns rows per table.

    This is the unit of work of both engines (a Dask task on a worker): the reading process only
    parses the input and keeps ids unique, so repairing and cleaning the texts run in parallel.
    """
    out = Path(out)
    result = core.analyze(corpus.make_documents(inputs), progress=False, **options)
    columns = core.schemas()
    name = f"part-{index:05d}"
    for table in result.tables:
        write_part(result[table], out / table / f"{name}.parquet", columns[table])
    counts = {table: len(result[table]) for table in result.tables}
    marker = out / MARKERS / f"{name}.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(marker, lambda tmp: tmp.write_text(json.dumps(
        {"inputs": len(inputs), "tables": counts}, sort_keys=True)))
    return counts


def _chunks(source, chunk_size: int, load_options: dict):
    """``(index, inputs)`` per chunk of ``chunk_size`` inputs, ids made unique in input order."""
    inputs = corpus.admitted(streaming.iter_inputs(source, **load_options))
    index = 0
    while batch := list(islice(inputs, chunk_size)):
        yield index, batch
        index += 1


def manifest(source, *, chunk_size: int, load_options: dict, options: dict) -> dict:
    """What a result depends on: inputs, versions, lexicons, parameters (JSON-ready)."""
    import analysis

    lexicons = sorted(LEXICON_DIR.rglob("*.csv"))
    try:
        lexicons.append(vader_lexicon_path())
    except FileNotFoundError:
        pass
    versions = {}
    for library in _LIBRARIES:
        try:
            versions[library] = metadata.version(library)
        except metadata.PackageNotFoundError:
            versions[library] = None
    return {
        "package": "framing-lab", "version": analysis.__version__, "libraries": versions,
        "steps": list(core.STEPS),
        "lexicons": {str(p.relative_to(p.parents[1])): streaming.file_digest(p) for p in lexicons},
        "parameters": {"chunk_size": chunk_size, "load": load_options,
                       "analyze": {k: str(v) for k, v in sorted(options.items())}},
        "inputs": [{"path": str(p), "bytes": p.stat().st_size, "sha256": streaming.file_digest(p)}
                   for p in corpus.input_files(source)],
    }


def _fingerprint(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _prepare(out: Path, record: dict) -> dict | None:
    """Check that ``out`` is empty or holds this same run; returns the finished summary if any."""
    path = out / "manifest.json"
    if path.exists():
        previous = json.loads(path.read_text())
        if previous["fingerprint"] != _fingerprint(record):
            raise ValueError(
                f"{out} holds results of other inputs or parameters (see {path}); "
                "give a new --out folder or delete this one"
            )
        if "result" in previous:
            return previous["result"]
    elif out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty and has no manifest.json; give a new folder")
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.rglob(".*.tmp"):
        stale.unlink()
    _atomic_write(path, lambda tmp: tmp.write_text(
        json.dumps({**record, "fingerprint": _fingerprint(record)}, indent=1, sort_keys=True)))
    return None


def _done(out: Path) -> dict[int, dict]:
    return {int(p.stem.split("-")[1]): json.loads(p.read_text())
            for p in (out / MARKERS).glob("part-*.json")}


def analyze_corpus(source, out: str | Path, *, engine: str = "local", workers: int | None = None,
                   chunk_size: int = 500, scheduler=None, progress: bool = True,
                   text_col: str | None = None, id_col: str | None = None,
                   title_col: str | None = None, source_col: str | None = None,
                   date_col: str | None = None, encoding: str | None = None,
                   **options) -> dict:
    """Analyse a corpus chunk by chunk into ``out/<table>/part-NNNNN.parquet``.

    Args:
        source: a folder or glob of .txt/.md files, CSV/JSONL/Parquet files, or a list of them.
        out: the output folder (new, or the folder of an unfinished run to resume).
        engine: ``"local"`` (this process) or ``"dask"``.
        workers: Dask workers of the local cluster (default: one per core).
        chunk_size: input documents per chunk (and per Parquet part).
        scheduler: for ``engine="dask"``: a scheduler address (``"tcp://host:8786"``), a
            ``distributed.Client``, or a local scheduler name (``"synchronous"``, ``"threads"``,
            ``"processes"``); default: a new local cluster of ``workers`` processes.
        progress: show a progress bar (documents, rate, ETA).
        text_col, id_col, title_col, source_col, date_col, encoding: as for ``load_corpus``.
        **options: passed to ``analyze`` (e.g. ``lexicons=``).

    Returns:
        A summary: ``inputs``, ``tables`` (rows per table), ``errors``, ``partitions``,
        ``skipped`` (chunks already done), ``elapsed`` (seconds), ``out``, ``engine``.

    Raises:
        FileNotFoundError: ``source`` matches nothing.
        ValueError: unknown engine, or ``out`` holds another run's results.
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    started = time.perf_counter()
    out = Path(out)
    load_options = {k: v for k, v in {"text_col": text_col, "id_col": id_col,
                                      "title_col": title_col, "source_col": source_col,
                                      "date_col": date_col, "encoding": encoding}.items()
                    if v is not None}
    record = manifest(source, chunk_size=chunk_size, load_options=load_options, options=options)
    finished = _prepare(out, record)
    done = _done(out)
    skipped = len(done)
    if finished is None:
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=streaming.count_inputs(source, encoding=encoding),
                       desc="analysing", unit="doc", initial=sum(
                           d["inputs"] for d in done.values()))
        todo = ((i, inputs) for i, inputs in _chunks(source, chunk_size, load_options)
                if i not in done)
        run = _run_local if engine == "local" else _run_dask
        for index, inputs, counts in run(todo, out, options, workers=workers,
                                         scheduler=scheduler):
            done[index] = {"inputs": inputs, "tables": counts}
            if bar is not None:
                bar.update(inputs)
        if bar is not None:
            bar.close()
    summary = finished or _summary(out, record, done)
    order = list(core.schemas())
    return {"out": str(out), "inputs": summary["inputs"], "partitions": summary["partitions"],
            "tables": dict(sorted(summary["tables"].items(), key=lambda t: order.index(t[0]))),
            "errors": summary["errors"], "skipped": skipped,
            "elapsed": round(time.perf_counter() - started, 3), "engine": engine}


def _summary(out: Path, record: dict, done: dict[int, dict]) -> dict:
    tables: dict[str, int] = {}
    for part in done.values():
        for table, n in part["tables"].items():
            tables[table] = tables.get(table, 0) + n
    finished = {"inputs": sum(p["inputs"] for p in done.values()),
                "partitions": len(done), "tables": tables, "errors": tables.get("errors", 0)}
    _atomic_write(out / "manifest.json", lambda tmp: tmp.write_text(json.dumps(
        {**record, "fingerprint": _fingerprint(record), "result": finished},
        indent=1, sort_keys=True)))
    return finished


def _run_local(todo, out, options, **_):
    for index, inputs in todo:
        yield index, len(inputs), run_partition(index, inputs, out, options)


def _run_dask(todo, out, options, *, workers=None, scheduler=None):
    """Run the chunks as Dask tasks, at most two per worker in flight (bounded memory)."""
    import dask

    out = str(out)
    if scheduler in ("synchronous", "threads", "processes"):
        window = 2 * (workers or os.cpu_count() or 1)
        while batch := list(islice(todo, window)):
            tasks = [dask.delayed(run_partition)(i, inputs, out, options)
                     for i, inputs in batch]
            results = dask.compute(*tasks, scheduler=scheduler)
            for (i, inputs), counts in zip(batch, results):
                yield i, len(inputs), counts
        return
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler is not None:
        client = Client(scheduler)
    else:
        # Without a dashboard nobody reads the workers' statistical profiler, which samples
        # every task's stack every 10 ms: a tenth of the workers' CPU time on this analysis.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=workers or os.cpu_count(), threads_per_worker=1,
                                   processes=True, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        window = 2 * max(1, sum(client.nthreads().values()))
        chunks, pending = {}, as_completed()

        def submit(i, inputs):
            future = client.submit(run_partition, i, inputs, out, options, pure=False)
            chunks[future.key] = (i, len(inputs))
            pending.add(future)

        for chunk in islice(todo, window):
            submit(*chunk)
        for future in pending:
            i, size = chunks.pop(future.key)
            counts = future.result()
            future.release()
            yield i, size, counts
            for chunk in islice(todo, 1):
                submit(*chunk)
    finally:
        if client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()


def read_output(out: str | Path, table: str, *, lazy: bool = False):
    """One table of an ``analyze_corpus`` output folder, parts in input order.

    Args:
        lazy: return a ``dask.dataframe`` (one partition per part) instead of a pandas one.

    Raises:
        FileNotFoundError: ``out`` has no such table.
    """
    folder = Path(out) / table
    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        raise FileNotFoundError(f"no table {table!r} in {out}")
    if lazy:
        import dask.dataframe as dd

        return dd.read_parquet([str(p) for p in parts])
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
