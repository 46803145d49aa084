"""Tests for db.parsing: what clerks type becomes exact values, or a reason, never a guess."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from db.i18n import Text
from db.parsing import (
    FUTURE_WINDOW_DAYS,
    NameIndex,
    ParseResult,
    normalize_text,
    parse_date,
    parse_percent,
    parse_plate,
    parse_price,
    parse_weight_g,
    to_simplified,
    visible,
)

# The first call builds the OpenCC converter, which may take longer than hypothesis' default deadline.
relaxed = settings(deadline=None)


def plain(value: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros, as a clerk would type it."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def full_width(text: str) -> str:
    """What a Chinese IME in full-width mode produces for ASCII text."""
    return "".join("\u3000" if c == " " else chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """The standard written Chinese numeral for 0 < n < 10**8 (一万零五, 十万零五百, 一千零五十)."""

    def section(k: int) -> str:
        out, zero = "", False
        for div, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            q = k // div % 10
            if q == 0:
                zero = bool(out)
                continue
            out += ("零" if zero else "") + _CN_DIGITS[q] + name
            zero = False
        return out

    high, low = divmod(n, 10_000)
    text = section(low) if not high else section(high) + "万"
    if high and low:
        text += ("零" if low < 1000 else "") + section(low)
    return text[1:] if text.startswith("一十") else text


def ok(result: ParseResult):
    assert result.error is None, result.error
    assert result.ok
    return result.value


def failed(result: ParseResult) -> str:
    assert not result.ok
    assert result.value is None
    assert result.error
    return result.error


# --------------------------------------------------------------------------------------------------
# normalize_text, to_simplified, ParseResult


def test_normalize_text_folds_what_imes_produce():
    assert normalize_text("  １２．５\u3000公斤\u200b ") == "12.5 公斤"
    assert normalize_text("双\u200c福\ufeff\u2060市场\u200d") == "双福市场"
    assert normalize_text("a\t\n  b\u00a0c") == "a b c"
    assert normalize_text("") == ""


def test_to_simplified_converts_traditional_names():
    assert to_simplified("蘿蔔") == "萝卜"
    assert to_simplified("雙福") == "双福"
    assert to_simplified("兩噸") == "两吨"
    assert to_simplified("") == ""


def test_parse_result_is_frozen_and_ok_only_with_a_value():
    good = ParseResult(value=0)
    assert good.ok
    assert not ParseResult(error="bad").ok
    assert not ParseResult(error="which?", ambiguous=("kg", "斤")).ok
    with pytest.raises(dataclasses.FrozenInstanceError):
        good.value = 1  # type: ignore[misc]


def test_parsing_stands_alone_without_qt_or_db_units():
    code = "import sys, db.parsing; print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'db.'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # db.i18n (stdlib only) makes its messages translatable; nothing else from db/ comes along
    # (the package's own modules, db.parsing.dates and the like, aside).
    loaded = [m for m in ast.literal_eval(out.stdout) if not m.startswith("db.parsing.")]
    assert loaded == ["db.i18n", "db.parsing"]


# --------------------------------------------------------------------------------------------------
# Weights


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("12.5公斤", 12_500),
        ("12.5kg", 12_500),
        ("12.5 KG", 12_500),
        ("12.5 Kg", 12_500),
        ("12.5千克", 12_500),
        ("25斤", 12_500),
        ("25 市斤", 12_500),
        ("3.5t", 3_500_000),
        ("3.5 T", 3_500_000),
        ("3.5吨", 3_500_000),
        ("3.5噸", 3_500_000),
        ("2担", 100_000),
        ("5两", 250),
        ("500克", 500),
        ("500g", 500),
        ("1,250公斤", 1_250_000),
        ("1，250公斤", 1_250_000),
        ("1,250.5 kg", 1_250_500),
        ("１２．５公斤", 12_500),
        ("１２．５ｋｇ", 12_500),
        ("12。5斤", 6_250),
        ("12.5\u200b公斤", 12_500),
        ("12.5\u3000公斤", 12_500),
        ("1.2万斤", 6_000_000),
        ("3千斤", 1_500_000),
        ("三吨半", 3_500_000),
        ("3吨半", 3_500_000),
        ("一斤半", 750),
        ("两千五百斤", 1_250_000),
        ("兩千五百斤", 1_250_000),
        ("两千五斤", 1_250_000),
        ("一千二百五十公斤", 1_250_000),
        ("十二斤", 6_000),
        ("二十斤", 10_000),
        ("一百零五斤", 52_500),
        ("一万两千斤", 6_000_000),
        ("一万二斤", 6_000_000),
        ("一点五吨", 1_500_000),
        ("二十点五斤", 10_250),
        ("半吨", 500_000),
        ("半斤", 250),
        ("五斤二两", 2_600),
        ("五斤二", 2_600),
        ("一吨二", 1_200_000),
        ("两斤", 1_000),
        ("两两", 100),
        ("十两", 500),
        ("两千克", 2_000),
        ("三千克", 3_000),  # 3 千克 or 三千 克: the same weight either way
        ("十三千克", 13_000),
        ("1.5千克", 1_500),
        ("三千克半", 3_500),  # 三千 克 + 半克 is no whole number of grams
        ("一万千克", 10_000_000),
        ("3吨500公斤", 3_500_000),
        ("三吨零五十公斤", 3_050_000),  # 零 marks the skipped hundreds
        ("一吨零五公斤", 1_005_000),
        ("两斤零二两", 1_100),
        ("3吨〇50公斤", 3_050_000),
        ("3吨零点五公斤", 3_000_500),
        ("3吨 半", 3_500_000),
        ("1万2500斤", 6_250_000),
        ("1万2斤", 6_000_000),
        ("两千五万克", 25_000_000),
        ("零点五斤", 250),
        ("100吨", 100_000_000),
        ("1g", 1),
    ],
)
def test_weights_as_clerks_type_them(text, grams):
    assert ok(parse_weight_g(text)) == grams


def test_bare_weight_is_ambiguous_without_a_default_unit():
    result = parse_weight_g("12.5")
    assert result.value is None
    assert result.ambiguous == ("kg", "斤")
    assert "no unit" in result.error
    assert parse_weight_g("十二").ambiguous == ("kg", "斤")


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("一万三千克", (13_000, 13_000_000)),  # 一万三千 克 = 13 kg, or 一万三 千克 = 13,000 kg
        ("1万3千克", (13_000, 13_000_000)),
        ("一万两千克", (12_000, 12_000_000)),
        ("一万零三千克", (13_000, 10_003_000)),
        ("2吨一万三千克", (2_013_000, 15_000_000)),
    ],
)
def test_kilo_that_may_belong_to_the_number_is_ambiguous_never_guessed(text, candidates):
    result = parse_weight_g(text)
    assert result.value is None
    assert result.ambiguous == candidates
    assert "千 may end the number" in result.error
    assert "13公斤 or 13000公斤" in parse_weight_g("一万三千克").error  # what to type instead


@pytest.mark.parametrize(
    ("unit", "grams"),
    [("kg", 12_500), ("公斤", 12_500), ("斤", 6_250), ("t", 12_500_000), ("吨", 12_500_000)],
)
def test_bare_weight_takes_the_default_unit(unit, grams):
    assert ok(parse_weight_g("12.5", default_unit=unit)) == grams


def test_typed_unit_wins_over_the_default_unit():
    assert ok(parse_weight_g("25斤", default_unit="kg")) == 12_500


def test_unknown_default_weight_unit_is_a_programming_error():
    with pytest.raises(ValueError, match="公担"):
        parse_weight_g("12", default_unit="公担")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("3.5 公担", "'3.5 公担' has an unknown unit; use 斤"),
        ("5 台斤", "unknown unit"),
        ("0斤", "weight must be positive"),
        ("0", "weight must be positive"),
        ("-5公斤", "weight must be positive"),
        ("−5公斤", "weight must be positive"),
        ("负5公斤", "weight must be positive"),
        ("101吨", "more than 100 t"),
        ("100.000001吨", "more than 100 t"),
        ("0.0001kg", "0.1 g, not a whole number of grams"),
        ("1.2345斤", "not a whole number of grams"),
        ("1,25公斤", "commas separate thousands"),
        ("12,5公斤", "commas separate thousands"),
        ("", "no weight given"),
        ("   ", "no weight given"),
        ("abc", "is not a weight"),
        ("约12公斤", "is not a weight"),
        ("12 5公斤", "not a well-formed number"),
        ("5斤3吨", "larger units first"),
        ("3吨500", "the last number has no unit"),
        ("12.5公斤2", "the last number has no unit"),
        ("三吨半二", "nothing may follow 半"),
        ("1吨零5", "the last number has no unit"),  # not 1.05 t: after 零 the unit must be named
        ("3吨零", "not a well-formed number"),
        ("一百二点五斤", "not a well-formed number"),
        ("1万25000斤", "not a well-formed number"),
        ("二三斤", "not a well-formed number"),
        ("12公斤左右", "has extra text '左右' after the weight"),
        ("9" * 40 + "kg", "too many digits"),
    ],
)
def test_bad_weights_say_why(text, phrase):
    assert phrase in failed(parse_weight_g(text))


@relaxed
@given(st.integers(min_value=1, max_value=100_000_000))
def test_weight_round_trips_through_kg(grams):
    kg = plain(Decimal(grams) / 1000)
    assert ok(parse_weight_g(f"{kg}kg")) == grams
    assert ok(parse_weight_g(f"{kg} 公斤")) == grams
    assert ok(parse_weight_g(kg, default_unit="kg")) == grams
    assert ok(parse_weight_g(f"{Decimal(grams) / 1000:,f}千克")) == grams


@relaxed
@given(st.integers(min_value=1, max_value=20_000_000).map(lambda k: k * 5))
def test_weight_round_trips_through_jin(grams):
    jin = Decimal(grams) / 500
    assert jin == jin.quantize(Decimal("0.01"))
    assert ok(parse_weight_g(f"{plain(jin)}斤")) == grams
    assert ok(parse_weight_g(plain(jin), default_unit="斤")) == grams


@relaxed
@given(st.integers(min_value=1, max_value=100_000))
def test_weight_round_trips_through_tonnes(kg):
    grams = kg * 1000
    assert ok(parse_weight_g(f"{plain(Decimal(grams) / 1_000_000)}吨")) == grams


@relaxed
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=999))
def test_weight_round_trips_through_compound_units(tonnes, kg):
    grams = tonnes * 1_000_000 + kg * 1000
    assert ok(parse_weight_g(f"{tonnes}吨{kg}公斤")) == grams
    assert ok(parse_weight_g(f"{tonnes}吨{kg}千克")) == grams
    spoken = f"{chinese_numeral(tonnes)}吨{'零' if kg < 100 else ''}{chinese_numeral(kg)}公斤"
    assert ok(parse_weight_g(spoken)) == grams, spoken


def _grams_from_numeral(text: str, n: int) -> None:
    """n 克 written in Chinese numerals reads back as n g, or as ambiguous when it ends in 万X千:
    then 千克 may be the unit (一万三 千克 = 13,000 kg, i.e. n kg) and both weights come back,
    unless n kg is over 100 t and so no weight at all."""
    result = parse_weight_g(f"{text}克")
    if re.search("万[一二两三四五六七八九]千$", text) and n * 1000 <= 100_000_000:
        assert result.value is None
        assert result.ambiguous == (n, n * 1000), text
    else:
        assert ok(result) == n, text


@relaxed
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    text = chinese_numeral(n)
    _grams_from_numeral(text, n)
    _grams_from_numeral(text.replace("二千", "两千").replace("二万", "两万"), n)


@pytest.mark.parametrize("n", [13_000, 12_000, 99_000, 101_000, 10_003_000, 3_000, 2_000])
def test_chinese_numerals_ending_in_thousands(n):
    text = chinese_numeral(n)
    _grams_from_numeral(text, n)
    _grams_from_numeral(text.replace("二千", "两千").replace("二万", "两万"), n)


@relaxed
@given(
    st.integers(min_value=1, max_value=100_000_000),
    st.sampled_from(["{kg}kg", "{kg} KG", "{kg}公斤", "{thousands} kg", "{kg_t}t"]),
)
def test_full_width_weight_parses_like_ascii(grams, pattern):
    text = pattern.format(
        kg=plain(Decimal(grams) / 1000),
        thousands=f"{Decimal(grams) / 1000:,f}",
        kg_t=plain(Decimal(grams) / 1_000_000),
    )
    assert ok(parse_weight_g(text)) == grams
    assert parse_weight_g(full_width(text)) == parse_weight_g(text)


# --------------------------------------------------------------------------------------------------
# Prices (stored as 0.0001 元 per kg)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("1.2元/斤", 24_000),
        ("2.4元/公斤", 24_000),
        ("2.4元/kg", 24_000),
        ("2.4元/KG", 24_000),
        ("2.4元/千克", 24_000),
        ("855元/吨", 8_550),
        ("855元/t", 8_550),
        ("1.2/斤", 24_000),
        ("1.2块/斤", 24_000),
        ("1.2元每斤", 24_000),
        ("1.2元一斤", 24_000),
        ("每斤1.2元", 24_000),
        ("¥2.4/kg", 24_000),
        ("￥2.4/kg", 24_000),
        ("１．２元／斤", 24_000),
        ("一块二一斤", 24_000),
        ("一塊二一斤", 24_000),
        ("八毛一斤", 16_000),
        ("八毛钱一斤", 16_000),
        ("1块5毛/斤", 30_000),
        ("两块五一公斤", 25_000),
        ("两块钱一斤", 40_000),
        ("一块半一斤", 30_000),
        ("一块零五一斤", 21_000),
        ("一块二毛五一斤", 25_000),
        ("3毛5/斤", 7_000),
        ("五分一斤", 1_000),
        ("0.855元/公斤", 8_550),
        ("1000元/公斤", 10_000_000),
        ("0元/斤", 0),
        ("0", 0),
    ],
)
def test_prices_as_clerks_type_them(text, price):
    assert ok(parse_price(text)) == price


@pytest.mark.parametrize("text", ["1.2", "一块二", "3毛5", "1.2元", "两块钱"])
def test_price_without_a_weight_is_ambiguous(text):
    result = parse_price(text)
    assert result.value is None
    assert result.ambiguous == ("元/公斤", "元/斤")
    assert "per what weight" in result.error


@pytest.mark.parametrize(
    ("text", "unit", "price"),
    [
        ("2.4", "元/公斤", 24_000),
        ("1.2", "元/斤", 24_000),
        ("一块二", "元/斤", 24_000),
        ("3毛5", "元/斤", 7_000),
        ("855", "元/吨", 8_550),
        ("855", "t", 8_550),
        ("1.2元/公斤", "元/斤", 12_000),
    ],
)
def test_price_takes_the_default_unit(text, unit, price):
    assert ok(parse_price(text, default_unit=unit)) == price


def test_unknown_default_price_unit_is_a_programming_error():
    with pytest.raises(ValueError, match="元/公担"):
        parse_price("1.2", default_unit="元/公担")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("-1元/斤", "cannot be negative"),
        ("1001元/公斤", "above 1000 元/公斤"),
        ("501元/斤", "above 1000 元/公斤"),
        ("0.00001元/公斤", "more precise than 0.0001 元/公斤"),
        ("1.2元/公担", "unknown unit"),
        ("1.2元/", "unknown unit"),
        ("1.5块5毛", "not a price I can read"),
        ("便宜", "not a price I can read"),
        ("", "no price given"),
    ],
)
def test_bad_prices_say_why(text, phrase):
    assert phrase in failed(parse_price(text))


@relaxed
@given(st.integers(min_value=0, max_value=10_000_000))
def test_price_round_trips_through_every_unit(price):
    per_kg = plain(Decimal(price) / 10_000)
    per_jin = plain(Decimal(price) / 20_000)
    per_tonne = plain(Decimal(price) / 10)
    assert ok(parse_price(f"{per_kg}元/公斤")) == price
    assert ok(parse_price(f"{per_kg}元/kg")) == price
    assert ok(parse_price(f"{per_jin}元/斤")) == price
    assert ok(parse_price(f"{per_tonne}元/吨")) == price
    assert ok(parse_price(per_jin, default_unit="元/斤")) == price
    assert ok(parse_price(full_width(f"{per_kg}/kg"))) == price


# --------------------------------------------------------------------------------------------------
# Percents


@pytest.mark.parametrize(
    ("text", "hundredths"),
    [
        ("2%", 200),
        ("1.5％", 150),
        ("2 %", 200),
        ("百分之二", 200),
        ("百分之一点五", 150),
        ("5‰", 50),
        ("0.5", 50),
        ("0%", 0),
        ("100%", 10_000),
    ],
)
def test_percents(text, hundredths):
    assert ok(parse_percent(text)) == hundredths


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("101%", "more than 100%"),
        ("-1%", "cannot be negative"),
        ("0.001%", "more precise than 0.01%"),
        ("两成", "not a percentage"),
        ("", "no percentage given"),
    ],
)
def test_bad_percents_say_why(text, phrase):
    assert phrase in failed(parse_percent(text))


@given(st.integers(min_value=0, max_value=10_000))
def test_percent_round_trips(hundredths):
    assert ok(parse_percent(f"{plain(Decimal(hundredths) / 100)}%")) == hundredths


# --------------------------------------------------------------------------------------------------
# Dates

TODAY = datetime.date(2023, 1, 10)


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-06",
        "2023-1-6",
        "2023.1.6",
        "2023/1/6",
        "23/1/6",
        "23.1.6",
        "2023年1月6日",
        "2023年1月6号",
        "2023年01月06日",
        "2023 年 1 月 6 日",
        "2023 - 01 - 06",
        "20230106",
        "２０２３年１月６日",
        "２０２３－０１－０６",
        "2023。1。6",
        "二〇二三年一月六日",
        "二零二三年一月六號",
        "1月6号",
        "1月6日",
        "一月六号",
        "1-6",
        "1/6",
        "2023/01/06",
    ],
)
def test_dates_as_clerks_type_them(text):
    assert ok(parse_date(text, today=TODAY)) == datetime.date(2023, 1, 6)


def test_month_day_without_year_uses_this_year_unless_too_far_ahead():
    new_year = datetime.date(2024, 1, 5)
    assert ok(parse_date("12月30号", today=new_year)) == datetime.date(2023, 12, 30)
    assert ok(parse_date("1月5号", today=new_year)) == datetime.date(2024, 1, 5)
    window_end = new_year + datetime.timedelta(days=FUTURE_WINDOW_DAYS)  # 2024-03-06
    assert ok(parse_date("3月6号", today=new_year)) == window_end
    assert ok(parse_date("3月7号", today=new_year)) == datetime.date(2023, 3, 7)
    assert ok(parse_date("十二月三十一号", today=new_year)) == datetime.date(2023, 12, 31)


def test_today_may_be_a_datetime():
    assert ok(parse_date("1月6号", today=datetime.datetime(2023, 1, 10, 8, 30))) == datetime.date(2023, 1, 6)


def test_year_last_dates_are_ambiguous_never_guessed():
    result = parse_date("6/1/2023", today=TODAY)
    assert result.value is None
    assert result.ambiguous == (datetime.date(2023, 1, 6), datetime.date(2023, 6, 1))
    assert "year first" in result.error
    assert parse_date("6/1/23").ambiguous == (datetime.date(2023, 1, 6), datetime.date(2023, 6, 1))
    forced = parse_date("13/1/2023")
    assert forced.value is None
    assert forced.ambiguous == (datetime.date(2023, 1, 13),)


def test_year_last_date_that_reads_the_same_both_ways_is_exact():
    assert ok(parse_date("6/6/2023")) == datetime.date(2023, 6, 6)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("2023-02-30", "2023-02 has 28 days, not day 30"),
        ("2023年2月29日", "has 28 days"),
        ("2023-13-01", "no month 13"),
        ("2023-00-10", "no month 0"),
        ("1899-12-31", "year 1899 is out of range"),
        ("45000", "is not a date"),
        ("12345", "is not a date"),
        ("2023 01 06", "is not a date"),
        ("2023-01/06", "is not a date"),
        ("06012023", "year 601 is out of range"),
        ("2023-01", "has no day"),
        ("2023年1月", "has no day"),
        ("", "no date given"),
        ("昨天", "is not a date"),
        ("32/13/2023", "is not a valid date"),
    ],
)
def test_bad_dates_say_why(text, phrase):
    assert phrase in failed(parse_date(text, today=TODAY))


def _cn_year(year: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(year))


_YEAR_FORMATS = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year % 100:02d}/{d.month}/{d.day}",
    lambda d: f"{d.year % 100:02d}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month}月{d.day}号",
    lambda d: f"{d:%Y%m%d}",
    lambda d: full_width(d.isoformat()),
    lambda d: full_width(f"{d.year}年{d.month}月{d.day}日"),
    lambda d: f"{_cn_year(d.year)}年{chinese_numeral(d.month)}月{chinese_numeral(d.day)}日",
]
_MONTH_DAY_FORMATS = [
    lambda d: f"{d.month}月{d.day}号",
    lambda d: f"{d.month}月{d.day}日",
    lambda d: f"{d.month}-{d.day}",
    lambda d: f"{d.month}/{d.day}",
    lambda d: f"{chinese_numeral(d.month)}月{chinese_numeral(d.day)}号",
]


@relaxed
@given(st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_dates_round_trip_through_every_format(date):
    for fmt in _YEAR_FORMATS:
        assert ok(parse_date(fmt(date), today=TODAY)) == date, fmt(date)


@relaxed
@given(
    st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2098, 12, 31)),
    st.integers(min_value=0, max_value=300),
)
def test_month_day_round_trips_when_typed_up_to_300_days_later(date, days_later):
    today = date + datetime.timedelta(days=days_later)
    assume(not (date.month == 2 and date.day == 29 and today.year != date.year))
    for fmt in _MONTH_DAY_FORMATS:
        assert ok(parse_date(fmt(date), today=today)) == date, fmt(date)


# --------------------------------------------------------------------------------------------------
# Plates


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("川JA1234", "川JA1234"),
        ("川J·A1234", "川JA1234"),
        ("川J A1234", "川JA1234"),
        ("川J-A1234", "川JA1234"),
        ("川J•A1234", "川JA1234"),
        ("川ja1234", "川JA1234"),
        ("川Ｊ·Ａ１２３４", "川JA1234"),
        ("川J\u3000A1234\u200b", "川JA1234"),
        ("渝C12345", "渝C12345"),
        ("渝AD12345", "渝AD12345"),
        ("渝A·F12345", "渝AF12345"),
        ("渝A12345D", "渝A12345D"),
        ("川J1234挂", "川J1234挂"),
        ("貴A12345", "贵A12345"),
    ],
)
def test_plates(text, plate):
    assert ok(parse_plate(text)) == plate


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("JA1234", "province character"),
        ("四川JA1234", "province character"),
        ("川JA123", "not a plate"),
        ("川JA12345", "not a plate"),
        ("川JAI234", "never use the letters I or O"),
        ("川JA1O34", "never use the letters I or O"),
        ("川1A1234", "not a plate"),
        ("川J12345挂", "not a plate"),
        ("", "no plate given"),
    ],
)
def test_bad_plates_say_why(text, phrase):
    assert phrase in failed(parse_plate(text))


# --------------------------------------------------------------------------------------------------
# Names

MARKETS = NameIndex(
    [
        (1, "重庆双福国际农贸城", ["双福", "双福市场", "江津双福"]),
        (2, "重庆盘溪农产品批发市场", ["盘溪", "盘溪市场"]),
        (3, "中农联·合川农贸城", ["合川中农联"]),
        (4, "海领(临空)进口农产品交易中心", ["海领", "渝北海领"]),
    ]
)
CROPS = NameIndex(
    [
        (10, "白萝卜", ["萝卜", "蘿蔔"]),
        (11, "豇豆", ["豆角"]),
        (12, "菜豆", ["四季豆", "青荚肉豆", "豆角"]),
        (13, "胡萝卜", ["红萝卜"]),
        (14, "Pak choi", ["上海青"]),
    ]
)


@pytest.mark.parametrize(
    ("index", "text", "ident"),
    [
        (MARKETS, "双福", 1),
        (MARKETS, "雙福", 1),
        (MARKETS, " 双福\u200b市场 ", 1),
        (MARKETS, "重庆双福国际农贸城", 1),
        (MARKETS, "中农联合川农贸城", 3),
        (MARKETS, "海领（临空）进口农产品交易中心", 4),
        (CROPS, "蘿蔔", 10),
        (CROPS, "萝卜", 10),
        (CROPS, "四季豆", 12),
        (CROPS, "PAK CHOI", 14),
        (CROPS, "pakchoi", 14),
    ],
)
def test_names_match_through_aliases(index, text, ident):
    assert ok(index.match(text)) == ident


def test_alias_of_several_records_is_ambiguous():
    result = CROPS.match("豆角")
    assert result.value is None
    assert result.ambiguous == (11, 12)
    assert "豇豆 or 菜豆" in result.error


def test_unknown_name_suggests_close_matches():
    result = MARKETS.match("双富")
    assert "matches no known name" in failed(result)
    assert "重庆双福国际农贸城" in result.error
    assert MARKETS.suggestions("盘溪批发") == ["重庆盘溪农产品批发市场"]
    assert sorted(MARKETS.suggestions("农贸城")) == ["中农联·合川农贸城", "重庆双福国际农贸城"]
    assert len(MARKETS.suggestions("市场", n=1)) == 1
    assert MARKETS.suggestions("完全无关的名字") == []
    assert "did you mean" not in failed(MARKETS.match("完全无关的名字"))


def test_empty_name_is_an_error():
    assert "no name given" in failed(MARKETS.match(" \u200b "))


# --------------------------------------------------------------------------------------------------
# Robustness: nothing a clerk can type makes a parser raise

_TYPED = st.text(
    alphabet="0123456789.,/-%‰ 　年月日号点零〇一二两三四五六七八九十百千万亿半斤两公千克kgtT吨担元块毛角分钱每¥川渝JADI·挂负",
    max_size=14,
)
_INDEX = NameIndex([(1, "白萝卜", ["萝卜"]), (2, "豇豆", ["豆角"]), (3, "菜豆", ["豆角"])])


@relaxed
@given(st.one_of(st.text(), _TYPED))
def test_parsers_never_raise(text):
    results = [
        parse_weight_g(text),
        parse_weight_g(text, default_unit="kg"),
        parse_price(text),
        parse_price(text, default_unit="元/斤"),
        parse_date(text, today=TODAY),
        parse_plate(text),
        parse_percent(text),
        _INDEX.match(text),
    ]
    for result in results:
        assert isinstance(result, ParseResult)
        assert result.ok == (result.value is not None)
        assert result.ok or result.error
        if result.error is not None:
            _assert_translatable(result.error)
    _INDEX.suggestions(text)


def _assert_translatable(message):
    """A db.i18n.Text whose template and values make exactly the English shown (lupdate sees the template)."""
    assert isinstance(message, Text), message
    if message.params:
        assert message.template.format(**message.params) == message
    else:
        assert message.template == message
    for value in message.params.values():
        if isinstance(value, Text):
            _assert_translatable(value)


@given(st.text())
def test_normalize_text_is_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


# --------------------------------------------------------------------------------------------------
# Hostile text: invisible characters, bidi overrides, NUL, very long values


@pytest.mark.parametrize(
    "text",
    [
        "双\x00福",  # NUL (a CSV may carry it)
        "\u202e双福",  # right-to-left override: would show the name backwards
        "双\u2066福\u2069",  # isolates
        "双\u00ad福",  # soft hyphen
        "\x1b[31m双福",  # an escape sequence: the control goes, the printable rest stays
    ],
)
def test_normalize_text_drops_invisible_characters(text):
    assert normalize_text(text) == text.replace("\x1b", "").translate(
        {c: None for c in (0, 0x202E, 0x2066, 0x2069, 0xAD)}
    )


def test_names_match_through_bidi_overrides_and_nul():
    assert ok(MARKETS.match("\u202e双福\x00")) == 1
    assert ok(CROPS.match("萝\u200f卜")) == 10


@given(st.text())
def test_normalize_text_leaves_no_invisible_character(text):
    assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in normalize_text(text))


def test_visible_shows_invisible_characters_and_cuts_long_values():
    assert visible("B001\u202e") == "B001<U+202E>"
    assert visible("a\x00b\tc") == "a<U+0000>b<U+0009>c"
    assert visible("双福\u3000市场 ok") == "双福\u3000市场 ok"  # spaces a clerk types stay as they are
    assert visible("x" * 100, limit=10) == "x" * 10 + "…"
    assert visible("短") == "短"


@given(st.text(), st.integers(min_value=1, max_value=80))
def test_visible_is_printable_and_bounded(text, limit):
    shown = visible(text, limit)
    assert all(ch.isprintable() or ch in " \u3000" for ch in shown)
    if len(text) > limit:
        assert shown.endswith("…")
        assert visible(text[:limit], limit) == shown[:-1]  # the first `limit` characters, shown
    else:
        assert visible(text, len(text) + 1) == shown


def test_a_very_long_value_is_parsed_quickly_and_rejected():
    # 100,000 characters (what a hostile cell may hold): each parser answers with a reason.
    for text in ("1" * 100_000, "斤" * 100_000, "一" * 100_000, "1," * 50_000, "a" * 100_000):
        for result in (parse_weight_g(text, "kg"), parse_price(text, "元/公斤"), parse_date(text)):
            assert not result.ok and result.error
    assert "too many digits" in parse_weight_g("1" * 100_000, "kg").error


def test_fractions_in_messages_are_exact_and_rounded_half_up():
    # 0.1234565 g: a float prints 0.123456 (its binary value is just below the half); exactly it is 0.123457.
    assert "is 0.123457 g, not a whole number of grams" in parse_weight_g("0.1234565克").error


def test_a_name_longer_than_any_name_is_refused_at_once():
    result = MARKETS.match("双福" * 50_000)
    assert (
        failed(result)
        == "'双福双福双福双福双福双福双福双福双福双福…' is 100000 characters long; a name has at most 200"
    )
    assert MARKETS.suggestions("双福" * 50_000) == []
    assert ok(MARKETS.match("双福" + " " * 300)) == 1  # spaces fold away: the name itself is short
