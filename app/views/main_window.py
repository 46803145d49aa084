"""The main window: assembles pages, menus, toolbar and status bar; the work happens in the pages."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from app.context import AppContext
from app.views.actions import WindowActions
from app.views.dialogs import check_dialog, settings_dialog
from app.views.page import Page
from app.views.pages import PageFactory, page_factories
from app.views.widgets.sizing import fit_combos_to_texts
from app.views.widgets.window_parts import (
    BrokenPage,
    TaskProgress,
    ask_database_to_create,
    ask_database_to_open,
)

log = logging.getLogger(__name__)


def page_shortcut(index: int) -> QKeySequence:
    """Every page has a key: Ctrl+1 … Ctrl+9, Ctrl+0 for the tenth, then Alt+1, Alt+2 … (README)."""
    if index < 9:
        return QKeySequence(f"Ctrl+{index + 1}")
    if index == 9:
        return QKeySequence("Ctrl+0")
    return QKeySequence(f"Alt+{index - 9}")


class MainWindow(QMainWindow):
    language_requested = Signal(str)  # 'zh_CN' or 'en'
    database_requested = Signal(str)  # open (or create) this database file instead
    about_requested = Signal()

    def __init__(self, ctx: AppContext, factories: Sequence[PageFactory] | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("main_window")
        self.actions = WindowActions(self, ctx.undo_stack)
        # A page is built when first shown (start-up builds the one in view): until then its slot
        # in the stack is an empty widget, and its factory gives its key and title.
        self._factories: list[PageFactory] = []
        self._pages: list[Page | None] = []
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; } QListWidget#navigation::item { padding: 6px 8px; }"
        )
        self.stack = QStackedWidget()
        for factory in factories if factories is not None else page_factories():
            self._add_page(factory)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 1000])
        self.setCentralWidget(self.splitter)
        self.page_actions: list[QAction] = []
        for i in range(self.page_count()):
            action = QAction(self, shortcut=page_shortcut(i))
            action.triggered.connect(lambda _c=False, n=i: self.show_page(n))
            self.page_actions.append(action)
        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        check_dialog.install(self, ctx)  # Help ▸ Check the database…
        settings_dialog.install(self, ctx)  # File ▸ The park's details…
        self.retranslate_ui()
        self.restore_state()

    # ---- assembly
    def _add_page(self, factory: PageFactory) -> None:
        self._factories.append(factory)
        self._pages.append(None)
        self.nav.addItem("")
        if hasattr(factory, "page_key") and hasattr(factory, "page_title"):
            self.stack.addWidget(QWidget())  # the page's slot until it is first shown
        else:  # a factory that cannot name its page before building it is built now
            self.stack.addWidget(self._build_page(len(self._pages) - 1))

    def _build_page(self, index: int) -> Page:
        factory = self._factories[index]
        try:
            page = factory(self.ctx, None)
        except Exception as exc:  # one broken page must not stop the program
            log.exception("page %s failed to build", getattr(factory, "page_name", factory))
            page = BrokenPage(self.ctx, str(getattr(factory, "page_name", "page")), exc)
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        page.selection_summary_changed.connect(lambda text, p=page: self._summary(p, text))
        page.open_requested.connect(self.open_page)
        self._pages[index] = page
        return page

    def page(self, index: int) -> Page:
        """The page at `index`, built (and put in its slot) if it was not yet."""
        page = self._pages[index]
        if page is not None:
            return page
        page = self._build_page(index)
        slot = self.stack.widget(index)
        # Swap the slot for the page without changing the current index: insert after, remove.
        current = self.stack.currentIndex()
        self.stack.blockSignals(True)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(slot)
        self.stack.setCurrentIndex(current)
        self.stack.blockSignals(False)
        slot.deleteLater()
        self._set_page_texts(index)
        fit_combos_to_texts(page)
        return page

    @property
    def pages(self) -> list[Page]:
        """Every page, each built now if it was not yet (tests, the install check)."""
        return [self.page(i) for i in range(self.page_count())]

    def built_pages(self) -> list[Page]:
        """The pages built so far; the others read the database afresh when first shown."""
        return [p for p in self._pages if p is not None]

    def page_count(self) -> int:
        return len(self._factories)

    def page_key(self, index: int) -> str:
        page = self._pages[index]
        return page.key if page is not None else self._factories[index].page_key  # type: ignore[attr-defined]

    def page_title(self, index: int) -> str:
        page = self._pages[index]
        return page.title() if page is not None else self._factories[index].page_title()  # type: ignore[attr-defined]

    def _build_menus(self) -> None:
        a = self.actions
        layout = {
            "file": ["open_database", "new_database", None, "import", "export", None, "quit"],
            "edit": ["undo", "redo", None, "cut", "copy", "paste", "fill_down", "delete", None, "find"],
            "view": [],
            "records": ["new", "edit", "duplicate", "archive", "delete", None, "refresh"],
            "reports": [],
            "help": ["about"],
        }
        for name, keys in layout.items():
            menu = self.menuBar().addMenu("")
            menu.setObjectName(f"menu_{name}")
            self.menus[name] = menu
            for key in keys:
                menu.addSeparator() if key is None else menu.addAction(a[key])
        self.language_menu = self.menus["view"].addMenu("")
        self.language_menu.addActions(list(a.language_actions.values()))
        self.menus["view"].addSeparator()
        self.menus["view"].addActions(self.page_actions)
        self.menus["reports"].menuAction().setVisible(False)  # until the reports add their actions

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("new", "edit", "delete", None, "undo", "redo", None, "find", "import", "export"):
            self.toolbar.addSeparator() if key is None else self.toolbar.addAction(self.actions[key])
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        self.summary_label = QLabel()
        self.task_progress = TaskProgress()
        self.task_progress.message_changed.connect(self.statusBar().showMessage)
        self.statusBar().addPermanentWidget(self.summary_label)
        self.statusBar().addPermanentWidget(self.task_progress)

    def _connect(self) -> None:
        a = self.actions
        self.nav.currentRowChanged.connect(self.show_page)
        self.stack.currentChanged.connect(self._page_changed)
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.ctx.undo_stack.undo)
        a["redo"].triggered.connect(self.ctx.undo_stack.redo)
        a["about"].triggered.connect(self.about_requested)
        a["open_database"].triggered.connect(self._choose_database)
        a["new_database"].triggered.connect(self._create_database)
        for key, method in (
            ("new", "new_record"),
            ("edit", "edit_current"),
            ("duplicate", "duplicate_current"),
            ("delete", "delete_selected"),
            ("archive", "archive_selected"),
            ("find", "focus_search"),
            ("fill_down", "fill_down"),
            ("export", "export"),
            ("import", "import_records"),
            ("refresh", "refresh"),
        ):
            a[key].triggered.connect(lambda _c=False, m=method: self._call_page(m))
        for key in ("cut", "copy", "paste"):
            a[key].triggered.connect(lambda _c=False, k=key: self._clipboard(k))
        a.languages.triggered.connect(lambda action: self.language_requested.emit(action.data()))
        self.ctx.undo_stack.indexChanged.connect(self._undo_index_changed)
        self.ctx.tasks.task_started.connect(self.task_progress.track)
        self._stale: set[int] = set()

    # ---- pages
    def current_page(self) -> Page | None:
        index = self.stack.currentIndex()
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def show_page(self, index: int) -> None:
        if 0 <= index < self.page_count():
            self.page(index)
            self.nav.setCurrentRow(index)
            self.stack.setCurrentIndex(index)

    def open_page(self, key: str, argument: object = None) -> None:
        for i in range(self.page_count()):
            if self.page_key(i) == key:
                self.show_page(i)
                self.page(i).open_with(argument)
                return

    def _page_changed(self, index: int) -> None:
        page = self.current_page()
        if page is None:
            return
        self.actions.set_page_support(page.supported_actions())
        self.summary_label.clear()
        self.ctx.settings.last_page = page.key
        if index in self._stale:
            self._stale.discard(index)
            page.refresh()

    def _undo_index_changed(self, _index: int) -> None:
        # An undo or redo may change what other pages show; they reload when next shown.
        self._stale = self._built_indexes() - {self.stack.currentIndex()}

    def _built_indexes(self) -> set[int]:
        return {i for i, p in enumerate(self._pages) if p is not None}

    def show_outside_changes(self) -> None:
        """Another program or window committed: the page in view reloads at once, keeping its
        selection and where it is scrolled to; the others reload when next shown."""
        self._stale = self._built_indexes() - {self.stack.currentIndex()}
        page = self.current_page()
        if page is None:
            return
        views = page.findChildren(QAbstractItemView)
        positions = [(v, v.verticalScrollBar().value(), v.horizontalScrollBar().value()) for v in views]
        page.refresh()
        for view, top, left in positions:
            view.verticalScrollBar().setValue(top)
            view.horizontalScrollBar().setValue(left)

    def _call_page(self, method: str) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, method):
            getattr(page, method)()

    def _clipboard(self, key: str) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QTextEdit | QAbstractSpinBox):
            editor = focus.lineEdit() if isinstance(focus, QAbstractSpinBox) else focus
            getattr(editor, key)()
            return
        page = self.current_page()
        if page is not None and key == "copy":
            page.copy_selection()
        elif page is not None and key == "paste":
            page.paste()

    def _summary(self, page: Page, text: str) -> None:
        if page is self.current_page():
            self.summary_label.setText(text)

    def add_report_action(self, action: QAction) -> None:
        """For the reports: put an action in the Reports menu (shown once it has one)."""
        self.menus["reports"].addAction(action)
        self.menus["reports"].menuAction().setVisible(True)

    def add_menu_action(self, menu: str, action: QAction) -> None:
        """Put an action at the end of a menu: 'file', 'edit', 'view', 'records', 'reports', 'help'."""
        self.menus[menu].addAction(action)
        self.menus[menu].menuAction().setVisible(True)

    # ---- files
    def _choose_database(self) -> None:
        path = ask_database_to_open(self, self.ctx.db_path)
        if path:
            self.database_requested.emit(path)

    def _create_database(self) -> None:
        path = ask_database_to_create(self, self.ctx.db_path)
        if path:
            self.database_requested.emit(path)

    # ---- texts and state
    def retranslate_ui(self) -> None:
        title = (
            QCoreApplication.translate("MainWindow", "Fujiang vegetable park") + f" — {self.ctx.db_path.name}"
        )
        if self.ctx.store.read_only:
            title += " " + QCoreApplication.translate("MainWindow", "(read-only: nothing can be saved)")
        self.setWindowTitle(title)
        names = {
            "file": QCoreApplication.translate("MainWindow", "&File"),
            "edit": QCoreApplication.translate("MainWindow", "&Edit"),
            "view": QCoreApplication.translate("MainWindow", "&View"),
            "records": QCoreApplication.translate("MainWindow", "&Records"),
            "reports": QCoreApplication.translate("MainWindow", "Re&ports"),
            "help": QCoreApplication.translate("MainWindow", "&Help"),
        }
        for key, menu in self.menus.items():
            menu.setTitle(names[key])
        self.language_menu.setTitle(QCoreApplication.translate("MainWindow", "&Language"))
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Toolbar"))
        self.actions.retranslate_ui()
        for i in range(self.page_count()):
            self._set_page_texts(i)
        for code, action in self.actions.language_actions.items():
            action.setChecked(code == self.ctx.language)
        fit_combos_to_texts(self)  # again on each switch: pages may have made combos since

    def _set_page_texts(self, index: int) -> None:
        title = self.page_title(index)
        self.nav.item(index).setText(title)
        if index < len(self.page_actions):
            self.page_actions[index].setText(title.replace("&", "&&"))
            self.nav.item(index).setToolTip(
                self.page_actions[index].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def restore_state(self) -> None:
        settings = self.ctx.settings
        if not settings.geometry.isEmpty():
            self.restoreGeometry(settings.geometry)
        else:
            self.resize(1280, 800)
        if not settings.window_state.isEmpty():
            self.restoreState(settings.window_state)
        splitter = settings.splitter_state("main")
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        keys = [self.page_key(i) for i in range(self.page_count())]
        self.show_page(keys.index(settings.last_page) if settings.last_page in keys else 0)
        self._page_changed(self.stack.currentIndex())

    def save_state(self) -> None:
        settings = self.ctx.settings
        settings.geometry = self.saveGeometry()
        settings.window_state = self.saveState()
        settings.set_splitter_state("main", self.splitter.saveState())
        for page in self.built_pages():
            if hasattr(page, "save_state"):
                page.save_state()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.ctx.tasks.cancel_all()
        super().closeEvent(event)
