"""Labels of the documents (titles, column headers, totals) in the document's own language.

A document's language is chosen per export ('zh_CN' by default, 'en' on request), independent of
the window's language. Source strings are English and marked for Qt Linguist (context
"DocumentText"), so a translator can refine them in the .ts file; until a translation is loaded,
the Chinese built in here is used, so the command line prints Chinese documents without Qt's
translators.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.documents.statement_texts import STATEMENT_LABELS
from db import units

CONTEXT = "DocumentText"

# key: (English source marked for lupdate, built-in Simplified Chinese)
LABELS: dict[str, tuple[str, str]] = {
    # common
    "page_of": (QT_TRANSLATE_NOOP("DocumentText", "Page %1 of %2"), "第 %1 页 / 共 %2 页"),
    "issued_on": (QT_TRANSLATE_NOOP("DocumentText", "Issued on"), "出具日期"),
    "period": (QT_TRANSLATE_NOOP("DocumentText", "Period"), "期间"),
    "period_range": (QT_TRANSLATE_NOOP("DocumentText", "%1 to %2"), "%1 至 %2"),
    "total": (QT_TRANSLATE_NOOP("DocumentText", "Total"), "合计"),
    "lines": (QT_TRANSLATE_NOOP("DocumentText", "Lines"), "笔数"),
    "trucks": (QT_TRANSLATE_NOOP("DocumentText", "Trucks"), "车次"),
    "no_market": (QT_TRANSLATE_NOOP("DocumentText", "(no market)"), "（未填市场）"),
    "prepared_by": (QT_TRANSLATE_NOOP("DocumentText", "Prepared by"), "制表人"),
    "phone": (QT_TRANSLATE_NOOP("DocumentText", "Phone"), "电话"),
    "name": (QT_TRANSLATE_NOOP("DocumentText", "Name"), "名称"),
    # columns
    "date": (QT_TRANSLATE_NOOP("DocumentText", "Date"), "日期"),
    "ticket": (QT_TRANSLATE_NOOP("DocumentText", "Ticket"), "磅单号"),
    "plate": (QT_TRANSLATE_NOOP("DocumentText", "Plate"), "车牌号"),
    "market": (QT_TRANSLATE_NOOP("DocumentText", "Market"), "目的市场"),
    "crop": (QT_TRANSLATE_NOOP("DocumentText", "Crop"), "品种"),
    "grade": (QT_TRANSLATE_NOOP("DocumentText", "Grade"), "等级"),
    "net_kg": (QT_TRANSLATE_NOOP("DocumentText", "Net (kg)"), "净重(公斤)"),
    "price_kg": (QT_TRANSLATE_NOOP("DocumentText", "Price (¥/kg)"), "单价(元/公斤)"),
    "price_jin": (QT_TRANSLATE_NOOP("DocumentText", "Price (¥/jin)"), "单价(元/斤)"),
    "amount": (QT_TRANSLATE_NOOP("DocumentText", "Amount (¥)"), "金额(元)"),
    "operator": (QT_TRANSLATE_NOOP("DocumentText", "Operator"), "经营主体"),
    "buyer": (QT_TRANSLATE_NOOP("DocumentText", "Buyer"), "客商"),
    "method": (QT_TRANSLATE_NOOP("DocumentText", "Method"), "方式"),
    "reference": (QT_TRANSLATE_NOOP("DocumentText", "Reference"), "凭证/备注"),
    "lot": (QT_TRANSLATE_NOOP("DocumentText", "Lot"), "批次号"),
    "plot": (QT_TRANSLATE_NOOP("DocumentText", "Plot"), "地块"),
    "weight_kg": (QT_TRANSLATE_NOOP("DocumentText", "Weight (kg)"), "重量(公斤)"),
    # buyer statement
    "buyer_statement": (QT_TRANSLATE_NOOP("DocumentText", "Buyer statement"), "客商对账单"),
    "home_base": (QT_TRANSLATE_NOOP("DocumentText", "Home base"), "所在地"),
    "shipments": (QT_TRANSLATE_NOOP("DocumentText", "Shipments"), "发货明细"),
    "by_crop": (QT_TRANSLATE_NOOP("DocumentText", "Subtotals by crop"), "按品种小计"),
    "by_market": (QT_TRANSLATE_NOOP("DocumentText", "Subtotals by market"), "按市场小计"),
    "payments": (QT_TRANSLATE_NOOP("DocumentText", "Payments received"), "收款记录"),
    "balance": (QT_TRANSLATE_NOOP("DocumentText", "Account balance"), "往来余额"),
    "opening": (QT_TRANSLATE_NOOP("DocumentText", "Opening balance"), "期初欠款"),
    "shipped_amount": (QT_TRANSLATE_NOOP("DocumentText", "Shipments in period"), "本期发货金额"),
    "paid_amount": (QT_TRANSLATE_NOOP("DocumentText", "Payments in period"), "本期收款金额"),
    "closing": (QT_TRANSLATE_NOOP("DocumentText", "Closing balance"), "期末欠款"),
    "tonnage_day": (QT_TRANSLATE_NOOP("DocumentText", "Tonnes shipped per day"), "每日发货量（吨）"),
    "tonnage_month": (QT_TRANSLATE_NOOP("DocumentText", "Tonnes shipped per month"), "每月发货量（吨）"),
    "no_shipments": (QT_TRANSLATE_NOOP("DocumentText", "No shipments in this period."), "本期无发货记录。"),
    "no_payments": (QT_TRANSLATE_NOOP("DocumentText", "No payments in this period."), "本期无收款记录。"),
    "buyer_confirms": (QT_TRANSLATE_NOOP("DocumentText", "Confirmed by the buyer"), "客商确认（签字）"),
    "item": (QT_TRANSLATE_NOOP("DocumentText", "Item"), "项目"),
    "opening_prepaid": (QT_TRANSLATE_NOOP("DocumentText", "Opening prepayment"), "期初预付款"),
    "closing_prepaid": (
        QT_TRANSLATE_NOOP("DocumentText", "Closing prepayment (balance in the buyer's favour)"),
        "期末预付款余额",
    ),
    "gross_kg": (QT_TRANSLATE_NOOP("DocumentText", "Gross (kg)"), "毛重(公斤)"),
    "tare_kg": (QT_TRANSLATE_NOOP("DocumentText", "Tare (kg)"), "皮重(公斤)"),
    "deduction_kg": (QT_TRANSLATE_NOOP("DocumentText", "Deduction (kg)"), "扣重(公斤)"),
    "payable_kg": (QT_TRANSLATE_NOOP("DocumentText", "Payable (kg)"), "结算重量(公斤)"),
    "weighings": (QT_TRANSLATE_NOOP("DocumentText", "Weighbridge tickets"), "过磅明细"),
    "deduction_rule": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "Payable = net − deduction. A truck's deduction is shared over its lines in proportion "
            "to their net weight, to the gram (largest remainder); amount = payable kg × price.",
        ),
        "结算重量 = 净重 − 扣重。整车扣重按各行净重比例分摊到克（最大余数法）；金额 = 结算重量 × 单价。",
    ),
    "agreed_price": (QT_TRANSLATE_NOOP("DocumentText", "Agreed price (¥/kg)"), "约定价(元/公斤)"),
    "settled_price": (QT_TRANSLATE_NOOP("DocumentText", "Settled price (¥/kg)"), "实结价(元/公斤)"),
    "price_notes": (QT_TRANSLATE_NOOP("DocumentText", "Prices settled after the sale"), "实结价说明"),
    "repriced_note": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "※ These lines were settled after the sale at a price other than the one agreed; "
            "their price and amount in the shipments table are the settled ones.",
        ),
        "※ 上表各行售后按实结价结算，与约定价不同；发货明细中这些行的单价和金额均按实结价计算。",
    ),
    "amount_yuan": (QT_TRANSLATE_NOOP("DocumentText", "Amount (¥)"), "金额(元)"),
    # a weight estimated from a count of packs (3袋 × the crop's bag weight), not weighed
    "estimated_mark": (QT_TRANSLATE_NOOP("DocumentText", "est."), "估"),
    "estimated_from": (QT_TRANSLATE_NOOP("DocumentText", "Estimated from"), "估重依据"),
    "estimated_note": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "est.: weight estimated from a count of packs (bags, crates or bundles) × what one pack of "
            "the crop weighs, not weighed.",
        ),
        "估：按件数估重（袋、筐、捆的件数 × 该品种每件重量），未过磅。",
    ),
    # operator statement
    "operator_statement": (QT_TRANSLATE_NOOP("DocumentText", "Operator statement"), "经营主体结算单"),
    "credit_code": (QT_TRANSLATE_NOOP("DocumentText", "Credit code"), "统一社会信用代码"),
    "harvests": (QT_TRANSLATE_NOOP("DocumentText", "Harvests"), "采收记录"),
    "sales": (QT_TRANSLATE_NOOP("DocumentText", "Sales"), "销售明细"),
    "revenue_by_crop": (QT_TRANSLATE_NOOP("DocumentText", "Revenue by crop"), "按品种汇总"),
    "by_buyer": (QT_TRANSLATE_NOOP("DocumentText", "Revenue by buyer"), "按客商汇总"),
    "harvested_kg": (QT_TRANSLATE_NOOP("DocumentText", "Harvested (kg)"), "采收(公斤)"),
    "shipped_kg": (QT_TRANSLATE_NOOP("DocumentText", "Shipped (kg)"), "出货(公斤)"),
    "revenue": (QT_TRANSLATE_NOOP("DocumentText", "Revenue (¥)"), "销售额(元)"),
    "no_harvests": (QT_TRANSLATE_NOOP("DocumentText", "No harvests in this period."), "本期无采收记录。"),
    "operator_confirms": (
        QT_TRANSLATE_NOOP("DocumentText", "Confirmed by the operator"),
        "经营主体确认（签字）",
    ),
    "settlement": (QT_TRANSLATE_NOOP("DocumentText", "Settlement"), "结算汇总"),
    "sales_amount": (QT_TRANSLATE_NOOP("DocumentText", "Sales in period (¥)"), "本期销售金额(元)"),
    "service_fee": (QT_TRANSLATE_NOOP("DocumentText", "Park service fee (¥)"), "园区服务费(元)"),
    "net_proceeds": (QT_TRANSLATE_NOOP("DocumentText", "Net proceeds (¥)"), "应结净额(元)"),
    "fee_rule_tonne": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "Service fee = payable weight %1 t × ¥%2 per tonne = ¥%3; worked out once on the total "
            "and rounded half up to the fen.",
        ),
        "园区服务费 = 结算重量 %1 吨 × %2 元/吨 = %3 元；按合计计算一次，四舍五入到分。",
    ),
    "fee_rule_percent": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "Service fee = sales ¥%1 × %2% = ¥%3; worked out once on the total and rounded half up "
            "to the fen.",
        ),
        "园区服务费 = 销售金额 %1 元 × %2% = %3 元；按合计计算一次，四舍五入到分。",
    ),
    "fee_none": (
        QT_TRANSLATE_NOOP("DocumentText", "No park service fee is charged: net proceeds equal sales."),
        "本期不收取园区服务费，应结净额即销售金额。",
    ),
    "reviewed_by": (QT_TRANSLATE_NOOP("DocumentText", "Reviewed by"), "审核人"),
    # park summary
    "unit_head": (QT_TRANSLATE_NOOP("DocumentText", "Head of unit"), "单位负责人"),
    "reporting_unit": (QT_TRANSLATE_NOOP("DocumentText", "Reporting unit (seal)"), "填报单位（盖章）"),
    "share": (QT_TRANSLATE_NOOP("DocumentText", "Share"), "占比"),
    "mom": (QT_TRANSLATE_NOOP("DocumentText", "Month on month"), "环比"),
    "yoy": (QT_TRANSLATE_NOOP("DocumentText", "Year on year"), "同比"),
    "ytd": (QT_TRANSLATE_NOOP("DocumentText", "Year to date"), "本年累计"),
    "ytd_shipped_t": (QT_TRANSLATE_NOOP("DocumentText", "Shipped, year to date (t)"), "累计出货(吨)"),
    "ytd_yoy": (QT_TRANSLATE_NOOP("DocumentText", "Year to date, year on year"), "累计同比"),
    "avg_price": (QT_TRANSLATE_NOOP("DocumentText", "Average price (¥/kg)"), "均价(元/公斤)"),
    "previous_month": (QT_TRANSLATE_NOOP("DocumentText", "Previous month"), "上月"),
    "new": (QT_TRANSLATE_NOOP("DocumentText", "new"), "新增"),
    "indicator": (QT_TRANSLATE_NOOP("DocumentText", "Indicator"), "指标"),
    "revenue_plain": (QT_TRANSLATE_NOOP("DocumentText", "Sales (¥)"), "销售额(元)"),
    "summary_notes": (
        QT_TRANSLATE_NOOP(
            "DocumentText",
            "Share: of the period's shipped tonnes. Month on month: against the previous month; year "
            "on year: against the same period a year earlier; 'new': nothing a year earlier; —: "
            "nothing in either. Average price: sales over payable weight. A truck carrying several "
            "operators' or crops' produce counts once for each.",
        ),
        "占比：占本期出货量的比例。环比：与上月相比；同比：与上年同期相比；“新增”：上年同期为零；"
        "“—”：两期均为零。均价 = 销售额 ÷ 结算重量。一车装有多个经营主体或品种的，分别计入各自车次。",
    ),
    "summary_month": (QT_TRANSLATE_NOOP("DocumentText", "Monthly production and sales report"), "产销月报"),
    "summary_year": (QT_TRANSLATE_NOOP("DocumentText", "Annual production and sales report"), "产销年报"),
    "last_year": (QT_TRANSLATE_NOOP("DocumentText", "Same period last year"), "去年同期"),
    "summary_by_crop": (QT_TRANSLATE_NOOP("DocumentText", "By crop"), "按品种"),
    "summary_by_market": (QT_TRANSLATE_NOOP("DocumentText", "By market"), "按市场"),
    "summary_by_operator": (QT_TRANSLATE_NOOP("DocumentText", "By operator"), "按经营主体"),
    "summary_by_month": (QT_TRANSLATE_NOOP("DocumentText", "By month"), "按月份"),
    "month": (QT_TRANSLATE_NOOP("DocumentText", "Month"), "月份"),
    "harvested_t": (QT_TRANSLATE_NOOP("DocumentText", "Harvested (t)"), "采收(吨)"),
    "shipped_t": (QT_TRANSLATE_NOOP("DocumentText", "Shipped (t)"), "出货(吨)"),
    "prev_harvested_t": (QT_TRANSLATE_NOOP("DocumentText", "Harvested last year (t)"), "去年采收(吨)"),
    "prev_shipped_t": (QT_TRANSLATE_NOOP("DocumentText", "Shipped last year (t)"), "去年出货(吨)"),
    "change": (QT_TRANSLATE_NOOP("DocumentText", "Change"), "同比"),
    "prev_revenue": (QT_TRANSLATE_NOOP("DocumentText", "Revenue last year (¥)"), "去年销售额(元)"),
    "key_figures": (QT_TRANSLATE_NOOP("DocumentText", "Key figures"), "主要指标"),
    "this_period": (QT_TRANSLATE_NOOP("DocumentText", "This period"), "本期"),
    # trace
    "trace": (QT_TRANSLATE_NOOP("DocumentText", "Trace report"), "追溯报告"),
    "forward": (QT_TRANSLATE_NOOP("DocumentText", "Forward: where the produce went"), "正向追溯：产品去向"),
    "backward": (
        QT_TRANSLATE_NOOP("DocumentText", "Backward: where the produce came from"),
        "反向追溯：产品来源",
    ),
    "query": (QT_TRANSLATE_NOOP("DocumentText", "Traced from"), "追溯依据"),
    "q_lot": (QT_TRANSLATE_NOOP("DocumentText", "Lot code"), "批次号"),
    "q_certificate": (QT_TRANSLATE_NOOP("DocumentText", "Certificate number"), "合格证编号"),
    "q_ticket": (QT_TRANSLATE_NOOP("DocumentText", "Weighing ticket"), "磅单号"),
    "q_plot": (QT_TRANSLATE_NOOP("DocumentText", "Plot"), "地块"),
    "harvest_date": (QT_TRANSLATE_NOOP("DocumentText", "Harvest date"), "采收日期"),
    "village": (QT_TRANSLATE_NOOP("DocumentText", "Village"), "村"),
    "lot_grade": (QT_TRANSLATE_NOOP("DocumentText", "Lot grade"), "批次等级"),
    "lot_kg": (QT_TRANSLATE_NOOP("DocumentText", "Lot (kg)"), "批次重量(公斤)"),
    "ship_date": (QT_TRANSLATE_NOOP("DocumentText", "Ship date"), "出货日期"),
    "line_no": (QT_TRANSLATE_NOOP("DocumentText", "Line"), "行号"),
    "line_grade": (QT_TRANSLATE_NOOP("DocumentText", "Line grade"), "出货等级"),
    "line_kg": (QT_TRANSLATE_NOOP("DocumentText", "Line net (kg)"), "出货净重(公斤)"),
    "certificates": (QT_TRANSLATE_NOOP("DocumentText", "Certificates"), "合格证号"),
    "line_deduction_kg": (QT_TRANSLATE_NOOP("DocumentText", "Line deduction (kg)"), "出货扣重(公斤)"),
    "line_payable_kg": (QT_TRANSLATE_NOOP("DocumentText", "Line payable (kg)"), "出货结算重量(公斤)"),
    "truck_gross_kg": (QT_TRANSLATE_NOOP("DocumentText", "Truck gross (kg)"), "整车毛重(公斤)"),
    "truck_tare_kg": (QT_TRANSLATE_NOOP("DocumentText", "Truck tare (kg)"), "整车皮重(公斤)"),
    "truck_net_kg": (QT_TRANSLATE_NOOP("DocumentText", "Truck net (kg)"), "整车净重(公斤)"),
    "truck_deduction_kg": (QT_TRANSLATE_NOOP("DocumentText", "Truck deduction (kg)"), "整车扣重(公斤)"),
    "not_shipped": (QT_TRANSLATE_NOOP("DocumentText", "not shipped"), "未出货"),
    "no_lot": (QT_TRANSLATE_NOOP("DocumentText", "no lot recorded"), "未记录批次"),
}
LABELS.update(STATEMENT_LABELS)  # the buyer statement's own words (app/documents/statement_texts.py)


class Texts:
    """Document labels in one language: texts["buyer"], texts.get("page_of", 2, 9)."""

    def __init__(self, lang: str = "zh_CN"):
        self.lang = "zh_CN" if lang.lower().startswith("zh") else "en"

    @property
    def chinese(self) -> bool:
        return self.lang == "zh_CN"

    def __getitem__(self, key: str) -> str:
        source, zh = LABELS[key]
        if not self.chinese:
            return source
        translated = QCoreApplication.translate(CONTEXT, source)
        return translated if translated and translated != source else zh

    def get(self, key: str, *args: object) -> str:
        """A label with %1, %2 … filled in (Qt's placeholder style, so translators keep them)."""
        text = self[key]
        for n, arg in reversed(list(enumerate(args, start=1))):
            text = text.replace(f"%{n}", str(arg))
        return text

    @property
    def colon(self) -> str:
        """The colon after a label: full-width in Chinese, ': ' in English."""
        return "：" if self.chinese else ": "

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.chinese else f" ({text})"

    def crop(self, name: str, name_en: str = "") -> str:
        """A crop by its English name in an English document, when it has one."""
        if not name_en or self.chinese:
            return name
        return name_en[:1].upper() + name_en[1:]

    def named(self, name: str, name_en: str = "") -> str:
        """An operator or a market by its English name in an English document, when it has one."""
        return name if self.chinese or not name_en else name_en

    def grade(self, code: str) -> str:
        return units.label(units.GRADES, code, self.lang)

    def method(self, code: str) -> str:
        return units.label(units.PAYMENT_METHODS, code, self.lang)

    def period(self, start: str, end: str) -> str:
        return self.get("period_range", start, end)
