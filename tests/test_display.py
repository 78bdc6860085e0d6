"""The reading view: document text is escaped, marks nest into valid HTML, layers switch."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.display import _Mark, render, show

HOSTILE = ("Officials said <script>alert('x')</script> was found.\n\n"
           "A photo <img src=x onerror=alert(1)> circulated, \"rebels\" & 'regime' said.")


class _Text(HTMLParser):
    """Collects the text outside <sub>/<sup> tags and checks every tag is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.skip, self.tags = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.append((tag, dict(attrs)))
        self.skip += tag in ("sub", "sup")

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"
        self.skip -= tag in ("sub", "sup")

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


def _parse(fragment: str) -> _Text:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == []
    return parser


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_hostile_article_is_shown_as_text_not_html():
    result = analysis.analyze(analysis.read_article(HOSTILE))
    text = result.documents.loc[0, "text"]
    fragment = show(result, "text").html
    parsed = _parse(fragment)
    assert [t for t, _ in parsed.tags if t in ("script", "img")] == []
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in fragment
    assert "&lt;img src=x onerror=alert(1)&gt;" in fragment
    assert text in "".join(parsed.text)


def test_tooltips_escape_document_text(seed_docs):
    text = seed_docs.loc[0, "text"]
    start, end = _span(text, "terrorists")
    mentions = pd.DataFrame([{"doc_id": "aleppo-osce-2016", "start": start, "end": end,
                              "label": '"><script>x</script>', "charge": "delegitimising"}])
    fragment = show({"documents": seed_docs, "mentions": mentions}).html
    assert "<script>" not in fragment
    assert "label: &quot;&gt;&lt;script&gt;" in fragment


def test_seed_quotes_coloured_by_speaker_and_layers_switch(seed_docs):
    text = seed_docs.loc[0, "text"]
    q_start, q_end = _span(text, "“danger of authoritarian populism.”")
    d_start, d_end = _span(text, "authoritarian populism")
    tables = {
        "documents": seed_docs,
        "quotes": pd.DataFrame([{"doc_id": "aleppo-osce-2016", "kind": "partial",
                                 "quote_start": q_start, "quote_end": q_end,
                                 "speaker_canonical": "John Kerry"}]),
        "devices": pd.DataFrame([{"doc_id": "aleppo-osce-2016", "start": d_start,
                                  "end": d_end, "device": "fear_appeal",
                                  "technique": "Appeal_to_fear-prejudice"}]),
    }
    reading = show(tables)
    assert reading.marks["layer"].tolist() == ["quotes", "devices"]
    assert reading.marks["text"].tolist() == ["“danger of authoritarian populism.”",
                                              "authoritarian populism"]
    tooltips = [a.get("title", "") for _, a in _parse(reading.html).tags]
    assert any("technique: Appeal_to_fear-prejudice" in t for t in tooltips)
    assert any("speaker canonical: John Kerry" in t for t in tooltips)
    quotes_only = show(tables, layers=("quotes",))
    assert quotes_only.marks["layer"].tolist() == ["quotes"]
    assert "technique" not in quotes_only.html
    with pytest.raises(ValueError, match="unknown layers"):
        show(tables, layers=("sarcasm",))


def test_reading_view_of_the_analysed_seed_keeps_every_character(seed_analysis):
    reading = show(seed_analysis, "aleppo-osce-2016",
                   layers=("quotes", "devices", "frames", "mentions", "sentiment"))
    text = seed_analysis.documents.loc[0, "text"]
    assert "".join(_parse(reading.html).text).endswith(text)
    assert reading._repr_html_() == reading.html


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60),
                          st.sampled_from(["quotes", "devices", "frames", "mentions"])),
                max_size=12))
def test_crossing_marks_render_as_balanced_html_with_the_text_intact(seed_text, spans):
    text = seed_text[:460]
    marks = [_Mark(layer, s, min(s + n, len(text)), "color:red", f"{layer} <{s}>",
                   "tag" if layer == "devices" else "")
             for s, n, layer in spans]
    parsed = _parse(render(text, marks))
    assert "".join(parsed.text) == text
    opened = [a["title"] for t, a in parsed.tags if t == "span"]
    assert set(opened) == {html.unescape(html.escape(m.tooltip)) for m in marks if m.end > m.start}
