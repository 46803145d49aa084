"""The list of pages the main window shows, in navigation order (Ctrl+1 … Ctrl+9 follow it)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.views.page import Page

PageFactory = Callable[[AppContext, QWidget | None], Page]


def lazy(module: str, name: str) -> PageFactory:
    """A factory importing `module` only when the page is built, so a page's import error shows as
    one broken page (the main window catches it) instead of stopping the program."""

    def make(ctx: AppContext, parent: QWidget | None = None) -> Page:
        return getattr(importlib.import_module(module), name)(ctx, parent)

    make.page_name = name  # type: ignore[attr-defined]
    return make


def page_factories() -> list[PageFactory]:
    """One line per page, in navigation order (issue 3): Dashboard, Harvests, Shipments, Payments,
    Certificates, Operators & plots, Buyers, Markets, Crops."""
    return [
        lazy("app.views.pages.dashboard_page", "DashboardPage"),
        lazy("app.views.pages.harvests_page", "HarvestsPage"),
        lazy("app.views.pages.shipments_page", "ShipmentsPage"),
        lazy("app.views.pages.master_pages", "PaymentsPage"),
        lazy("app.views.pages.certificates_page", "CertificatesPage"),
        lazy("app.views.pages.master_pages", "OperatorsPage"),
        lazy("app.views.pages.master_pages", "BuyersPage"),
        lazy("app.views.pages.master_pages", "MarketsPage"),
        lazy("app.views.pages.master_pages", "CropsPage"),
        lazy("app.views.pages.charts_page", "ChartsPage"),
        lazy("app.views.pages.trace_page", "TracePage"),
    ]
