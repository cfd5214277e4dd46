"""Charts as inline SVG, drawn with matplotlib (Agg backend, no display, no network).

Text stays text (`svg.fonttype = none`): small files, and the browser draws it with a
local sans-serif font. Output is deterministic (fixed hash salt, no date metadata), and
every id in an SVG is prefixed with the chart's id so several charts can live in one page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .numbers import format_number  # noqa: E402

# Colours of the three premium types / settlement components, in deck order.
SERIES_COLOURS = ("#1f4e79", "#e8a202", "#5b9b4a")
SINGLE_COLOUR = "#1f4e79"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#d9d9d9"

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "imw-figure-book",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans"],
        "font.size": 9,
        "axes.edgecolor": GRID_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


@dataclass
class Series:
    """One coloured series: values to draw (suppressed = 0) and the labels to print."""

    label: str
    values: Sequence[float]
    labels: Sequence[str]


def belgian_axis(decimals: int = 0) -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: format_number(value, decimals))


def percent_axis() -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: format_number(value, 0) + " %")


def euro_millions_axis() -> FuncFormatter:
    return FuncFormatter(lambda value, _pos: "€ " + format_number(value / 1e6, 0) + " mln")


def to_svg(fig: Figure, chart_id: str, title: str) -> str:
    """The figure as an inline <svg> element (no XML prolog), ids prefixed."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'id="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'((?:xlink:)?href)="#([^"]+)"', rf'\1="#{chart_id}-\2"', svg)
    # Scale with the page: keep the viewBox, drop the fixed size in pt.
    svg = re.sub(
        r'<svg([^>]*?) width="[^"]+" height="[^"]+"',
        rf'<svg\1 class="chart" role="img" aria-label="{_escape(title)}"',
        svg,
        count=1,
    )
    return svg.strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def stacked_columns(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    totals: Sequence[str] | None = None,
    axis: FuncFormatter | None = None,
    segment_labels: bool = True,
    min_label_share: float = 0.06,
    width: float = 9.0,
    height: float = 4.2,
    groups: Sequence[tuple[str, int, int]] | None = None,
) -> str:
    """Stacked columns per category (quarters), a legend, and a total above each column.

    groups: (label, first index, last index) per group of columns (years): a separator
    line between groups and the label (e.g. the year total) above each group.
    """
    fig, ax = plt.subplots(figsize=(width, height))
    positions = range(len(categories))
    bottoms = [0.0] * len(categories)
    column_totals = [sum(s.values[i] for s in series) for i in positions]
    top = max(column_totals, default=0.0) or 1.0
    for colour, one in zip(SERIES_COLOURS, series, strict=False):
        bars = ax.bar(
            positions, one.values, bottom=bottoms, color=colour, label=one.label, width=0.7
        )
        if segment_labels:
            for bar, value, label, bottom in zip(
                bars, one.values, one.labels, bottoms, strict=True
            ):
                if value >= top * min_label_share:
                    ax.text(
                        bar.get_x() + bar.get_width() / 2,
                        bottom + value / 2,
                        label,
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white",
                    )
        bottoms = [b + v for b, v in zip(bottoms, one.values, strict=True)]
    if totals:
        for position, total, label in zip(positions, column_totals, totals, strict=True):
            ax.text(
                position,
                total + top * 0.01,
                label,
                ha="center",
                va="bottom",
                fontsize=7.5,
                fontweight="bold",
                color=TEXT_COLOUR,
            )
    ax.set_xticks(list(positions), categories, fontsize=8)
    ax.yaxis.set_major_formatter(axis or belgian_axis())
    ax.yaxis.set_major_locator(MaxNLocator(7, steps=[1, 2, 5, 10], integer=True))
    ax.yaxis.grid(True, color=GRID_COLOUR, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylim(0, top * (1.22 if groups else 1.1))
    for label, first, last in groups or ():
        ax.text(
            (first + last) / 2,
            top * 1.16,
            label,
            ha="center",
            va="center",
            fontsize=8,
            color=TEXT_COLOUR,
        )
        if first > 0:
            ax.axvline(first - 0.5, color=GRID_COLOUR, linewidth=1, linestyle="--")
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=len(series), frameon=False, fontsize=8
    )
    return to_svg(fig, chart_id, title)


def horizontal_bars(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    axis: FuncFormatter | None = None,
    end_labels: Sequence[str] | None = None,
    width: float = 9.0,
    bar_height: float = 0.32,
    wrap: int = 60,
    label_size: float = 8,
) -> str:
    """Horizontal bars, one per category (top to bottom), stacked when several series.

    end_labels prints a label after each bar (the total or the single value).
    """
    height = max(1.6, 0.5 + bar_height * len(categories) + (0.4 if len(series) > 1 else 0))
    fig, ax = plt.subplots(figsize=(width, height))
    positions = list(range(len(categories)))[::-1]
    lefts = [0.0] * len(categories)
    colours = SERIES_COLOURS if len(series) > 1 else (SINGLE_COLOUR,)
    for colour, one in zip(colours, series, strict=False):
        ax.barh(positions, one.values, left=lefts, color=colour, label=one.label, height=0.7)
        lefts = [b + v for b, v in zip(lefts, one.values, strict=True)]
    right = max(lefts) if lefts and max(lefts) > 0 else 1.0
    if end_labels:
        for position, left, label in zip(positions, lefts, end_labels, strict=True):
            ax.text(
                left + right * 0.01, position, label, va="center", fontsize=8, color=TEXT_COLOUR
            )
    ax.set_yticks(positions, [_wrap(c, wrap) for c in categories], fontsize=label_size)
    ax.xaxis.set_major_formatter(axis or belgian_axis())
    ax.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2, 5, 10], integer=True))
    ax.xaxis.grid(True, color=GRID_COLOUR, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlim(0, right * 1.15)
    if len(series) > 1:
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12 * 4 / max(height, 1)),
            ncol=len(series),
            frameon=False,
            fontsize=8,
        )
    return to_svg(fig, chart_id, title)


def donut(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    values: Sequence[float],
    labels: Sequence[str],
    centre: str,
) -> str:
    """A ring with one wedge per category, labelled outside, the total in the centre."""
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    if sum(values) <= 0:  # nothing to share out: an empty grey ring
        values, colours = [1.0] * len(values), [GRID_COLOUR] * len(values)
    else:
        colours = list(SERIES_COLOURS[: len(values)])
    wedges, _ = ax.pie(
        values,
        colors=colours,
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white"},
    )
    ax.text(0, 0, centre, ha="center", va="center", fontsize=10, fontweight="bold")
    ax.legend(
        wedges,
        [f"{c}: {label}" for c, label in zip(categories, labels, strict=True)],
        loc="center left",
        bbox_to_anchor=(1.0, 0.5),
        frameon=False,
        fontsize=9,
    )
    ax.set_aspect("equal")
    return to_svg(fig, chart_id, title)


def columns_with_line(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    values: Sequence[float],
    line_value: float,
    line_label: str,
    axis: FuncFormatter | None = None,
    value_labels: Sequence[str] | None = None,
    tick_every: int = 1,
    width: float = 9.0,
    height: float = 3.4,
) -> str:
    """Single-series columns with a horizontal reference line (an average)."""
    fig, ax = plt.subplots(figsize=(width, height))
    positions = list(range(len(categories)))
    ax.bar(positions, values, color=SINGLE_COLOUR, width=0.7)
    ax.axhline(line_value, color=SERIES_COLOURS[1], linewidth=1.5, label=line_label)
    top = max([*values, line_value], default=0.0) or 1.0
    ax.set_ylim(0, top * 1.12)
    if value_labels:
        for position, value, label in zip(positions, values, value_labels, strict=True):
            ax.text(
                position,
                value + top * 0.01,
                label,
                ha="center",
                va="bottom",
                fontsize=7,
                color=TEXT_COLOUR,
            )
    ax.set_xticks(
        positions[::tick_every],
        list(categories)[::tick_every],
        fontsize=8,
        rotation=0 if tick_every == 1 and len(categories) < 14 else 45,
        ha="center" if tick_every == 1 and len(categories) < 14 else "right",
    )
    ax.yaxis.set_major_formatter(axis or belgian_axis())
    ax.yaxis.grid(True, color=GRID_COLOUR, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18 if tick_every == 1 else -0.3),
        frameon=False,
        fontsize=8,
    )
    return to_svg(fig, chart_id, title)


def _wrap(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)
