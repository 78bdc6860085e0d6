"""An annotated reading view of one document: what the measures saw, marked in the text.

``show(analysis, doc_id)`` returns a :class:`Reading` that Jupyter displays as HTML (and whose
``.html`` is the same fragment, ``.save(path)`` a standalone page). Layers:

- ``quotes``: each quote on a background tinted with its canonical speaker's colour (the
  narrator stays plain), the speaker's words in bold, the speech verb in italics;
- ``devices``: rhetorical devices boxed in purple, with the device's name in small letters;
- ``frames``: frame cues with a dotted green underline;
- ``mentions``: actor labels underlined in the colour of their charge (vermillion
  delegitimising, grey neutral, blue legitimising);
- ``sentiment`` (off by default): each sentence's VADER compound after it.

Hovering over a mark shows a tooltip naming its category and the lexicon entry or rule behind
it. Layers whose table is absent or empty are skipped. The fragment is self-contained (inline
styles, no script, no external file) and every piece of document text, in the body and in the
tooltips, is escaped, so an article containing ``<script>`` shows that text and runs nothing.

Example:
    >>> import analysis
    >>> from analysis.display import show
    >>> a = analysis.analyze(analysis.read_article("<b>Kerry</b> spoke."))
    >>> "&lt;b&gt;Kerry&lt;/b&gt;" in show(a, "text").html
    True
"""
from __future__ import annotations

import dataclasses
import html
import itertools
from pathlib import Path

import pandas as pd

from .style import CHARGE_COLORS, NARRATOR, SENTIMENT_COLORS, speaker_colors, tint

LAYERS = ("quotes", "devices", "frames", "mentions", "sentiment")
DEFAULT_LAYERS = ("quotes", "devices", "frames", "mentions")
DEVICE_COLOR = "#8E3B78"
FRAME_COLOR = "#009E73"
_RANK = {"quotes": 0, "speaker": 1, "verb": 1, "devices": 2, "frames": 3, "mentions": 4}
# Columns worth naming in a tooltip, per layer, in order (those present are used).
_TOOLTIP = {
    "quotes": ("speaker_canonical", "speaker", "verb"),
    "devices": ("device", "technique", "term", "rule", "speaker_canonical"),
    "frames": ("category", "frame_set", "term", "rule", "speaker_canonical"),
    "mentions": ("family", "label", "charge", "term", "speaker_canonical"),
}


@dataclasses.dataclass(frozen=True)
class _Mark:
    layer: str
    start: int
    end: int
    style: str
    tooltip: str
    tag: str = ""


@dataclasses.dataclass
class Reading:
    """The annotated text of one document. ``.html`` is a self-contained HTML fragment.

    Attributes:
        doc_id: the document shown.
        html: the fragment (legend and text).
        marks: one row per mark drawn: ``layer, start, end, text, tooltip``.
    """

    doc_id: str
    html: str
    marks: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: str | Path) -> Path:
        """Write a standalone HTML page (for a browser or a projector)."""
        path = Path(path)
        path.write_text(
            f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(self.doc_id)}</title></head><body>{self.html}</body></html>\n",
            encoding="utf-8",
        )
        return path


def _table(source, name: str) -> pd.DataFrame | None:
    try:
        table = source[name]
    except (KeyError, AttributeError):
        return None
    return table if isinstance(table, pd.DataFrame) and len(table) else None


def _tooltip(title: str, row: dict, columns: tuple[str, ...]) -> str:
    parts = [title]
    for column in columns:
        value = row.get(column)
        if value is not None and not (isinstance(value, float) and pd.isna(value)) and value != "":
            parts.append(f"{column.replace('_', ' ')}: {value}")
    return " · ".join(parts)


def _marks(source, doc_id: str, layers, colors: dict[str, str]) -> list[_Mark]:
    marks: list[_Mark] = []
    quotes = _table(source, "quotes") if "quotes" in layers else None
    if quotes is not None:
        for row in quotes[quotes["doc_id"] == doc_id].to_dict("records"):
            speaker = row.get("speaker_canonical") or NARRATOR
            color = colors.get(speaker, "#999999")
            amount = 0.8 if row.get("kind") == "indirect" else 0.62
            tip = _tooltip(f"{row.get('kind', '')} quote", row, _TOOLTIP["quotes"])
            if pd.notna(row.get("quote_start")) and pd.notna(row.get("quote_end")):
                marks.append(_Mark("quotes", int(row["quote_start"]), int(row["quote_end"]),
                                   f"background:{tint(color, amount)};border-radius:3px;"
                                   "box-decoration-break:clone;padding:1px 0", tip))
            for part, style in (("speaker", f"font-weight:700;color:{color}"),
                                ("verb", "font-style:italic")):
                if pd.notna(row.get(f"{part}_start")) and pd.notna(row.get(f"{part}_end")):
                    marks.append(_Mark(part, int(row[f"{part}_start"]), int(row[f"{part}_end"]),
                                       style, f"{part} of the quote: {row.get(part)} → {speaker}"))
    specs = {
        "devices": ("device", lambda r: f"border:1.5px solid {DEVICE_COLOR};border-radius:3px;"
                                        "padding:0 2px;box-decoration-break:clone"),
        "frames": ("frame cue", lambda r: f"border-bottom:2px dotted {FRAME_COLOR}"),
        "mentions": ("actor label", lambda r: (
            "text-decoration:underline;text-decoration-thickness:3px;text-underline-offset:4px;"
            f"text-decoration-color:{CHARGE_COLORS.get(r.get('charge'), '#7F7F7F')}")),
    }
    for layer, (title, style) in specs.items():
        table = _table(source, layer) if layer in layers else None
        if table is None:
            continue
        for row in table[table["doc_id"] == doc_id].to_dict("records"):
            tag = str(row.get("device", "")) if layer == "devices" else ""
            marks.append(_Mark(layer, int(row["start"]), int(row["end"]), style(row),
                               _tooltip(title, row, _TOOLTIP[layer]), tag))
    return [m for m in marks if m.end > m.start]


def _badges(source, doc_id: str) -> dict[int, str]:
    sentences = _table(source, "sentences")
    if sentences is None or "compound" not in sentences:
        return {}
    badges = {}
    for row in sentences[sentences["doc_id"] == doc_id].to_dict("records"):
        label = row.get("label") if row.get("label") in SENTIMENT_COLORS else (
            "pos" if row["compound"] >= 0.05 else "neg" if row["compound"] <= -0.05 else "neu")
        badges[int(row["end"])] = (
            f'<sup title="VADER compound of this sentence" style="font:600 0.7em system-ui,'
            f'sans-serif;color:white;background:{SENTIMENT_COLORS[label]};border-radius:6px;'
            f'padding:0 4px;margin-left:2px">{row["compound"]:+.2f}</sup>')
    return badges


def _open(mark: _Mark) -> str:
    return f'<span style="{html.escape(mark.style)}" title="{html.escape(mark.tooltip)}">'


def _close(mark: _Mark) -> str:
    if not mark.tag:
        return "</span>"
    return (f'<sub style="font:600 0.62em system-ui,sans-serif;color:{DEVICE_COLOR};'
            f'margin-left:2px">{html.escape(mark.tag)}</sub></span>')


def render(text: str, marks: list[_Mark], badges: dict[int, str] | None = None) -> str:
    """``text`` escaped, with ``marks`` as nested ``<span>``s (split where marks cross)."""
    badges = badges or {}
    order = sorted(marks, key=lambda m: (_RANK.get(m.layer, 9), m.start, -m.end))
    bounds = sorted({0, len(text), *badges, *(b for m in marks for b in (m.start, m.end))})
    out, stack = [], []
    for left, right in itertools.pairwise(bounds):
        active = [m for m in order if m.start <= left and m.end >= right]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        # a mark's small name tag is written only where the mark really ends
        out.extend(_close(m) if m.end == left else "</span>" for m in reversed(stack[keep:]))
        out.extend(_open(m) for m in active[keep:])
        stack = active
        out.append(html.escape(text[left:right]))
        if right in badges:
            out.append(badges[right])
    out.extend(_close(m) for m in reversed(stack))
    return "".join(out)


def _legend(layers, colors: dict[str, str], speakers: list[str]) -> str:
    items = []
    if "quotes" in layers:
        for speaker in speakers:
            items.append(f'<span style="background:{tint(colors[speaker], 0.62)};'
                         f'padding:1px 6px;border-radius:3px;margin-right:6px">'
                         f'{html.escape(speaker)}</span>')
    if "devices" in layers:
        items.append(f'<span style="border:1.5px solid {DEVICE_COLOR};border-radius:3px;'
                     'padding:0 4px;margin-right:6px">rhetorical device</span>')
    if "frames" in layers:
        items.append(f'<span style="border-bottom:2px dotted {FRAME_COLOR};margin-right:6px">'
                     'frame cue</span>')
    if "mentions" in layers:
        for charge, color in CHARGE_COLORS.items():
            items.append(f'<span style="text-decoration:underline;text-decoration-thickness:3px;'
                         f'text-underline-offset:4px;text-decoration-color:{color};'
                         f'margin-right:6px">{charge} label</span>')
    return ('<div style="font:0.85em system-ui,sans-serif;margin-bottom:0.8em;line-height:2">'
            + "".join(items) + "</div>")


def show(source, doc_id: str | None = None, *, layers=DEFAULT_LAYERS,
         colors: dict[str, str] | None = None) -> Reading:
    """The annotated reading view of one document.

    Args:
        source: an :class:`analysis.core.Analysis`, or a mapping of table name → DataFrame
            holding at least ``documents`` (``doc_id, text``).
        doc_id: the document to show; may be omitted when there is one.
        layers: which of ``quotes, devices, frames, mentions, sentiment`` to draw.
        colors: speaker → colour (default :func:`analysis.style.speaker_colors` in order of
            first quote).

    Returns:
        A :class:`Reading` (displayed as HTML in Jupyter; ``.html``, ``.marks``, ``.save()``).

    Raises:
        ValueError: an unknown layer, or ``doc_id`` missing or not in ``documents``.
    """
    unknown = set(layers) - set(LAYERS)
    if unknown:
        raise ValueError(f"unknown layers {sorted(unknown)}; choose from {', '.join(LAYERS)}")
    documents = source["documents"]
    if doc_id is None:
        if len(documents) != 1:
            raise ValueError(f"{len(documents)} documents: pass doc_id=")
        doc_id = str(documents["doc_id"].iloc[0])
    match = documents[documents["doc_id"] == doc_id]
    if match.empty:
        raise ValueError(f"no document {doc_id!r} in documents")
    text = match["text"].iloc[0]
    quotes = _table(source, "quotes")
    speakers = [] if quotes is None else list(dict.fromkeys(
        quotes.loc[quotes["doc_id"] == doc_id, "speaker_canonical"].fillna(NARRATOR)))
    colors = colors or speaker_colors([NARRATOR, *speakers])
    marks = _marks(source, doc_id, layers, colors)
    badges = _badges(source, doc_id) if "sentiment" in layers else {}
    body = render(text, marks, badges)
    fragment = (
        '<div class="framing-lab-reading" style="max-width:46em;margin:0.5em 0;'
        'color:#1a1a1a;background:white;padding:1em 1.2em;border:1px solid #ddd;'
        'border-radius:6px">'
        + _legend(layers, colors, [s for s in speakers if s != NARRATOR])
        + '<div style="white-space:pre-wrap;font:1.05em/1.9 Georgia,\'Times New Roman\',serif">'
        + body + "</div></div>"
    )
    table = pd.DataFrame([{"layer": m.layer, "start": m.start, "end": m.end,
                           "text": text[m.start:m.end], "tooltip": m.tooltip} for m in marks],
                         columns=["layer", "start", "end", "text", "tooltip"])
    return Reading(str(doc_id), fragment, table)
