"""Widgets that follow their texts: combo boxes keep fitting their items after a language switch."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def fit_combos_to_texts(root: QWidget) -> None:
    """Every combo box under `root` sizes itself to its longest item whenever its items change.

    Qt's default sizes a combo once, when first shown; after a live switch to English its items grow
    ("Month", "Stacked area") and the box kept its Chinese width ("Mc", "Stacked are"). A combo whose
    owner chose another policy (say, a minimum number of characters) is left alone.
    """
    for combo in root.findChildren(QComboBox):
        if combo.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToContentsOnFirstShow:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
