"""The one colour-blind-safe palette: a stable colour for every operator, crop, market and buyer id."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Okabe & Ito (2008) without black, then Paul Tol's "muted" set: sixteen hues that stay
# distinguishable for the common colour-vision deficiencies and print well in grey.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
TOL_MUTED = (
    "#332288",  # indigo
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#CC6677",  # rose
    "#DDCC77",  # sand
)
# Okabe–Ito's yellow is hard to see on white, so it comes last in the cycle.
COLORS: tuple[str, ...] = (*OKABE_ITO, *TOL_MUTED, "#F0E442")

# Colours with a meaning of their own, kept out of the id cycle.
COMPARISON = "#222222"  # the same period last year
OTHERS = "#9E9E9E"  # "others" buckets and totals
REFERENCE = "#000000"  # sourced reference prices
GRID = "#D0D0D0"
TEXT = "#202020"
MUTED_TEXT = "#606060"
UP = "#007A55"  # a rise (also shown by the arrow, never by colour alone)
DOWN = "#B34700"  # a fall

# Each kind starts at another place in the cycle, so operator 1, crop 1 and market 1 differ
# where they meet in one picture (the flow diagram).
_KIND_OFFSET = {"operator": 0, "crop": 3, "market": 6, "buyer": 10}


def color_hex(kind: str, key: int | None) -> str:
    """The stable colour of record `key` of `kind` ('operator', 'crop', 'market', 'buyer').

    The colour depends only on the kind and the id, never on what else a chart shows, so an
    operator keeps its colour on every chart and after every filter change. None (e.g. a
    shipment without a market, or a grand total) is grey.
    """
    if key is None or key == 0:
        return OTHERS
    return COLORS[(int(key) - 1 + _KIND_OFFSET.get(kind, 0)) % len(COLORS)]


def color(kind: str, key: int | None, alpha: int = 255) -> QColor:
    """color_hex as a QColor, with an optional alpha (0–255)."""
    c = QColor(color_hex(kind, key))
    c.setAlpha(alpha)
    return c


def qcolor(value: str | QColor, alpha: int | None = None) -> QColor:
    """A QColor from a hex string or a QColor, with its alpha replaced when given."""
    c = QColor(value)
    if alpha is not None:
        c.setAlpha(alpha)
    return c


def text_color_on(background: str | QColor) -> QColor:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    c = QColor(background)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    return QColor("#000000") if lum > 0.179 else QColor("#FFFFFF")


def line_color(value: str | QColor) -> QColor:
    """The colour for a line or an outline of a series: light hues (yellow, sand, cyan) are
    darkened so a thin line stays visible on white."""
    c = QColor(value)
    lightness = 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF()
    return c.darker(150) if lightness > 0.7 else (c.darker(120) if lightness > 0.55 else c)


# Seasons by recency: the latest in blue, the one before in orange, and so on; older ones grey.
SEASONS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")


def season_color(rank: int) -> str:
    """The colour of the season `rank` places before the latest (0: the latest)."""
    return SEASONS[rank] if 0 <= rank < len(SEASONS) else OTHERS
