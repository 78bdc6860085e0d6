"""The report builder: cards, failures reported after every page is written, benchmarks run."""
from __future__ import annotations

import sys

import nbformat
import pytest

from analysis.report import ReportError, build_report, main, notebook_card, run_benchmark


def _notebook(folder, name, *cells):
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(cells[0]),
        *(nbformat.v4.new_code_cell(c) for c in cells[1:])])
    nbformat.write(nb, folder / name)


def test_card_takes_the_title_and_the_first_paragraph():
    nb = {"cells": [{"cell_type": "code", "source": "x = 1"},
                    {"cell_type": "markdown",
                     "source": ["# 02 · Sentiment\n", "\n", "*How positive each\n", "sentence is.*\n",
                                "\n", "| | |\n", "|---|---|\n"]}]}
    assert notebook_card(nb) == ("02 · Sentiment", "How positive each sentence is.")


def test_a_failing_notebook_is_rendered_listed_and_reported(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks, "01-fine.ipynb", "# 01 · Fine\n\nRuns <well>.",
              "import sys\nprint(sys.executable)")
    _notebook(notebooks, "02-broken.ipynb", "# 02 · Broken\n\nStops.", "1 / 0")
    with pytest.raises(ReportError, match="02-broken.html"):
        build_report(out=tmp_path / "out", notebooks=notebooks, workers=1)
    fine = (tmp_path / "out" / "01-fine.html").read_text()
    assert sys.executable in fine  # the kernel ran this very interpreter
    assert "ZeroDivisionError" in (tmp_path / "out" / "02-broken.html").read_text()
    index = (tmp_path / "out" / "index.html").read_text()
    assert "Runs &lt;well&gt;." in index
    assert 'class="failed"' in index and "ZeroDivisionError" in index
    assert main(["--out", str(tmp_path / "again"), "--notebooks", str(notebooks)]) == 1


def test_no_notebooks_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebooks matching"):
        build_report(out=tmp_path / "out", notebooks=tmp_path)


def test_run_benchmark_returns_the_last_json_line(tmp_path):
    bench = tmp_path / "benchmarks"
    bench.mkdir()
    (bench / "echo.py").write_text(
        "import json, os, sys\nprint('a readable table')\n"
        "print(json.dumps({'data': sys.argv[2], 'cwd': os.getcwd()}))\n")
    summary = run_benchmark(bench / "echo.py", tmp_path / "gold")
    assert summary["data"] == str((tmp_path / "gold").resolve())
    assert summary["cwd"] == str(tmp_path)
    assert summary["seconds"] >= 0
    (bench / "broken.py").write_text("import sys\nprint('no json'); sys.exit('gold set missing')\n")
    with pytest.raises(RuntimeError, match="gold set missing"):
        run_benchmark(bench / "broken.py", tmp_path)
