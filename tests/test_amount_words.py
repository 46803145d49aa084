"""大写金额: the bank's edge cases written out, and every amount read back to the fen it came from."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.documents.amount_words import DIGITS, MAX_FEN, amount_in_words


@pytest.mark.parametrize(
    ("fen", "words"),
    [
        (0, "人民币零元整"),
        (5, "人民币伍分"),
        (50, "人民币伍角"),
        (55, "人民币伍角伍分"),
        (100, "人民币壹元整"),
        (1_000, "人民币壹拾元整"),
        (1_105, "人民币壹拾壹元零伍分"),
        (100_100, "人民币壹仟零壹元整"),
        (140_950, "人民币壹仟肆佰零玖元伍角"),
        (168_032, "人民币壹仟陆佰捌拾元叁角贰分"),
        (1_010_010, "人民币壹万零壹佰元壹角"),
        (10_500_007, "人民币壹拾万伍仟元零柒分"),
        (10_700_053, "人民币壹拾万柒仟元伍角叁分"),
        (100_001_005, "人民币壹佰万零壹拾元零伍分"),
        (10_000_000_000, "人民币壹亿元整"),
        (10_001_000_000, "人民币壹亿零壹万元整"),
        (10_000_000_100, "人民币壹亿零壹元整"),
        (12_345_678_900, "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
        (100_000_000_000_000, "人民币壹万亿元整"),
        (300_000, "人民币叁仟元整"),
        (3_000_000, "人民币叁万元整"),
        (3_000_300, "人民币叁万零叁元整"),
        (2_001_000, "人民币贰万零壹拾元整"),
    ],
)
def test_bank_edge_cases(fen, words):
    assert amount_in_words(fen) == words


@pytest.mark.parametrize("bad", [-1, MAX_FEN + 1])
def test_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        amount_in_words(bad)


def test_only_whole_fen():
    with pytest.raises(TypeError):
        amount_in_words(1.5)  # type: ignore[arg-type]


_PLACE = {"拾": 10, "佰": 100, "仟": 1000}


def _read_back(words: str) -> int:
    """An independent reader of 大写: the fen the words stand for."""
    assert words.startswith("人民币")
    body = words[3:]
    yuan_part, _, cents = body.partition("元") if "元" in body else ("", "", body)
    total = 0
    section = 0  # below 万
    wan = 0  # the 万 group (below 亿)
    digit = 0
    for ch in yuan_part:
        if ch in DIGITS:
            digit = DIGITS.index(ch)
        elif ch in _PLACE:
            section += digit * _PLACE[ch]
            digit = 0
        elif ch == "万":
            wan = (section + digit) * 10_000
            section = digit = 0
        elif ch == "亿":
            total = (total + wan + section + digit) * 100_000_000
            wan = section = digit = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {words}")
    total += wan + section + digit
    fen = total * 100
    if m := re.search("(.)角", cents):
        fen += DIGITS.index(m.group(1)) * 10
    if m := re.search("(.)分", cents):
        fen += DIGITS.index(m.group(1))
    return fen


@given(st.integers(min_value=0, max_value=10**13))
def test_words_read_back_to_the_same_fen(fen):
    assert _read_back(amount_in_words(fen)) == fen


@given(st.integers(min_value=0, max_value=10**13))
def test_structure(fen):
    words = amount_in_words(fen)
    body = words.removeprefix("人民币")
    assert body and set(body) <= set(DIGITS + "拾佰仟万亿元角分整")
    assert "零零" not in body
    # No 零 closes a group, the 元 or the words; 整 only straight after 元.
    for after in "万亿元整角分":
        assert "零" + after not in body or body == "零元整"
    assert body.endswith(("元整", "角", "分"))
    assert ("整" in body) == (fen % 100 == 0)
    assert ("元" in body) == (fen >= 100 or fen == 0)
    # Every place sits after a digit: 壹拾, never a bare 拾.
    assert not re.search(r"(^|[拾佰仟万亿元])[拾佰仟]", body)
    # 零 between 元 and 分 exactly when there are 元, no 角 and some 分.
    assert ("元零" in body) == (fen >= 100 and fen % 100 < 10 and fen % 10 != 0)
