"""A ledger table for PDFs: a table whose numbers carry over page breaks.

At the foot of every page that continues, a 本页小计 row (the page's sums) and a 过次页 row (the sums
so far, and the running balance); at the head of the next page, under the repeated column titles, a
承上页 row with the same figures. On the last page of a ledger that broke, a 本页小计 row comes before
the total too, so every page accounts for its own lines (a one-page ledger has only its total). The sums are exact integers, formatted only when drawn. The last
plain row and the rows after it (subtotals, the total) never start a page alone, and a block that
must follow the ledger on the same page (`kept_height`) is kept with them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.documents.pdf import MM, Col

SUM, LAST = "sum", "last"


@dataclass(frozen=True)
class Ledger:
    """Rows of text cells with, per row, the integers behind the carried columns.

    carry[c] is SUM (added up over plain rows), LAST (the value of the last row, e.g. a running
    balance) or '' (not carried); fmt[c] formats a carried integer. values[r][c] is None where a row
    has nothing to add (subtotal and total rows are never added up). styles as in pdf.Table.
    labels: (page subtotal, carried to next page, brought from previous page).
    """

    columns: Sequence[Col]
    rows: Sequence[Sequence[str]]
    values: Sequence[Sequence[int | None]]
    carry: Sequence[str]
    fmt: Sequence[Callable[[int], str] | None]
    labels: tuple[str, str, str]
    styles: Sequence[str] = ()
    size: float = 7.0
    label_column: int = 0

    def place_on(self, layout, nxt) -> None:
        _LedgerLayout(layout, self, layout.kept_height(nxt)).run()


class _LedgerLayout:
    def __init__(self, layout, block: Ledger, keep_after: float):
        self.lay = layout
        self.b = block
        self.keep_after = keep_after
        f = layout.fonts
        layout.fonts.add(layout.device, layout.family, "lcell", block.size)
        layout.fonts.add(layout.device, layout.family, "lcellb", block.size, True)
        self.pad = 1.0 * MM
        self.line_h = f.line("lcell")
        self.styles = list(block.styles) + [""] * (len(block.rows) - len(block.styles))
        self.widths = self._widths()
        self.xs = [layout.left]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.header = [
            f.wrap("lcellb", col.title, self.widths[c] - 2 * self.pad) for c, col in enumerate(block.columns)
        ]
        self.header_h = max(len(h) for h in self.header) * self.line_h + 2 * self.pad
        self.carry_h = self.line_h + 2 * self.pad

    def _widths(self) -> list[float]:
        f, b, pad = self.lay.fonts, self.b, self.pad
        natural = [0.0] * len(b.columns)
        for r, row in enumerate(b.rows):
            key = "lcellb" if self.styles[r] else "lcell"
            for c, cell in enumerate(row):
                natural[c] = max(natural[c], f.width(key, cell))
        mins = []
        for c, col in enumerate(b.columns):
            title_w = f.width("lcellb", col.title)
            parts = col.title.split()
            word = max((f.width("lcellb", p) for p in parts), default=0.0)
            head_min = max(word if len(parts) > 1 else title_w / 2, 6 * MM)
            natural[c] = max(natural[c], min(title_w, head_min * 2))
            mins.append(max(head_min + 2 * pad, 8 * MM))
        return self.lay._fit([w + 2 * pad for w in natural], mins, b.columns)

    # -- drawing
    def header_row(self) -> None:
        lay, xs = self.lay, self.xs
        lay.ops.append(("f", lay.left, lay.y, xs[-1] - lay.left, self.header_h, 225))
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))
        n = max(len(h) for h in self.header)
        for c, col in enumerate(self.b.columns):
            offset = (n - len(self.header[c])) * self.line_h / 2
            for k, text in enumerate(self.header[c]):
                y = lay.y + self.pad + offset + k * self.line_h
                lay._cell("lcellb", text, xs[c], self.widths[c], self.pad, y, col.align)
        lay.y += self.header_h
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))

    def measure(self, r: int) -> tuple[list, float]:
        f = self.lay.fonts
        key = "lcellb" if self.styles[r] else "lcell"
        cells: list = []
        n = 1
        for c, cell in enumerate(self.b.rows[r]):
            if f.width(key, cell) > self.widths[c] - 2 * self.pad:
                lines = f.wrap(key, cell, self.widths[c] - 2 * self.pad)
                n = max(n, len(lines))
                cells.append(lines)
            else:
                cells.append(cell)
        return cells, n * self.line_h + 2 * self.pad

    def row(self, cells: Sequence, h: float, style: str) -> None:
        lay, xs = self.lay, self.xs
        key = "lcellb" if style else "lcell"
        if style == "total":
            lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.rule, 0))
        elif style in ("sub", "carry"):
            lay.ops.append(("f", lay.left, lay.y, xs[-1] - lay.left, h, 243))
        for c, cell in enumerate(cells):
            align = self.b.columns[c].align
            for k, text in enumerate([cell] if isinstance(cell, str) else cell):
                lay._cell(
                    key, text, xs[c], self.widths[c], self.pad, lay.y + self.pad + k * self.line_h, align
                )
        lay.y += h
        lay.ops.append(("l", lay.left, lay.y, xs[-1], lay.y, lay.thin, 160 if not style else 0))

    def carry_row(self, label: str, figures: list[int | None]) -> None:
        b = self.b
        cells = [""] * len(b.columns)
        cells[b.label_column] = label
        for c, value in enumerate(figures):
            if value is not None and b.fmt[c] is not None:
                cells[c] = b.fmt[c](value)
        self.row(cells, self.carry_h, "carry")

    # -- the pass
    def run(self) -> None:
        lay, b = self.lay, self.b
        n = len(b.rows)
        carried = [c for c, mode in enumerate(b.carry) if mode]
        total: list[int | None] = [0 if b.carry[c] == SUM else None for c in range(len(b.columns))]
        page: list[int | None] = list(total)
        tail = next((r for r in range(n - 1, -1, -1) if not self.styles[r]), 0)
        # the last page's 本页小计 goes before the first total row after the last plain row
        foot = next((r for r in range(tail + 1, n) if self.styles[r] == "total"), n)
        reserve = 2 * self.carry_h  # room kept at the foot of a page for 本页小计 and 过次页
        lay.need(self.header_h + self.line_h + 2 * self.pad + reserve)
        self.header_row()
        page_rows = 0
        broke = False
        for r in range(n):
            cells, h = self.measure(r)
            if r == tail:
                need = sum(self.measure(k)[1] for k in range(r, n)) + self.keep_after
                need += self.carry_h if broke else 0  # the last page's 本页小计
            elif r > tail:
                need = 0.0  # room was made for these with the last plain row
                if r == foot and broke:
                    self.carry_row(b.labels[0], self._page_sums(page))
            else:
                need = h + reserve
            if page_rows and lay.y + need > lay.bottom:
                self.carry_row(b.labels[0], self._page_sums(page))
                self.carry_row(b.labels[1], total)
                lay.new_page()
                self.header_row()
                self.carry_row(b.labels[2], total)
                page = [0 if b.carry[c] == SUM else None for c in range(len(b.columns))]
                page_rows = 0
                broke = True
            self.row(cells, h, self.styles[r])
            page_rows += 1
            values = b.values[r] if r < len(b.values) else ()
            for c in carried:
                value = values[c] if c < len(values) else None
                if value is None:
                    continue
                if b.carry[c] == SUM:
                    if not self.styles[r]:
                        total[c] = (total[c] or 0) + value
                        page[c] = (page[c] or 0) + value
                else:
                    total[c] = value
                    page[c] = value
        if foot == n and broke:
            self.carry_row(b.labels[0], self._page_sums(page))
        lay.y += 3 * MM

    def _page_sums(self, page: list[int | None]) -> list[int | None]:
        return [page[c] if self.b.carry[c] == SUM else None for c in range(len(self.b.columns))]
