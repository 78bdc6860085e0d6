"""Command line: ``python -m analysis {analyze,quotes,corpus,report,download} ...``.

Examples::

    python -m analysis analyze data/aleppo-osce-2016.txt --out out/seed
    python -m analysis quotes data/*.txt --format jsonl
    python -m analysis corpus articles.csv --out out/corpus --text-col body --id-col id
    python -m analysis report --out reports
    python -m analysis download fakes
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _columns(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-col", help="column holding the text (CSV/JSONL/Parquet inputs)")
    parser.add_argument("--id-col", help="column holding the document id (table inputs)")


def _load(args):
    import analysis

    documents = analysis.load_corpus(args.paths, text_col=args.text_col, id_col=args.id_col)
    for error in documents.attrs["errors"]:
        print(f"skipped: {error['reason']}", file=sys.stderr)
    return documents


def _analyze(args) -> None:
    import analysis

    result = analysis.analyze(_load(args), lexicons=args.lexicon or None)
    paths = result.save(args.out, format=args.format)
    print(f"{result!r}\nwrote {len(paths)} tables to {args.out}/ ({args.format})")


def _quotes(args) -> None:
    import analysis

    quotes = analysis.analyze(_load(args)).quotes
    if args.format == "csv":
        quotes.to_csv(sys.stdout, index=False)
        return
    for record in quotes.astype(object).where(quotes.notna(), None).to_dict("records"):
        print(json.dumps(record, ensure_ascii=False))


def _corpus(args) -> None:
    import analysis

    summary = analysis.analyze_corpus(args.source, args.out, engine=args.engine,
                                      workers=args.workers, scheduler=args.scheduler,
                                      chunk_size=args.chunk_size, text_col=args.text_col,
                                      id_col=args.id_col)
    print(json.dumps(summary, indent=2, default=str))


def _report(args) -> None:
    from analysis.report import ReportError, build_report

    try:
        paths = build_report(out=args.out)
    except ReportError as exc:
        raise ValueError(f"{exc} (see {args.out}/index.html)") from exc
    for path in paths:
        print(f"wrote {path}")


def _download(args) -> None:
    from analysis import datasets

    print(f"FA-KES is at {datasets.download_fakes(force=args.force)}")


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m analysis``."""
    top = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0],
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse articles and write every table")
    p.add_argument("paths", nargs="+", help="text files, folders, globs, CSV/JSONL/Parquet")
    p.add_argument("--out", required=True, type=Path, help="folder for the tables")
    p.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    p.add_argument("--lexicon", action="append", type=Path,
                   help="extra lexicon CSV (category,term,...); repeatable")
    _columns(p)
    p.set_defaults(run=_analyze)

    p = sub.add_parser("quotes", help="print the quotes of articles, one per line")
    p.add_argument("paths", nargs="+")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    _columns(p)
    p.set_defaults(run=_quotes)

    p = sub.add_parser("corpus", help="analyse a large corpus in chunks into partitioned Parquet")
    p.add_argument("source")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--workers", type=int, help="Dask workers (default: one per core)")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler (tcp://host:8786)")
    p.add_argument("--chunk-size", type=int, default=500, help="documents per partition")
    _columns(p)
    p.set_defaults(run=_corpus)

    p = sub.add_parser("report", help="execute the notebooks and write HTML pages")
    p.add_argument("--out", type=Path, default=Path("reports"))
    p.set_defaults(run=_report)

    p = sub.add_parser("download", help="download an external corpus into the user cache")
    p.add_argument("dataset", choices=["fakes"])
    p.add_argument("--force", action="store_true", help="download again even if present")
    p.set_defaults(run=_download)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; errors print one clear line (no traceback) and return exit status 2."""
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except (OSError, ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
