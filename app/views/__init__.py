"""Widgets: the main window, pages, forms, delegates and dialogs."""
