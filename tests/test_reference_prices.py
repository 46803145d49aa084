"""The bundled reference prices: exact parsing, dates as the reports wrote them, crop aliases."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from db import reference_prices as rp

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "reference_prices.csv"


def test_bundled_file_is_the_shared_file():
    bundled = rp.default_path()
    assert bundled.is_file()
    if SHARED.is_file():
        assert bundled.read_bytes() == SHARED.read_bytes()


def test_every_row_is_loaded_exactly():
    prices = rp.load()
    with rp.default_path().open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(prices) == len(rows) == 91
    for p, row in zip(prices, rows, strict=True):
        assert p.price_per_kg == Decimal(row["price_yuan_per_kg"])
        assert p.item == row["item_cn"]
        assert p.market == row["market"]


def test_known_points():
    prices = rp.load()
    first = prices[0]
    assert (first.row, first.day, first.precision, first.crop) == (2, date(2022, 12, 7), "day", "白萝卜")
    assert first.price == 4_000  # 0.4 元/kg
    assert first.price_per_jin == Decimal("0.2")
    assert first.is_wholesale
    ginger = [p for p in prices if p.item == "老姜" and p.day == date(2023, 11, 23)]
    assert [(p.crop, p.price) for p in ginger] == [("生姜", 105_000)]
    month = next(p for p in prices if p.date_text == "2022-06 (month)")
    assert (month.day, month.end, month.precision, month.crop) == (
        date(2022, 6, 1),
        date(2022, 6, 30),
        "month",
        None,
    )
    week = next(p for p in prices if p.date_text == "2021-10-25/31")
    assert (week.day, week.end, week.precision) == (date(2021, 10, 25), date(2021, 10, 31), "range")
    undated = [p for p in prices if p.precision == "unknown"]
    assert {p.date_text for p in undated} == {"????-06-08", "winter (undated)"}
    assert all(p.day is None for p in undated)


@pytest.mark.parametrize(
    ("item", "crop"),
    [
        ("白萝卜", "白萝卜"),
        ("莲花白(甘蓝)", "甘蓝"),
        ("莲花白", "甘蓝"),
        ("花椰菜(花菜)", "花椰菜"),
        ("花菜", "花椰菜"),
        ("菜豆(四季豆)", "菜豆"),
        ("四季豆", "菜豆"),
        ("辣椒(二荆条)", "辣椒"),
        ("甜椒", "青椒"),
        ("西红柿", "番茄"),
        ("油菜(瓢儿白、上海青)", "上海青"),
        ("瓢儿白", "上海青"),
        ("老姜", "生姜"),
        ("老南瓜", "南瓜"),
        ("莲花白（甘蓝）", "甘蓝"),
        ("大蒜", None),
        ("红小米辣", None),
        ("油菜", None),
        ("28种重点监测蔬菜均价", None),
    ],
)
def test_item_names_map_to_canonical_crops(item, crop):
    assert rp.canonical_crop(item) == crop


def test_every_park_item_in_the_file_maps():
    not_park_crops = {"大蒜", "山药", "洗葱", "茭白", "大葱", "红小米辣", "28种重点监测蔬菜均价"}
    for p in rp.load():
        assert (p.crop is None) == (p.item in not_park_crops), p.item


def test_prices_are_parsed_exactly():
    assert rp.parse_price("0.4") == 4_000
    assert rp.parse_price("10.50") == 105_000
    assert rp.parse_price("12") == 120_000
    assert rp.parse_price("1.2345") == 12_345
    for bad in ("1.23456", "abc", "", "-1", "NaN"):
        with pytest.raises(ValueError):
            rp.parse_price(bad)


def test_header_is_read_first_and_columns_may_move(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text(
        "\ufeffprice_yuan_per_kg,item_cn,market,level,date,extra\n"
        "2.4,西红柿,双福,wholesale,2024-01-05,x\n"
        "\n"
        "0.855,萝卜,双福,farm_gate,2024-02,\n",
        encoding="utf-8",
    )
    prices = rp.load(path)
    assert [(p.crop, p.price, p.day, p.level, p.row) for p in prices] == [
        ("番茄", 24_000, date(2024, 1, 5), "wholesale", 2),
        ("白萝卜", 8_550, date(2024, 2, 1), "farm_gate", 4),
    ]


def test_missing_column_and_bad_price_are_named(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("date,market,item_cn\n2024-01-05,双福,西红柿\n", encoding="utf-8")
    with pytest.raises(rp.ReferencePriceError, match="level, price_yuan_per_kg"):
        rp.load(path)
    path.write_text(
        "date,market,level,item_cn,price_yuan_per_kg\n2024-01-05,双福,wholesale,西红柿,2.4\n"
        "2024-01-06,双福,wholesale,西红柿,两块\n",
        encoding="utf-8",
    )
    with pytest.raises(rp.ReferencePriceError, match=r"line 3, column price_yuan_per_kg: '两块'"):
        rp.load(path)
    with pytest.raises(rp.ReferencePriceError, match="cannot read"):
        rp.load(tmp_path / "missing.csv")


def test_points_by_database_crop_id():
    entries = [(1, "白萝卜", ("萝卜",)), (2, "甘蓝", ("莲花白",)), (3, "西红柿", ()), (4, "苦瓜", ())]
    found = rp.by_crop_id(rp.load(), entries)
    assert set(found) == {1, 2, 3}
    radish = found[1]
    assert [p.day for p in radish] == sorted(p.day for p in radish)
    assert all(p.is_wholesale and p.day is not None for p in radish)
    assert [(p.day, p.price) for p in radish] == [(date(2022, 12, 7), 4_000), (date(2023, 10, 25), 14_000)]
    # A database that names tomatoes 西红柿 still gets the 番茄 points.
    assert {p.item for p in found[3]} == {"西红柿", "番茄"}
    everything = rp.by_crop_id(rp.load(), entries, levels=(), dated_only=False)
    assert len(everything[1]) == 6


def _point(day: str, price: int) -> rp.ReferencePrice:
    d = date.fromisoformat(day)
    return rp.ReferencePrice(2, day, d, d, "day", "m", rp.WHOLESALE, "白萝卜", "白萝卜", "", price, "", "")


def test_seasonal_profile_averages_each_month_and_fills_the_others_round_the_year():
    points = [_point("2023-01-10", 10_000), _point("2024-01-20", 20_000), _point("2022-04-05", 30_000)]
    profile = rp.seasonal_profile(points)
    assert profile[1] == (15_000, 2) and profile[4] == (30_000, 1)
    # February and March on the line from January (1.50) to April (3.00).
    assert profile[2] == (20_000, 0) and profile[3] == (25_000, 0)
    # May lies 1/9 of the way from April back round to January: 3.00 − 1.50/9 = 2.8333.
    assert profile[5] == (28_333, 0) and profile[12] == (16_667, 0)
    assert rp.seasonal_profile([]) == {}


def test_derived_monthly_fills_only_the_months_no_source_reports():
    points = [_point("2023-01-10", 10_000), _point("2024-01-20", 20_000), _point("2022-04-05", 30_000)]
    derived = rp.derived_monthly(points, date(2023, 1, 1), date(2023, 5, 20))
    # January 2023 is reported; April 2022's point does not cover April 2023.
    assert [(d.day.isoformat(), d.price, d.sources) for d in derived] == [
        ("2023-02-01", 20_000, 0),
        ("2023-03-01", 25_000, 0),
        ("2023-04-01", 30_000, 1),
        ("2023-05-01", 28_333, 0),
    ]
    assert rp.derived_monthly([], date(2023, 1, 1), date(2023, 5, 1)) == []
