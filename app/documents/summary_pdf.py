"""The park's production and sales report (产销月报 / 年报) as a PDF document, and the column layout
its workbook shares: every operator, crop and market with trucks, tonnes, share, month on month
(环比), year on year (同比), sales, average price and the year to date (累计)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from app.documents import formatting as fmt
from app.documents.pdf import Bars, Col, Document, Heading, Info, Paragraph, Signatures, Table, Title
from app.documents.reports_pdf import document
from app.documents.texts import Texts
from db import units
from db.documents.park_summary import Figures, ParkReport, SummaryRow


def price(f: Figures) -> Fraction | None:
    """Average 元/公斤 over the payable weight, exactly; None when nothing was sold."""
    return None if f.payable_g == 0 else Fraction(f.amount_fen * 10, f.payable_g)


def change(now: int | Fraction | None, before: int | Fraction | None) -> Fraction | str:
    """The exact change, or '—' (nothing either time) or 'new' (nothing before)."""
    if not before:
        return "—" if not now else "new"
    return Fraction(now or 0) / Fraction(before) - 1


@dataclass(frozen=True)
class Column:
    """A column of the report's tables: title, kind ('text', 'int', 'tonnes', 'share', 'change',
    'money', 'price') and the value of a row (exact; formatted by each renderer)."""

    title: str
    kind: str
    value: Callable[[SummaryRow], object]


def columns(
    rp: ParkReport, t: Texts, first: str, *, harvest: bool = True, by_month: bool = False
) -> list[Column]:
    month = not rp.is_year
    cols = [
        Column(first, "text", lambda r: r.name),
        Column(t["trucks"], "int", lambda r: r.now.trucks),
        Column(t["shipped_t"], "tonnes", lambda r: r.now.shipped_g),
    ]
    if not by_month:
        cols.append(Column(t["share"], "share", rp.share))
    if month or by_month:
        # A year's total has no month before it: its 环比 cell stays empty in the by-month table.
        cols.append(
            Column(
                t["mom"],
                "change",
                lambda r: "" if by_month and r is rp.total else change(r.now.shipped_g, r.previous.shipped_g),
            )
        )
    cols += [
        Column(t["yoy"], "change", lambda r: change(r.now.shipped_g, r.last_year.shipped_g)),
        Column(t["revenue_plain"], "money", lambda r: r.now.amount_fen),
        Column(t["avg_price"], "price", lambda r: price(r.now)),
    ]
    if month or by_month:
        cols += [
            Column(t["ytd_shipped_t"], "tonnes", lambda r: r.ytd.shipped_g),
            Column(t["ytd_yoy"], "change", lambda r: change(r.ytd.shipped_g, r.ytd_last_year.shipped_g)),
        ]
    if harvest:
        cols.append(Column(t["harvested_t"], "tonnes", lambda r: r.now.harvested_g))
    return cols


def cell_text(kind: str, value: object, t: Texts) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return t["new"] if value == "new" else value
    if kind == "int":
        return f"{value:,}"
    if kind == "tonnes":
        return fmt.tonnes(value)
    if kind == "money":
        return fmt.yuan(value)
    if kind == "price":
        return _price_text(value)
    if kind == "share":
        return fmt.percent(value)
    if kind == "change":
        return fmt.percent(value, signed=True)
    return str(value)


def _price_text(value: Fraction) -> str:
    """元/公斤 to the fen, half up, exactly (prices are never negative)."""
    cents = (value * 200 + 1) // 2
    return f"{Decimal(cents).scaleb(-2):,.2f}"


def _table(
    rp: ParkReport, t: Texts, cols: list[Column], rows: tuple[SummaryRow, ...], total: bool = True
) -> Table:
    body = [[cell_text(c.kind, c.value(r), t) for c in cols] for r in rows]
    if total:
        body.append([t["total"], *(cell_text(c.kind, c.value(rp.total), t) for c in cols[1:])])
    return Table(
        [Col(c.title, "left" if c.kind == "text" else "right") for c in cols],
        body,
        styles=[""] * len(rows) + (["total"] if total else []),
        size=7.5,
    )


def key_figures(rp: ParkReport, t: Texts) -> tuple[list[str], list[list[tuple[str, object]]]]:
    """The headline table: indicators down, this period and its comparisons across; each cell a
    (kind, exact value) pair for the renderer to format."""
    month = not rp.is_year
    tot = rp.total
    indicators: list[tuple[str, str, Callable[[Figures], object]]] = [
        (t["trucks"], "int", lambda f: f.trucks),
        (t["shipped_t"], "tonnes", lambda f: f.shipped_g),
        (t["harvested_t"], "tonnes", lambda f: f.harvested_g),
        (t["revenue_plain"], "money", lambda f: f.amount_fen),
        (t["avg_price"], "price", price),
    ]
    head = [t["indicator"], t["this_period"]]
    if month:
        head += [t["previous_month"], t["mom"]]
    head += [t["last_year"], t["yoy"]]
    if month:
        head += [t["ytd"], t["ytd_yoy"]]
    rows = []
    for label, kind, get in indicators:
        now = get(tot.now)
        row: list[tuple[str, object]] = [("text", label), (kind, now)]
        if month:
            row += [(kind, get(tot.previous)), ("change", change(now, get(tot.previous)))]
        row += [(kind, get(tot.last_year)), ("change", change(now, get(tot.last_year)))]
        if month:
            ytd = get(tot.ytd)
            row += [(kind, ytd), ("change", change(ytd, get(tot.ytd_last_year)))]
        rows.append(row)
    return head, rows


def spans_info(rp: ParkReport, t: Texts) -> list[tuple[str, str]]:
    s = rp.spans
    pairs = [(t["this_period"], t.period(s.start, s.end))]
    if not rp.is_year:
        pairs.append((t["previous_month"], t.period(*s.previous)))
    pairs.append((t["last_year"], t.period(*s.last_year)))
    if not rp.is_year:
        pairs.append((t["ytd"], t.period(*s.ytd)))
    pairs.append((t["issued_on"], rp.issued_on))
    return pairs


def title(rp: ParkReport, t: Texts) -> str:
    return t["summary_year"] if rp.is_year else t["summary_month"]


def park_summary_document(rp: ParkReport, lang: str = "zh_CN") -> Document:
    t = Texts(lang)
    head, rows = key_figures(rp, t)
    blocks: list = [
        Title(f"{rp.park_name} {title(rp, t)}", rp.period),
        Info(spans_info(rp, t), 2),
        Heading(t["key_figures"]),
        Table(
            [Col(h, "left" if i == 0 else "right") for i, h in enumerate(head)],
            [[cell_text(kind, value, t) for kind, value in row] for row in rows],
            size=7.5,
        ),
    ]
    if rp.by_month:
        blocks += [
            Heading(t["summary_by_month"]),
            Bars(
                "",
                [r.name[5:] for r in rp.by_month],
                [float(units.tonnes(r.now.shipped_g)) for r in rp.by_month],
                45,
            ),
            _table(rp, t, columns(rp, t, t["month"], by_month=True), rp.by_month),
        ]
    operators, crops, markets = named_rows(rp, t)
    blocks += [
        Heading(t["summary_by_operator"]),
        _table(rp, t, columns(rp, t, t["operator"]), operators),
        Heading(t["summary_by_crop"]),
        _table(rp, t, columns(rp, t, t["crop"]), crops),
        Heading(t["summary_by_market"]),
        _table(rp, t, columns(rp, t, t["market"], harvest=False), markets),
        Paragraph(t["summary_notes"], size=7.5),
        Signatures([t["reporting_unit"]]),
        Signatures([t["unit_head"], t["reviewed_by"], t["prepared_by"]]),
    ]
    doc = document(t, title(rp, t), rp.period, rp.park_name, rp.issued_on, blocks)
    doc.landscape = True
    return doc


def named_rows(
    rp: ParkReport, t: Texts
) -> tuple[tuple[SummaryRow, ...], tuple[SummaryRow, ...], tuple[SummaryRow, ...]]:
    """Operators, crops and markets named as the document's language shows them."""
    operators = tuple(replace(r, name=t.named(r.name, r.name_en)) for r in rp.by_operator)
    crops = tuple(replace(r, name=t.crop(r.name, r.name_en)) for r in rp.by_crop)
    markets = tuple(replace(r, name=t.named(r.name, r.name_en) or t["no_market"]) for r in rp.by_market)
    return operators, crops, markets
