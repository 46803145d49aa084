"""Money in Chinese capital numerals (大写金额) as banks and 支付结算办法 write it: 人民币壹仟肆佰零玖元伍角.

Rules (中国人民银行《支付结算办法》附件 正确填写票据和结算凭证的基本规定):
- digits 零壹贰叁肆伍陆柒捌玖, places 拾佰仟 inside a group of four, groups 万 and 亿;
  a ten is always written with its digit (10 → 壹拾元整);
- one 零 for any run of zeros between figures, also across a group (1,000,010 → 壹佰万零壹拾),
  never a 零 at the end of a group or before 元;
- 整 after 元 when there are no 角 and 分; none after 角 or 分 (1,409.50 → 壹仟肆佰零玖元伍角);
- 元零伍分 when the 角 is zero but the 分 is not; an amount under one 元 has no 元 (0.05 → 伍分);
- 0 reads 人民币零元整.
"""

from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")
GROUPS = ("", "万", "亿", "万亿")
PREFIX = "人民币"
# 9,999,999,999,999,999 fen: beyond 万亿 the words would need 亿亿, which no statement reaches.
MAX_FEN = 10**16 * 100 - 1


def _group(value: int) -> str:
    """A group of up to four digits without leading zeros: 1001 → 壹仟零壹, 10 → 壹拾."""
    out: list[str] = []
    zero = False
    for place, digit in zip(PLACES, f"{value:04d}", strict=True):
        d = int(digit)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + place)
    return "".join(out)


def _yuan(value: int) -> str:
    """Whole 元 in words (value > 0), without the 元."""
    groups: list[int] = []
    while value:
        value, group = divmod(value, 10_000)
        groups.append(group)
    out: list[str] = []
    zero = False  # a zero group (or more) since the last written one
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero = bool(out)
            continue
        if out and (zero or group < 1000):
            out.append("零")
        out.append(_group(group) + GROUPS[index])
        zero = False
    return "".join(out)


def amount_in_words(fen: int) -> str:
    """人民币… for an amount of fen (0 or more): 100_001_005 → 人民币壹佰万零壹拾元零伍分."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError("amount_in_words takes whole fen (int)")
    if fen < 0 or fen > MAX_FEN:
        raise ValueError(f"amount_in_words takes 0 to {MAX_FEN} fen, not {fen}")
    whole, cents = divmod(fen, 100)
    jiao, fen_digit = divmod(cents, 10)
    if whole == 0 and cents == 0:
        return PREFIX + "零元整"
    words = _yuan(whole) + "元" if whole else ""
    if cents == 0:
        return PREFIX + words + "整"
    if fen_digit == 0:
        return PREFIX + words + DIGITS[jiao] + "角"
    if jiao == 0:
        return PREFIX + words + ("零" if whole else "") + DIGITS[fen_digit] + "分"
    return PREFIX + words + DIGITS[jiao] + "角" + DIGITS[fen_digit] + "分"
