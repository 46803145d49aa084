"""Dialogs opened from the window, menus and pages: about, backups, checks, history, imports, reports, settings."""
