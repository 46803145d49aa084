"""PDF text as a reader's tools get it back (pdftotext): chart axes and English words intact."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from app.documents.pdf import Bars, Document, Paragraph, write_pdf
from app.documents.pdf_chart import axis_ticks, tick_labels

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path, *, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize(
    ("vmax", "labels"),
    [
        (9.2, ["0.0", "2.5", "5.0", "7.5", "10.0"]),
        (0.9, ["0.00", "0.25", "0.50", "0.75", "1.00"]),
        (37.0, ["0", "10", "20", "30", "40"]),
        (1_800.0, ["0", "500", "1,000", "1,500", "2,000"]),
        (0.0, ["0", "1", "2", "3", "4"]),
        (0.07, ["0.00", "0.02", "0.04", "0.06", "0.08"]),
    ],
)
def test_axis_labels_are_the_gridline_values(vmax, labels):
    ticks = axis_ticks(vmax)
    assert tick_labels(ticks) == labels
    assert ticks[-1] >= Decimal(repr(vmax))
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1  # evenly spaced: each label stands at its gridline


@needs_pdftotext
def test_pdf_chart_axis_reads_two_and_a_half_steps(qapp, tmp_path):
    path = tmp_path / "chart.pdf"
    write_pdf(path, Document("chart", [Bars("", ["01", "02", "03"], [9.2, 3.0, 1.0])]))
    axis = [line.strip() for line in pdf_text(path).splitlines() if re.fullmatch(r"\s*[\d.,]+\s*", line)]
    assert axis == ["10.0", "7.5", "5.0", "2.5", "0.0"]


@needs_pdftotext
def test_ligatures_do_not_swallow_letters(qapp, tmp_path):
    words = "fixed field office affluent flow fifteen B20260105 渝C12345"
    path = tmp_path / "words.pdf"
    write_pdf(path, Document("words", [Paragraph(words)]))
    assert words in pdf_text(path, layout=False)


@needs_pdftotext
def test_a_total_row_never_stands_alone_on_a_page(qapp, tmp_path):
    from app.documents.pdf import Col, Table

    for n in range(20, 60):  # around the number of rows that fill the first page
        rows = [[f"row {i}", str(i)] for i in range(n)] + [["TOTAL", "9999"]]
        path = tmp_path / f"t{n}.pdf"
        pages = write_pdf(
            path,
            Document(
                "t",
                [Table([Col("name"), Col("n", "right")], rows, ["" for _ in range(n)] + ["total"], size=12)],
            ),
        )
        last = pdf_text(path).split("\f")[pages - 1]
        assert "TOTAL" in last
        assert f"row {n - 1}" in last, f"{n} rows: the total is alone on page {pages}"


@needs_pdftotext
def test_english_trace_names_crops_in_english(qapp, tmp_path, store, master):
    from python_calamine import CalamineWorkbook

    from app.documents import reports_pdf, reports_xlsx
    from db import trace
    from tests.documents_data import build_park

    build_park(store, master)
    tr = trace.backward_from_ticket(store, "B20260105-001")
    pdf = tmp_path / "trace.pdf"
    reports_pdf.write_report_pdf(pdf, reports_pdf.trace_document(tr, "en", "park", "2026-02-01"))
    text = pdf_text(pdf)
    assert "Daikon radish" in text and "Celtuce" in text and "白萝卜" not in text
    assert "Traced from: " in text and "：" not in text
    xlsx = tmp_path / "trace.xlsx"
    reports_xlsx.trace_xlsx(xlsx, tr, "en")
    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    assert {row[5] for row in rows[1:]} == {"Daikon radish", "Celtuce"}
