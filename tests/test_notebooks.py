"""The notebooks: committed without outputs, shaped as lessons, executed headless into a report.

The report is built once per session (``report_once``) with the environment of the test run;
``make test`` and CI set ``FRAMING_LAB_DATA`` so notebooks 05–06 run on the shared corpora.
"""
from __future__ import annotations

import os
import re

import nbformat
import pytest
from conftest import ROOT
from report_once import built_report

from analysis.report import execute_notebook, notebook_card

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
EXPECTED = ["01-reading-the-article", "02-sentiment", "03-framing", "04-rhetoric", "05-outlets",
            "06-how-far-to-trust-it"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return built_report(tmp_path_factory.getbasetemp())


def _read(path):
    return nbformat.read(path, as_version=4)


def test_the_six_notebooks_are_there_each_with_solutions():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED
    assert [p.stem for p in SOLUTIONS] == [f"{name}-solutions" for name in EXPECTED]


@pytest.mark.parametrize("path", NOTEBOOKS + SOLUTIONS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    for cell in _read(path).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_is_a_lesson(path):
    nb = _read(path)
    title, summary = notebook_card(nb)
    assert title.startswith(path.stem[:2]) and summary
    first = nb.cells[0].source
    for field in ("What you will learn", "Time", "Prerequisites", "Data"):
        assert f"**{field}**" in first
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "## Your turn" in markdown and f"solutions/{path.stem}-solutions.ipynb" in markdown
    assert "## What this cannot see" in markdown
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert max(len(c.source.splitlines()) for c in code) <= 25, "keep code cells short"


def _typed_numbers(markdown: str) -> list[str]:
    """Numbers typed into prose: digits outside code spans, headings, list ordinals, years,
    units ("per 100 words"), "F1", notebook numbers and the card's lesson time."""
    text = re.sub(r"`[^`]*`", "", markdown)
    text = re.sub(r"^#.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*\d+\.\s", "", text, flags=re.MULTILINE)
    text = re.sub(r"\b(19|20)\d\d\b|\bF1\b", "", text)
    text = re.sub(r"\b(per|notebooks?) \d[\d,]*(?:[–-]\d+)?", "", text)
    text = re.sub(r"^\| \*\*Time\*\* \|.*$", "", text, flags=re.MULTILINE)
    return re.findall(r"\d[\d,.]*", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_prose_types_no_number_the_code_does_not_print(path):
    cells = _read(path).cells
    typed = _typed_numbers("\n".join(c.source for c in cells if c.cell_type == "markdown"))
    assert typed == [], f"numbers typed into Markdown: {typed}; print them from code instead"


def _figures_expected() -> dict[str, int]:
    """Figures each page must show: fewer where the shared data are absent."""
    shared = bool(os.environ.get("FRAMING_LAB_DATA"))
    return {"01-reading-the-article": 1, "02-sentiment": 2 + shared, "03-framing": 3,
            "04-rhetoric": 3, "05-outlets": 7 if shared else 0,
            "06-how-far-to-trust-it": 2 if shared else 0}


def test_report_executes_every_notebook_into_a_page(report):
    out, failure = report
    assert failure is None, failure
    pages = sorted(p.name for p in out.glob("[0-9][0-9]-*.html"))
    assert pages == [f"{name}.html" for name in EXPECTED]
    index = (out / "index.html").read_text()
    for name in EXPECTED:
        assert f'href="{name}.html"' in index
    for page in pages:
        body = (out / page).read_text()
        assert "Traceback" not in body and 'class="jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr"' not in body
        assert "cdnjs.cloudflare.com" not in body
        figures = body.count('src="data:image/png;base64,')
        assert figures >= _figures_expected()[page[:-5]], (page, figures)


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solutions_execute(path):
    _, error = execute_notebook(path)
    assert error is None, str(error)[-1500:]


@pytest.mark.parametrize("name", ["05-outlets", "06-how-far-to-trust-it"])
def test_without_external_data_the_notebook_shows_a_note(name, monkeypatch, tmp_path):
    monkeypatch.delenv("FRAMING_LAB_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    nb, error = execute_notebook(ROOT / "notebooks" / f"{name}.ipynb")
    assert error is None, str(error)[-1500:]
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs)
    assert "not on this machine" in printed and "FRAMING_LAB_DATA" in printed
