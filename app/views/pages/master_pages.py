"""The master-data pages: Operators & plots, Buyers, Markets, Crops (Payments: payments_page)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.context import AppContext
from app.i18n import current_language
from app.models.record_table import Column
from app.views.forms.buyer_form import build_buyer_form, buyer_from_form
from app.views.forms.crop_form import build_crop_form, crop_from_form
from app.views.forms.crop_form import parse_months as parse_months  # where tests and callers found it
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
    TextEdit,
    ValidatedLineEdit,
)
from app.views.forms.record_form import RecordForm
from app.views.pages.record_page import RecordBrowser, RecordPage
from db import units
from db.records import Buyer, Crop, Market, Operator, Plot, Record
from db.repositories import Repository


def label(codes: dict[str, tuple[str, str]], code: str) -> str:
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


def two_panes(
    ctx: AppContext,
    key: str,
    orientation: Qt.Orientation,
    first: QWidget,
    second: QWidget,
    sizes: list[int],
) -> tuple[QSplitter, QLabel]:
    """`first` beside (or above) `second` under a bold title, split 3:2, the split kept in the
    settings under `key`. Returns the splitter and the title label (its text is the caller's)."""
    title = QLabel()
    title.setStyleSheet("font-weight: bold;")
    pane = QWidget()
    pane_layout = QVBoxLayout(pane)
    horizontal = orientation == Qt.Orientation.Horizontal
    pane_layout.setContentsMargins(6 if horizontal else 0, 0 if horizontal else 6, 0, 0)
    pane_layout.addWidget(title)
    pane_layout.addWidget(second)
    splitter = QSplitter(orientation)
    splitter.addWidget(first)
    splitter.addWidget(pane)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    state = ctx.settings.splitter_state(key)
    if state.isEmpty() or not splitter.restoreState(state):
        splitter.setSizes(sizes)
    splitter.splitterMoved.connect(lambda *_: ctx.settings.set_splitter_state(key, splitter.saveState()))
    return splitter, title


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
                lambda r: label(units.OPERATOR_KINDS, r.kind),
                filter_value=lambda r: r.kind,
            ),
            Column(
                "side",
                QT_TRANSLATE_NOOP("columns", "Side"),
                lambda r: label(units.SIDES, r.side),
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
        self.splitter, self.plots_label = two_panes(
            ctx, "operators", Qt.Orientation.Vertical, self.operators, self.plots, [420, 300]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.operators.current_record_changed.connect(self._operator_changed)
        self.operators.records_changed.connect(lambda *_: self.plots.refresh())
        self.plots.records_changed.connect(lambda *_: self.operators.refresh())
        self._operator_changed(self.operators.current_record())
        self.retranslate_ui()

    def _operator_changed(self, operator: Operator | None) -> None:
        self.plots.set_operator(operator)
        self._set_plotslabel()

    def _set_plotslabel(self) -> None:
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
            self._set_plotslabel()


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
                lambda r: label(units.BUYER_KINDS, r.kind),
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


# The crops table's pack weight columns (blank while unknown).
CROP_PACK_COLUMNS = (
    ("bag", QT_TRANSLATE_NOOP("columns", "Bag (kg)")),
    ("basket", QT_TRANSLATE_NOOP("columns", "Crate (kg)")),
    ("bundle", QT_TRANSLATE_NOOP("columns", "Bundle (kg)")),
)


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
            *(
                Column(
                    f"{kind}_g",
                    title,
                    lambda r, kind=kind: "" if r.pack_g(kind) is None else units.plain_kg(r.pack_g(kind)),
                    sort_key=lambda r, kind=kind: r.pack_g(kind) or 0,
                    align_right=True,
                )
                for kind, title in CROP_PACK_COLUMNS
            ),
        ]

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "crop")

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New crop")
        return QCoreApplication.translate("RecordBrowser", "Edit crop")

    def build_form(self, record: Crop | None) -> RecordForm:
        return build_crop_form(record, names_field)

    def record_from_form(self, form: RecordForm, original: Record | None) -> Crop:
        return crop_from_form(form, original)  # type: ignore[arg-type]


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
