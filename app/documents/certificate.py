"""The 承诺达标合格证 layout: A5 landscape, a 存根联 and a 随货联 page per certificate, every legal field,
a 42 mm box for the round seal, the basis as ☑/☐ text, and a QR code (segno) carrying the key fields
signed with the park's key (db.certification.signing); for PDF files and for the system printer."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import segno
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
)

from app.documents import formatting as fmt
from app.documents.pdf import (
    NO_LINE_START,
    ensure_gui_application,
    font_family,
    new_writer,
    no_locl,
    replacing,
)
from db.certification.certificates import CertificateSheet

# The two copies: the stub stays in the register book, the other travels with the truck.
COPIES: tuple[tuple[str, str], ...] = (
    ("stub", "存根联"),
    ("carried", "随货联"),
)
PAGE = QPageSize.PageSizeId.A5


def copy_label(code: str) -> str:
    """The printed name of a copy; marked for Qt Linguist, Chinese when untranslated (a legal form)."""
    labels = {
        "stub": QCoreApplication.translate("DocumentText", "Stub copy"),
        "carried": QCoreApplication.translate("DocumentText", "Copy carried with the goods"),
    }
    text = labels[code]
    return text if text not in ("Stub copy", "Copy carried with the goods") else dict(COPIES)[code]


def page_layout() -> QPageLayout:
    from PySide6.QtCore import QMarginsF

    return QPageLayout(QPageSize(PAGE), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0))


class _Canvas:
    """Millimetre drawing helpers on a paint device."""

    def __init__(self, painter: QPainter, device: QPagedPaintDevice, family: str):
        self.p = painter
        self.device = device
        self.family = family
        self.mm = device.logicalDpiX() / 25.4
        self._fonts: dict[tuple[float, bool], tuple[QFont, QFontMetricsF]] = {}

    def font(self, size: float, bold: bool = False) -> tuple[QFont, QFontMetricsF]:
        key = (size, bold)
        if key not in self._fonts:
            font = QFont(self.family)
            font.setPointSizeF(size)
            font.setBold(bold)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            no_locl(font)
            self._fonts[key] = (font, QFontMetricsF(font, self.device))
        return self._fonts[key]

    def pen(self, width_mm: float = 0.25, grey: int = 0) -> None:
        pen = QPen(QColor(grey, grey, grey))
        pen.setWidthF(width_mm * self.mm)
        self.p.setPen(pen)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.25) -> None:
        self.pen(width)
        m = self.mm
        self.p.drawLine(QPointF(x1 * m, y1 * m), QPointF(x2 * m, y2 * m))

    def rect(self, x: float, y: float, w: float, h: float, width: float = 0.3) -> None:
        self.pen(width)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        m = self.mm
        self.p.drawRect(QRectF(x * m, y * m, w * m, h * m))

    def text(
        self, x: float, y: float, text: str, size: float = 9, bold: bool = False, align: str = "left"
    ) -> float:
        """Draw one line with its top at y (mm); returns its width in mm."""
        font, fm = self.font(size, bold)
        self.p.setFont(font)
        self.pen(0)
        w = fm.horizontalAdvance(text) / self.mm
        if align == "center":
            x -= w / 2
        elif align == "right":
            x -= w
        self.p.drawText(QPointF(x * self.mm, y * self.mm + fm.ascent()), text)
        return w

    def line_height(self, size: float) -> float:
        return self.font(size)[1].height() / self.mm

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        fm = self.font(size)[1]
        limit = width * self.mm
        lines, current = [], ""
        for ch in text:
            if current and fm.horizontalAdvance(current + ch) > limit:
                if ch in NO_LINE_START and len(current) > 1:
                    # Closing punctuation never starts a line: carry the last character with it.
                    lines.append(current[:-1])
                    current = current[-1] + ch
                else:
                    lines.append(current)
                    current = ch
            else:
                current += ch
        if current:
            lines.append(current)
        return lines

    def fit_size(self, text: str, width: float, size: float, smallest: float = 6.5) -> float:
        """The largest size ≤ size at which text fits on one line in width (mm), not below smallest."""
        while size > smallest and self.font(size)[1].horizontalAdvance(text) > width * self.mm:
            size -= 0.5
        return size

    def qr(self, x: float, y: float, size: float, payload: str) -> None:
        """A QR code (error correction M, UTF-8) as vector squares, quiet zone included in size."""
        code = segno.make(payload, error="m", micro=False)
        matrix = code.matrix
        n = len(matrix)
        module = size / (n + 8)  # four modules of quiet zone on each side
        m = self.mm
        path = QPainterPath()
        for r, row in enumerate(matrix):
            c = 0
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    path.addRect(
                        QRectF(
                            (x + (start + 4) * module) * m,
                            (y + (r + 4) * module) * m,
                            (c - start) * module * m,
                            module * m,
                        )
                    )
                else:
                    c += 1
        path.setFillRule(Qt.FillRule.WindingFill)
        self.p.fillPath(path, QColor(0, 0, 0))


def _paint_one(cv: _Canvas, sheet: CertificateSheet, copy_code: str, width: float, height: float) -> None:
    margin = 9.0
    left, right = margin, width - margin
    top = 8.0
    # Title, copy and number.
    cv.text(width / 2, top, sheet.title, 18, True, "center")
    cv.text(right, top + 1.5, f"（{copy_label(copy_code)}）", 9, False, "right")
    y = top + cv.line_height(18) + 1.0
    cv.text(left, y, f"编号：{sheet.cert_no}", 10, True)
    if sheet.replaces_no:
        cv.text(right, y + 0.5, f"（替换已作废的 {sheet.replaces_no}）", 8, False, "right")
    y += cv.line_height(10) + 1.5

    # The right column: a box for the round seal (40–45 mm) beside 生产者盖章或签名, the QR code below.
    seal = 42.0
    qr_size = 36.0
    grid_right = right - seal - 3.0
    label_w = 30.0
    row_h = 11.0
    body = 11.0
    grid_w = grid_right - left
    half = (grid_w - label_w * 2) / 2

    def cell_text(x: float, y0: float, w: float, text: str, h: float = row_h, bold: bool = False) -> None:
        size = cv.fit_size(text, w - 3.0, body)
        if cv.font(size)[1].horizontalAdvance(text) > (w - 3.0) * cv.mm:
            lines = cv.wrap(text, w - 3.0, size)[:2]
            lh = cv.line_height(size)
            start = y0 + (h - lh * len(lines)) / 2
            for i, line in enumerate(lines):
                cv.text(x + 1.5, start + i * lh, line, size, bold)
            return
        cv.text(x + 1.5, y0 + (h - cv.line_height(size)) / 2, text, size, bold)

    def label(x: float, y0: float, text: str, h: float = row_h) -> None:
        size = cv.fit_size(text, label_w - 2.5, 9)
        cv.text(x + label_w / 2, y0 + (h - cv.line_height(size)) / 2, text, size, False, "center")

    grid_top = y
    issued = sheet.issue_date
    rows = [
        [("食用农产品名称", sheet.product), ("数量（重量）", f"{fmt.kg(sheet.weight_g)} 公斤")],
        [("产地", sheet.origin)],
        [("生产者盖章或签名", sheet.issuer)],
        [("联系方式", sheet.phone or "—"), ("开具日期", issued)],
        [("磅单号", sheet.ticket_no or "—"), ("车牌号", sheet.plate or "—")],
    ]
    heights = [row_h, row_h, row_h * 1.6, row_h, row_h]
    issuer_mid = grid_top
    for row, h in zip(rows, heights, strict=True):
        x = left
        for i, (lab, value) in enumerate(row):
            label(x, y, lab, h)
            cv.line(x + label_w, y, x + label_w, y + h)
            w = half if len(row) == 2 else grid_w - label_w
            if lab == "开具日期" and sheet.ship_date and sheet.ship_date != issued:
                # The day it is issued, with the truck's date beside it in small type.
                cv.text(x + label_w + 1.5, y + 1.2, issued, body)
                cv.text(
                    x + label_w + 1.5, y + 1.2 + cv.line_height(body), f"（发货日期 {sheet.ship_date}）", 7.5
                )
            else:
                cell_text(x + label_w, y, w, value, h, bold=(lab == "食用农产品名称"))
            x += label_w + w
            if len(row) == 2 and i == 0:
                cv.line(x, y, x, y + h)
        if row[0][0] == "生产者盖章或签名":
            issuer_mid = y + h / 2
        y += h
        cv.line(left, y, grid_right, y)
    # The commitment and its basis; the boxes are text (☑/☐) so they survive copy and search.
    text_w = grid_w - 3.0
    lines = cv.wrap("承诺声明：" + sheet.commitment, text_w, 10.5)
    lh = cv.line_height(10.5)
    y += 1.5
    for line in lines:
        cv.text(left + 1.5, y, line, 10.5)
        y += lh
    y += 1.0
    basis = "承诺依据：" + "  ".join(("☑" if ticked else "☐") + text for text, ticked in sheet.basis)
    cv.text(left + 1.5, y, basis, cv.fit_size(basis, text_w, 10.5))
    y += lh + 1.0
    if sheet.test_details:
        for line in cv.wrap("检测情况：" + sheet.test_details, text_w, 9.5)[:2]:
            cv.text(left + 1.5, y, line, 9.5)
            y += cv.line_height(9.5)
    y += 0.5
    cv.rect(left, grid_top, grid_w, y - grid_top, 0.4)
    # Buyer and market, and the seal area note.
    foot = y + 2.0
    trip = "  ".join(
        part
        for part in (
            f"客商：{sheet.buyer}" if sheet.buyer else "",
            f"目的市场：{sheet.market}" if sheet.market else "",
        )
        if part
    )
    if trip:
        cv.text(left, foot, trip, 9.5)
        foot += cv.line_height(9.5) + 0.5
    cv.text(left, foot, "一车一证，随货同行；本证由生产者自行开具，对所销售食用农产品的质量安全负责。", 8.5)
    # The seal box, level with the issuer's row, an arrow's worth of gap from it.
    sx = right - seal
    sy = max(grid_top, issuer_mid - seal / 2)
    cv.rect(sx, sy, seal, seal, 0.3)
    cv.text(sx + seal / 2, sy + seal - cv.line_height(7.5) - 1.0, "（盖章处）", 7.5, False, "center")
    # QR code with caption: the signed text (db.certification.signing) is what makes 扫码核验 true.
    qx = right - seal + (seal - qr_size) / 2
    qy = sy + seal + 2.0
    cv.qr(qx, qy, qr_size, sheet.qr_text)
    cap = qy + qr_size + 0.3
    cv.text(qx + qr_size / 2, cap, "扫码核验", 8, False, "center")
    cap += cv.line_height(8)
    cv.text(qx + qr_size / 2, cap, sheet.cert_no, 7.5, False, "center")
    if sheet.key_fingerprint:
        cap += cv.line_height(7.5)
        cv.text(qx + qr_size / 2, cap, f"公钥 {sheet.key_fingerprint}", 6.5, False, "center")
    if sheet.void:
        _void_stamp(cv, width, height, sheet)


def _void_stamp(cv: _Canvas, width: float, height: float, sheet: CertificateSheet) -> None:
    """A voided certificate prints with a large outlined 作废 and the reason, never as valid."""
    p = cv.p
    p.save()
    m = cv.mm
    p.translate(width / 2 * m, height / 2 * m)
    p.rotate(-18)
    # QPainterPath.addText measures in pixels of the font, so the size is given in device pixels.
    font = no_locl(QFont(cv.family))
    font.setPixelSize(round(26 * m))
    font.setBold(True)
    text = "作废 VOID"
    stamp_w = QFontMetricsF(font).horizontalAdvance(text)
    path = QPainterPath()
    path.addText(QPointF(-stamp_w / 2, 9 * m), font, text)
    pen = QPen(QColor(90, 90, 90))
    pen.setWidthF(0.6 * m)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.restore()
    reason = f"作废原因：{sheet.certificate.void_reason}" if sheet.certificate.void_reason else "作废"
    cv.text(width / 2, height - 12.0, reason, 9, True, "center")


def paint_certificates(
    device: QPagedPaintDevice,
    sheets: Sequence[CertificateSheet],
    copies: Sequence[str] = ("stub", "carried"),
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Paint every certificate's copies, one A5 landscape page each, on a PDF writer or a printer
    already set to that page layout. Returns the number of pages.

    `progress(done, total)` is called after each certificate; an exception it raises (a task's
    Cancelled) stops the painting."""
    ensure_gui_application()
    family = font_family()
    layout = device.pageLayout()
    size_mm = layout.fullRectPoints().size()
    width, height = size_mm.width() * 25.4 / 72, size_mm.height() * 25.4 / 72
    painter = QPainter(device)
    pages = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        cv = _Canvas(painter, device, family)
        for done, sheet in enumerate(sheets, 1):
            for code in copies:
                if pages:
                    device.newPage()
                _paint_one(cv, sheet, code, width, height)
                pages += 1
            if progress is not None:
                progress(done, len(sheets))
    finally:
        painter.end()
    return pages


def write_certificates_pdf(
    path: str | os.PathLike,
    sheets: Sequence[CertificateSheet],
    copies: Sequence[str] = ("stub", "carried"),
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write certificates to a PDF (A5 landscape, each copy on its own page); returns the page count."""
    if not sheets:
        raise ValueError("no certificates to print")
    ensure_gui_application()
    title = "承诺达标合格证 " + "、".join(s.cert_no for s in sheets[:3]) + ("…" if len(sheets) > 3 else "")
    with replacing(path) as tmp:
        writer = new_writer(tmp, title, PAGE, landscape=True)
        pages = paint_certificates(writer, sheets, copies, progress)
    return pages
