"""Charts drawn on the server as SVG, so they need no JavaScript and print in PDFs.

Every chart stands beside a table of the same figures (the table is the accessible version;
the chart's text alternative says so). A hidden figure is drawn as no bar, labelled with the
disclosure marker, so a chart never shows what its table hides.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display on a server
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

# GOV.UK palette colours that keep 3:1 contrast against white for graphical objects.
BAR_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"
plt.rcParams.update(
    {
        "font.family": "sans-serif",
        "font.size": 11,
        "svg.fonttype": "none",  # text stays text: selectable, scalable, smaller
        "axes.edgecolor": TEXT_COLOUR,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
    }
)


@dataclass(frozen=True)
class Chart:
    """An SVG chart and the text alternative that goes with it."""

    svg: bytes
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode()


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    display: Sequence[str],
    unit: str = "",
) -> Chart:
    """Horizontal bars, one per label; ``None`` values are hidden figures.

    >>> chart = bar_chart(
    ...     title="Staff", labels=["A", "B"], values=[12, None], display=["12", "[c]"]
    ... )
    >>> chart.svg.startswith(b"<?xml")
    True
    >>> "table below" in chart.alt
    True
    """
    height = max(1.6, 0.42 * len(labels) + 0.9)
    figure = Figure(figsize=(7.5, height), dpi=96)
    # Fixed margins sized to the longest label: tight_layout would draw the chart twice.
    longest = max((len(label) for label in labels), default=1)
    left = min(0.55, 0.04 + 0.0125 * longest)
    figure.subplots_adjust(left=left, right=0.97, top=1 - 0.45 / height, bottom=0.55 / height)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))[::-1]
    drawn = [value if value is not None else 0 for value in values]
    axes.barh(positions, drawn, color=BAR_COLOUR, height=0.65)
    peak = max((value for value in values if value is not None), default=0) or 1
    for position, value, text in zip(positions, values, display, strict=True):
        offset = (value or 0) + peak * 0.01
        axes.text(offset, position, text, va="center", ha="left", fontsize=10)
    axes.set_yticks(positions, labels=list(labels))
    axes.set_xlim(0, peak * 1.15)
    axes.set_xlabel(unit)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    hidden = sum(value is None for value in values)
    alt = f"Bar chart: {title}. The same figures are in the table below"
    alt += f"; {hidden} hidden to protect privacy." if hidden else "."
    return Chart(buffer.getvalue(), alt)


# Distinguishable by shape as well as colour (markers and dashes), for readers who do not
# tell the colours apart; each keeps 3:1 contrast against white.
LINE_STYLES = (
    ("#1d70b8", "o", "-"),
    ("#d4351c", "s", "--"),
    ("#00703c", "^", "-."),
    ("#4c2c92", "D", ":"),
    ("#6f777b", "v", "-"),
    ("#b58840", "P", "--"),
    ("#0b0c0c", "X", "-."),
)


def line_chart(
    *,
    title: str,
    x: Sequence[int],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str = "",
    zero_line: bool = False,
    x_labels: Sequence[str] | None = None,
) -> Chart:
    """Lines over ``x`` (years, say), one per named series; ``None`` values are hidden
    figures and are left out of the line. ``x_labels`` names the points of ``x`` (dates,
    say) when they are not numbers to show.

    >>> chart = line_chart(title="Gap", x=[2026, 2027], series=[("A", [1.0, None])])
    >>> chart.svg.startswith(b"<?xml"), "1 hidden" in chart.alt
    (True, True)
    """
    figure = Figure(figsize=(7.5, 4.2), dpi=96)
    figure.subplots_adjust(left=0.12, right=0.97, top=0.9, bottom=0.3)
    axes = figure.add_subplot()
    hidden = 0
    for index, (label, values) in enumerate(series):
        colour, marker, dash = LINE_STYLES[index % len(LINE_STYLES)]
        points = [(year, value) for year, value in zip(x, values, strict=True) if value is not None]
        hidden += len(values) - len(points)
        if points:
            axes.plot(
                [year for year, _ in points],
                [value for _, value in points],
                color=colour,
                marker=marker,
                linestyle=dash,
                markersize=4,
                label=label,
            )
    if zero_line:
        axes.axhline(0, color=TEXT_COLOUR, linewidth=0.8)
    axes.set_ylabel(unit)
    if x_labels is not None:
        axes.set_xticks(list(x), labels=list(x_labels))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(3, len(series)) or 1,
        frameon=False, fontsize=9,
    )  # fmt: skip
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    ends = x_labels or [str(x[0]), str(x[-1])]
    alt = f"Line chart: {title}, {ends[0]} to {ends[-1]}. The same figures are in the table below"
    alt += f"; {hidden} hidden to protect privacy." if hidden else "."
    return Chart(buffer.getvalue(), alt)
