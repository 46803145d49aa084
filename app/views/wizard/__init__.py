"""The import wizard (issue 12): file and sheet → mapping → preview with fixes and new names →
warnings → one write in a task, one undo step. Split by page: `wizard` (state, checks, the write),
`pages` (file, mapping, warnings, summary) and `preview_page` (the rows and their fixes)."""

from app.views.wizard.wizard import ImportWizard, ask_import_file, save_template


def open_import_wizard(ctx, kind, parent, listener=None, path=None, previous=None) -> ImportWizard:
    """Open the wizard for `kind` (any importable kind), on `path` when one is given; a previous
    wizard of the same page that has closed is deleted."""
    if previous is not None and not previous.isVisible():
        previous.deleteLater()
    wizard = ImportWizard(ctx, kind, parent, listener, path)
    wizard.open()
    return wizard


__all__ = ["ImportWizard", "ask_import_file", "open_import_wizard", "save_template"]
