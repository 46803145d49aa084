"""The window of dates the forms take without a warning, from the settings."""

from __future__ import annotations

from typing import Any

from db.date_window import DateWindow


def date_window(ctx: Any) -> DateWindow:
    """The settings' window (or the default one); `ctx.today`, when a test or screenshot sets it,
    stands for today."""
    today = getattr(ctx, "today", None)
    settings = getattr(ctx, "settings", None)
    return settings.date_window(today) if settings is not None else DateWindow(today=today)
