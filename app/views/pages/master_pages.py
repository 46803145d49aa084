"""The master-data pages: Operators & plots, Buyers, Markets, Crops, and Payments with buyer balances."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from app.context import AppContext
from app.i18n import current_language
from app.models.record_table import Column, RecordTableModel
from app.views.forms.buyer_form import build_buyer_form, buyer_from_form
from app.views.forms.field_parsers import (
    CellParser,
    credit_code_parser,
    credit_code_warning,
    format_area,
    names_parser,
    parse_phone,
)
from app.views.forms.fields import (
    AreaEdit,
    ChoiceCombo,
    DateEdit,
    MoneyEdit,
    NameEdit,
    PriceEdit,
    TextEdit,
    ValidatedLineEdit,
)
from app.views.forms.record_form import RecordForm
from app.views.pages.record_page import RecordBrowser, RecordPage
from db import units
from db.errors import ValidationError
from db.i18n import translate
from db.parsing import ParseResult, normalize_text
from db.records import Buyer, Crop, Market, Operator, Payment, Plot, Record
from db.repositories import Repository


def _label(codes: dict[str, tuple[str, str]], code: str) -> str:
    return units.label(codes, code, current_language())


def _joined(values: Sequence[str]) -> str:
    return "、".join(values)


def _area_text(area_mu_x100: int) -> str:
    return format_area(area_mu_x100) if area_mu_x100 else ""


def phone_field() -> ValidatedLineEdit:
    return ValidatedLineEdit(CellParser(parse_phone, required=False))


def names_field() -> ValidatedLineEdit:
    field = ValidatedLineEdit(names_parser())
    field.setPlaceholderText("、")
    return field


def _splitter_state(ctx: AppContext, key: str, splitter: QSplitter, sizes: list[int]) -> None:
    state = ctx.settings.splitter_state(key)
    if state.isEmpty() or not splitter.restoreState(state):
        splitter.setSizes(sizes)
    splitter.splitterMoved.connect(lambda *_: ctx.settings.set_splitter_state(key, splitter.saveState()))


# ---------------------------------------------------------------------------------------------------
# Operators and their plots


class OperatorBrowser(RecordBrowser):
    key = "operators"
    default_sort = ("name", Qt.SortOrder.AscendingOrder)

    def repository(self) -> Repository:
        return self.ctx.store.operators

    def load(self) -> list[Record]:
        self._plot_counts: dict[int, int] = {}
        for plot in self.ctx.store.plots.list():
            self._plot_counts[plot.operator_id] = self._plot_counts.get(plot.operator_id, 0) + 1
        return super().load()

    def make_columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name),
            Column("short_name", QT_TRANSLATE_NOOP("columns", "Short name"), lambda r: r.short_name),
            Column(
                "kind",
                QT_TRANSLATE_NOOP("columns", "Kind"),
                lambda r: _label(units.OPERATOR_KINDS, r.kind),
                filter_value=lambda r: r.kind,
            ),
            Column(
                "side",
                QT_TRANSLATE_NOOP("columns", "Side"),
                lambda r: _label(units.SIDES, r.side),
                filter_value=lambda r: r.side,
            ),
            Column("town", QT_TRANSLATE_NOOP("columns", "Town"), lambda r: r.town),
            Column(
                "area",
                QT_TRANSLATE_NOOP("columns", "Area (mu)"),
                lambda r: _area_text(r.area_mu_x100),
                sort_key=lambda r: r.area_mu_x100,
                align_right=True,
            ),
            Column(
                "plots",
                QT_TRANSLATE_NOOP("columns", "Plots"),
                lambda r: str(self._plot_counts.get(r.id, 0)),
                sort_key=lambda r: self._plot_counts.get(r.id, 0),
                align_right=True,
            ),
            Column("contact", QT_TRANSLATE_NOOP("columns", "Contact"), lambda r: r.contact),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: r.phone),
            Column("credit_code", QT_TRANSLATE_NOOP("columns", "Credit code"), lambda r: r.credit_code),
            Column("aliases", QT_TRANSLATE_NOOP("columns", "Also called"), lambda r: _joined(r.aliases)),
            Column("name_en", QT_TRANSLATE_NOOP("columns", "English name"), lambda r: r.name_en),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "operator")

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New operator")
        return QCoreApplication.translate("RecordBrowser", "Edit operator")

    def build_form(self, record: Operator | None) -> RecordForm:
        record = record or Operator(name="")
        form = RecordForm()
        name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Name"), TextEdit(required=True))
        short = form.add_field(
            "short_name", QT_TRANSLATE_NOOP("forms", "Short name"), TextEdit(max_length=40)
        )
        name_en = form.add_field("name_en", QT_TRANSLATE_NOOP("forms", "English name"), TextEdit())
        aliases = form.add_field("aliases", QT_TRANSLATE_NOOP("forms", "Also called"), names_field())
        kind = form.add_field("kind", QT_TRANSLATE_NOOP("forms", "Kind"), ChoiceCombo(units.OPERATOR_KINDS))
        side = form.add_field("side", QT_TRANSLATE_NOOP("forms", "Side"), ChoiceCombo(units.SIDES))
        town = form.add_field("town", QT_TRANSLATE_NOOP("forms", "Town"), TextEdit())
        credit = form.add_field(
            "credit_code",
            QT_TRANSLATE_NOOP("forms", "Credit code"),
            ValidatedLineEdit(credit_code_parser(), warn=credit_code_warning),
        )
        contact = form.add_field("contact", QT_TRANSLATE_NOOP("forms", "Contact person"), TextEdit())
        phone = form.add_field("phone", QT_TRANSLATE_NOOP("forms", "Phone"), phone_field())
        area = form.add_field("area", QT_TRANSLATE_NOOP("forms", "Area (mu)"), AreaEdit())
        notes = form.add_field("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
        name.set_value(record.name)
        short.set_value(record.short_name)
        name_en.set_value(record.name_en)
        aliases.set_value(record.aliases)
        kind.set_code(record.kind)
        side.set_code(record.side)
        town.set_value(record.town)
        credit.set_value(record.credit_code)
        contact.set_value(record.contact)
        phone.set_value(record.phone)
        area.set_value(record.area_mu_x100 or None)
        notes.set_value(record.notes)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Operator:
        base = original or Operator(name="")
        return base.replace(
            name=form.value("name"),
            short_name=form.value("short_name") or "",
            name_en=form.value("name_en") or "",
            aliases=form.value("aliases") or (),
            kind=form.value("kind"),
            side=form.value("side"),
            town=form.value("town") or "",
            credit_code=form.value("credit_code") or "",
            contact=form.value("contact") or "",
            phone=form.value("phone") or "",
            area_mu_x100=form.value("area") or 0,
            notes=form.value("notes") or "",
        )


class PlotBrowser(RecordBrowser):
    """The plots of the operator chosen in the operator browser."""

    key = "plots"
    default_sort = ("name", Qt.SortOrder.AscendingOrder)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        self.operator: Operator | None = None
        super().__init__(ctx, parent)

    def set_operator(self, operator: Operator | None) -> None:
        if operator is not None and self.operator is not None and operator.id == self.operator.id:
            self.operator = operator
            return
        self.operator = operator
        self.refresh([])

    def repository(self) -> Repository:
        return self.ctx.store.plots

    def load(self) -> list[Record]:
        if self.operator is None:
            return []
        return self.ctx.store.plots.for_operator(self.operator.id, include_archived=True)

    def make_columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Plot"), lambda r: r.name),
            Column(
                "area",
                QT_TRANSLATE_NOOP("columns", "Area (mu)"),
                lambda r: _area_text(r.area_mu_x100),
                sort_key=lambda r: r.area_mu_x100,
                align_right=True,
            ),
            Column("village", QT_TRANSLATE_NOOP("columns", "Village"), lambda r: r.village),
            Column("notes", QT_TRANSLATE_NOOP("columns", "Notes"), lambda r: r.notes),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "plot")

    def form_title(self, record: Record | None) -> str:
        owner = self.operator.name if self.operator is not None else ""
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New plot of %1").replace("%1", owner)
        return QCoreApplication.translate("RecordBrowser", "Edit plot of %1").replace("%1", owner)

    def new_record(self) -> None:
        if self.operator is None:
            self.status_message.emit(QCoreApplication.translate("RecordBrowser", "Choose an operator first"))
            return
        super().new_record()

    def build_form(self, record: Plot | None) -> RecordForm:
        form = RecordForm()
        name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Plot name"), TextEdit(required=True))
        area = form.add_field("area", QT_TRANSLATE_NOOP("forms", "Area (mu)"), AreaEdit())
        village = form.add_field("village", QT_TRANSLATE_NOOP("forms", "Village"), TextEdit())
        notes = form.add_field("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
        if record is not None:
            name.set_value(record.name)
            area.set_value(record.area_mu_x100 or None)
            village.set_value(record.village)
            notes.set_value(record.notes)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Plot:
        operator_id = original.operator_id if original is not None else self.operator.id
        base = original or Plot(operator_id=operator_id, name="")
        return base.replace(
            name=form.value("name"),
            area_mu_x100=form.value("area") or 0,
            village=form.value("village") or "",
            notes=form.value("notes") or "",
        )


class OperatorsPage(RecordPage):
    """Operators above, the plots of the chosen operator below."""

    key = "operators"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.operators = self.add_browser(OperatorBrowser(ctx))
        self.plots = self.add_browser(PlotBrowser(ctx))
        self.plots_label = QLabel()
        self.plots_label.setStyleSheet("font-weight: bold;")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 6, 0, 0)
        lower_layout.addWidget(self.plots_label)
        lower_layout.addWidget(self.plots)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.operators)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        _splitter_state(ctx, "operators", self.splitter, [420, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.operators.current_record_changed.connect(self._operator_changed)
        self.operators.records_changed.connect(lambda *_: self.plots.refresh())
        self.plots.records_changed.connect(lambda *_: self.operators.refresh())
        self._operator_changed(self.operators.current_record())
        self.retranslate_ui()

    def _operator_changed(self, operator: Operator | None) -> None:
        self.plots.set_operator(operator)
        self._set_plots_label()

    def _set_plots_label(self) -> None:
        operator = self.plots.operator
        if operator is None:
            self.plots_label.setText(QCoreApplication.translate("OperatorsPage", "Plots"))
        else:
            self.plots_label.setText(
                QCoreApplication.translate("OperatorsPage", "Plots of %1").replace("%1", operator.name)
            )

    def title(self) -> str:
        return QCoreApplication.translate("OperatorsPage", "Operators & plots")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "plots_label"):
            self._set_plots_label()


# ---------------------------------------------------------------------------------------------------
# Buyers, markets, crops


class BuyerBrowser(RecordBrowser):
    key = "buyers"

    def repository(self) -> Repository:
        return self.ctx.store.buyers

    def load(self) -> list[Record]:
        self._markets = {m.id: m for m in self.ctx.store.markets.list()}
        return super().load()

    def _market_name(self, market_id: int | None) -> str:
        market = getattr(self, "_markets", {}).get(market_id)
        return market.name if market is not None else ""

    def make_columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name),
            Column(
                "kind",
                QT_TRANSLATE_NOOP("columns", "Kind"),
                lambda r: _label(units.BUYER_KINDS, r.kind),
                filter_value=lambda r: r.kind,
            ),
            Column("home_base", QT_TRANSLATE_NOOP("columns", "Home base"), lambda r: r.home_base),
            Column("phone", QT_TRANSLATE_NOOP("columns", "Phone"), lambda r: r.phone),
            Column(
                "market",
                QT_TRANSLATE_NOOP("columns", "Usual market"),
                lambda r: self._market_name(r.default_market_id),
                filter_value=lambda r: r.default_market_id,
            ),
            Column("plates", QT_TRANSLATE_NOOP("columns", "Truck plates"), lambda r: _joined(r.plates)),
            Column("notes", QT_TRANSLATE_NOOP("columns", "Notes"), lambda r: r.notes),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "buyer")

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New buyer")
        return QCoreApplication.translate("RecordBrowser", "Edit buyer")

    def build_form(self, record: Buyer | None) -> RecordForm:
        return build_buyer_form(self.ctx, record)

    def record_from_form(self, form: RecordForm, original: Record | None) -> Buyer:
        return buyer_from_form(form, original)


class MarketBrowser(RecordBrowser):
    key = "markets"

    def repository(self) -> Repository:
        return self.ctx.store.markets

    def make_columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name),
            Column("district", QT_TRANSLATE_NOOP("columns", "District"), lambda r: r.district),
            Column(
                "city", QT_TRANSLATE_NOOP("columns", "City"), lambda r: r.city, filter_value=lambda r: r.city
            ),
            Column("aliases", QT_TRANSLATE_NOOP("columns", "Also called"), lambda r: _joined(r.aliases)),
            Column("name_en", QT_TRANSLATE_NOOP("columns", "English name"), lambda r: r.name_en),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "market")

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New market")
        return QCoreApplication.translate("RecordBrowser", "Edit market")

    def build_form(self, record: Market | None) -> RecordForm:
        record = record or Market(name="")
        form = RecordForm()
        name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Name"), TextEdit(required=True))
        name_en = form.add_field("name_en", QT_TRANSLATE_NOOP("forms", "English name"), TextEdit())
        aliases = form.add_field("aliases", QT_TRANSLATE_NOOP("forms", "Also called"), names_field())
        district = form.add_field("district", QT_TRANSLATE_NOOP("forms", "District"), TextEdit())
        city = form.add_field("city", QT_TRANSLATE_NOOP("forms", "City"), TextEdit())
        name.set_value(record.name)
        name_en.set_value(record.name_en)
        aliases.set_value(record.aliases)
        district.set_value(record.district)
        city.set_value(record.city)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Market:
        base = original or Market(name="")
        return base.replace(
            name=form.value("name"),
            name_en=form.value("name_en") or "",
            aliases=form.value("aliases") or (),
            district=form.value("district") or "",
            city=form.value("city") or "",
        )


def parse_months(text: str) -> ParseResult[str]:
    """Harvest months as typed ('11-3', '11,12,1,2,3', '5–10、12') → '11,12,1,2,3' in season order."""
    s = normalize_text(text).replace("月", "").replace("–", "-").replace("~", "-").replace("至", "-")
    for sep in ("，", "、", ";", " "):
        s = s.replace(sep, ",")
    months: list[int] = []
    for part in (p for p in s.split(",") if p):
        bounds = part.split("-")
        if len(bounds) > 2 or not all(b.isdigit() for b in bounds):
            error = translate("db", "'{text}' is not a month or a range of months such as 11-3")
            return ParseResult(error=error.format(text=part))
        first, last = int(bounds[0]), int(bounds[-1])
        if not (1 <= first <= 12 and 1 <= last <= 12):
            return ParseResult(error=translate("db", "'{text}': months are 1 to 12").format(text=part))
        month = first
        while True:
            if month not in months:
                months.append(month)
            if month == last:
                break
            month = month % 12 + 1
    return ParseResult(value=",".join(map(str, months)))


class CropBrowser(RecordBrowser):
    key = "crops"

    def repository(self) -> Repository:
        return self.ctx.store.crops

    def make_columns(self) -> list[Column]:
        return [
            Column("name", QT_TRANSLATE_NOOP("columns", "Name"), lambda r: r.name),
            Column("name_en", QT_TRANSLATE_NOOP("columns", "English name"), lambda r: r.name_en),
            Column("aliases", QT_TRANSLATE_NOOP("columns", "Also called"), lambda r: _joined(r.aliases)),
            Column("season", QT_TRANSLATE_NOOP("columns", "Harvest months"), lambda r: r.season_months),
            Column(
                "price_low",
                QT_TRANSLATE_NOOP("columns", "Low (yuan/kg)"),
                lambda r: units.format_price(r.price_low) if r.price_low else "",
                sort_key=lambda r: r.price_low,
                align_right=True,
            ),
            Column(
                "price_high",
                QT_TRANSLATE_NOOP("columns", "High (yuan/kg)"),
                lambda r: units.format_price(r.price_high) if r.price_high else "",
                sort_key=lambda r: r.price_high,
                align_right=True,
            ),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "crop")

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New crop")
        return QCoreApplication.translate("RecordBrowser", "Edit crop")

    def build_form(self, record: Crop | None) -> RecordForm:
        record = record or Crop(name="")
        form = RecordForm()
        name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Name"), TextEdit(required=True))
        name_en = form.add_field("name_en", QT_TRANSLATE_NOOP("forms", "English name"), TextEdit())
        aliases = form.add_field("aliases", QT_TRANSLATE_NOOP("forms", "Also called"), names_field())
        season = form.add_field(
            "season",
            QT_TRANSLATE_NOOP("forms", "Harvest months"),
            ValidatedLineEdit(CellParser(parse_months, describe=lambda v: "= " + v, required=False)),
        )
        low = form.add_field(
            "price_low", QT_TRANSLATE_NOOP("forms", "Usual low price"), PriceEdit("元/公斤", required=False)
        )
        high = form.add_field(
            "price_high", QT_TRANSLATE_NOOP("forms", "Usual high price"), PriceEdit("元/公斤", required=False)
        )
        name.set_value(record.name)
        name_en.set_value(record.name_en)
        aliases.set_value(record.aliases)
        season.set_value(record.season_months)
        low.set_value(record.price_low or None)
        high.set_value(record.price_high or None)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Crop:
        low, high = form.value("price_low") or 0, form.value("price_high") or 0
        if high and low > high:
            message = QCoreApplication.translate("forms", "Must not be below the low price")
            raise ValidationError(message, [("price_high", message)])
        base = original or Crop(name="")
        return base.replace(
            name=form.value("name"),
            name_en=form.value("name_en") or "",
            aliases=form.value("aliases") or (),
            season_months=form.value("season") or "",
            price_low=low,
            price_high=high or low,
        )


class BuyersPage(RecordPage):
    key = "buyers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(self.add_browser(BuyerBrowser(ctx)))

    def title(self) -> str:
        return QCoreApplication.translate("BuyersPage", "Buyers")


class MarketsPage(RecordPage):
    key = "markets"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(self.add_browser(MarketBrowser(ctx)))

    def title(self) -> str:
        return QCoreApplication.translate("MarketsPage", "Markets")


class CropsPage(RecordPage):
    key = "crops"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        QVBoxLayout(self).addWidget(self.add_browser(CropBrowser(ctx)))

    def title(self) -> str:
        return QCoreApplication.translate("CropsPage", "Crops")


# ---------------------------------------------------------------------------------------------------
# Payments


class PaymentBrowser(RecordBrowser):
    key = "payments"
    date_filter_column = "date"
    default_sort = ("date", Qt.SortOrder.DescendingOrder)

    def repository(self) -> Repository:
        return self.ctx.store.payments

    def search_placeholder(self) -> str:
        return QCoreApplication.translate("PaymentsPage", "Search buyer, reference, notes (Ctrl+F)…")

    def load(self) -> list[Record]:
        self._buyers = {b.id: b for b in self.ctx.store.buyers.list()}
        return super().load()

    def _buyer_name(self, buyer_id: int) -> str:
        buyer = getattr(self, "_buyers", {}).get(buyer_id)
        return buyer.name if buyer is not None else str(buyer_id)

    def make_columns(self) -> list[Column]:
        return [
            Column(
                "date",
                QT_TRANSLATE_NOOP("columns", "Date"),
                lambda r: r.pay_date,
                sort_key=lambda r: r.pay_date,
            ),
            Column(
                "buyer",
                QT_TRANSLATE_NOOP("columns", "Buyer"),
                lambda r: self._buyer_name(r.buyer_id),
                filter_value=lambda r: r.buyer_id,
            ),
            Column(
                "amount",
                QT_TRANSLATE_NOOP("columns", "Amount (yuan)"),
                lambda r: units.format_yuan(r.amount_fen),
                sort_key=lambda r: r.amount_fen,
                align_right=True,
            ),
            Column(
                "method",
                QT_TRANSLATE_NOOP("columns", "Method"),
                lambda r: _label(units.PAYMENT_METHODS, r.method),
                filter_value=lambda r: r.method,
            ),
            Column("reference", QT_TRANSLATE_NOOP("columns", "Reference"), lambda r: r.reference),
            Column("notes", QT_TRANSLATE_NOOP("columns", "Notes"), lambda r: r.notes),
        ]

    def search_extra(self, record: Record) -> str:
        return ""

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "payment")

    def name_of(self, record: Record) -> str:
        return (
            f"{record.pay_date} {self._buyer_name(record.buyer_id)} ¥{units.format_yuan(record.amount_fen)}"
        )

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New payment")
        return QCoreApplication.translate("RecordBrowser", "Edit payment")

    def duplicate_of(self, record: Record) -> Record:
        return record.replace(id=None)

    def summary_text(self, records: Sequence[Record]) -> str:
        if not records:
            return ""
        total = sum(r.amount_fen for r in records)
        n = len(records)
        mean = (Decimal(total) / len(records)).quantize(Decimal(1))
        return (
            QCoreApplication.translate("RecordBrowser", "%n payment(s)", "", n)
            + " · "
            + QCoreApplication.translate("RecordBrowser", "sum ¥%1 · mean ¥%2")
            .replace("%1", units.format_yuan(total))
            .replace("%2", units.format_yuan(int(mean)))
        )

    def build_form(self, record: Payment | None) -> RecordForm:
        settings = self.ctx.settings
        form = RecordForm()
        date = form.add_field("date", QT_TRANSLATE_NOOP("forms", "Date"), DateEdit())
        buyers = [
            (b.id, b.name, ())
            for b in self.ctx.store.buyers.list()
            if not b.archived or (record is not None and b.id == record.buyer_id)
        ]
        buyer = form.add_field("buyer", QT_TRANSLATE_NOOP("forms", "Buyer"), NameEdit(buyers))
        amount = form.add_field("amount", QT_TRANSLATE_NOOP("forms", "Amount (yuan)"), MoneyEdit())
        method = form.add_field(
            "method", QT_TRANSLATE_NOOP("forms", "Method"), ChoiceCombo(units.PAYMENT_METHODS)
        )
        reference = form.add_field("reference", QT_TRANSLATE_NOOP("forms", "Reference"), TextEdit())
        notes = form.add_field("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
        if record is None:
            date.set_value(settings.entry_default("date") or datetime.date.today().isoformat())
            last_buyer = settings.entry_default("buyer_id")
            if last_buyer.isdigit() and int(last_buyer) in {b[0] for b in buyers}:
                buyer.set_value(int(last_buyer))
            method.set_code(settings.entry_default("payment_method", "transfer"))
        else:
            date.set_value(record.pay_date)
            buyer.set_value(record.buyer_id)
            amount.set_value(record.amount_fen)
            method.set_code(record.method)
            reference.set_value(record.reference)
            notes.set_value(record.notes)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Payment:
        values = dict(
            pay_date=form.value("date"),
            buyer_id=form.value("buyer"),
            amount_fen=form.value("amount"),
            method=form.value("method"),
            reference=form.value("reference") or "",
            notes=form.value("notes") or "",
        )
        if original is None:
            return Payment(**values)
        return original.replace(**values)

    def remember(self, record: Payment) -> None:
        settings = self.ctx.settings
        settings.set_entry_default("date", record.pay_date)
        settings.set_entry_default("buyer_id", record.buyer_id)
        settings.set_entry_default("payment_method", record.method)


def balance_text(balance) -> str:
    """A buyer's balance in words: 'owes 1,234.00' or 'prepaid 450.00', never a minus sign."""
    if balance.balance_fen < 0:
        text = QCoreApplication.translate("PaymentsPage", "prepaid %1")
        return text.replace("%1", units.format_yuan(-balance.balance_fen))
    if balance.balance_fen == 0:
        return units.format_yuan(0)
    return QCoreApplication.translate("PaymentsPage", "owes %1").replace(
        "%1", units.format_yuan(balance.balance_fen)
    )


def _balance_columns() -> list[Column]:
    return [
        Column("name", QT_TRANSLATE_NOOP("columns", "Buyer"), lambda b: b.name, tooltip=lambda b: b.name),
        Column(
            "balance",
            QT_TRANSLATE_NOOP("columns", "Balance (yuan)"),
            balance_text,
            sort_key=lambda b: b.balance_fen,
            align_right=True,
        ),
        Column(
            "shipped",
            QT_TRANSLATE_NOOP("columns", "Shipped (yuan)"),
            lambda b: units.format_yuan(b.shipped_fen),
            sort_key=lambda b: b.shipped_fen,
            align_right=True,
        ),
        Column(
            "paid",
            QT_TRANSLATE_NOOP("columns", "Paid (yuan)"),
            lambda b: units.format_yuan(b.paid_fen),
            sort_key=lambda b: b.paid_fen,
            align_right=True,
        ),
        Column("last_payment", QT_TRANSLATE_NOOP("columns", "Last payment"), lambda b: b.last_payment or ""),
    ]


class PaymentsPage(RecordPage):
    """Payments received, with every buyer's balance (shipped minus paid) beside them."""

    key = "payments"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.payments = self.add_browser(PaymentBrowser(ctx))
        self._fit_filters()
        self.balances = RecordTableModel(_balance_columns(), self, id_of=lambda b: b.buyer_id)
        self.balance_view = QTableView()
        self.balance_view.setModel(self.balances)
        self.balance_view.verticalHeader().hide()
        # The amounts and the date keep their width; the buyer's name takes (and elides in) the rest,
        # so the pane needs no horizontal scroll bar.
        header = self.balance_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.balance_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.balance_view.doubleClicked.connect(self._filter_to_buyer)
        self.balance_view.installEventFilter(self)
        self.balance_label = QLabel()
        self.balance_label.setStyleSheet("font-weight: bold;")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.balance_label)
        side_layout.addWidget(self.balance_view)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.payments)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        _splitter_state(ctx, "payments", self.splitter, [690, 530])
        QVBoxLayout(self).addWidget(self.splitter)
        self.payments.records_changed.connect(lambda *_: self.refresh_balances())
        self.refresh_balances()
        self.retranslate_ui()

    def _fit_filters(self) -> None:
        """Date edits wide enough for their placeholder; filter combos no wider than a short name
        (the list that drops down shows long names in full). Done before anything measures the
        layout (the splitter does), so every window computes the same minimum size."""
        for edit in (self.payments.date_from, self.payments.date_to):
            if edit is not None:
                needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText() + "00") + 34
                edit.setMaximumWidth(max(edit.maximumWidth(), needed))
                edit.setMinimumWidth(needed)
        self.payments.search.setMinimumWidth(140)
        for combo in self.payments.filters.values():
            combo.setMaximumWidth(130)

    def _fit_filter_lists(self) -> None:
        for combo in self.payments.filters.values():
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

    def refresh_balances(self) -> None:
        try:
            from db.queries import buyer_balances
        except ImportError:  # the queries module is optional for this page
            return
        self.balances.set_records(buyer_balances(self.ctx.store.db))
        self._fit_filter_lists()
        self._fit_balance_pane()

    def _fit_balance_pane(self) -> None:
        """A readable buyer name before anything else: when the pane is too narrow for the name
        (four characters) and every figure, the shipped and paid columns step aside (what is owed
        and the last payment stay); squeezed, the stretched name column had kept one character."""
        view = self.balance_view
        header = view.horizontalHeader()
        columns = [c.key for c in self.balances.columns]
        optional = [columns.index(k) for k in ("shipped", "paid") if k in columns]
        # The width each figure column takes when shown (ResizeToContents), remembered while hidden.
        known = self.__dict__.setdefault("_balance_widths", {})
        for c in range(1, len(columns)):
            if not header.isSectionHidden(c) and header.sectionSize(c) > 0:
                known[c] = header.sectionSize(c)
        widths = {
            c: known.get(c) or max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(1, len(columns))
        }
        name = max(view.fontMetrics().horizontalAdvance("重庆鲜达…"), header.sectionSizeHint(0))
        essential = name + sum(w for c, w in widths.items() if c not in optional)
        frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 8
        view.setMinimumWidth(essential + frame)
        # Not the viewport's width: it changes as columns come and go, and the columns would flap.
        bar = view.verticalScrollBar()
        room = view.width() - 2 * view.frameWidth() - (bar.sizeHint().width() if bar.isVisible() else 0)
        show_all = essential + sum(widths[c] for c in optional) <= room
        for c in optional:
            header.setSectionHidden(c, not show_all)
        self.splitter.setCollapsible(1, False)

    def eventFilter(self, watched, event) -> bool:
        if watched is getattr(self, "balance_view", None) and event.type() == QEvent.Type.Resize:
            self._fit_balance_pane()
        return super().eventFilter(watched, event)

    def _filter_to_buyer(self, index) -> None:
        balance = self.balances.record_at(index.row())
        if balance is not None:
            self.payments.set_filter("buyer", balance.buyer_id)

    def refresh(self) -> None:
        super().refresh()
        self.refresh_balances()

    def title(self) -> str:
        return QCoreApplication.translate("PaymentsPage", "Payments")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "balance_label"):
            self._fit_balance_pane()  # the headers changed their width
            self.balance_label.setText(
                QCoreApplication.translate("PaymentsPage", "Buyer balances (double-click to filter)")
            )
            self.balances.texts_changed()
