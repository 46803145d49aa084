"""The main window's actions: texts, standard shortcuts, icons; the window only places them."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import QStyle, QWidget

from app.commands import retranslate_texts
from app.i18n import LANGUAGES
from app.paths import resource_path

SK = QKeySequence.StandardKey

# key → (menu text, status tip, standard key or key text(s), icon file or standard pixmap)
SPECS: dict[str, tuple[str, str, tuple, str | QStyle.StandardPixmap | None]] = {
    "open_database": (
        QT_TRANSLATE_NOOP("WindowActions", "&Open database…"),
        QT_TRANSLATE_NOOP("WindowActions", "Open another database file"),
        (SK.Open,),
        QStyle.StandardPixmap.SP_DialogOpenButton,
    ),
    "new_database": (
        QT_TRANSLATE_NOOP("WindowActions", "New &database…"),
        QT_TRANSLATE_NOOP("WindowActions", "Create a new, empty database file"),
        ("Ctrl+Shift+N",),
        None,
    ),
    "import": (
        QT_TRANSLATE_NOOP("WindowActions", "&Import…"),
        QT_TRANSLATE_NOOP("WindowActions", "Import rows from a CSV or Excel file into this page"),
        ("Ctrl+Shift+I",),
        "import.svg",
    ),
    "export": (
        QT_TRANSLATE_NOOP("WindowActions", "&Export…"),
        QT_TRANSLATE_NOOP("WindowActions", "Export this page's rows to a CSV or Excel file"),
        ("Ctrl+E",),
        "export.svg",
    ),
    "quit": (
        QT_TRANSLATE_NOOP("WindowActions", "&Quit"),
        QT_TRANSLATE_NOOP("WindowActions", "Close the program"),
        (SK.Quit, "Ctrl+Q"),
        None,
    ),
    "undo": (QT_TRANSLATE_NOOP("WindowActions", "&Undo"), "", (SK.Undo,), "undo.svg"),
    "redo": (QT_TRANSLATE_NOOP("WindowActions", "&Redo"), "", (SK.Redo, "Ctrl+Shift+Z"), "redo.svg"),
    "cut": (QT_TRANSLATE_NOOP("WindowActions", "Cu&t"), "", (SK.Cut,), None),
    "copy": (
        QT_TRANSLATE_NOOP("WindowActions", "&Copy"),
        QT_TRANSLATE_NOOP("WindowActions", "Copy the selection (pastes into Excel or WPS)"),
        (SK.Copy,),
        None,
    ),
    "paste": (
        QT_TRANSLATE_NOOP("WindowActions", "&Paste"),
        QT_TRANSLATE_NOOP("WindowActions", "Paste rows copied from a spreadsheet"),
        (SK.Paste,),
        None,
    ),
    "fill_down": (
        QT_TRANSLATE_NOOP("WindowActions", "Fill &down"),
        QT_TRANSLATE_NOOP("WindowActions", "Copy the top value of the selection into the cells below it"),
        ("Ctrl+D",),
        None,
    ),
    "delete": (
        QT_TRANSLATE_NOOP("WindowActions", "De&lete"),
        QT_TRANSLATE_NOOP("WindowActions", "Delete the selected records (asks first)"),
        (SK.Delete,),
        "delete.svg",
    ),
    "find": (
        QT_TRANSLATE_NOOP("WindowActions", "&Find…"),
        QT_TRANSLATE_NOOP("WindowActions", "Go to this page's search box"),
        (SK.Find,),
        "find.svg",
    ),
    "new": (
        QT_TRANSLATE_NOOP("WindowActions", "&New…"),
        QT_TRANSLATE_NOOP("WindowActions", "Enter a new record on this page"),
        (SK.New,),
        "new.svg",
    ),
    "edit": (
        QT_TRANSLATE_NOOP("WindowActions", "&Edit…"),
        QT_TRANSLATE_NOOP("WindowActions", "Edit the current record"),
        ("F2",),
        "edit.svg",
    ),
    "duplicate": (
        QT_TRANSLATE_NOOP("WindowActions", "D&uplicate…"),
        QT_TRANSLATE_NOOP("WindowActions", "Start a new record from a copy of the current one"),
        ("Ctrl+Shift+D",),
        None,
    ),
    "archive": (
        QT_TRANSLATE_NOOP("WindowActions", "&Archive / restore"),
        QT_TRANSLATE_NOOP("WindowActions", "Hide the selected records from lists, or bring them back"),
        (),
        "archive.svg",
    ),
    "refresh": (
        QT_TRANSLATE_NOOP("WindowActions", "&Reload"),
        QT_TRANSLATE_NOOP("WindowActions", "Read this page again from the database"),
        (SK.Refresh,),
        None,
    ),
    "about": (
        QT_TRANSLATE_NOOP("WindowActions", "&About"),
        QT_TRANSLATE_NOOP("WindowActions", "Version, database file and data folder"),
        (),
        None,
    ),
}

# Actions a page enables by listing their key in Page.supported_actions().
PAGE_ACTIONS = (
    "import",
    "export",
    "fill_down",
    "delete",
    "find",
    "new",
    "edit",
    "duplicate",
    "archive",
    "refresh",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowActions", text)


def plain_text(text: str) -> str:
    """A menu text without its mnemonic ('撤销(&U)' → '撤销', '&Undo' → 'Undo') or ellipsis, for buttons."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").replace("…", "").strip()


def icon(name: str | QStyle.StandardPixmap | None, widget: QWidget) -> QIcon:
    if name is None:
        return QIcon()
    if isinstance(name, QStyle.StandardPixmap):
        return widget.style().standardIcon(name)
    path = resource_path("icons", name)
    return QIcon(str(path)) if path.exists() else QIcon()


class WindowActions(QObject):
    """Every action of the main window, by key; `retranslate_ui()` sets their texts again."""

    def __init__(self, window: QWidget, undo_stack: QUndoStack):
        super().__init__(window)
        self.window = window
        self.undo_stack = undo_stack
        self.by_key: dict[str, QAction] = {}
        for key, (_text, _tip, keys, icon_name) in SPECS.items():
            action = QAction(icon(icon_name, window), "", window)
            shortcuts: list[QKeySequence] = []
            for k in keys:
                for seq in QKeySequence.keyBindings(k) if isinstance(k, SK) else [QKeySequence(k)]:
                    if not seq.isEmpty() and seq not in shortcuts:
                        shortcuts.append(seq)
            action.setShortcuts(shortcuts)
            action.setObjectName(f"action_{key}")
            self.by_key[key] = action
        self.languages = QActionGroup(self)
        self.languages.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, window, checkable=True)
            action.setData(code)
            action.setObjectName(f"action_language_{code}")
            self.languages.addAction(action)
            self.language_actions[code] = action
        undo_stack.canUndoChanged.connect(self.by_key["undo"].setEnabled)
        undo_stack.canRedoChanged.connect(self.by_key["redo"].setEnabled)
        # The texts come with the signals: the stack may already be going away when they arrive.
        self._command_texts = {"undo": undo_stack.undoText(), "redo": undo_stack.redoText()}
        # Bound methods (not lambdas): Qt disconnects them when the window is deleted.
        undo_stack.undoTextChanged.connect(self._undo_text_changed)
        undo_stack.redoTextChanged.connect(self._redo_text_changed)
        self.by_key["undo"].setEnabled(undo_stack.canUndo())
        self.by_key["redo"].setEnabled(undo_stack.canRedo())
        self.retranslate_ui()

    def __getitem__(self, key: str) -> QAction:
        return self.by_key[key]

    def retranslate_ui(self) -> None:
        for key, (text, tip, _keys, _icon) in SPECS.items():
            action = self.by_key[key]
            action.setText(_tr(text))
            action.setIconText(plain_text(_tr(text)))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            status = _tr(tip) if tip else ""
            action.setStatusTip(status)
            plain = _tr(text).replace("&", "").replace("…", "")
            action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
        retranslate_texts(self.undo_stack)
        self._command_texts = {"undo": self.undo_stack.undoText(), "redo": self.undo_stack.redoText()}
        self._undo_texts()

    def _undo_text_changed(self, text: str) -> None:
        self._set_command_text("undo", text)

    def _redo_text_changed(self, text: str) -> None:
        self._set_command_text("redo", text)

    def _set_command_text(self, key: str, text: str) -> None:
        self._command_texts[key] = text
        self._undo_texts()

    def _undo_texts(self) -> None:
        for key, command_text in self._command_texts.items():
            base = _tr(SPECS[key][0])
            action = self.by_key[key]
            action.setText(f"{base} {command_text}" if command_text else base)
            action.setIconText(plain_text(base))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{base.replace('&', '')} {command_text} ({shortcut})".replace("  ", " "))

    def set_page_support(self, supported: set[str]) -> None:
        """Enable the page actions the current page handles; disable the others."""
        for key in PAGE_ACTIONS:
            self.by_key[key].setEnabled(key in supported)


class ActionTexts(QObject):
    """Keeps an action added outside SPECS in the current language: a QAction gets no
    LanguageChange event, so this watches its window and asks ``texts`` again (menu text, status
    tip; the callable calls ``translate`` with literal strings so lupdate finds them)."""

    def __init__(self, window: QWidget, action: QAction, texts: Callable[[], tuple[str, str]]):
        super().__init__(window)
        self.action = action
        self.texts = texts
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        text, tip = self.texts()
        self.action.setText(text)
        self.action.setStatusTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
