"""Server-side SVG charts for the story page (no JavaScript, nothing to download, so
they pass a strict Content-Security-Policy and render the same offline).

Each function is pure: data in, one ``<svg>`` element out (as :class:`markupsafe.Markup`,
every text escaped). The SVGs have a ``viewBox`` and ``width="100%"`` so they shrink
to a phone's width instead of widening the page. Dates are ``YYYY-MM-DD`` strings;
time runs left to right as on a printed axis, with Arabic labels. The SVG's own
direction is ltr (so coordinates read as usual) and every text is rtl (so «23 يوليو
2015» keeps its order): for a text, ``text-anchor="start"`` is its RIGHT edge.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from markupsafe import Markup, escape

from marsad.web.dates import arabic_date, short_arabic_date

__all__ = ["bar_chart", "day_histogram", "time_axis", "copy_graph", "CopyNode", "days_between"]

WIDTH = 640
#: The bar, histogram and copy-graph charts are narrower: legible when a phone shrinks them.
NARROW = 440
_FONT = 'font-family="inherit"'
_INK = "#1d2330"
_MUTED = "#5b6475"
_ACCENT = "#0b6e4f"
_LINE = "#dde2ea"


def _svg(height: int, body: list[str], label: str, css_class: str, width: int = WIDTH) -> Markup:
    return Markup(
        f'<svg class="chart {css_class}" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" direction="ltr" {_FONT}>'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(items: Sequence[tuple[str, int]], label: str, max_rows: int = 12) -> Markup:
    """Horizontal bars, one per (name, value), biggest first; the names sit at the right
    (Arabic reading start) and bars grow leftwards from them."""
    rows = sorted(items, key=lambda kv: (-kv[1], kv[0]))[:max_rows]
    if not rows:
        return Markup("")
    top = max(v for _, v in rows) or 1
    width = NARROW
    row_h, name_w = 30, 150
    bar_max = width - name_w - 50
    body = []
    for i, (name, value) in enumerate(rows):
        y = 6 + i * row_h
        w = max(2, round(bar_max * value / top))
        x = width - name_w - 10 - w
        body.append(f'<text x="{width - 4}" y="{y + 18}" text-anchor="start" direction="rtl" font-size="15" fill="{_INK}">{escape(_clip(name, 16))}</text>')
        body.append(f'<rect x="{x}" y="{y + 4}" width="{w}" height="{row_h - 10}" rx="3" fill="{_ACCENT}"><title>{escape(name)}: {value}</title></rect>')
        body.append(f'<text x="{x - 6}" y="{y + 19}" text-anchor="start" direction="rtl" font-size="14" fill="{_MUTED}">{value}</text>')
    return _svg(12 + len(rows) * row_h, body, label, "bars", width)


def days_between(first: str, last: str, cap: int = 400) -> list[str]:
    """Every day from ``first`` to ``last`` inclusive (at most ``cap``)."""
    try:
        d0, d1 = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    except ValueError:
        return []
    if d1 < d0:
        d0, d1 = d1, d0
    n = min((d1 - d0).days + 1, cap)
    return [(d0 + timedelta(days=i)).isoformat() for i in range(n)]


def day_histogram(days: Sequence[str], label: str) -> Markup:
    """Articles per day as columns on a continuous day axis (empty days shown empty)."""
    dated = sorted(d[:10] for d in days if d and len(d) >= 10)
    if not dated:
        return Markup("")
    axis = days_between(dated[0], dated[-1])
    counts = {d: 0 for d in axis}
    for d in dated:
        if d in counts:
            counts[d] += 1
    top = max(counts.values()) or 1
    width = NARROW
    left, right, height, base = 24, 24, 200, 160
    step = (width - left - right) / max(len(axis), 1)
    bar_w = max(2.0, min(48.0, step * 0.7))
    body = [f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{_LINE}"/>']
    every = max(1, len(axis) // 4)
    for i, d in enumerate(axis):
        n = counts[d]
        cx = left + step * i + step / 2
        h = round((base - 30) * n / top)
        if n:
            body.append(
                f'<rect x="{cx - bar_w / 2:.1f}" y="{base - h}" width="{bar_w:.1f}" height="{h}" fill="{_ACCENT}" rx="2">'
                f"<title>{escape(arabic_date(d))}: {n}</title></rect>"
            )
            body.append(f'<text x="{cx:.1f}" y="{base - h - 6}" text-anchor="middle" direction="rtl" font-size="13" fill="{_MUTED}">{n}</text>')
        if i % every == 0 or i == len(axis) - 1:
            body.append(f'<text x="{cx:.1f}" y="{base + 22}" text-anchor="middle" direction="rtl" font-size="13" fill="{_INK}">{escape(short_arabic_date(d))}</text>')
    return _svg(height, body, label, "histogram", width)


def time_axis(entries: Sequence[tuple[str, int, str]], label: str) -> Markup:
    """Numbered dots on a day axis: one per (date, number, tooltip); dots on one day
    stack upwards, so a reader sees when things happened and how densely."""
    dated = [(d[:10], n, t) for d, n, t in entries if d and len(d) >= 10]
    if not dated:
        return Markup("")
    first, last = min(d for d, _, _ in dated), max(d for d, _, _ in dated)
    axis = days_between(first, last)
    index = {d: i for i, d in enumerate(axis)}
    left, right = 30, 30
    span = max(len(axis) - 1, 1)
    stacks: dict[str, int] = {}
    radius, gap = 11, 25
    tallest = 0
    dots = []
    for d, n, tip in dated:
        if d not in index:
            continue
        level = stacks.get(d, 0)
        stacks[d] = level + 1
        tallest = max(tallest, level + 1)
        x = left + (WIDTH - left - right) * (index[d] / span if len(axis) > 1 else 0.5)
        dots.append((x, level, n, tip, d))
    tallest = min(tallest, 8)
    base = 20 + tallest * gap
    body = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{_MUTED}" stroke-width="2"/>']
    for x, level, n, tip, d in dots:
        if level >= tallest:
            continue
        y = base - 14 - level * gap
        body.append(
            f'<a href="#t{n}"><circle cx="{x:.1f}" cy="{y}" r="{radius}" fill="#fff" stroke="{_ACCENT}" stroke-width="2">'
            f"<title>{escape(arabic_date(d))} — {escape(_clip(tip, 120))}</title></circle>"
            f'<text x="{x:.1f}" y="{y + 5}" text-anchor="middle" direction="rtl" font-size="12" fill="{_INK}">{n}</text></a>'
        )
    ticks = {axis[0], axis[-1]} | {axis[i] for i in range(0, len(axis), max(1, len(axis) // 5))}
    for d in sorted(ticks):
        x = left + (WIDTH - left - right) * (index[d] / span if len(axis) > 1 else 0.5)
        body.append(f'<line x1="{x:.1f}" y1="{base - 4}" x2="{x:.1f}" y2="{base + 4}" stroke="{_MUTED}"/>')
        body.append(f'<text x="{x:.1f}" y="{base + 22}" text-anchor="middle" direction="rtl" font-size="13" fill="{_INK}">{escape(short_arabic_date(d))}</text>')
    return _svg(base + 32, body, label, "timeaxis")


@dataclass(frozen=True, slots=True)
class CopyNode:
    """One article in a copy graph: where it links, its outlet name, its date, and
    (for a re-publication) how much of it came from the group."""

    href: str
    name: str
    day: str | None
    share: float | None = None


def copy_graph(original: CopyNode, copies: Sequence[CopyNode], reason: str, label: str, max_copies: int = 16) -> Markup:
    """The likely original on the right (where Arabic reading starts: named, dated,
    with why it is the original) and an arrow from it to each re-publication, listed
    in a column on the left with its date and the share of it that was reused."""
    shown = list(copies)[:max_copies]
    width = NARROW
    row_h, node_h = 46, 38
    height = max(len(shown) * row_h + 12, 100) + (26 if len(copies) > len(shown) else 0)
    col_h = len(shown) * row_h
    ox0, ox1 = width - 170, width - 6  # the original's box
    oy = 6 + max(col_h, 90) / 2
    cx0, cx1 = 6, 190  # the copies' column
    body = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{_ACCENT}"/></marker></defs>'
    ]
    for i, node in enumerate(shown):
        y = 6 + i * row_h
        body.append(
            f'<line x1="{ox0}" y1="{oy:.1f}" x2="{cx1 + 2}" y2="{y + node_h / 2:.1f}" stroke="{_ACCENT}" stroke-width="1.5" marker-end="url(#arrow)"/>'
        )
        share = f"{round(node.share * 100)}٪" if node.share is not None else ""
        body.append(
            f'<a href="{escape(node.href)}"><rect x="{cx0}" y="{y}" width="{cx1 - cx0}" height="{node_h}" rx="6" fill="#fff" stroke="{_LINE}" stroke-width="1.5"/>'
            f'<text x="{cx1 - 10}" y="{y + 25}" text-anchor="start" direction="rtl" font-size="16" fill="{_INK}">{escape(_clip(node.name, 12))}</text>'
            f'<text x="{cx0 + 10}" y="{y + 25}" text-anchor="end" direction="rtl" font-size="12" fill="{_MUTED}">{escape(short_arabic_date(node.day) if node.day else "")} {escape(share)}</text></a>'
        )
    body.append(
        f'<a href="{escape(original.href)}"><rect x="{ox0}" y="{oy - 42:.1f}" width="{ox1 - ox0}" height="84" rx="8" fill="#e9f5f0" stroke="{_ACCENT}" stroke-width="2"/>'
        f'<text x="{(ox0 + ox1) / 2}" y="{oy - 14:.1f}" text-anchor="middle" direction="rtl" font-size="18" font-weight="bold" fill="{_INK}">{escape(_clip(original.name, 14))}</text>'
        f'<text x="{(ox0 + ox1) / 2}" y="{oy + 10:.1f}" text-anchor="middle" direction="rtl" font-size="14" fill="{_MUTED}">{escape(arabic_date(original.day) if original.day else "بلا تاريخ")}</text>'
        f'<text x="{(ox0 + ox1) / 2}" y="{oy + 32:.1f}" text-anchor="middle" direction="rtl" font-size="13" fill="{_MUTED}">{escape(_clip(reason, 20))}</text></a>'
    )
    if len(copies) > len(shown):
        body.append(f'<text x="{(cx0 + cx1) / 2}" y="{height - 8}" text-anchor="middle" direction="rtl" font-size="14" fill="{_MUTED}">و{len(copies) - len(shown)} أخرى</text>')
    return _svg(int(height), body, label, "copygraph", width)
