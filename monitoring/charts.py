"""Trend charts: an official's mentions per day over 30 days, as SVG drawn by matplotlib.

Readable without colour, on paper and by a reader who does not tell colours
apart: the daily count is a solid line with markers, its 7-day average a
dashed line, and each is named by a label at its end instead of a legend.
All charts share one scale, so two officials compare at a glance. Text stays
text (svg.fonttype "none"), in the page's language, and the same data give
the same bytes (no date, fixed ids).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

import matplotlib
from babel.dates import format_date
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from portal.localization.editor import _

from .digest import Trend
from .languages import SHORT_DATE

STYLE: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "bishkek-monitoring", "font.family": "DejaVu Sans",
         "font.size": 9, "axes.edgecolor": "#4b5563", "xtick.color": "#1a1f26", "ytick.color": "#1a1f26"}
INK, GREY = "#1a1f26", "#4b5563"
AVERAGE_DAYS = 7


def moving_average(counts: list[int], days: int = AVERAGE_DAYS) -> list[float]:
    """The mean of each day and the days before it (fewer at the start)."""
    return [sum(counts[max(0, n - days + 1):n + 1]) / len(counts[max(0, n - days + 1):n + 1])
            for n in range(len(counts))]


def trend_svg(trend: Trend, lang: str, top: int) -> bytes:
    """The chart of one official in `lang`; `top` is the highest daily count of all officials."""
    average = moving_average(trend.counts)
    days = range(len(trend.days))
    high = max(top, 1) * 1.2
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(6.4, 2.1))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        axes.plot(days, trend.counts, color=INK, linewidth=1.6, marker="o", markersize=3.2)
        axes.plot(days, average, color=GREY, linewidth=1.3, linestyle=(0, (5, 3)))
        labels = _apart([(trend.counts[-1], _("per day: %(count)s", count=trend.counts[-1]).text(lang)),
                         (average[-1], _("7-day average").text(lang))], high * 0.14)
        for y, text in labels:
            axes.annotate(text, (days[-1], y), xytext=(8, 0), textcoords="offset points", va="center",
                          color=INK, annotation_clip=False)
        axes.set_ylim(0, high)
        axes.set_xlim(-0.5, days[-1] + 0.5)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        ticks = list(days)[::-7][::-1]
        axes.set_xticks(ticks, [format_date(trend.days[t], SHORT_DATE[lang], locale=lang) for t in ticks])
        axes.spines[["top", "right"]].set_visible(False)
        axes.grid(axis="y", color="#d4d9e1", linewidth=0.6)
        axes.set_title(trend.entry.name(lang), loc="left", fontsize=10, fontweight="bold", color=INK)
        svg = BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return svg.getvalue()


def _apart(labels: list[tuple[float, str]], gap: float) -> list[tuple[float, str]]:
    """Two end labels moved apart vertically when they would overlap."""
    (y1, t1), (y2, t2) = sorted(labels)
    if y2 - y1 < gap:
        y1 = max(0.0, (y1 + y2 - gap) / 2)  # never below the axis
        y2 = y1 + gap
    return [(y1, t1), (y2, t2)]
