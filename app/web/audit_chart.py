"""Trend chart of a unit's score across runs, drawn server-side as inline SVG (no JavaScript)."""
import math

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 190
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 22, 28
GRID, MUTED, LINE, OK, BAD = "#d9dee5", "#5b6573", "#0b4f8a", "#2b7a3d", "#a4161a"


def _floor(scores) -> float:
    """The bottom of the y axis: a little under the lowest score, so small changes show."""
    return max(0.0, math.floor(min(float(s) for s in scores) * 100 - 1) / 100)


def _percent(value: float) -> str:
    text = f"{value * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def trend_svg(points) -> Markup:
    """points: [(label, score 0–1, blockers)] oldest first → an accessible SVG line chart."""
    if not points:
        return Markup("")
    low = _floor(s for _, s, _ in points)

    def y(score) -> float:
        return TOP + (1 - (float(score) - low) / (1 - low or 1)) * (HEIGHT - TOP - BOTTOM)

    span = WIDTH - LEFT - RIGHT
    xs = [LEFT + (i * span / (len(points) - 1) if len(points) > 1 else span / 2)
          for i in range(len(points))]
    parts = [f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-labelledby="trend-title" '
             'xmlns="http://www.w3.org/2000/svg">',
             '<title id="trend-title">Điểm kiểm soát và số lỗi chặn qua các lần</title>']
    for level in (low, (low + 1) / 2, 1.0):
        parts.append(f'<line x1="{LEFT}" y1="{y(level):.1f}" x2="{WIDTH - RIGHT}" '
                     f'y2="{y(level):.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(level) + 4:.1f}" text-anchor="end" '
                     f'font-size="11" fill="{MUTED}">{_percent(level)}</text>')
    line = " ".join(f"{x:.1f},{y(score):.1f}" for x, (_, score, _) in zip(xs, points))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for x, (label, score, blockers) in zip(xs, points):
        colour = OK if blockers == 0 else BAD
        tip = escape(f"{label}: {float(score) * 100:.2f}% — {blockers} lỗi chặn")
        parts.append(f'<circle cx="{x:.1f}" cy="{y(score):.1f}" r="4" fill="{colour}">'
                     f"<title>{tip}</title></circle>")
        if len(points) <= 24:
            parts.append(f'<text x="{x:.1f}" y="{y(score) - 8:.1f}" text-anchor="middle" '
                         f'font-size="10" fill="{colour}">{blockers}</text>')
    ends = [(xs[0], "start", points[0])] + ([(xs[-1], "end", points[-1])] if len(points) > 1
                                            else [])
    for x, anchor, (label, _, _) in ends:
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}" '
                     f'font-size="11" fill="{MUTED}">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
