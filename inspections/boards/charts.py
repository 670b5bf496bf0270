"""Server-rendered SVG charts: geometry computed here, drawn by templates (no script, no CDN).

Every chart is shown beside a data table with the same numbers, for print and screen readers, and
with a sentence that says what it shows (WCAG 1.1.1). Lines differ in dash as well as colour, so that
no series is told apart by colour alone (1.4.1).
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


def bar_summary(items, *, noun="finding"):
    """A sentence with every bar of the chart, largest first: "52 findings: 40 in progress, 12 closed."."""
    total = sum(value for _, value, _ in items)
    shown = sorted(((value, label) for label, value, _ in items if value), key=lambda pair: -pair[0])
    if not shown:
        return f"No {noun}s."
    parts = ", ".join(f"{value} {label.lower() if label[1:].islower() else label}" for value, label in shown)
    return f"{total} {noun}{'' if total == 1 else 's'}: {parts}."


# Stroke patterns for the lines of a line chart, in order: solid, dashed, dotted.
LINE_DASHES = ("none", "9 5", "2 4")


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # SVG polyline points
    last_x: float
    last_y: float
    last_value: int
    dash: str = "none"  # SVG stroke-dasharray


def line_chart(months, series, *, width=720, height=260, margin=40):
    """A line per series over months. series: [(name, colour, [values])]. Returns (lines, axis ticks, top)."""
    top = max((max(values, default=0) for _, _, values in series), default=0) or 1
    count = max(len(months) - 1, 1)
    plot_w, plot_h = width - 2 * margin, height - 2 * margin

    def xy(index, value):
        return margin + plot_w * index / count, margin + plot_h * (1 - value / top)

    lines = []
    for index, (name, colour, values) in enumerate(series):
        coords = [xy(i, v) for i, v in enumerate(values)]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        last_x, last_y = coords[-1] if coords else (margin, margin + plot_h)
        dash = LINE_DASHES[index % len(LINE_DASHES)]
        lines.append(Series(name, colour, points, last_x, last_y, values[-1] if values else 0, dash))
    step = max(len(months) // 8, 1)
    ticks = [(xy(i, 0)[0], month) for i, month in enumerate(months) if i % step == 0]
    return lines, ticks, top


def trend_summary(trend):
    """What the month-by-month chart shows, in a sentence or two."""
    if not trend:
        return "No months to show yet."
    first, last = trend[0], trend[-1]
    span = f"from {first['month']:%B %Y} to {last['month']:%B %Y}"
    closed = sum(row["closed"] for row in trend)
    peak = max(trend, key=lambda row: row["overdue"])
    sentence = (
        f"{span[0].upper()}{span[1:]}, open findings went from {first['open']} to {last['open']} and overdue "
        f"findings from {first['overdue']} to {last['overdue']}; {closed} finding{'' if closed == 1 else 's'} "
        f"closed."
    )
    if peak["overdue"] > max(first["overdue"], last["overdue"]):
        sentence += f" Overdue findings peaked at {peak['overdue']} in {peak['month']:%B %Y}."
    return sentence
