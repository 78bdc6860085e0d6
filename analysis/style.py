"""One look for every figure and reading view: colour-blind-safe colours and matplotlib settings.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable
with the common colour-vision deficiencies and in greyscale print by lightness. The narrator is
always grey; quoted speakers take the palette's colours in order of first appearance, so a
speaker keeps one colour across the figures and the reading view of a notebook. This module
imports nothing heavy (the reading view uses it without matplotlib).

Example:
    >>> speaker_colors(["narrator", "Sergei Lavrov", "John Kerry"])["Sergei Lavrov"]
    '#0072B2'
"""
from __future__ import annotations

from collections.abc import Iterable

NARRATOR = "narrator"
NARRATOR_COLOR = "#7F7F7F"

#: Okabe–Ito, reordered so neighbours in a legend contrast most (black and yellow left out:
#: black reads as text, yellow vanishes on white).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

#: Evaluative charge of an actor label → colour (vermillion for delegitimising, blue for
#: legitimising, grey for neutral: a diverging pair that survives red–green blindness).
CHARGE_COLORS = {"delegitimising": "#D55E00", "neutral": "#7F7F7F", "legitimising": "#0072B2"}

#: Sentiment classes → colour, same diverging logic as charge.
SENTIMENT_COLORS = {"neg": "#D55E00", "neu": "#7F7F7F", "pos": "#0072B2"}

#: matplotlib settings applied while a figure is built (see ``analysis.plots``).
RC = {
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": None,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
}


def speaker_colors(speakers: Iterable[str]) -> dict[str, str]:
    """Colour per speaker: grey for the narrator, the palette in order of first appearance.

    Speakers beyond the palette's length cycle through it again.
    """
    colors: dict[str, str] = {}
    for name in speakers:
        if name in colors or name is None:
            continue
        if name == NARRATOR:
            colors[name] = NARRATOR_COLOR
        else:
            n = sum(1 for s in colors if s != NARRATOR)
            colors[name] = PALETTE[n % len(PALETTE)]
    return colors


def tint(color: str, amount: float = 0.75) -> str:
    """``color`` mixed with white (``amount`` 0 → unchanged, 1 → white), as ``#rrggbb``.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def matplotlib_rc() -> dict:
    """``RC`` with the palette as colour cycle, for ``matplotlib.rc_context``."""
    from cycler import cycler

    return {**RC, "axes.prop_cycle": cycler(color=PALETTE)}
