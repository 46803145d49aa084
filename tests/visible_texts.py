"""What a person can read in a window: every visible text, tooltip, placeholder, header, menu entry
and combo item, and a rule telling English left in a Chinese window from legitimate ASCII."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# ASCII words a Chinese window may show: units, formats, file types, key names, product names.
ALLOWED_WORDS = {
    "kg", "g", "t", "mu", "pdf", "csv", "xlsx", "xls", "svg", "png", "db", "sqlite", "wal", "excel",
    "wps", "qr", "id", "ctrl", "shift", "alt", "del", "enter", "esc", "tab", "home", "end",
    "pgup", "pgdown", "ins", "backspace", "space", "f1", "f2", "f5", "utf", "bom", "gbk", "hgz", "fujiang",
    "noto", "sans", "cjk", "sc", "ofl", "qt", "pyside", "pyqtgraph", "python", "sql", "ok", "json",
    "com", "www", "http", "https", "tmp",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z]{2,}")
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")
# Codes: lot L…, certificate HGZ…, batch B…, plates, tickets, file names and paths.
_CODE = re.compile(r"\b(?:[A-Z]{1,4}[-_]?\d[\w-]*|[\w.-]*\d[\w.-]*)\b")
_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/][\w./\\-]+|[\w-]+\.(?:db|csv|xlsx|pdf|png|svg|log|sqlite|ini)\b")


def english_words(text: str) -> list[str]:
    """The English words in `text` that a Chinese window should not show (empty when it is fine).

    A text with any Chinese in it passes: a mixed sentence was translated (its ASCII parts are
    names, codes and units). An ASCII-only text passes when every word is an allowed unit, format
    or key name, or part of a code, number, date or file name.
    """
    if any(ord(c) > 0x2FFF for c in text):
        return []
    plain = _PATH.sub(" ", _CODE.sub(" ", _TAG.sub(" ", text)))
    return [w for w in _WORD.findall(plain) if w.lower() not in ALLOWED_WORDS]


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in `root` and its visible children."""
    found: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str | None) -> None:
        if text and text.strip():
            found.append((f"{type(widget).__name__}({widget.objectName()}).{what}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() and widget is not root:
            continue
        add(widget, "toolTip", widget.toolTip())
        if widget.isWindow():
            add(widget, "windowTitle", widget.windowTitle())
        if isinstance(widget, QLabel | QAbstractButton):
            add(widget, "text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholderText", widget.placeholderText())
            if widget.isReadOnly():
                add(widget, "text", widget.text())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, f"item[{i}]", widget.itemText(i))
            if widget.lineEdit() is not None:
                add(widget, "placeholderText", widget.lineEdit().placeholderText())
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget, f"tab[{i}]", widget.tabText(i))
                add(widget, f"tabToolTip[{i}]", widget.tabToolTip(i))
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            add(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(widget, QListView) else model.columnCount()
            for column in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    add(widget, f"header[{column}]", value if isinstance(value, str) else None)
            for row in range(min(model.rowCount(), 3)):
                for column in range(columns):
                    value = model.index(row, column).data()
                    header = model.headerData(column, Qt.Orientation.Horizontal)
                    add(widget, f"cell[{row},{column} {header}]", value if isinstance(value, str) else None)
    return found


def menu_texts(menu: QMenu, path: str = "") -> list[tuple[str, str]]:
    """(where, text) of every entry and tooltip in `menu` and its sub-menus."""
    found = [(f"menu {path}", menu.title())] if menu.title() else []
    for action in menu.actions():
        if action.isSeparator():
            continue
        where = f"menu {path}/{action.text()}"
        found.append((where, action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            found.append((where + " toolTip", action.toolTip()))
        if action.statusTip():
            found.append((where + " statusTip", action.statusTip()))
        if action.menu() is not None:
            found += menu_texts(action.menu(), f"{path}/{action.text()}")
    return found


def english_in(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(where, text) for where, text in texts if english_words(text)]
