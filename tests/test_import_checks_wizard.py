"""The import wizard says it skipped a template's example row (the checks themselves: test_import_checks)."""

from __future__ import annotations

from app.views.wizard.wizard import SUMMARY
from tests.test_import_wizard import ctx, open_wizard, to_preview, write_csv  # noqa: F401 (ctx: a fixture)


def test_the_wizard_says_it_skipped_the_example_row(qtbot, ctx, store, tmp_path):  # noqa: F811
    rows = [
        ["日期", "经营主体", "地块", "品种", "重量(斤)", "备注"],
        ["2026-01-06", "涪江湾", "一号地", "萝卜", "5000", "示例行，导入时跳过"],
        ["2025-11-05", "涪江湾", "一号地", "萝卜", "5000", ""],
    ]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "h.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    assert wizard.result.examples == [2] and len(wizard.result.records) == 1
    assert wizard.preview_page.nextId() == SUMMARY
    wizard.next()
    assert "The template's example row skipped: row 2" in wizard.summary_page.text.text()
