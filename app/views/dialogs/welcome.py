"""First start on an empty database: choose the demo park, the standard lists, or nothing at all."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.tasks import TaskContext, TaskHandle
from db import units
from db.records import Crop, Market
from db.repositories import Store

DEMO, STANDARD, EMPTY = "demo", "standard", "empty"


def database_is_empty(store: Store) -> bool:
    """True when nothing has been entered yet (no master data and no trade)."""
    repos = (store.operators, store.crops, store.markets, store.buyers, store.harvests, store.shipments)
    return not any(repo.count() for repo in repos)


def seed_standard_lists(store: Store) -> int:
    """The crops (with aliases, seasons and usual prices) and destination markets of DOMAIN.md,
    without the demo's invented operators and buyers; returns how many records were written."""
    from db import demo

    with store.write():
        crops = [
            Crop(
                name=c.name,
                name_en=c.name_en,
                season_months=",".join(str(m) for m in c.months),
                price_low=units.price_from_yuan_per_kg(c.low),
                price_high=units.price_from_yuan_per_kg(c.high),
                aliases=tuple(c.aliases),
            )
            for c in demo.CROPS
        ]
        markets = [
            Market(name=m.name, district=m.district, city=m.city, aliases=tuple(m.aliases), name_en=m.name_en)
            for m in demo.MARKETS
        ]
        return len(store.crops.add_many(crops)) + len(store.markets.add_many(markets))


class WelcomeDialog(QDialog):
    """Offers the ways to start; the demo data is generated as a task with progress and Cancel."""

    data_created = Signal(str)  # DEMO or STANDARD, after the records were written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, demo_years: int = 3):
        super().__init__(parent)
        self.ctx = ctx
        self.demo_years = demo_years
        self.handle: TaskHandle | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.options: dict[str, QRadioButton] = {}
        self.details: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for key in (DEMO, STANDARD, EMPTY):
            button = QRadioButton()
            detail = QLabel()
            detail.setWordWrap(True)
            detail.setIndent(24)
            detail.setStyleSheet("color: palette(mid);")
            self.choices.addButton(button)
            self.options[key], self.details[key] = button, detail
            layout.addWidget(button)
            layout.addWidget(detail)
        self.options[DEMO].setChecked(True)
        self.progress = QProgressBar()
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        # The progress row keeps its room while hidden: the dialog never has to grow when the demo
        # starts, which would squeeze the wrapped descriptions into each other.
        for widget in (self.progress, self.message):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.setMinimumWidth(560)
        self.retranslate_ui()

    def choice(self) -> str:
        return next(key for key, button in self.options.items() if button.isChecked())

    def start(self) -> None:
        choice = self.choice()
        if choice == EMPTY:
            self.accept()
        elif choice == STANDARD:
            seed_standard_lists(self.ctx.store)
            self.data_created.emit(STANDARD)
            self.accept()
        else:
            self.start_demo()

    def start_demo(self) -> TaskHandle:
        from db import demo

        years = self.demo_years

        def work(task: TaskContext):
            return demo.generate(
                task.store(), years=years, progress=lambda done, total: task.progress(done, total)
            )

        for widget in (*self.options.values(), self.start_button):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(
            QCoreApplication.translate("WelcomeDialog", "Creating the demo park… this takes a few seconds.")
        )
        self.handle = self.ctx.tasks.start("demo data", work)
        self.handle.progressed.connect(self._progressed)
        self.handle.succeeded.connect(self._succeeded)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(self._cancelled)
        return self.handle

    def cancel(self) -> None:
        if self.handle is not None and self.handle.running:
            self.handle.cancel()
            self.message.setText(QCoreApplication.translate("WelcomeDialog", "Cancelling…"))
        else:
            self.reject()

    def _progressed(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, _summary: object) -> None:
        self.handle = None
        self.data_created.emit(DEMO)
        self.accept()

    def _failed(self, message: str, _detail: str) -> None:
        self._reset(
            QCoreApplication.translate("WelcomeDialog", "The demo data could not be created: %1").replace(
                "%1", message
            )
        )

    def _cancelled(self) -> None:
        self._reset(QCoreApplication.translate("WelcomeDialog", "Cancelled; nothing was written."))

    def _reset(self, message: str) -> None:
        self.handle = None
        self.progress.hide()
        self.message.setText(message)
        for widget in (*self.options.values(), self.start_button):
            widget.setEnabled(True)

    def reject(self) -> None:
        if self.handle is not None and self.handle.running:
            self.cancel()  # closing waits for the task to stop; nothing half-written remains
            return
        super().reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("WelcomeDialog", "Welcome"))
        self.heading.setText(
            QCoreApplication.translate("WelcomeDialog", "Welcome to the Fujiang park tracker")
        )
        self.intro.setText(
            QCoreApplication.translate(
                "WelcomeDialog", "This database is still empty. How would you like to start?"
            )
        )
        self.options[DEMO].setText(QCoreApplication.translate("WelcomeDialog", "Try the &demo park"))
        from db import demo

        self.details[DEMO].setText(
            QCoreApplication.translate(
                "WelcomeDialog",
                "%1 invented operators, %2 buyers and %3 years of harvests, shipments, payments and "
                "certificates, to explore every page. Use a separate database for real work.",
            )
            .replace("%1", str(len(demo.OPERATORS)))
            .replace("%2", str(len(demo.BUYERS)))
            .replace("%3", str(self.demo_years))
        )
        self.options[STANDARD].setText(
            QCoreApplication.translate(
                "WelcomeDialog", "Start an empty park with the &standard crops and markets"
            )
        )
        self.details[STANDARD].setText(
            QCoreApplication.translate(
                "WelcomeDialog",
                "%1 crops with their local names, seasons and usual prices, and %2 destination markets.",
            )
            .replace("%1", str(len(demo.CROPS)))
            .replace("%2", str(len(demo.MARKETS)))
        )
        self.options[EMPTY].setText(QCoreApplication.translate("WelcomeDialog", "Start completely &empty"))
        self.details[EMPTY].setText(
            QCoreApplication.translate(
                "WelcomeDialog", "Enter every operator, crop, market and buyer yourself."
            )
        )
        self.start_button.setText(QCoreApplication.translate("WelcomeDialog", "Start"))
        self.cancel_button.setText(QCoreApplication.translate("WelcomeDialog", "Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
