"""The About dialog: version, database file and data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import paths
from db.version import version


class AboutDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.db_path = db_path
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.blurb = QLabel()
        self.blurb.setWordWrap(True)
        self.version_value = QLabel(version())
        self.db_value = QLabel(str(db_path))
        self.data_value = QLabel(str(paths.data_dir()))
        self.log_value = QLabel(str(paths.log_path()))
        for value in (self.db_value, self.data_value, self.log_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        for label, value in zip(
            self.labels, (self.version_value, self.db_value, self.data_value, self.log_value), strict=True
        ):
            self.form.addRow(label, value)
        self.licence = QLabel()
        self.licence.setWordWrap(True)
        self.licence.setStyleSheet("color: palette(mid);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.data_dir())))
        )
        buttons.addButton(self.open_folder, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.blurb)
        layout.addLayout(self.form)
        layout.addWidget(self.licence)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("AboutDialog", "About"))
        self.heading.setText(QCoreApplication.translate("AboutDialog", "Fujiang vegetable park tracker"))
        self.blurb.setText(
            QCoreApplication.translate(
                "AboutDialog",
                "Harvests, shipments, payments and certificates of the Suining–Tongnan Fujiang vegetable park.",
            )
        )
        for label, text in zip(
            self.labels,
            (
                QCoreApplication.translate("AboutDialog", "Version"),
                QCoreApplication.translate("AboutDialog", "Database file"),
                QCoreApplication.translate("AboutDialog", "Data folder"),
                QCoreApplication.translate("AboutDialog", "Log file"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.licence.setText(
            QCoreApplication.translate(
                "AboutDialog",
                "Chinese text is shown with Noto Sans CJK SC (SIL Open Font Licence 1.1), bundled as a subset.",
            )
        )
        self.open_folder.setText(QCoreApplication.translate("AboutDialog", "Open data folder"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
