"""The report seen in a real browser (headless Chromium): figures are images, text stays text.

Skipped only where Chromium is absent; ``.ci/run`` installs Debian's ``chromium``. Set
``FRAMING_LAB_SCREENSHOTS=DIR`` to keep screenshots of the index and notebook 04 for a look.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from report_once import built_report

from analysis.report import build_report

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"),
                             "/usr/bin/chromium") if p and Path(p).exists()), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

HOSTILE = ("Officials said <script>document.title='pwned'</script> was found.\n\n"
           "A photo <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> "
           "circulated, the minister said.")


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "chromium-profile"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
        capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


class _Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.raw = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _dom(tmp_path: Path, page: Path) -> _Dom:
    dom = _Dom()
    dom.raw = _chromium(tmp_path, "--dump-dom", page.resolve().as_uri())
    dom.feed(dom.raw)
    return dom


def _image_sizes(dom: _Dom) -> list[int]:
    sizes = []
    for tag, attrs in dom.tags:
        source = attrs.get("src") or ""
        if tag == "img" and source.startswith("data:image/png;base64,"):
            sizes.append(len(base64.b64decode(source.split(",", 1)[1])))
    return sizes


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out, failure = built_report(tmp_path_factory.getbasetemp())
    assert failure is None, failure
    return out


def _screenshot(tmp_path: Path, page: Path, name: str) -> None:
    folder = os.environ.get("FRAMING_LAB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        _chromium(tmp_path, f"--screenshot={Path(folder).resolve() / name}",
                  "--window-size=1280,1600", "--hide-scrollbars", page.resolve().as_uri())


def test_index_links_every_notebook_page(report, tmp_path):
    dom = _dom(tmp_path, report / "index.html")
    links = [a["href"] for tag, a in dom.tags if tag == "a"]
    assert links == sorted(p.name for p in report.glob("[0-9][0-9]-*.html"))
    assert len(links) == 6
    text = " ".join(dom.text)
    assert "Reading the article" in text and "stopped with an error" not in text
    _screenshot(tmp_path, report / "index.html", "index.png")


def test_rhetoric_page_shows_its_figures_as_images(report, tmp_path):
    page = report / "04-rhetoric.html"
    dom = _dom(tmp_path, page)
    sizes = _image_sizes(dom)
    assert len(sizes) >= 2 and min(sizes) > 10_000, sizes
    assert not [t for t, a in dom.tags if t == "script" and a.get("src", "").startswith("http")]
    _screenshot(tmp_path, page, "04-rhetoric.png")


def test_article_html_is_shown_as_text_in_the_rendered_reading_view(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "article.txt").write_text(HOSTILE, encoding="utf-8")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 01 · Hostile\n\nAn article that contains markup."),
        nbformat.v4.new_code_cell("import analysis\nfrom analysis import display\n"
                                  "a = analysis.analyze(analysis.read_article('article.txt'))\n"
                                  "display.show(a, layers=display.LAYERS)")])
    nbformat.write(nb, folder / "01-hostile.ipynb")
    build_report(out=tmp_path / "out", notebooks=folder)
    page = tmp_path / "out" / "01-hostile.html"
    dom = _dom(tmp_path, page)
    body = dict(next(a for t, a in dom.tags if t == "body"))
    assert "data-pwned" not in body
    assert not [a for t, a in dom.tags if t == "img" and a.get("src") == "x"]
    assert re.search(r"<title>([^<]*)</title>", dom.raw).group(1) != "pwned"
    shown = " ".join(dom.text)
    assert "<script>document.title='pwned'</script>" in shown
    assert "<img src=x onerror=" in shown
