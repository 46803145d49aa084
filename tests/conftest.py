"""Shared fixtures: a real SQLite file per test, master data, and offscreen Qt."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import pytest
from hypothesis import settings

from db.records import Buyer, Crop, Market, Operator, Plot
from db.repositories import Store
from db.storage.connection import open_database

# Derandomized so CI is repeatable; `--hypothesis-profile=explore` searches afresh.
settings.register_profile("ci", deadline=None, max_examples=60, derandomize=True)
settings.register_profile("explore", deadline=None, max_examples=2000)
settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test touches the user's real data folder or settings."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("FUJIANG_DATA_DIR", str(data))
    monkeypatch.delenv("FUJIANG_DB", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))


# The day every certificate in the tests is issued (开具日期 is the day of issue): no test depends on
# the real date. A test that needs another day patches db.certification.certificates.today itself.
ISSUE_DAY = "2026-01-10"


@pytest.fixture(autouse=True)
def _certificates_issued_on_a_fixed_day(monkeypatch):
    from db.certification import certificates

    monkeypatch.setattr(certificates, "today", lambda: ISSUE_DAY)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "park.db"


@pytest.fixture
def store(db_path):
    s = Store(open_database(db_path), user="tester")
    yield s
    s.close()


@pytest.fixture
def master(store):
    """A small, hand-made park: 2 operators with a plot each, 2 crops, 2 markets, 2 buyers."""
    ops = [
        store.operators.add(
            Operator(name="涪江湾合作社", kind="coop", area_mu_x100=150_000, aliases=("涪江湾",))
        ),
        store.operators.add(
            Operator(name="青禾家庭农场", kind="family_farm", side="suining", area_mu_x100=22_000)
        ),
    ]
    plots = [
        store.plots.add(Plot(operator_id=ops[0].id, name="一号地", area_mu_x100=50_000)),
        store.plots.add(Plot(operator_id=ops[1].id, name="河边地", area_mu_x100=10_000)),
    ]
    crops = [
        store.crops.add(Crop(name="白萝卜", name_en="daikon radish", aliases=("萝卜", "蘿蔔"))),
        store.crops.add(Crop(name="莴笋", name_en="celtuce", aliases=("青笋",))),
    ]
    markets = [
        store.markets.add(Market(name="重庆双福国际农贸城", district="江津区", aliases=("双福",))),
        store.markets.add(Market(name="重庆盘溪农产品批发市场", district="江北区", aliases=("盘溪",))),
    ]
    buyers = [
        store.buyers.add(
            Buyer(name="陈建华", kind="wholesaler", default_market_id=markets[0].id, plates=("渝C12345",))
        ),
        store.buyers.add(Buyer(name="周德明", kind="wholesaler", default_market_id=markets[1].id)),
    ]
    return {"operators": ops, "plots": plots, "crops": crops, "markets": markets, "buyers": buyers}


@pytest.fixture(scope="session")
def _program_font(qapp):
    """The font the window always runs with (app/main.py: the platform's UI font, the bundled CJK
    family behind it)."""
    from app.fonts import apply_app_font, register_fonts

    return apply_app_font(qapp, register_fonts())


@pytest.fixture(autouse=True)
def _with_the_program_font(_program_font, qapp):
    """Every test sees the program's own font, whatever ran before it: a layout test that passed
    only after another test had started the app (and left its font behind) failed alone."""
    if qapp.font() != _program_font:
        qapp.setFont(_program_font)
    yield


@pytest.fixture(autouse=True)
def _delete_leftover_windows():
    """Delete every top-level widget a test left behind, so a later test's language switch or
    settings change never reaches a widget whose database is already closed."""
    yield
    widgets_module = sys.modules.get("PySide6.QtWidgets")
    if widgets_module is None:
        return
    app = widgets_module.QApplication.instance()
    if app is None:
        return
    for widget in widgets_module.QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    core = sys.modules["PySide6.QtCore"]
    core.QCoreApplication.sendPostedEvents(None, core.QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_unanswered_questions(monkeypatch):
    """The shipment form's questions (save despite warnings? convert the prices?) are modal: a test
    that meets one without answering it (by setting form.accept_warnings / form.ask_price_unit)
    fails at once instead of waiting forever for a click offscreen."""
    from app.views.forms.shipment_form import ShipmentForm

    def unanswered(self, *args):
        raise AssertionError(f"the form asked a question the test did not answer: {args}")

    monkeypatch.setattr(ShipmentForm, "accept_warnings", unanswered)
    from app.views.pages.idlist_page import IdListPage

    monkeypatch.setattr(IdListPage, "accept_warnings", unanswered)
    monkeypatch.setattr(ShipmentForm, "ask_price_unit", unanswered)
