"""PDF layout on QPdfWriter with QPainter: A4 pages, the bundled CJK font embedded, page numbers, table
headers repeated on every page, clean in black and white.

A document is a list of blocks (title, info grid, headings, tables, bar charts, paragraphs,
signature lines). Layout runs first and produces drawing operations per page, so the page count is
known when the footers ("第 1 页 / 共 9 页") are drawn. Long tables report progress and can be
cancelled; the file appears under its name only when complete.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from app.documents.pdf_chart import place_bars
from app.documents.pdf_fonts import (
    NO_LINE_START,
    Fonts,
    ensure_gui_application,
    extractable,
    font_family,
    no_locl,
)
from db import version
from db.documents.exporting import replacing

# Re-exported: the certificate layout and the preview import these from here.
__all__ = [
    "NO_LINE_START",
    "Fonts",
    "ensure_gui_application",
    "extractable",
    "font_family",
    "no_locl",
    "replacing",
]

Align = Literal["left", "right", "center"]
Progress = Callable[[int, int], None]

RESOLUTION = 300  # dots per inch of the layout; text and rules are vector, so this is only the grid
MM = RESOLUTION / 25.4
PROGRESS_SCALE = 1000  # progress is reported in thousandths of the whole job


# ------------------------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    text: str
    subtitle: str = ""


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Info:
    """Label–value pairs in a grid of `columns` columns."""

    pairs: Sequence[tuple[str, str]]
    columns: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float = 9.0


@dataclass(frozen=True)
class Col:
    title: str
    align: Align = "left"
    wrap: bool = True  # False: a code (ticket, date) that keeps its width rather than wrap


@dataclass(frozen=True)
class Table:
    """Rows of text cells; `styles` per row: '' plain, 'sub' subtotal (bold), 'total' (bold, ruled)."""

    columns: Sequence[Col]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str] = ()
    size: float = 8.0


@dataclass(frozen=True)
class Bars:
    """A bar chart of values (display only) over labels, e.g. tonnes per day."""

    title: str
    labels: Sequence[str]
    values: Sequence[float]
    height_mm: float = 52.0


@dataclass(frozen=True)
class Signatures:
    labels: Sequence[str]


@dataclass(frozen=True)
class Spacer:
    mm: float = 4.0


Block = Title | Heading | Info | Paragraph | Table | Bars | Signatures | Spacer


@dataclass
class Document:
    """What a report renderer hands over: blocks plus the running header and footer texts."""

    title: str
    blocks: list[Block]
    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    page_label: Callable[[int, int], str] = lambda n, total: f"{n} / {total}"
    page_size: QPageSize.PageSizeId = QPageSize.PageSizeId.A4
    landscape: bool = False
    meta: dict = field(default_factory=dict)
    colon: str = "："  # after a label: full-width in Chinese documents, ": " in English ones


# ------------------------------------------------------------------------------------------- layout

# Drawing operations: ("t", font key, x, baseline, text) · ("l", x1, y1, x2, y2, width, grey)
# · ("f", x, y, w, h, grey) · ("r", x, y, w, h, width, grey) outline.
Op = tuple


class Layout:
    """Places blocks on pages; yields the operations of each page."""

    def __init__(self, device, family: str, page_px: QSizeF, progress: Progress | None = None):
        self.fonts = Fonts(device, family)
        self.family = family
        self.device = device
        self.left = 15 * MM
        self.right = page_px.width() - 15 * MM
        self.top = 20 * MM
        self.bottom = page_px.height() - 16 * MM
        self.width = self.right - self.left
        self.pages: list[list[Op]] = [[]]
        self.y = self.top
        self.progress = progress
        self.plans: dict[int, object] = {}  # id(table) → its pdf_table.TablePlan
        self.thin = 0.15 * MM
        self.rule = 0.3 * MM
        self.colon = "："

    # -- page handling
    @property
    def ops(self) -> list[Op]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def room(self) -> float:
        return self.bottom - self.y

    def need(self, height: float) -> None:
        if height > self.room() and self.y > self.top:
            self.new_page()

    def text(self, key: str, x: float, y_top: float, text: str) -> None:
        self.ops.append(("t", key, x, y_top + self.fonts.ascent(key), text))

    # -- blocks
    def place(self, blocks: Sequence[Block]) -> list[list[Op]]:
        for i, block in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if isinstance(block, Title):
                self.title(block)
            elif isinstance(block, Heading):
                self.heading(block, nxt, blocks[i + 2] if i + 2 < len(blocks) else None)
            elif isinstance(block, Info):
                self.info(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block, self.kept_height(nxt))
            elif isinstance(block, Bars):
                self.bars(block)
            elif isinstance(block, Signatures):
                self.signatures(block)
            elif isinstance(block, Spacer):
                self.y += block.mm * MM
            elif hasattr(block, "place_on"):
                # A block that lays itself out (app/documents/pdf_ledger.py, statement_pdf.py).
                block.place_on(self, nxt)
        return self.pages

    def kept_height(self, block: object) -> float:
        """Height of a block that must stay on one page with the end of the block before it (a
        statement's closing balance and signatures); 0 for other blocks."""
        measure = getattr(block, "kept_height", None)
        return measure(self) if measure is not None else 0.0

    def title(self, block: Title) -> None:
        f = self.fonts
        for line in f.wrap("title", block.text, self.width):
            self.text("title", self.left + (self.width - f.width("title", line)) / 2, self.y, line)
            self.y += f.line("title")
        if block.subtitle:
            self.y += 1 * MM
            for line in f.wrap("subtitle", block.subtitle, self.width):
                self.text("subtitle", self.left + (self.width - f.width("subtitle", line)) / 2, self.y, line)
                self.y += f.line("subtitle")
        self.y += 4 * MM

    def heading(self, block: Heading, nxt: Block | None, after: Block | None = None) -> None:
        f = self.fonts
        keep = f.line("heading") + 3.5 * MM
        if isinstance(nxt, Table):
            # the heading goes with the table's titles and first row (or its whole end, see table)
            keep += self.table_start_height(nxt, self.kept_height(after))
        if isinstance(nxt, Bars):
            keep += nxt.height_mm * MM
        self.need(keep)
        self.y += 2 * MM
        self.text("heading", self.left, self.y, block.text)
        self.y += f.line("heading") + 1.5 * MM

    def info(self, block: Info) -> None:
        f = self.fonts
        cols = max(1, block.columns)
        col_w = self.width / cols
        label_w = max(f.width("body", label + self.colon) for label, _ in block.pairs) if block.pairs else 0
        label_w = min(label_w, col_w * 0.45)
        for start in range(0, len(block.pairs), cols):
            row = block.pairs[start : start + cols]
            heights = []
            wrapped = []
            for label, value in row:
                lines = f.wrap("body", value, col_w - label_w - 3 * MM) or [""]
                wrapped.append((label, lines))
                heights.append(len(lines) * f.line("body"))
            h = max(heights) + 1.2 * MM
            self.need(h)
            for c, (label, lines) in enumerate(wrapped):
                x = self.left + c * col_w
                self.text("body", x, self.y, label + (self.colon if label else ""))
                for n, line in enumerate(lines):
                    self.text("body", x + label_w, self.y + n * f.line("body"), line)
            self.y += h
        self.y += 2 * MM

    def paragraph(self, block: Paragraph) -> None:
        key = "body" if block.size == 9.0 else f"p{block.size}"
        if key not in self.fonts.fonts:
            self.fonts.add(self.device, self.family, key, block.size)
        for line in self.fonts.wrap(key, block.text, self.width):
            self.need(self.fonts.line(key))
            self.text(key, self.left, self.y, line)
            self.y += self.fonts.line(key)
        self.y += 2 * MM

    def signatures(self, block: Signatures) -> None:
        """Label: ______ for each signer on one line; every line at least 30 mm long, the room
        shared out by the labels' widths (a long English label keeps a line to sign on)."""
        f = self.fonts
        self.need(14 * MM)
        self.y += 8 * MM
        gap, line_min = 6 * MM, 30 * MM
        labels = [f.width("body", label + self.colon) for label in block.labels] or [0.0]
        spare = max(0.0, self.width - sum(w + line_min + gap for w in labels)) / len(labels)
        x = self.left
        for label, w in zip(block.labels, labels, strict=False):
            self.text("body", x, self.y, label + self.colon)
            end = x + w + line_min + spare
            base = self.y + f.line("body")
            self.ops.append(("l", x + w, base, end, base, self.thin, 0))
            x = end + gap
        self.y += f.line("body") + 4 * MM

    # -- tables
    def table_start_height(self, block: Table, keep_after: float = 0.0) -> float:
        from app.documents.pdf_table import start_height

        return start_height(self, block, keep_after)

    def table(self, block: Table, keep_after: float = 0.0) -> None:
        from app.documents.pdf_table import place_table

        place_table(self, block, keep_after)

    def _cell(self, key: str, text: str, x: float, w: float, pad: float, y_top: float, align: Align) -> None:
        if not text:
            return
        if align == "right":
            x = x + w - pad - self.fonts.width(key, text)
        elif align == "center":
            x = x + (w - self.fonts.width(key, text)) / 2
        else:
            x = x + pad
        self.ops.append(("t", key, x, y_top + self.fonts.ascent(key), text))

    def _fit(self, widths: list[float], mins: list[float], columns: Sequence[Col]) -> list[float]:
        """Column widths that fill the page: spare room goes to all; a shortfall is taken from text
        columns (which then wrap), never below their minimum; numbers keep their natural width."""
        total = sum(widths)
        if total <= self.width:
            extra = (self.width - total) / len(widths)
            return [w + extra for w in widths]
        flexible = [c for c, col in enumerate(columns) if col.align == "left" and col.wrap]
        fixed = sum(widths[c] for c in range(len(widths)) if c not in flexible)
        room = self.width - fixed
        want = sum(widths[c] for c in flexible)
        out = list(widths)
        if flexible and room > sum(mins[c] for c in flexible):
            # Shrink the widest text columns first (water-filling down to a common cap).
            caps = sorted((widths[c] for c in flexible), reverse=True)
            cap = caps[0]
            lo, hi = 0.0, cap
            for _ in range(40):
                mid = (lo + hi) / 2
                used = sum(max(min(widths[c], mid), mins[c]) for c in flexible)
                if used > room:
                    hi = mid
                else:
                    lo = mid
            for c in flexible:
                out[c] = max(min(widths[c], lo), mins[c])
            spare = room - sum(out[c] for c in flexible)
            if spare > 0:
                out[flexible[-1]] += spare
            return out
        scale = self.width / (fixed + want)
        return [w * scale for w in widths]

    # -- charts
    def bars(self, block: Bars) -> None:
        place_bars(self, block)


# ------------------------------------------------------------------------------------------- drawing


def new_writer(
    path: str | os.PathLike, title: str, size: QPageSize.PageSizeId, landscape: bool
) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(size), orientation, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator(version.creator())  # the program and its version, in the file's properties
    return writer


def page_pixels(writer: QPdfWriter) -> QSizeF:
    rect = writer.pageLayout().fullRectPixels(RESOLUTION)
    return QSizeF(rect.width(), rect.height())


class Painter:
    """Replays operations with a minimum of state changes."""

    def __init__(self, painter: QPainter, fonts: Fonts):
        self.p = painter
        self.fonts = fonts
        self.font_key: str | None = None
        self.pen_key: tuple | None = None
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _pen(self, width: float, grey: int) -> None:
        key = (width, grey)
        if key != self.pen_key:
            pen = QPen(QColor(grey, grey, grey))
            pen.setWidthF(width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            self.p.setPen(pen)
            self.pen_key = key

    def run(self, ops: Sequence[Op]) -> None:
        p = self.p
        for op in ops:
            kind = op[0]
            if kind == "t":
                if op[1] != self.font_key:
                    p.setFont(self.fonts.fonts[op[1]])
                    self.font_key = op[1]
                self._pen(0, 0)
                p.drawText(QPointF(op[2], op[3]), op[4])
            elif kind == "l":
                self._pen(op[5], op[6])
                p.drawLine(QPointF(op[1], op[2]), QPointF(op[3], op[4]))
            elif kind == "f":
                p.fillRect(QRectF(op[1], op[2], op[3], op[4]), QColor(op[5], op[5], op[5]))
            elif kind == "r":
                self._pen(op[5], op[6])
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(QRectF(op[1], op[2], op[3], op[4]))


def _furniture(document: Document, layout: Layout, size: QSizeF, n: int, total: int) -> list[Op]:
    """The running header (with its rule) and the footer with the page number of page n."""
    f = layout.fonts
    ops: list[Op] = []
    header_y = 10 * MM
    if document.header_left:
        ops.append(("t", "small", layout.left, header_y + f.ascent("small"), document.header_left))
    if document.header_right:
        w = f.width("small", document.header_right)
        ops.append(("t", "small", layout.right - w, header_y + f.ascent("small"), document.header_right))
    rule_y = header_y + f.line("small") + 1 * MM
    ops.append(("l", layout.left, rule_y, layout.right, rule_y, layout.thin, 0))
    footer_y = size.height() - 11 * MM
    label = document.page_label(n, total)
    ops.append(("t", "small", layout.left + (layout.width - f.width("small", label)) / 2, footer_y, label))
    if document.footer_left:
        ops.append(("t", "small", layout.left, footer_y, document.footer_left))
    return ops


def write_pdf(path: str | os.PathLike, document: Document, progress: Progress | None = None) -> int:
    """Lay out and write a document; returns its page count. `progress(done, total)` may raise
    db.errors.Cancelled, in which case nothing is left at `path`."""
    ensure_gui_application()
    family = font_family()
    with replacing(path) as tmp:
        writer = new_writer(tmp, document.title, document.page_size, document.landscape)
        size = page_pixels(writer)
        layout = Layout(writer, family, size, progress)
        layout.colon = document.colon
        pages = layout.place(document.blocks)
        total = len(pages)
        painter = QPainter(writer)
        try:
            replay = Painter(painter, layout.fonts)
            for n, ops in enumerate(pages, start=1):
                if n > 1:
                    writer.newPage()
                    replay.font_key = None
                    replay.pen_key = None
                replay.run(_furniture(document, layout, size, n, total))
                replay.run(ops)
                if progress and n % 10 == 0:
                    progress(600 + 400 * n // total, PROGRESS_SCALE)
        finally:
            painter.end()
    if progress:
        progress(PROGRESS_SCALE, PROGRESS_SCALE)
    return total


def page_images(document: Document, first: int = 0, count: int = 1, dpi: int = 110) -> tuple[list, int]:
    """Render pages [first, first + count) of a document to QImages for an on-screen preview, laid out
    exactly as in the PDF; returns (images, page count)."""
    from PySide6.QtGui import QImage

    ensure_gui_application()
    family = font_family()
    probe = new_writer(os.devnull, document.title, document.page_size, document.landscape)
    size = page_pixels(probe)
    canvas = QImage(int(size.width()), int(size.height()), QImage.Format.Format_RGB32)
    dots_per_metre = round(RESOLUTION / 0.0254)
    canvas.setDotsPerMeterX(dots_per_metre)
    canvas.setDotsPerMeterY(dots_per_metre)
    layout = Layout(canvas, family, size)
    layout.colon = document.colon
    pages = layout.place(document.blocks)
    images = []
    for index in range(first, min(first + count, len(pages))):
        canvas.fill(QColor(255, 255, 255))
        painter = QPainter(canvas)
        try:
            replay = Painter(painter, layout.fonts)
            replay.run(_furniture(document, layout, size, index + 1, len(pages)))
            replay.run(pages[index])
        finally:
            painter.end()
        scale = dpi / RESOLUTION
        images.append(
            canvas.scaled(
                round(size.width() * scale),
                round(size.height() * scale),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
    return images, len(pages)
