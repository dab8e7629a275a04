"""The saturation chart drawn without a plotting library: as text and as inline SVG.

Both show the new concerns each session turned up, in the order sessions were
held, and the running total; a long campaign is shown in buckets of
consecutive sessions (each bar the sum of its bucket), so the picture keeps
its width whatever the number of sessions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

BLOCKS = " ▁▂▃▄▅▆▇█"
"""Eighths of a character cell, from empty to full."""


def buckets(values: Sequence[int], width: int) -> tuple[list[int], int]:
    """``values`` summed in runs of consecutive items so that at most ``width`` remain.

    Returns the sums and how many values each run holds (the last may hold fewer).
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    size = max(1, math.ceil(len(values) / width))
    return [sum(values[i : i + size]) for i in range(0, len(values), size)], size


def sparkline(values: Sequence[int], width: int = 60) -> str:
    """One line of block characters, one per bucket, the highest bucket full."""
    sums, _ = buckets(values, width)
    top = max(sums, default=0)
    if top == 0:
        return "▁" * len(sums)
    return "".join(BLOCKS[max(1, round(v / top * 8))] if v else "▁" for v in sums)


def text_chart(values: Sequence[int], first: str, last: str, width: int = 60, rows: int = 5) -> str:
    """A column chart ``rows`` lines tall, an axis, and the first and last day under it."""
    sums, size = buckets(values, width)
    top = max(sums, default=0)
    lines: list[str] = []
    label_width = len(str(top))
    for row in range(rows, 0, -1):
        cells = []
        for value in sums:
            eighths = round(value / top * rows * 8) if top else 0
            filled = min(8, max(0, eighths - (row - 1) * 8))
            cells.append(BLOCKS[filled])
        label = str(top) if row == rows else ""
        lines.append(f"{label:>{label_width}} │{''.join(cells)}".rstrip())
    lines.append(f"{'0':>{label_width}} └{'─' * len(sums)}")
    axis = first.ljust(max(len(sums) - len(last), len(first) + 1)) + last
    lines.append(" " * (label_width + 2) + axis)
    unit = "1 session" if size == 1 else f"{size} sessions"
    lines.append(f"(each column: {unit})")
    return "\n".join(lines)


def running_totals(values: Sequence[int]) -> list[int]:
    """The total after each value."""
    total, out = 0, []
    for value in values:
        total += value
        out.append(total)
    return out


def svg_chart(
    values: Sequence[int], first: str, last: str, *, width: int = 640, height: int = 220
) -> str:
    """An inline SVG: bars of new concerns per session (or bucket), the running total as a line."""
    bars, size = buckets(values, 120)
    totals = running_totals(values)
    left, right, top, bottom = 40, 48, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    bar_top = max(bars, default=0) or 1
    total_top = totals[-1] if totals and totals[-1] else 1
    step = plot_w / max(1, len(bars))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="New concerns per session, and the running total">',
        "<title>New concerns per session, and the running total</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#555" />',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#555" />',
    ]
    for index, value in enumerate(bars):
        bar_h = value / bar_top * plot_h
        x = left + index * step
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{top + plot_h - bar_h:.1f}" '
            f'width="{max(step * 0.8, 0.5):.1f}" height="{bar_h:.1f}" fill="#4a7fb5">'
            f"<title>{value} new</title></rect>"
        )
    if totals:
        points = []
        for index in range(len(bars)):
            end = min(len(totals), (index + 1) * size) - 1
            x = left + (index + 0.5) * step
            y = top + plot_h - totals[end] / total_top * plot_h
            points.append(f"{x:.1f},{y:.1f}")
        parts.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="#c0392b" '
            'stroke-width="2" />'
        )
    text = 'font-family="sans-serif" font-size="11"'
    parts += [
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" {text}>{bar_top}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" {text}>0</text>',
        f'<text x="{left + plot_w + 4}" y="{top + 8}" {text} fill="#c0392b">'
        f"{totals[-1] if totals else 0}</text>",
        f'<text x="{left}" y="{height - 18}" {text}>{escape(first)}</text>',
        f'<text x="{left + plot_w}" y="{height - 18}" text-anchor="end" {text}>'
        f"{escape(last)}</text>",
        f'<text x="{left}" y="{height - 4}" {text} fill="#555">Bars: new concerns per '
        f"{'session' if size == 1 else f'{size} sessions'} (left scale). "
        "Line: concerns heard so far (right scale).</text>",
        "</svg>",
    ]
    return "\n".join(parts)
