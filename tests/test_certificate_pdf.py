"""The printed certificate as a buyer and an inspector hold it: the round seal's box is 40–45 mm and
level with 生产者盖章或签名, and the basis boxes are text that search finds."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtGui import QImage

from app.documents.certificate import write_certificates_pdf
from db.certification import certificates
from tests.documents_data import build_park
from tests.test_documents import needs_pdftotext

DPI = 200
MM = DPI / 25.4


@pytest.fixture
def pdf(qapp, tmp_path, store, master):
    park = build_park(store, master)
    (cert,) = certificates.issue_for_shipment(store, park["shipments"][2].id, basis=("self_test",)).issued
    path = tmp_path / "cert.pdf"
    write_certificates_pdf(path, [certificates.sheet(store, cert)], copies=("carried",))
    return path


def _longest_dark_run(
    image: QImage, x0: int, x1: int, y0: int, y1: int, *, horizontal: bool
) -> tuple[int, int, int]:
    """(length, line, start) of the longest unbroken run of dark pixels along rows (or columns) of a
    region; of equal runs, the first."""
    best = (0, 0, 0)
    outer, inner = ((y0, y1), (x0, x1)) if horizontal else ((x0, x1), (y0, y1))
    for a in range(*outer):
        run = 0
        for b in range(*inner):
            x, y = (b, a) if horizontal else (a, b)
            if image.pixelColor(x, y).value() < 128:
                run += 1
                if run > best[0]:
                    best = (run, a, b - run + 1)
            else:
                run = 0
    return best


@needs_pdftotext
def test_seal_box_is_40_to_45_mm_beside_the_issuer(pdf, tmp_path):
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    image = QImage(str(png))
    width_mm = image.width() / MM
    # The right column, beside the grid (which ends 45 mm from the right edge), above the QR code.
    x0, x1 = round((width_mm - 52) * MM), image.width() - 1
    y0, y1 = round(20 * MM), round(100 * MM)
    across, _row, _x = _longest_dark_run(image, x0, x1, y0, y1, horizontal=True)
    down, left, top = _longest_dark_run(image, x0, x1, y0, y1, horizontal=False)
    assert 40 <= across / MM <= 45 and 40 <= down / MM <= 45, (across / MM, down / MM)
    # Level with the 生产者盖章或签名 label: the label's line lies between the box's top and bottom.
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">生产者盖章或签名<', bbox)
    assert match, "the issuer label is in the text"
    label_mm = (float(match.group(1)) + float(match.group(2))) / 2 * 25.4 / 72
    top_mm = top / MM
    assert top_mm < label_mm < top_mm + down / MM
    assert left / MM > 150  # right of the grid


@needs_pdftotext
def test_basis_boxes_are_text(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "承诺依据：☐质量安全控制符合要求☑自行检测合格☐委托检测合格" in flat
