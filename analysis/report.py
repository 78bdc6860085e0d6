"""The report: execute every notebook headless and write one HTML page each, plus an index.

``python -m analysis report --out reports`` (and ``make report``) runs
:func:`build_report`. Each ``notebooks/NN-*.ipynb`` is executed with nbclient in a fresh kernel
that runs *this* Python (the one the package is installed in), with the notebook's folder as
working directory, then rendered with nbconvert to ``reports/NN-*.html``. The pages are
self-contained and offline: figures are embedded as images, and the MathJax, RequireJS and
Mermaid scripts the default template fetches from a CDN are left out (the notebooks use none).

A notebook whose external corpus is absent does not fail: the notebooks check
:mod:`analysis.datasets` themselves, print what is missing and how to get it, and run what they
can. A notebook that raises is still rendered (up to the failing cell, with its traceback),
marked as failed in the index, and reported by :class:`ReportError` once every page is written.

Example:
    >>> from analysis.report import notebook_card
    >>> notebook_card({"cells": [{"cell_type": "markdown",
    ...                           "source": "# Reading\\n\\nWho speaks, and where."}]})
    ('Reading', 'Who speaks, and where.')
"""
from __future__ import annotations

import concurrent.futures
import html
import json
import os
import re
import sys
import tempfile
from pathlib import Path

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"
KERNEL_NAME = "framing-lab-python"
#: Benchmark summaries recorded for notebook 06, in the notebooks folder.
RECORDED = "benchmark-results.json"
_NUMBERED = re.compile(r"^\d+\s*·\s*")  # "01 · Reading" → "Reading" (the index numbers them)

# The lab template, minus the three scripts it would load from a CDN (pages must open offline).
_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""

_INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       max-width: 52rem; margin: 3rem auto; padding: 0 1.5rem; line-height: 1.5; }
h1 { font-size: 2.2rem; margin-bottom: .2rem; }
.lede { color: #444; font-size: 1.15rem; margin-top: 0; }
ol { padding: 0; list-style: none; counter-reset: nb; }
li { margin: 1.2rem 0; padding: 1rem 1.2rem; border-left: 6px solid #0072B2;
     background: #f5f8fb; border-radius: 4px; }
li.failed { border-left-color: #D55E00; background: #fdf3ee; }
li a { font-size: 1.35rem; font-weight: 600; color: #0b4f7a; text-decoration: none; }
li a:hover { text-decoration: underline; }
.num { color: #0072B2; font-weight: 700; margin-right: .5rem; }
.summary { margin: .3rem 0 0; color: #333; font-size: 1.05rem; }
.status { font-size: .9rem; color: #D55E00; font-weight: 600; }
footer { margin-top: 2.5rem; color: #666; font-size: .9rem; }
"""


class ReportError(RuntimeError):
    """One or more notebooks raised; their pages are written up to the failing cell."""


def notebook_card(nb) -> tuple[str, str]:
    """Title and one-line summary of a notebook, from its first Markdown cell.

    The title is the first ``#`` heading; the summary is the first paragraph after it, with
    Markdown emphasis removed.
    """
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", source) if p.strip()]
        title = next((p.lstrip("#").strip() for p in paragraphs if p.startswith("# ")), "")
        rest = [p for p in paragraphs if not p.startswith("#") and not p.startswith("|")]
        summary = re.sub(r"[*_`]", "", rest[0]).replace("\n", " ") if rest else ""
        return title, summary
    return "", ""


def _kernel_manager(kernel_dir: Path):
    """A kernel manager that starts ``sys.executable -m ipykernel_launcher``.

    An installed ``python3`` kernelspec may point at another interpreter (a user-wide Jupyter, a
    conda base); writing our own spec guarantees the notebooks import this very environment.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec_dir = kernel_dir / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Framing Lab (report)",
        "language": "python",
    }))
    specs = KernelSpecManager(kernel_dirs=[str(kernel_dir)])
    return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)


def execute_notebook(path: Path, *, timeout: int = 600):
    """Execute one notebook in a fresh kernel, in the notebook's folder.

    Returns:
        ``(notebook, error)``: the executed ``NotebookNode`` and None, or the notebook executed
        up to the failing cell and the ``CellExecutionError``.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        km = _kernel_manager(Path(tmp))
        client = NotebookClient(nb, km=km, timeout=timeout,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        except CellExecutionError as exc:
            return nb, exc
        finally:
            # nbclient leaves a kernel it did not create running; this one is ours to stop
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    return nb, None


def render_html(nb, *, title: str) -> str:
    """A notebook as a self-contained HTML page (nbconvert's lab template, no CDN scripts)."""
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[jinja2.DictLoader({"framinglab.j2": _TEMPLATE})],
                            template_file="framinglab.j2", exclude_anchor_links=True)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    return body


def write_index(out: Path, pages: list[dict]) -> Path:
    """Write ``out/index.html`` linking the pages (``file``, ``title``, ``summary``, ``error``)."""
    items = []
    for page in pages:
        number, _, _ = page["file"].partition("-")
        status = ('<div class="status">This notebook stopped with an error: '
                  f'{html.escape(page["error"])}</div>') if page["error"] else ""
        items.append(
            f'<li class="{"failed" if page["error"] else "ok"}">'
            f'<span class="num">{html.escape(number)}</span>'
            f'<a href="{html.escape(page["file"])}">'
            f'{html.escape(_NUMBERED.sub("", page["title"]))}</a>'
            f'<p class="summary">{html.escape(page["summary"])}</p>{status}</li>'
        )
    index = out / "index.html"
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Framing Lab — notebooks</title><style>{_INDEX_CSS}</style></head><body>"
        "<h1>Framing Lab</h1><p class=\"lede\">One story in six notebooks, from one article "
        "about Aleppo to a corpus of the Syrian war told by outlets of every side: who speaks, "
        "how they sound, how they name things, and how far to trust the measures.</p>"
        f"<ol>{''.join(items)}</ol>"
        "<footer>Generated by <code>make report</code> (<code>python -m analysis report</code>)."
        " Open the notebooks themselves with <code>make lab</code>.</footer></body></html>\n",
        encoding="utf-8",
    )
    return index


def build_report(*, out: str | Path = "reports", notebooks: str | Path = "notebooks",
                 timeout: int = 600, workers: int | None = None) -> list[Path]:
    """Execute every ``notebooks/NN-*.ipynb`` and write ``out/NN-*.html`` and ``out/index.html``.

    Args:
        out: folder for the HTML pages (created if needed).
        notebooks: folder holding the numbered notebooks.
        timeout: seconds allowed for any one cell.
        workers: notebooks executed at once, each in its own kernel (default: 2, or 1 on a
            one-core machine).

    Returns:
        The paths written, the notebook pages first and the index last.

    Raises:
        FileNotFoundError: ``notebooks`` holds no numbered notebook.
        ReportError: a notebook raised (after every page and the index are written).
    """
    out, notebooks = Path(out), Path(notebooks)
    paths = sorted(notebooks.glob(NOTEBOOK_GLOB))
    if not paths:
        raise FileNotFoundError(f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks.resolve()}")
    out.mkdir(parents=True, exist_ok=True)
    from .datasets import ENV_VAR, data_dir

    if data_dir() is not None:
        # kernels run in the notebooks' folder: a relative FRAMING_LAB_DATA would point elsewhere
        os.environ[ENV_VAR] = str(data_dir())
    workers = workers or min(2, os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        executed = list(pool.map(lambda p: execute_notebook(p.resolve(), timeout=timeout), paths))
    written, pages = [], []
    for path, (nb, error) in zip(paths, executed):
        title, summary = notebook_card(nb)
        target = out / f"{path.stem}.html"
        target.write_text(render_html(nb, title=title or path.stem), encoding="utf-8")
        written.append(target)
        reason = str(getattr(error, "ename", "") or type(error).__name__) if error else ""
        pages.append({"file": target.name, "title": title or path.stem, "summary": summary,
                      "error": reason})
    written.append(write_index(out, pages))
    failed = [p["file"] for p in pages if p["error"]]
    if failed:
        raise ReportError(f"{len(failed)} notebook(s) raised an error: {', '.join(failed)} "
                          f"(open them in {out} to see where)")
    return written


def run_benchmark(script: str | Path, data: str | Path, *, timeout: int = 300) -> dict:
    """Run ``python <script> --data <data>`` and return the JSON summary of its last line.

    The script runs from its project folder (the parent of ``benchmarks/``), as under
    ``make bench``, so files it writes land where they would there. Adds ``"seconds"`` (wall
    time) when the summary lacks it.

    Raises:
        RuntimeError: the script failed or its last line is not JSON (stderr's tail included).
    """
    import subprocess
    import time

    started = time.perf_counter()
    script = Path(script).resolve()
    done = subprocess.run([sys.executable, str(script), "--data", str(Path(data).resolve())],
                          check=False, capture_output=True, text=True, timeout=timeout,
                          cwd=script.parents[1])
    lines = done.stdout.strip().splitlines()
    summary = None
    if done.returncode == 0 and lines:
        try:
            summary = json.loads(lines[-1])
        except json.JSONDecodeError:
            summary = None
    if summary is None or not hasattr(summary, "setdefault"):
        raise RuntimeError(f"{Path(script).name} failed (exit {done.returncode}): "
                           f"{done.stderr.strip()[-800:] or done.stdout.strip()[-800:]}")
    summary.setdefault("seconds", round(time.perf_counter() - started, 1))
    return summary


def record_benchmarks(*, benchmarks: str | Path = "benchmarks", data: str | Path,
                      out: str | Path, timeout: int = 600) -> Path:
    """Run every ``benchmarks/*.py`` on the gold sets in ``data`` and save their summaries.

    Notebook 06 shows these recorded results for the benchmarks it does not run live (the
    speed and memory ones, and all of them where the gold sets are absent). The file says when
    and at which commit it was recorded.

    Returns:
        ``out``: JSON ``{"recorded": ISO time, "commit": hash, "results": {name: summary}}``;
        a benchmark that failed has ``{"error": message}`` as its summary.
    """
    import datetime
    import subprocess

    results = {}
    for script in sorted(Path(benchmarks).glob("[!_]*.py")):  # _common.py is shared code
        try:
            results[script.stem] = run_benchmark(script, data, timeout=timeout)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            results[script.stem] = {"error": str(exc)}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False, cwd=Path(benchmarks)).stdout.strip()
    record = {"recorded": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
              "commit": commit, "results": results}
    Path(out).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return Path(out)


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.report [--out DIR] [--notebooks DIR] [--record-benchmarks GOLD]``.

    Exit status 1 when a notebook failed.
    """
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.report",
                                     description="execute the notebooks and write HTML pages")
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--notebooks", type=Path, default=Path("notebooks"))
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--record-benchmarks", type=Path, metavar="GOLD_DIR",
                        help="instead: run benchmarks/*.py on GOLD_DIR and write "
                             "notebooks/benchmark-results.json for notebook 06")
    args = parser.parse_args(argv)
    if args.record_benchmarks:
        path = record_benchmarks(data=args.record_benchmarks, timeout=args.timeout,
                                 out=args.notebooks / RECORDED)
        print(f"wrote {path}")
        return 0
    try:
        for path in build_report(out=args.out, notebooks=args.notebooks, timeout=args.timeout):
            print(f"wrote {path}")
    except (ReportError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
