"""Labels of the buyer statement as sent (letterhead, ledger, close), merged into texts.LABELS.

Kept apart from texts.py so the statement's words live beside its layout (app/documents/statement_pdf.py).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# key: (English source marked for lupdate, built-in Simplified Chinese)
STATEMENT_LABELS: dict[str, tuple[str, str]] = {
    "statement_no": (QT_TRANSLATE_NOOP("DocumentText", "Statement no."), "对账单号"),
    "address": (QT_TRANSLATE_NOOP("DocumentText", "Address"), "地址"),
    "bank": (QT_TRANSLATE_NOOP("DocumentText", "Bank"), "开户银行"),
    "account": (QT_TRANSLATE_NOOP("DocumentText", "Account no."), "账号"),
    "ledger": (QT_TRANSLATE_NOOP("DocumentText", "Statement of account"), "对账明细"),
    "shipped_yuan": (QT_TRANSLATE_NOOP("DocumentText", "Shipped (¥)"), "发货金额(元)"),
    "paid_yuan": (QT_TRANSLATE_NOOP("DocumentText", "Received (¥)"), "收款金额(元)"),
    "balance_yuan": (QT_TRANSLATE_NOOP("DocumentText", "Balance (¥)"), "余额(元)"),
    "payment_row": (QT_TRANSLATE_NOOP("DocumentText", "Payment (%1)"), "收款（%1）"),
    "month_subtotal": (QT_TRANSLATE_NOOP("DocumentText", "Month subtotal"), "本月小计"),
    "page_subtotal": (QT_TRANSLATE_NOOP("DocumentText", "Page subtotal"), "本页小计"),
    "carried_forward": (QT_TRANSLATE_NOOP("DocumentText", "Carried forward"), "过次页"),
    "brought_forward": (QT_TRANSLATE_NOOP("DocumentText", "Brought forward"), "承上页"),
    "prepaid_balance": (QT_TRANSLATE_NOOP("DocumentText", "prepaid %1"), "预付 %1"),
    "settlement": (QT_TRANSLATE_NOOP("DocumentText", "Settlement"), "结算"),
    "in_words": (QT_TRANSLATE_NOOP("DocumentText", "Closing balance in words"), "期末欠款（大写）"),
    "prepaid_in_words": (
        QT_TRANSLATE_NOOP("DocumentText", "Prepayment in words"),
        "期末预付款余额（大写）",
    ),
    "objection": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "If anything in this statement differs from your records, please tell us within %1 days "
            "of receiving it; after that it is taken as correct.",
        ),
        "如有不符，请于收到之日起 %1 日内提出，逾期视为无误。",
    ),
    "seal_park": (QT_TRANSLATE_NOOP("DocumentText", "Issued by (seal)"), "对账单位（盖章）"),
    "seal_buyer": (
        QT_TRANSLATE_NOOP("DocumentText", "Buyer confirms (seal or signature)"),
        "客商确认（签字或盖章）",
    ),
    "signed_by": (QT_TRANSLATE_NOOP("DocumentText", "Signed by"), "经办人"),
    "signed_on": (QT_TRANSLATE_NOOP("DocumentText", "Date"), "日期"),
    "date_blank": (QT_TRANSLATE_NOOP("DocumentText", "____-__-__"), "____年__月__日"),
    "chart_data": (QT_TRANSLATE_NOOP("DocumentText", "Chart data"), "图表数据"),
    "colon": (QT_TRANSLATE_NOOP("DocumentText", ": "), "："),
}
