"""The list of pages the main window shows, in navigation order (Ctrl+1 … Ctrl+9 follow it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.views.page import Page

PageFactory = Callable[[AppContext, QWidget | None], Page]


def page_factories() -> list[PageFactory]:
    """Imported here, not at module level, so a page's import error shows as one broken page."""
    factories: list[PageFactory] = []
    return factories
