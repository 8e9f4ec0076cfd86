"""The dashboard's charts: SVG drawn on the server by pygal (pinned in pyproject.toml), with no script. Each
chart is shown as an image (a data: URL, which the Content Security Policy allows and which keeps the chart's
own styles inside it) beside a table of the same figures for screen readers, so the same charts print in the
board PDF."""

import base64
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pygal
from pygal.style import Style

# GOV.UK colours, with text dark enough to read.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#0b0c0c",
    foreground_strong="#0b0c0c",
    foreground_subtle="#505a5f",
    font_family="Arial, sans-serif",
    colors=("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c"),
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    value_font_size=12,
)


@dataclass(frozen=True)
class Chart:
    title: str
    src: str  # a data: URL of the SVG
    alt: str


def _config(**extra):
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 760,
        "height": 340,
        "legend_at_bottom": True,
        "print_values": False,
        "value_formatter": lambda v: f"£{v:,.0f}" if v is not None else "",
        **extra,
    }


# Drawing a chart costs pygal tens of milliseconds; the same figures draw the same SVG, so each process keeps
# the latest charts drawn, keyed by everything that goes into them (the title names the chart's kind and style).
_DRAWN = OrderedDict()
_DRAWN_MAX = 256
_DRAWN_LOCK = threading.Lock()


def _chart(chart, title, alt):
    key = (type(chart).__name__, title, repr(chart.x_labels), repr(chart.raw_series))
    with _DRAWN_LOCK:
        src = _DRAWN.get(key)
        if src is not None:
            _DRAWN.move_to_end(key)
    if src is None:
        svg = chart.render(is_unicode=True)
        src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        with _DRAWN_LOCK:
            _DRAWN[key] = src
            while len(_DRAWN) > _DRAWN_MAX:
                _DRAWN.popitem(last=False)
    return Chart(title, src, alt)


def _pounds(value):
    return float(value) if value is not None else None


def money_by_council(councils):
    """Revenue and one-off side by side for each council (never added together)."""
    title = "Revenue budget and one-off provisions by council"
    chart = pygal.Bar(**_config(title=title))
    chart.x_labels = [c["council"].code for c in councils]
    chart.add("Revenue budget", [_pounds(c["revenue_budget"]) for c in councils])
    chart.add("One-off current budget", [_pounds(c["one_off_budget"]) for c in councils])
    chart.add("One-off forecast", [_pounds(c["one_off_forecast"]) for c in councils])
    return _chart(chart, title, f"{title}: bar chart. The figures are in the table that follows.")


def monthly_trend(trend):
    title = "Revenue spend and forecast out-turn by month"
    chart = pygal.Line(**_config(title=title))
    rows = trend["rows"]
    chart.x_labels = [r["name"] for r in rows]
    chart.add("Actual spend to date", [_pounds(r["cumulative"]) for r in rows])
    chart.add("Forecast out-turn", [_pounds(r["forecast"]) for r in rows], allow_interruptions=True)
    chart.add(
        "Budget", [_pounds(trend["budget"])] * len(rows), show_dots=False, stroke_style={"dasharray": "6"}
    )
    return _chart(chart, title, f"{title}: line chart. The figures are in the table that follows.")


def savings(rows):
    title = "Savings delivered against target by council"
    chart = pygal.Bar(**_config(title=title))
    chart.x_labels = [r["council"].code for r in rows]
    chart.add("Target", [_pounds(r["target"]) for r in rows])
    chart.add("Delivered", [_pounds(r["delivered"]) for r in rows])
    return _chart(chart, title, f"{title}: bar chart. The figures are in the table that follows.")


def establishment(people):
    title = "The establishment by status (FTE)"
    chart = pygal.HorizontalStackedBar(
        **_config(title=title, height=220, value_formatter=lambda v: f"{v:,.1f} FTE" if v is not None else "")
    )
    chart.x_labels = ["FTE"]
    chart.add("Filled or seconded in", [float(people["filled_fte"])])
    chart.add("Covered by agency", [float(people["agency_fte"])])
    chart.add("Vacant", [float(people["vacant_fte"])])
    return _chart(chart, title, f"{title}: stacked bar. The figures are in the table that follows.")


def charts_for(d):
    return {
        "money": money_by_council(d.money["seed"]["by_council"]),
        "trend": monthly_trend(d.money["trend"]),
        "savings": savings(d.money["savings"]["rows"]),
        "establishment": establishment(d.people),
    }
