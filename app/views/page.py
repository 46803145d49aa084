"""The base of every page in the main window: its context, its texts and the record actions it supports."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from app.context import AppContext


class Page(QWidget):
    """A page of the main window.

    The main window's actions (New, Edit, Duplicate, Delete, Archive, Find, Copy, Paste, Fill down,
    Export) call the matching method of the current page; a page supports an action by overriding
    the method and listing the action's key in `supported_actions()`.
    """

    status_message = Signal(str)  # a short message for the status bar
    selection_summary_changed = Signal(str)  # e.g. "3 cells · sum 1,250.0 kg · mean 416.7 kg"
    open_requested = Signal(str, object)  # (page key, argument): ask the window to show another page

    key = "page"  # stable id used by settings (last page) and navigation

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        """The page's name in the navigation list, in the current language."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set every visible text again; called at start and on each language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def supported_actions(self) -> set[str]:
        """Keys of the window actions this page handles: 'new', 'edit', 'duplicate', 'delete',
        'archive', 'find', 'copy', 'paste', 'fill_down', 'export', 'refresh'."""
        return set()

    def refresh(self) -> None:
        """Reload what the page shows (after another page or an undo changed data)."""

    def data_changed(self, table: str, ids: list[int]) -> None:
        """Rows of `table` were written (by any page, an undo or an import); refresh if relevant."""
        self.refresh()

    def open_with(self, argument: object) -> None:
        """Show something specific, e.g. a filter or a record, when another page asks."""

    # Record actions; the main window calls them for the current page.
    def new_record(self) -> None: ...
    def edit_current(self) -> None: ...
    def duplicate_current(self) -> None: ...
    def delete_selected(self) -> None: ...
    def archive_selected(self) -> None: ...
    def focus_search(self) -> None: ...
    def copy_selection(self) -> None: ...
    def paste(self) -> None: ...
    def fill_down(self) -> None: ...
    def export(self) -> None: ...
