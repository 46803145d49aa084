"""Tables for PDFs: column widths fitted to the page, titles repeated on every page, a total row
never alone at the head of a page, and a heading or titles never alone at the foot of one."""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.pdf import MM, PROGRESS_SCALE, Table


@dataclass(frozen=True)
class TablePlan:
    """A table as it will be laid out: column widths, wrapped titles, heights, row styles."""

    block: Table
    widths: list[float]
    header: list[list[str]]
    header_h: float
    line_h: float
    pad: float
    styles: list[str]


def plan_of(lay, block: Table) -> TablePlan:
    """Column widths, wrapped titles and row styles of a table, before anything is drawn (made
    once per table: a heading asks for it before the table is placed)."""
    plan = lay.plans.get(id(block))
    if plan is None or plan.block is not block:
        plan = lay.plans[id(block)] = _make_plan(lay, block)
    return plan


def _make_plan(lay, block: Table) -> TablePlan:
    f = lay.fonts
    if abs(block.size - 8.0) > 1e-6:
        lay.fonts.add(lay.device, lay.family, "cell", block.size)
        lay.fonts.add(lay.device, lay.family, "cellb", block.size, True)
    pad = 1.2 * MM
    ncols = len(block.columns)
    styles = list(block.styles) + [""] * (len(block.rows) - len(block.styles))
    natural = [0.0] * ncols
    head_min = [0.0] * ncols
    total_rows = len(block.rows)
    for r, row in enumerate(block.rows):
        key = "cellb" if styles[r] else "cell"
        for c, cell in enumerate(row):
            w = f.width(key, cell)
            if w > natural[c]:
                natural[c] = w
        if lay.progress and r % 2000 == 0:
            lay.progress(200 * r // max(total_rows, 1), PROGRESS_SCALE)
    for c, col in enumerate(block.columns):
        title_w = f.width("cellb", col.title)
        # A title may wrap onto two lines: at least its longest word, or half of it for CJK.
        parts = col.title.split()
        word = max((f.width("cellb", p) for p in parts), default=0.0)
        head_min[c] = max(word if len(parts) > 1 else title_w / 2, 6 * MM)
        natural[c] = max(natural[c], min(title_w, head_min[c] * 2))
    widths = [w + 2 * pad for w in natural]
    mins = [max(h + 2 * pad, 8 * MM) for h in head_min]
    widths = lay._fit(widths, mins, block.columns)
    header = [f.wrap("cellb", col.title, widths[c] - 2 * pad) for c, col in enumerate(block.columns)]
    line_h = f.line("cell")
    header_h = max(len(h) for h in header) * line_h + 2 * pad
    return TablePlan(block, widths, header, header_h, line_h, pad, styles)


def measure_row(lay, plan: TablePlan, block: Table, r: int) -> tuple[list, float]:
    f = lay.fonts
    key = "cellb" if plan.styles[r] else "cell"
    cells: list = []
    n_lines = 1
    for c, cell in enumerate(block.rows[r]):
        if f.width(key, cell) > plan.widths[c] - 2 * plan.pad:
            lines = f.wrap(key, cell, plan.widths[c] - 2 * plan.pad)
            n_lines = max(n_lines, len(lines))
            cells.append(lines)
        else:
            cells.append(cell)
    return cells, n_lines * plan.line_h + 2 * plan.pad


def tail_of(block: Table, styles: list[str], keep_after: float) -> int:
    """The first row of the table's end that stays together: a total row never starts a page
    alone (the last plain row goes with it), nor does what must follow the table (keep_after)."""
    if styles[-1:] == ["total"] or keep_after:
        return next((r for r in range(len(block.rows) - 1, -1, -1) if not styles[r]), 0)
    return len(block.rows)


def start_height(lay, block: Table, keep_after: float = 0.0) -> float:
    """The height the table needs on the page it starts on: its titles and its first row, or,
    when the first row is also the start of its end that stays together, that whole end."""
    plan = plan_of(lay, block)
    tail = tail_of(block, plan.styles, keep_after)
    if not block.rows:
        return plan.header_h
    if tail == 0:
        rows = sum(measure_row(lay, plan, block, k)[1] for k in range(len(block.rows))) + keep_after
    else:
        rows = measure_row(lay, plan, block, 0)[1]
    return plan.header_h + rows


def place_table(lay, block: Table, keep_after: float = 0.0) -> None:
    plan = plan_of(lay, block)
    widths, header, header_h = plan.widths, plan.header, plan.header_h
    line_h, pad, styles = plan.line_h, plan.pad, plan.styles
    total_rows = len(block.rows)
    xs = [lay.left]
    for w in widths:
        xs.append(xs[-1] + w)

    def draw_header() -> None:
        lay.ops.append(("f", lay.left, lay.y, xs[-1] - lay.left, header_h, 225))
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))
        lines_n = max(len(h) for h in header)
        for c, col in enumerate(block.columns):
            lines = header[c]
            offset = (lines_n - len(lines)) * line_h / 2
            for n, line in enumerate(lines):
                lay._cell("cellb", line, xs[c], widths[c], pad, lay.y + pad + offset + n * line_h, col.align)
        lay.y += header_h
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))

    tail = tail_of(block, styles, keep_after)
    # The titles never stay at the foot of a page without the row (or the end) that follows them.
    lay.need(start_height(lay, block, keep_after) if block.rows else header_h + line_h + 2 * pad)
    draw_header()
    for r in range(len(block.rows)):
        style = styles[r]
        key = "cellb" if style else "cell"
        cells, h = measure_row(lay, plan, block, r)
        need = h
        if r == tail:
            need = sum(measure_row(lay, plan, block, k)[1] for k in range(r, len(block.rows))) + keep_after
        if lay.y + need > lay.bottom and lay.y > lay.top + header_h:
            lay.new_page()
            draw_header()
        if style == "total":
            lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))
        elif style == "sub":
            lay.ops.append(("f", lay.left, lay.y, xs[-1] - lay.left, h, 243))
        for c, cell in enumerate(cells):
            align = block.columns[c].align
            if isinstance(cell, str):
                lay._cell(key, cell, xs[c], widths[c], pad, lay.y + pad, align)
            else:
                for n, line in enumerate(cell):
                    lay._cell(key, line, xs[c], widths[c], pad, lay.y + pad + n * line_h, align)
        lay.y += h
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.thin, 160 if not style else 0))
        if lay.progress and r % 500 == 0:
            lay.progress(200 + 400 * r // max(total_rows, 1), PROGRESS_SCALE)
    lay.y += 3 * MM
