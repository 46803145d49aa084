"""The list of pages the main window shows, in navigation order (Ctrl+1 … Ctrl+9 follow it)."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.views.page import Page

PageFactory = Callable[[AppContext, QWidget | None], Page]


def lazy(module: str, name: str, key: str, title: str) -> PageFactory:
    """A factory importing `module` only when the page is built, so a page's import error shows as
    one broken page (the main window catches it) instead of stopping the program.

    `key` and `title` (the page's own title text, translated in the page class's context) let the
    window list the page, give it its key and remember it as the last page before it is built:
    the window builds a page when it is first shown (start-up builds only the page in view)."""

    def make(ctx: AppContext, parent: QWidget | None = None) -> Page:
        return getattr(importlib.import_module(module), name)(ctx, parent)

    make.page_name = name  # type: ignore[attr-defined]
    make.page_key = key  # type: ignore[attr-defined]
    make.page_title = lambda: QCoreApplication.translate(name, title)  # type: ignore[attr-defined]
    return make


def page_factories() -> list[PageFactory]:
    """One line per page, in navigation order (issue 3): Dashboard, Harvests, Shipments, Payments,
    Certificates, Operators & plots, Buyers, Markets, Crops, Charts, Trace. The titles are the
    pages' own title() texts (a test checks they agree)."""
    pages = "app.views.pages."
    return [
        lazy(pages + "dashboard_page", "DashboardPage", "dashboard", "Dashboard"),
        lazy(pages + "harvests_page", "HarvestsPage", "harvests", "Harvests"),
        lazy(pages + "shipments_page", "ShipmentsPage", "shipments", "Shipments"),
        lazy(pages + "payments_page", "PaymentsPage", "payments", "Payments"),
        lazy(pages + "certificates_page", "CertificatesPage", "certificates", "Certificates"),
        lazy(pages + "master_pages", "OperatorsPage", "operators", "Operators & plots"),
        lazy(pages + "master_pages", "BuyersPage", "buyers", "Buyers"),
        lazy(pages + "master_pages", "MarketsPage", "markets", "Markets"),
        lazy(pages + "master_pages", "CropsPage", "crops", "Crops"),
        lazy(pages + "charts_page", "ChartsPage", "charts", "Charts"),
        lazy(pages + "trace_page", "TracePage", "trace", "Trace"),
    ]
