"""Exact units of the trade: grams, fen, price units, grades and the codes stored for them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

G_PER_JIN = 500
G_PER_KG = 1000
G_PER_TONNE = 1_000_000
G_PER_DAN = 50_000
FEN_PER_YUAN = 100
# Prices are stored as integers of 0.0001 元 per kg, exact for 元/斤, 元/公斤 and 元/吨 as typed.
PRICE_SCALE = 10_000
_AMOUNT_DIVISOR = G_PER_KG * PRICE_SCALE // FEN_PER_YUAN  # grams × price units → fen

GRADES: dict[str, tuple[str, str]] = {
    "special": ("特级", "Premium"),
    "first": ("一级", "Grade 1"),
    "second": ("二级", "Grade 2"),
    "ungraded": ("统货", "Ungraded"),
    "substandard": ("次品", "Substandard"),
}
OPERATOR_KINDS: dict[str, tuple[str, str]] = {
    "coop": ("合作社", "Co-operative"),
    "family_farm": ("家庭农场", "Family farm"),
    "company": ("公司", "Company"),
}
SIDES: dict[str, tuple[str, str]] = {"suining": ("遂宁", "Suining"), "tongnan": ("潼南", "Tongnan")}
BUYER_KINDS: dict[str, tuple[str, str]] = {
    "broker": ("经纪人", "Broker"),
    "wholesaler": ("批发商", "Wholesaler"),
    "distributor": ("配送公司", "Distributor"),
    "supermarket": ("超市", "Supermarket"),
    "trader": ("商贩", "Trader"),
}
PAYMENT_METHODS: dict[str, tuple[str, str]] = {
    "cash": ("现金", "Cash"),
    "wechat": ("微信", "WeChat Pay"),
    "alipay": ("支付宝", "Alipay"),
    "transfer": ("转账", "Bank transfer"),
}
PAYMENT_STATUSES: dict[str, tuple[str, str]] = {
    "unpaid": ("未付", "Unpaid"),
    "partial": ("部分付款", "Partly paid"),
    "paid": ("已付清", "Paid"),
}
CERTIFICATE_STATUSES: dict[str, tuple[str, str]] = {
    "valid": ("有效", "Valid"),
    "void": ("作废", "Void"),
}


def label(codes: dict[str, tuple[str, str]], code: str, lang: str = "zh_CN") -> str:
    """The display label of a stored code in a language ('zh_CN' or 'en'); unknown codes pass through."""
    pair = codes.get(code)
    if pair is None:
        return code
    return pair[0] if lang.startswith("zh") else pair[1]


def code_for_label(codes: dict[str, tuple[str, str]], text: str) -> str | None:
    """The code whose code, Chinese or English label equals text (case-insensitive), else None."""
    t = text.strip().casefold()
    for code, (zh, en) in codes.items():
        if t in (code.casefold(), zh.casefold(), en.casefold()):
            return code
    return None


def _half_up(value: Decimal, quantum: str = "1") -> Decimal:
    return value.quantize(Decimal(quantum), rounding=ROUND_HALF_UP)


def amount_fen(net_g: int, price: int) -> int:
    """Line amount in fen for net grams at a stored price, rounded half up once."""
    return (net_g * price + _AMOUNT_DIVISOR // 2) // _AMOUNT_DIVISOR


def price_per_kg(price: int) -> Decimal:
    """Stored price as exact 元/公斤."""
    return Decimal(price) / PRICE_SCALE


def price_per_jin(price: int) -> Decimal:
    """Stored price as exact 元/斤 (half the 元/公斤 figure)."""
    return Decimal(price) / (PRICE_SCALE * 2)


def price_from_yuan_per_kg(yuan: Decimal | str | int) -> int:
    """Exact stored price from 元/公斤; raises ValueError if it is finer than 0.0001 元."""
    value = Decimal(str(yuan)) * PRICE_SCALE
    if value != value.to_integral_value():
        raise ValueError(f"price {yuan} is finer than 0.0001 元/公斤")
    return int(value)


def kg(grams: int) -> Decimal:
    """Exact kilograms."""
    return Decimal(grams) / G_PER_KG


def tonnes(grams: int) -> Decimal:
    """Exact tonnes."""
    return Decimal(grams) / G_PER_TONNE


def yuan(fen: int) -> Decimal:
    """Exact 元."""
    return Decimal(fen) / FEN_PER_YUAN


def format_kg(grams: int, places: int = 1) -> str:
    """Kilograms for display, half-up to `places` decimals, with thousands separators."""
    return f"{_half_up(kg(grams), '1.' + '0' * places if places else '1'):,}"


def format_tonnes(grams: int, places: int = 2) -> str:
    """Tonnes for display, half-up to `places` decimals."""
    return f"{_half_up(tonnes(grams), '1.' + '0' * places if places else '1'):,}"


def format_yuan(fen: int) -> str:
    """元 for display: exact to the fen, thousands separators."""
    return f"{yuan(fen):,.2f}"


def format_price(price: int, per: str = "kg", places: int = 2) -> str:
    """A stored price for display per 'kg' or 'jin', half-up to `places` decimals."""
    value = price_per_kg(price) if per == "kg" else price_per_jin(price)
    return f"{_half_up(value, '1.' + '0' * places):f}"


def plain_kg(grams: int) -> str:
    """Exact kilograms as a plain decimal string for files ('1234.5', '12'): no separators, no rounding."""
    return _plain(kg(grams))


def plain_price_per_kg(price: int) -> str:
    """Exact 元/公斤 as a plain decimal string for files."""
    return _plain(price_per_kg(price))


def plain_yuan(fen: int) -> str:
    """Exact 元 with two decimals for files."""
    return f"{yuan(fen):.2f}"


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
