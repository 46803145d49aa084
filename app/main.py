"""Composition root: builds the application, its translators, font, database, undo stack and window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from app import __version__, paths
from app.commands import RecordCommand
from app.context import AppContext
from app.db_watch import DatabaseWatcher, WriteWaitIndicator
from app.errors import ErrorReporter, setup_logging
from app.fonts import apply_app_font, register_fonts
from app.i18n import Translations
from app.messages import tr_error
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.dialogs import backup_dialog
from app.views.dialogs.about import AboutDialog
from app.views.dialogs.welcome import WelcomeDialog, database_is_empty
from app.views.main_window import MainWindow
from app.views.widgets.window_parts import BrokenPage
from db import resources
from db.errors import DatabaseFileError, EmptyDatabaseError
from db.repositories import Store
from db.storage.connection import open_database

log = logging.getLogger(__name__)

OPEN_OTHER, CREATE_NEW, CREATE_HERE, QUIT = "open", "new", "here", "quit"
# A save on the window waits this long for another program's write before it says so plainly
# (the status bar shows the wait meanwhile).
GUI_WRITE_PATIENCE_S = 20.0


class DatabaseProblemDialog(QDialog):
    """A database that cannot be used: what happened, and the ways out."""

    def __init__(self, error: DatabaseFileError, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = QUIT
        self.error = error
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.question = QLabel()
        buttons = QDialogButtonBox()
        self.buttons = {}
        for key, role in (
            (CREATE_HERE, QDialogButtonBox.ButtonRole.AcceptRole),
            (OPEN_OTHER, QDialogButtonBox.ButtonRole.AcceptRole),
            (CREATE_NEW, QDialogButtonBox.ButtonRole.AcceptRole),
            (QUIT, QDialogButtonBox.ButtonRole.RejectRole),
        ):
            button = QPushButton()
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            buttons.addButton(button, role)
            self.buttons[key] = button
        # An empty (0-byte) file can simply become the new database, if the person says so.
        self.buttons[CREATE_HERE].setVisible(isinstance(error, EmptyDatabaseError))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.question)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.retranslate_ui()

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept() if key != QUIT else self.reject()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            QCoreApplication.translate("DatabaseProblemDialog", "The database cannot be opened")
        )
        self.message.setText(tr_error(self.error))
        self.question.setText(
            QCoreApplication.translate("DatabaseProblemDialog", "What would you like to do?")
        )
        self.buttons[CREATE_HERE].setText(
            QCoreApplication.translate("DatabaseProblemDialog", "Create a new database in this file")
        )
        self.buttons[OPEN_OTHER].setText(
            QCoreApplication.translate("DatabaseProblemDialog", "Open another file…")
        )
        self.buttons[CREATE_NEW].setText(
            QCoreApplication.translate("DatabaseProblemDialog", "Create a new database…")
        )
        self.buttons[QUIT].setText(QCoreApplication.translate("DatabaseProblemDialog", "Quit"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def ask_about_database(error: DatabaseFileError) -> str:
    dialog = DatabaseProblemDialog(error)
    dialog.exec()
    return dialog.choice


def choose_database_file(choice: str, near: Path) -> Path | None:
    if choice == OPEN_OTHER:
        path, _ = QFileDialog.getOpenFileName(
            None,
            QCoreApplication.translate("DatabaseProblemDialog", "Open database"),
            str(near.parent),
            QCoreApplication.translate("DatabaseProblemDialog", "Databases (*.db *.sqlite);;All files (*)"),
        )
    else:
        path, _ = QFileDialog.getSaveFileName(
            None,
            QCoreApplication.translate("DatabaseProblemDialog", "New database"),
            str(near.parent / "park.db"),
        )
    return Path(path) if path else None


def open_with_recovery(
    path: Path,
    ask: Callable[[DatabaseFileError], str] = ask_about_database,
    choose: Callable[[str, Path], Path | None] = choose_database_file,
) -> tuple[Database, Path] | None:
    """Open the database at `path`; when it cannot be used, say why and let the person open
    another file, create a new one or quit (None). A file that exists is never made into a new
    database without asking (an empty one is offered as such)."""
    create = not path.exists()
    while True:
        try:
            return open_database(path, create=create), path
        except DatabaseFileError as exc:
            log.warning("cannot open %s: %s", path, exc)
            if backup_dialog.offer_latest_backup(exc, path):
                continue  # a damaged file was replaced by its latest good backup
            choice = ask(exc)
            if choice == QUIT:
                return None
            if choice == CREATE_HERE:
                create = True
                continue
            chosen = choose(choice, path)
            if chosen is not None:
                path = chosen
                create = choice == CREATE_NEW or not path.exists()


def build_context(db: Database, db_path: Path, settings: Settings, language: str) -> AppContext:
    store = Store(db, user=paths.login_name())
    store.language = language
    return AppContext(
        store=store,
        db_path=db_path,
        undo_stack=QUndoStack(),
        tasks=TaskRunner(db_path, user=store.user),
        language=language,
        settings=settings,
    )


class Session:
    """One database open in one main window; ends when the window closes."""

    def __init__(self, ctx: AppContext, translations: Translations, factories=None):
        self.ctx = ctx
        self.translations = translations
        self.next_path: Path | None = None
        self.window = MainWindow(ctx, factories)
        # Several programs may share the file: show what they commit, and that a save waits.
        ctx.store.on_wait = WriteWaitIndicator(self.window.statusBar())
        ctx.store.write_patience_s = GUI_WRITE_PATIENCE_S
        self.watcher = DatabaseWatcher(ctx.store, self.window)
        self.watcher.changed.connect(self.window.show_outside_changes)
        self.watcher.start()
        self.window.language_requested.connect(self.set_language)
        self.window.about_requested.connect(self.show_about)
        self.window.database_requested.connect(self.switch_database)
        self.backups = backup_dialog.install(self.window, ctx)  # File menu actions, the day's backup
        self.welcome: WelcomeDialog | None = None

    def set_language(self, language: str) -> None:
        language = self.translations.set_language(language)
        self.ctx.language = language
        self.ctx.store.language = language
        self.ctx.settings.language = language

    def show_about(self) -> None:
        dialog = AboutDialog(self.ctx.db_path, self.window)
        dialog.open()

    def switch_database(self, path: str) -> None:
        self.next_path = Path(path)
        self.window.close()

    def show_welcome_if_empty(self, demo_years: int = 3) -> WelcomeDialog | None:
        if not database_is_empty(self.ctx.store):
            return None
        self.welcome = WelcomeDialog(self.ctx, self.window, demo_years=demo_years)
        self.welcome.data_created.connect(lambda _kind: self._reload_pages())
        self.welcome.open()
        return self.welcome

    def _reload_pages(self) -> None:
        for page in self.window.built_pages():  # the others read the data when first shown
            page.refresh()

    def close(self) -> None:
        """Stop the tasks, let their last signals arrive while the pages still exist, delete the
        window, and only then close the database the pages read."""
        self.watcher.stop()
        self.ctx.tasks.cancel_all()
        self.ctx.tasks.wait()
        QCoreApplication.sendPostedEvents()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        self.ctx.store.close()


def _initial_path(db_path: str | Path | None, settings: Settings) -> Path:
    import os

    if db_path is None and not os.environ.get(paths.DB_ENV) and settings.last_database:
        return Path(settings.last_database)
    return paths.default_db_path(db_path)


def smoke_report(app: QApplication, session: Session) -> str:
    """What the install checks (tools/smoke.sh) look for: the window's title, language, font and
    icon, and that every page was built (a page whose module is missing shows as a broken page)."""
    broken = [p.objectName() or type(p).__name__ for p in session.window.pages if isinstance(p, BrokenPage)]
    return "\n".join(
        (
            f"smoke-test title: {session.window.windowTitle()}",
            f"smoke-test pages: {len(session.window.pages)}",
            f"smoke-test broken pages: {', '.join(broken) or 'none'}",
            f"smoke-test language: {session.translations.language}",
            f"smoke-test font: {', '.join(app.font().families())}",
            f"smoke-test icon: {'yes' if not app.windowIcon().pixmap(32, 32).isNull() else 'no'}",
            f"smoke-test desktop file: {QGuiApplication.desktopFileName()}",
        )
    )


def _incomplete(exc: resources.MissingResourceError) -> str:
    return QCoreApplication.translate(
        "Startup",
        "This installation of the program is incomplete; missing: {files}. Install the program "
        "again (see README), or tell whoever installed it.",
    ).format(files=", ".join(str(p) for p in exc.missing))


def main(
    argv: list[str] | None = None,
    db_path: str | Path | None = None,
    language: str | None = None,
    smoke_test: bool = False,
) -> int:
    """Run the desktop program; returns the exit code. `smoke_test` opens the window, prints
    smoke_report() and closes it (the install checks)."""
    argv = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName(paths.ORG_NAME)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationVersion(__version__)
    # The taskbar groups the window under the installed .desktop file (fujiang install-desktop).
    QGuiApplication.setDesktopFileName(paths.APP_ID)
    log_handler = setup_logging(paths.log_path())
    settings = Settings()
    translations = Translations(app)
    try:
        resources.check()  # a missing font or translation is an error, never a silent fallback
        current = translations.set_language(language or settings.language)
        apply_app_font(app, register_fonts())
    except resources.MissingResourceError as exc:
        log.error("%s", exc)
        if smoke_test:
            print(_incomplete(exc), file=sys.stderr)
        else:
            QMessageBox.critical(None, paths.APP_NAME, _incomplete(exc))
        logging.getLogger().removeHandler(log_handler)
        log_handler.close()
        return 1
    app.setWindowIcon(QIcon(str(paths.resource_path(*resources.APP_ICON))))
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Fujiang vegetable park"))
    sessions: list[Session] = []
    reporter = ErrorReporter(paths.log_path(), lambda: sessions[-1].window if sessions else None)
    previous_hook = sys.excepthook
    sys.excepthook = reporter.excepthook
    RecordCommand.error_handler = reporter.report_write_failure
    path: Path | None = _initial_path(db_path, settings)
    try:
        while path is not None:
            opened = open_with_recovery(path)
            if opened is None:
                return 1
            db, path = opened
            settings.last_database = str(path)
            session = Session(build_context(db, path, settings, current), translations)
            sessions.append(session)
            session.window.show()
            if smoke_test:
                QTimer.singleShot(0, lambda s=session: (print(smoke_report(app, s)), s.window.close()))
            else:
                session.show_welcome_if_empty()
            app.exec()
            current = translations.language
            session.close()
            path = session.next_path
        return 0
    finally:
        sys.excepthook = previous_hook
        RecordCommand.error_handler = None
        translations.uninstall()
        logging.getLogger().removeHandler(log_handler)
        log_handler.close()


if __name__ == "__main__":
    sys.exit(main())
