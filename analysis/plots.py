"""Figures for the package's tables: each function returns a matplotlib ``Figure`` with its data.

Convention: every function returns a :class:`DataFigure`, a matplotlib ``Figure`` whose
``.data`` attribute is the DataFrame that was drawn (one row per bar, cell or point), so a
figure's numbers can be printed, tested and cited. Figures are built with the object-oriented
API, never through ``pyplot``: nothing is shown or kept in a global figure list, no GUI backend
is needed (rendering uses Agg), and in Jupyter a figure displays once, as a PNG, when it is the
value of a cell. Save one with ``fig.savefig("arc.png")``.

One style for all (:mod:`analysis.style`): Okabe–Ito colours, the narrator grey, each speaker one
colour, titles that say what is measured and on which data.

Example:
    >>> import pandas as pd
    >>> from analysis import plots
    >>> table = pd.DataFrame({"source": ["SANA", "SANA", "Reuters"],
    ...                       "label": ["terrorists", "terrorists", "rebels"]})
    >>> fig = plots.count_heatmap(table, rows="label", columns="source")
    >>> fig.data.loc["terrorists", "SANA"]
    np.int64(2)
"""
from __future__ import annotations

import functools
import io
import textwrap

import numpy as np
import pandas as pd

from .style import NARRATOR, PALETTE, matplotlib_rc, speaker_colors

WORD_RE = r"\w[\w'’-]*"


@functools.cache
def _figure_class():
    from matplotlib.figure import Figure

    class DataFigure(Figure):
        """A matplotlib Figure carrying the DataFrame it draws as ``.data``."""

        data: pd.DataFrame

        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png", bbox_inches="tight")
            return buffer.getvalue()

    return DataFigure


def _new_figure(data: pd.DataFrame, *, width: float = 10, height: float = 5.5, **subplots):
    """A styled figure with axes; ``rc_context`` must be active while the artists are made."""
    fig = _figure_class()(figsize=(width, height), dpi=100, layout="constrained")
    fig.data = data
    axes = fig.subplots(**subplots) if subplots else fig.subplots()
    return fig, axes


def _rc():
    import matplotlib

    return matplotlib.rc_context(matplotlib_rc())


def _one_doc(table: pd.DataFrame, doc_id: str | None) -> tuple[pd.DataFrame, str]:
    ids = table["doc_id"].unique()
    if doc_id is None:
        if len(ids) != 1:
            raise ValueError(f"the table holds {len(ids)} documents: pass doc_id= (one of "
                             f"{', '.join(map(str, ids[:5]))}{', ...' if len(ids) > 5 else ''})")
        doc_id = ids[0]
    rows = table[table["doc_id"] == doc_id]
    if rows.empty:
        raise ValueError(f"no rows for doc_id {doc_id!r}")
    return rows, str(doc_id)


def _speakers(table: pd.DataFrame) -> pd.Series:
    if "speaker_canonical" not in table:
        return pd.Series(NARRATOR, index=table.index)
    return table["speaker_canonical"].fillna(NARRATOR).astype(str)


def sentiment_arc(sentences: pd.DataFrame, *, doc_id: str | None = None, window: int = 3,
                  colors: dict[str, str] | None = None):
    """VADER compound of each sentence in reading order, bars coloured by who speaks.

    Args:
        sentences: the ``sentences`` table with ``compound`` (and ``speaker_canonical`` once
            quotes are attributed; otherwise every sentence counts as the narrator's).
        doc_id: which document; may be omitted when the table holds one.
        window: sentences in the centred rolling mean drawn as a line.
        colors: speaker → colour (default: :func:`analysis.style.speaker_colors`).

    Returns:
        DataFigure; ``.data``: ``sentence_id, speaker, compound, rolling_mean, text``.
    """
    rows, doc_id = _one_doc(sentences, doc_id)
    data = pd.DataFrame({"sentence_id": rows["sentence_id"].to_numpy(),
                         "speaker": _speakers(rows).to_numpy(),
                         "compound": rows["compound"].to_numpy(dtype=float),
                         "text": rows["text"].to_numpy()})
    data = data.sort_values("sentence_id", ignore_index=True)
    data["rolling_mean"] = data["compound"].rolling(window, center=True, min_periods=1).mean()
    colors = colors or speaker_colors([NARRATOR, *data["speaker"]])
    with _rc():
        fig, ax = _new_figure(data.drop(columns="text"), height=4.8)
        fig.data = data
        for speaker, group in data.groupby("speaker", sort=False):
            ax.bar(group["sentence_id"], group["compound"], color=colors[speaker], width=0.8,
                   label=f"{speaker} ({len(group)})")
        ax.plot(data["sentence_id"], data["rolling_mean"], color="black", linewidth=1.8,
                label=f"rolling mean ({window} sentences)")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("sentence, in reading order")
        ax.set_ylabel("VADER compound (−1 negative … +1 positive)")
        ax.set_title(f"Sentiment arc of “{doc_id}”: one bar per sentence, coloured by speaker")
        ax.legend(title="speaker (sentences)", loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def speaker_comparison(profiles: pd.DataFrame, *, colors: dict[str, str] | None = None,
                       min_words: int = 1):
    """Mean sentence sentiment and device rate per speaker, with counts beside every bar.

    Args:
        profiles: :func:`analysis.compare.speaker_profiles` (``speaker_canonical, quotes,
            words, sentiment, devices_per_100_words``); the devices panel is drawn when that
            column has values.
        min_words: leave out speakers with fewer words.

    Returns:
        DataFigure; ``.data``: the rows drawn, most words first.
    """
    data = (profiles[profiles["words"] >= min_words]
            .sort_values("words", ascending=False).reset_index(drop=True))
    with_devices = "devices_per_100_words" in data and data["devices_per_100_words"].notna().any()
    colors = colors or speaker_colors([NARRATOR, *data["speaker_canonical"]])
    bar_colors = [colors.get(s, PALETTE[0]) for s in data["speaker_canonical"]]
    y = np.arange(len(data))[::-1]
    with _rc():
        fig, axes = _new_figure(data, height=1.4 + 0.55 * len(data),
                                ncols=2 if with_devices else 1, sharey=True)
        axes = np.atleast_1d(axes)
        ax = axes[0]
        sentiment = data["sentiment"].astype(float)
        ax.barh(y, sentiment.fillna(0), color=bar_colors)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlim(-1, 1)
        for yi, value, n in zip(y, sentiment, data["words"]):
            if not np.isnan(value):
                ax.text(max(value, 0) + 0.03, yi, f"{value:+.2f}  ({n} words)", va="center",
                        ha="left", fontsize=10)
        ax.set_yticks(y, data["speaker_canonical"])
        ax.set_xlabel("mean VADER compound of the speaker's sentences")
        ax.set_title("Sentiment by speaker")
        if with_devices:
            ax = axes[1]
            rates = data["devices_per_100_words"].astype(float).fillna(0)
            ax.barh(y, rates, color=bar_colors)
            for yi, rate, words in zip(y, rates, data["words"]):
                ax.text(rate, yi, f" {rate:.1f}  ({round(rate * words / 100)} devices)",
                        va="center", fontsize=10)
            ax.set_xlim(0, max(1.0, rates.max() * 1.5))
            ax.set_xlabel("rhetorical devices per 100 words")
            ax.set_title("Devices by speaker")
    return fig


def count_heatmap(table: pd.DataFrame, *, rows: str | None = None, columns: str | None = None,
                  values: str | None = None,
                  normalize: str | None = None, title: str | None = None,
                  max_rows: int = 20, max_columns: int = 20, fmt: str = "{:,.0f}",
                  legend: str = "count"):
    """Heatmap of a cross-tabulation with the count (or share) written in every cell.

    Args:
        table: one row per observation (e.g. a ``mentions`` row), or already aggregated with
            ``values`` holding the counts; or, with ``rows`` and ``columns`` left out, a count
            table itself (e.g. :func:`analysis.framing.label_by_outlet`).
        rows, columns: the two columns to cross-tabulate (e.g. ``"label"``, ``"source"``).
        values: a count column to sum instead of counting rows.
        normalize: ``"columns"`` shows each column's shares (colour), counts still written.
        max_rows, max_columns: keep the most frequent categories only.
        fmt: format of the numbers written in the cells (e.g. ``"{:.1f}"`` for rates).
        legend: what the numbers are, for the colour bar.

    Returns:
        DataFigure; ``.data``: the count table (rows × columns).
    """
    if rows is None and columns is None:
        counts = table.fillna(0)
        rows, columns = table.index.name or "rows", table.columns.name or "columns"
    else:
        counts = pd.crosstab(table[rows], table[columns],
                             values=table[values] if values else None,
                             aggfunc="sum" if values else None).fillna(0).astype(int)
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:max_rows]]
    counts = counts[counts.sum(axis=0).sort_values(ascending=False).index[:max_columns]]
    shown = counts / counts.sum(axis=0).replace(0, 1) if normalize == "columns" else counts
    with _rc():
        fig, ax = _new_figure(counts, width=max(6.0, 1.6 + 0.75 * counts.shape[1]),
                              height=max(3.0, 1.6 + 0.45 * counts.shape[0]))
        ax.grid(False)
        image = ax.imshow(shown.to_numpy(dtype=float), cmap="Blues", aspect="auto")
        high = shown.to_numpy(dtype=float).max() or 1
        for (i, j), n in np.ndenumerate(counts.to_numpy()):
            ax.text(j, i, fmt.format(n), ha="center", va="center", fontsize=10,
                    color="white" if shown.iat[i, j] > 0.6 * high else "black")
        ax.set_xticks(range(counts.shape[1]), counts.columns, rotation=40, ha="right")
        ax.set_yticks(range(counts.shape[0]), counts.index)
        ax.set_xlabel(columns)
        ax.set_ylabel(rows)
        label = "share of the column (numbers: counts)" if normalize == "columns" else legend
        fig.colorbar(image, ax=ax, label=label, shrink=0.8)
        ax.set_title(title or f"{rows} × {columns} ({legend})")
    return fig


def frame_profile(summary: pd.DataFrame, *, by: str = "doc_id",
                  groups: pd.DataFrame | None = None):
    """Frame cues per 1,000 words for each frame, per document or per group (e.g. outlet).

    Args:
        summary: :func:`analysis.framing.frame_summary` (``doc_id, category, n_cues,
            n_words``), so the rates are the package's own (negated cues left out).
        by: ``"doc_id"`` or a column of ``groups`` (e.g. ``"source"``); a group's rate is its
            cues over its words.
        groups: a table with ``doc_id`` and the ``by`` column (e.g. ``documents``).

    Returns:
        DataFigure; ``.data``: ``group, frame, cues, words, per_1000_words``.
    """
    table = summary if by == "doc_id" else summary.merge(groups[["doc_id", by]], on="doc_id")
    table = table.assign(group=table[by])
    words = table.drop_duplicates(["doc_id"]).groupby("group")["n_words"].sum()
    data = (table.groupby(["group", "category"], sort=False)["n_cues"].sum()
            .rename("cues").reset_index().rename(columns={"category": "frame"}))
    data["words"] = data["group"].map(words)
    data["per_1000_words"] = 1000 * data["cues"] / data["words"].where(data["words"] > 0)
    wide = data.pivot(index="frame", columns="group", values="per_1000_words").fillna(0)
    wide = wide.loc[wide.mean(axis=1).sort_values().index]
    with _rc():
        fig, ax = _new_figure(data, height=1.4 + 0.45 * len(wide) * max(1, wide.shape[1] / 3))
        height = 0.8 / wide.shape[1]
        for k, group in enumerate(wide.columns):
            offsets = np.arange(len(wide)) + (k - (wide.shape[1] - 1) / 2) * height
            ax.barh(offsets, wide[group], height=height, label=str(group),
                    color=PALETTE[k % len(PALETTE)])
            if wide.shape[1] == 1:
                for yi, rate in zip(offsets, wide[group]):
                    ax.text(rate, yi, f" {rate:.1f}", va="center", fontsize=10)
        ax.set_yticks(range(len(wide)), wide.index)
        ax.set_xlabel("frame cues per 1,000 words")
        where = "document" if by == "doc_id" else by
        ax.set_title(f"Frame profile per {where}: how often each frame's cues occur")
        if wide.shape[1] > 1:
            ax.legend(title=where, loc="lower right")
    return fig


def fightin_words(scores: pd.DataFrame, *, labels: tuple[str, str] = ("A", "B"),
                  top: int = 12, z_threshold: float = 1.96):
    """Fightin' Words plot: each term's z-score against its frequency, top terms labelled.

    Args:
        scores: the table of :func:`analysis.compare.fightin_words`
            (``term, count_a, count_b, z``).
        labels: names of group A (positive z) and group B (negative z).
        top: terms labelled on each side, listed in a column beside the plot so they never
            overlap, each joined to its point.
        z_threshold: |z| beyond which a term is coloured (1.96 ≈ 5 % two-sided).

    Returns:
        DataFigure; ``.data``: ``term, count_a, count_b, frequency, z, side, labelled``.
    """
    data = scores[["term", "count_a", "count_b", "z"]].copy()
    data["frequency"] = data["count_a"] + data["count_b"]
    data["side"] = np.where(data["z"] >= z_threshold, labels[0],
                            np.where(data["z"] <= -z_threshold, labels[1], "neither"))
    ranked_a = data[data["z"] > 0].nlargest(top, "z")
    ranked_b = data[data["z"] < 0].nsmallest(top, "z")
    data["labelled"] = data.index.isin(ranked_a.index.union(ranked_b.index))
    data = data.reset_index(drop=True)
    colors = {labels[0]: PALETTE[0], labels[1]: PALETTE[1], "neither": "#BBBBBB"}
    with _rc():
        fig, ax = _new_figure(data, width=11, height=6.5)
        for side in ("neither", labels[0], labels[1]):
            part = data[data["side"] == side]
            name = (f"typical of {side} (|z| ≥ {z_threshold}, dashed lines)" if side != "neither"
                    else "no clear difference")
            ax.scatter(part["frequency"], part["z"], s=18, alpha=0.75, color=colors[side],
                       label=f"{name}: {len(part)} terms", edgecolors="none")
        ax.set_xscale("log")
        ax.axhline(0, color="black", linewidth=0.8)
        x_label = data["frequency"].max() * 3 if len(data) else 10
        zmax = max(data["z"].abs().max(), z_threshold) if len(data) else z_threshold
        for level in (z_threshold, -z_threshold):
            ax.axhline(level, color="#999999", linewidth=0.8, linestyle="--")
        for ranked, sign in ((ranked_a, 1), (ranked_b, -1)):
            slots = sign * np.linspace(zmax, zmax * 0.12, max(len(ranked), 1))
            for (_, row), y_text in zip(ranked.iterrows(), slots):
                ax.annotate(row["term"], (row["frequency"], row["z"]), (x_label, y_text),
                            fontsize=10, va="center", color=colors[labels[0 if sign > 0 else 1]],
                            arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6})
        ax.set_xlim(right=x_label * 2.5)
        ax.set_ylim(-zmax * 1.1, zmax * 1.1)
        ax.set_xlabel("frequency of the term in both groups (log scale)")
        ax.set_ylabel(f"z-score of the log-odds ratio\n(+ {labels[0]} · − {labels[1]})")
        ax.set_title(f"Fightin’ Words: {labels[0]} vs {labels[1]} "
                     "(log-odds ratio, informative Dirichlet prior)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=3, fontsize=9)
    return fig


def voices_timeline(quotes: pd.DataFrame, *, doc_id: str | None = None,
                    text_length: int | None = None, colors: dict[str, str] | None = None):
    """Who speaks where: each quote as a bar on its speaker's lane, in article position.

    Direct quotes are solid, indirect speech hatched, partial (scare) quotes light.

    Args:
        quotes: the ``quotes`` table (``quote_start, quote_end, speaker_canonical, kind``).
        doc_id: which document; may be omitted when the table holds one.
        text_length: characters in the document (the x axis runs to it).

    Returns:
        DataFigure; ``.data``: ``speaker, kind, quote_start, quote_end, quote``.
    """
    rows, doc_id = _one_doc(quotes, doc_id)
    data = pd.DataFrame({"speaker": _speakers(rows).to_numpy(), "kind": rows["kind"].to_numpy(),
                         "quote_start": rows["quote_start"].to_numpy(dtype=float),
                         "quote_end": rows["quote_end"].to_numpy(dtype=float),
                         "quote": rows["quote"].to_numpy()}).sort_values("quote_start")
    order = list(dict.fromkeys(data["speaker"]))
    colors = colors or speaker_colors([NARRATOR, *order])
    style = {"direct": {"alpha": 1.0, "hatch": None}, "indirect": {"alpha": 0.55, "hatch": "///"},
             "partial": {"alpha": 0.35, "hatch": None}}
    with _rc():
        fig, ax = _new_figure(data.reset_index(drop=True), height=1.5 + 0.6 * len(order))
        ax.grid(axis="y", visible=False)
        for lane, speaker in enumerate(order):
            part = data[data["speaker"] == speaker]
            for kind, spans in part.groupby("kind"):
                ax.broken_barh(list(zip(spans["quote_start"],
                                        spans["quote_end"] - spans["quote_start"])),
                               (lane - 0.35, 0.7), facecolors=colors.get(speaker, PALETTE[0]),
                               edgecolor="black", linewidth=0.4, **style.get(kind, {}))
        ax.set_yticks(range(len(order)),
                      [f"{s} ({(data['speaker'] == s).sum()})" for s in order])
        ax.invert_yaxis()
        ax.set_xlim(0, text_length or data["quote_end"].max())
        ax.set_xlabel("position in the article (characters from the start)")
        ax.set_title(f"Voices in “{doc_id}”: who speaks where (quotes per speaker)")
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(facecolor="#777777", edgecolor="black", label=k, **style[k])
                           for k in style if k in set(data["kind"])],
                  title="kind of quote", loc="upper left", bbox_to_anchor=(1.01, 1))
    return fig


def metric_bars(results: pd.DataFrame, *, metric: str, label: str = "task",
                series: tuple[str, ...] = ("ours", "reference", "baseline"),
                title: str = "How far to trust it"):
    """Grouped bars comparing our figure with a published reference and a baseline per task.

    Args:
        results: one row per task, a ``label`` column and one numeric column per series
            (missing series are skipped; NaN cells are left empty).
        metric: what the numbers are (axis label), e.g. ``"F1"``.

    Returns:
        DataFigure; ``.data``: the rows drawn.
    """
    series = tuple(s for s in series if s in results)
    data = results[[label, *series]].reset_index(drop=True)
    with _rc():
        fig, ax = _new_figure(data, height=1.4 + 0.6 * len(data) * max(1, len(series) / 2))
        height = 0.8 / len(series)
        y = np.arange(len(data))[::-1]
        for k, name in enumerate(series):
            offsets = y + ((len(series) - 1) / 2 - k) * height
            values = data[name].astype(float)
            ax.barh(offsets, values.fillna(0), height=height, label=name,
                    color=PALETTE[k % len(PALETTE)])
            for yi, value in zip(offsets, values):
                if not np.isnan(value):
                    ax.text(value, yi, f" {value:.2f}", va="center", fontsize=9)
        ax.set_yticks(y, [textwrap.fill(str(t), 28) for t in data[label]])
        ax.set_xlim(0, max(1.0, float(np.nanmax(data[list(series)].to_numpy(dtype=float))) * 1.15))
        ax.set_xlabel(metric)
        ax.set_title(title)
        ax.legend(loc="lower right")
    return fig


def agreement(table: pd.DataFrame, *, x: str, y: str, by: str | None = None,
              x_label: str | None = None, y_label: str | None = None, title: str | None = None,
              max_points: int = 3000, seed: int = 0):
    """Scatter of a measure against human judgements, one panel per group, Pearson r in titles.

    Args:
        table: one row per rated item, e.g. ``human`` (mean human rating) and ``compound``.
        x, y: the columns to compare (human judgement on x, the measure on y).
        by: a column splitting the panels (e.g. ``corpus``).
        max_points: points drawn per panel at most (a fixed random sample; r uses all rows).

    Returns:
        DataFigure; ``.data``: ``group, n, pearson_r`` (one row per panel).
    """
    groups = list(table.groupby(by, sort=False)) if by else [("all", table)]
    data = pd.DataFrame([{"group": name, "n": len(part),
                          "pearson_r": part[x].astype(float).corr(part[y].astype(float))}
                         for name, part in groups])
    with _rc():
        fig, axes = _new_figure(data, width=min(14, 3.6 * len(groups) + 1), height=4,
                                ncols=len(groups), sharey=True)
        for k, (ax, (name, part)) in enumerate(zip(np.atleast_1d(axes), groups)):
            shown = part.sample(min(len(part), max_points), random_state=seed)
            ax.scatter(shown[x], shown[y], s=6, alpha=0.35, color=PALETTE[k % len(PALETTE)],
                       edgecolors="none")
            ax.set_title(f"{name}\nr = {data.loc[k, 'pearson_r']:.2f} (n = {len(part):,})",
                         fontsize=11)
            ax.set_xlabel(x_label or x)
        np.atleast_1d(axes)[0].set_ylabel(y_label or y)
        fig.suptitle(title or f"{y} against {x}", fontweight="bold", x=0.01, ha="left")
    return fig


def ranked_bars(table: pd.DataFrame, *, label: str, value: str, count: str | None = None,
                xlabel: str | None = None, title: str | None = None, diverging: bool = False):
    """Horizontal bars of one value per group (e.g. mean compound per outlet), largest on top.

    Args:
        table: one row per group.
        label, value: the group name and the number drawn.
        count: a column written beside each bar as ``n = …`` (how many items the value is
            computed from).
        diverging: colour negative bars vermillion and positive blue (for signed measures).

    Returns:
        DataFigure; ``.data``: the rows drawn, sorted by ``value``.
    """
    data = table.sort_values(value).reset_index(drop=True)
    values = data[value].astype(float)
    colors = ([PALETTE[1] if v < 0 else PALETTE[0] for v in values] if diverging
              else [PALETTE[0]] * len(data))
    with _rc():
        fig, ax = _new_figure(data, height=1.4 + 0.38 * len(data))
        ax.barh(range(len(data)), values, color=colors)
        ax.set_yticks(range(len(data)), data[label].astype(str))
        span = float(values.abs().max() or 1)
        for i, v in enumerate(values):
            note = f"{v:+.3f}" if diverging else f"{v:,.3g}"
            if count:
                note += f"  (n = {data.loc[i, count]:,})"
            ax.text(v + (0.01 * span if v >= 0 else -0.01 * span), i, f" {note} ",
                    va="center", ha="left" if v >= 0 else "right", fontsize=9)
        if diverging:
            ax.axvline(0, color="black", linewidth=0.8)
            ax.set_xlim(-1.6 * span, 1.6 * span)
        else:
            ax.set_xlim(0, 1.45 * span)
        ax.set_xlabel(xlabel or value)
        ax.set_title(title or f"{value} by {label}")
    return fig


def over_time(table: pd.DataFrame, *, date: str, value: str, freq: str = "QS",
              title: str | None = None, ylabel: str | None = None):
    """Mean of ``value`` per period (line), with the number of items per period (bars).

    Args:
        table: one row per item with a datetime column ``date``.
        freq: pandas period alias: ``"MS"`` months, ``"QS"`` quarters, ``"YS"`` years.

    Returns:
        DataFigure; ``.data``: ``period, mean, n``.
    """
    grouped = table.dropna(subset=[date]).groupby(pd.Grouper(key=date, freq=freq))[value]
    data = grouped.agg(["mean", "size"]).rename(columns={"size": "n"}).reset_index()
    data = data.rename(columns={date: "period"})
    data = data[data["n"] > 0].reset_index(drop=True)
    with _rc():
        fig, ax = _new_figure(data, height=4.5)
        counts = ax.twinx()
        counts.bar(data["period"], data["n"], width=60, color="#DDDDDD", zorder=0)
        counts.set_ylabel("items per period", color="#777777")
        counts.grid(False)
        counts.spines["right"].set_visible(True)
        ax.set_zorder(counts.get_zorder() + 1)
        ax.patch.set_visible(False)
        ax.plot(data["period"], data["mean"], marker="o", color=PALETTE[0], linewidth=2)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylabel(ylabel or f"mean {value}")
        ax.set_xlabel("period")
        ax.set_title(title or f"{value} over time")
    return fig
