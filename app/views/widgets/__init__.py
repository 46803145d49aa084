"""Widgets pages and the window place: the paste grid, selection summary, empty guide, chart filters, window parts."""
