"""Bar charts in PDF documents: bars over labels, with a value axis whose labels read exactly the
values of the gridlines they stand at (a 2.5 step reads 2.5, 5.0, 7.5, never 2 and 8)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.documents.pdf import Bars, Layout

MM = 300 / 25.4  # the layout's grid (pdf.RESOLUTION dots per inch)
NICE_MULTIPLES = ("1", "2", "2.5", "5", "10")


def nice_step(raw: float) -> Decimal:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at least `raw`, as an exact decimal."""
    if raw <= 0:
        return Decimal(1)
    magnitude = Decimal(1).scaleb(math.floor(math.log10(raw)))
    for m in NICE_MULTIPLES:
        step = Decimal(m) * magnitude
        if raw <= step:
            return step
    return Decimal(10) * magnitude


def axis_ticks(vmax: float, count: int = 4) -> list[Decimal]:
    """Gridline values from 0 up to the first step at or above vmax, about `count` steps."""
    if vmax <= 0:
        return [Decimal(n) for n in range(count + 1)]
    step = nice_step(vmax / count)
    n = max(1, math.ceil(Decimal(repr(vmax)) / step))
    return [step * k for k in range(n + 1)]


def tick_labels(ticks: list[Decimal]) -> list[str]:
    """Labels for gridline values, all with the decimals the step needs and no more."""
    places = max((max(0, -t.normalize().as_tuple().exponent) for t in ticks), default=0)
    return [f"{t:,.{places}f}" for t in ticks]


def place_bars(layout: Layout, block: Bars) -> None:
    """Lay out a bar chart block at the layout's current position."""
    f = layout.fonts
    h = block.height_mm * MM
    layout.need(h + f.line("heading"))
    top = layout.y
    values = [max(0.0, float(v)) for v in block.values]
    ticks = axis_ticks(max(values, default=0.0))
    labels = tick_labels(ticks)
    axis_max = float(ticks[-1])
    label_w = max(f.width("small", text) for text in labels)
    x0 = layout.left + label_w + 2 * MM
    x1 = layout.right
    y1 = top + h - f.line("small") - 2 * MM
    y0 = top + 2 * MM
    last = len(ticks) - 1
    for t, text in enumerate(labels):
        y = y1 - (y1 - y0) * t / last
        layout.ops.append(("l", x0, y, x1, y, layout.thin, 0 if t == 0 else 200))
        layout.text("small", x0 - 1.5 * MM - f.width("small", text), y - f.line("small") / 2, text)
    n = max(1, len(values))
    slot = (x1 - x0) / n
    bar_w = max(slot * 0.7, 0.3 * MM)
    for i, v in enumerate(values):
        if v <= 0:
            continue
        bh = (y1 - y0) * v / axis_max
        layout.ops.append(("f", x0 + i * slot + (slot - bar_w) / 2, y1 - bh, bar_w, bh, 90))
    # Labels: as many as fit without touching, evenly spaced.
    widest = max((f.width("small", lab) for lab in block.labels), default=0.0) + 2 * MM
    every = max(1, math.ceil(widest / slot))
    for i, lab in enumerate(block.labels):
        if i % every:
            continue
        cx = x0 + i * slot + slot / 2 - f.width("small", lab) / 2
        cx = min(max(cx, x0), x1 - f.width("small", lab))
        layout.text("small", cx, y1 + 1 * MM, lab)
    layout.y = top + h + 3 * MM
