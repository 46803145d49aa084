"""Texts of Qt's own dialogs that Qt's shipped Chinese translation (qtbase_zh_CN.qm) lacks.

Qt 6 renamed a few labels of its file dialog ("Look in:" became "&Look in:") and its Chinese
translation has not caught up, so the dialog showed English in a Chinese window. They are listed
here, in Qt's own contexts, so pyside6-lupdate puts them in the program's .ts; the program's
translator, installed with Qt's (app.i18n), then supplies them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_SUPPLEMENT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QFileDialog", "&Directory:"),
    # The file dialog's Type column (QAbstractFileIconProvider::type) has no Chinese at all.
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Don't Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close without Saving"),
)
