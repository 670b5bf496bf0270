"""Server-rendered SVG charts: geometry computed here, drawn by templates (no script, no CDN).

Every chart is shown beside a data table with the same numbers, for print and screen readers.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    colour: str
    link: str = ""


def bar_chart(items, *, width=520, bar_height=26, gap=10, label_width=170, colours=None):
    """Horizontal bars. items: [(label, value, link)]. Returns (bars, chart height)."""
    top = max((value for _, value, _ in items), default=0) or 1
    span = width - label_width - 60
    bars = []
    for index, (label, value, link) in enumerate(items):
        y = index * (bar_height + gap)
        colour = (colours or {}).get(label, "#1d70b8")
        bars.append(
            Bar(label, value, label_width, y, max(span * value / top, 1 if value else 0), bar_height, colour, link)
        )
    return bars, max(len(items) * (bar_height + gap) - gap, bar_height)


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # SVG polyline points
    last_x: float
    last_y: float
    last_value: int


def line_chart(months, series, *, width=720, height=260, margin=40):
    """A line per series over months. series: [(name, colour, [values])]. Returns (lines, axis ticks, top)."""
    top = max((max(values, default=0) for _, _, values in series), default=0) or 1
    count = max(len(months) - 1, 1)
    plot_w, plot_h = width - 2 * margin, height - 2 * margin

    def xy(index, value):
        return margin + plot_w * index / count, margin + plot_h * (1 - value / top)

    lines = []
    for name, colour, values in series:
        coords = [xy(i, v) for i, v in enumerate(values)]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        last_x, last_y = coords[-1] if coords else (margin, margin + plot_h)
        lines.append(Series(name, colour, points, last_x, last_y, values[-1] if values else 0))
    step = max(len(months) // 8, 1)
    ticks = [(xy(i, 0)[0], month) for i, month in enumerate(months) if i % step == 0]
    return lines, ticks, top
