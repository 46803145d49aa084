"""The deterministic demo dataset: DOMAIN.md's park as master data plus seeded, realistic years of trade."""

from __future__ import annotations

import calendar
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from db import deductions, units
from db.errors import ValidationError
from db.i18n import translate
from db.records import (
    Buyer,
    Certificate,
    Crop,
    Harvest,
    Market,
    Operator,
    Payment,
    Plot,
    Shipment,
    ShipmentLine,
)
from db.repositories import Store

Progress = Callable[[int, int], None]

T = units.G_PER_TONNE
KG = units.G_PER_KG
# Weights on the collection point's scales are read to 10 kg.
SCALE_STEP_G = 10 * KG


# --------------------------------------------------------------------------------------------
# Master data (DOMAIN.md; names of firms and people are invented)


@dataclass(frozen=True)
class _OperatorSpec:
    name: str
    short_name: str
    kind: str
    side: str
    town: str
    contact: str
    tonnes_per_year: int
    crops: tuple[tuple[str, float], ...]  # crop, relative weight of its volume
    plots: tuple[tuple[str, str, int], ...]  # plot name, village, area in 亩 × 100
    aliases: tuple[str, ...] = ()
    # Share of truckloads a family farm gives a certificate for (co-ops and companies: every one).
    family_cert_rate: float = 0.0
    # The name on English documents: the firm's own name in pinyin and its kind in English, without
    # the place names the registered Chinese name begins with (a ledger's column is narrow).
    name_en: str = ""

    @property
    def area_mu_x100(self) -> int:
        return sum(area for _, _, area in self.plots)


# fmt: off
OPERATORS: tuple[_OperatorSpec, ...] = (
    _OperatorSpec(
        "遂宁市船山区涪江湾蔬菜种植专业合作社", "涪江湾合作社", "coop", "suining", "老池镇", "张志强", 16000,
        (("白萝卜", 5), ("莴笋", 3), ("青菜", 2)),
        (("河坝一片", "涪江村", 62000), ("河坝二片", "涪江村", 48000), ("石佛湾", "石佛村", 40000)),
        ("涪江湾",),
        name_en="Fujiangwan Vegetable Cooperative",
    ),
    _OperatorSpec(
        "船山区老池镇绿畴果蔬专业合作社", "绿畴合作社", "coop", "suining", "老池镇", "黄文军", 7000,
        (("豇豆", 3), ("菜豆", 2), ("辣椒", 3), ("白萝卜", 2)),
        (("观音桥地块", "观音桥村", 35000), ("高石坎", "高石村", 30000), ("五里坡", "五里村", 25000)),
        ("绿畴", "綠疇"),
        name_en="Lüchou Fruit & Vegetable Cooperative",
    ),
    _OperatorSpec(
        "船山区唐家乡青禾家庭农场", "青禾农场", "family_farm", "suining", "唐家乡", "唐明华", 1800,
        (("花椰菜", 5), ("甘蓝", 5)),
        (("屋后大田", "唐家村", 13000), ("白鹤坝", "白鹤村", 9000)),
        ("青禾",),
        family_cert_rate=0.3,
        name_en="Qinghe Family Farm",
    ),
    _OperatorSpec(
        "船山区何德贵家庭农场", "何德贵农场", "family_farm", "suining", "唐家乡", "何德贵", 1600,
        (("青菜", 6), ("儿菜", 4)),
        (("新桥沟", "新桥村", 8550), ("龙滩湾", "龙滩村", 6450)),
        ("何德贵", "何德貴"),
        family_cert_rate=0.1,
        name_en="He Degui Family Farm",
    ),
    _OperatorSpec(
        "四川遂潼鲜蔬农业开发有限公司", "遂潼鲜蔬", "company", "suining", "老池镇", "赵丽", 18000,
        (("番茄", 4), ("黄瓜", 3), ("白萝卜", 3)),
        (
            ("一号大棚区", "涪江村", 42000),
            ("二号大棚区", "涪江村", 38000),
            ("高石露地", "高石村", 56000),
            ("五里露地", "五里村", 44000),
        ),
        ("遂潼鮮蔬",),
        name_en="Suitong Fresh Vegetables Co., Ltd.",
    ),
    _OperatorSpec(
        "遂宁蜀渝菜园农业科技有限公司", "蜀渝菜园", "company", "suining", "唐家乡", "邓建国", 6500,
        (("莲藕", 5), ("冬瓜", 2.5), ("南瓜", 2.5)),
        (("藕塘", "龙滩村", 45000), ("瓜地", "白鹤村", 33000), ("新桥坡地", "新桥村", 22000)),
        ("蜀渝菜園",),
        name_en="Shuyu Vegetable Garden Co., Ltd.",
    ),
    _OperatorSpec(
        "潼南区桂林街道双坝蔬菜股份合作社", "双坝合作社", "coop", "tongnan", "桂林街道", "蒋永红", 22400,
        (("白萝卜", 6), ("大白菜", 4)),
        (
            ("双坝一社", "双坝村", 70000),
            ("双坝二社", "双坝村", 65000),
            ("金龙坝", "金龙村", 38000),
            ("三河滩", "三河村", 27000),
        ),
        ("双坝", "雙壩"),
        name_en="Shuangba Vegetable Cooperative",
    ),
    _OperatorSpec(
        "潼南区丰沃蔬菜专业合作社", "丰沃合作社", "coop", "tongnan", "桂林街道", "罗小平", 9000,
        (("甘蓝", 4), ("辣椒", 3), ("苦瓜", 3)),
        (("红岩大田", "红岩村", 48000), ("金龙坡", "金龙村", 37000), ("三河湾", "三河村", 25000)),
        ("丰沃", "豐沃"),
        name_en="Fengwo Vegetable Cooperative",
    ),
    _OperatorSpec(
        "潼南区涪滨家庭农场", "涪滨农场", "family_farm", "tongnan", "桂林街道", "冯大贵", 2400,
        (("糯玉米", 4), ("冬瓜", 3), ("南瓜", 3)),
        (("河滨地", "三河村", 15025), ("堤坝地", "双坝村", 10975)),
        ("涪滨", "涪濱"),
        family_cert_rate=0.2,
        name_en="Fubin Family Farm",
    ),
    _OperatorSpec(
        "潼南区李明秀家庭农场", "李明秀农场", "family_farm", "tongnan", "桂林街道", "李明秀", 1800,
        (("莴笋", 5), ("上海青", 5)),
        (("红岩菜园", "红岩村", 10000), ("屋前地", "红岩村", 8000)),
        ("李明秀",),
        family_cert_rate=0.5,
        name_en="Li Mingxiu Family Farm",
    ),
    _OperatorSpec(
        "重庆涪江源农业发展有限公司", "涪江源", "company", "tongnan", "桂林街道", "许海波", 13500,
        (("生姜", 4), ("白萝卜", 3), ("胡萝卜", 3)),
        (("姜园", "金龙村", 52000), ("金龙沙地", "金龙村", 40000), ("双坝三社", "双坝村", 28000)),
        ("涪江源公司",),
        name_en="Fujiangyuan Agriculture Co., Ltd.",
    ),
)
# fmt: on


@dataclass(frozen=True)
class _CropSpec:
    name: str
    name_en: str
    aliases: tuple[str, ...]
    months: tuple[int, ...]
    low: str  # wholesale 元/kg
    high: str
    bulky: bool  # sold by the tonne, mostly ungraded, lower farm-gate share


def _months(*spans: tuple[int, int]) -> tuple[int, ...]:
    out: list[int] = []
    for first, last in spans:
        m = first
        while True:
            out.append(m)
            if m == last:
                break
            m = m % 12 + 1
    return tuple(out)


# The ambiguous names 豆角, 红萝卜, 油菜 and 小白菜 are deliberately nobody's alias.
# fmt: off
CROPS: tuple[_CropSpec, ...] = (
    _CropSpec("白萝卜", "daikon radish", ("萝卜", "蘿蔔", "白蘿蔔"), _months((11, 6)), "0.4", "2.2", True),
    _CropSpec("大白菜", "napa cabbage", ("黄秧白", "黄芽白", "黃秧白", "黃芽白"), _months((11, 2)), "0.6", "1.6", True),
    _CropSpec(
        "甘蓝", "cabbage", ("莲花白", "包包白", "卷心菜", "洋白菜", "甘藍", "蓮花白", "捲心菜"),
        _months((11, 4)), "0.6", "1.6", True,
    ),
    _CropSpec("花椰菜", "cauliflower", ("花菜",), _months((11, 3)), "1.2", "5.6", False),
    _CropSpec("莴笋", "celtuce", ("青笋", "萵筍", "青筍"), _months((11, 5)), "1.0", "4.7", False),
    _CropSpec("青菜", "leaf mustard", ("芥菜",), _months((12, 3)), "0.8", "2.0", True),
    _CropSpec("儿菜", "bud mustard", ("抱儿菜", "兒菜", "抱兒菜"), _months((12, 2)), "2", "4", False),
    _CropSpec("豇豆", "yardlong bean", ("长豇豆", "長豇豆"), _months((5, 10)), "5", "10", False),
    _CropSpec("菜豆", "snap bean", ("四季豆", "青荚肉豆", "青莢肉豆"), _months((4, 6), (9, 11)), "3", "12", False),
    _CropSpec("辣椒", "chili pepper", ("二荆条", "海椒", "二荊條"), _months((5, 9)), "2.8", "3.6", False),
    _CropSpec("青椒", "sweet pepper", ("甜椒", "菜椒"), _months((5, 9)), "2.3", "9", False),
    _CropSpec("番茄", "tomato", ("西红柿", "西紅柿"), _months((4, 7), (10, 12)), "3", "6.4", False),
    _CropSpec("黄瓜", "cucumber", ("青瓜", "黃瓜"), _months((4, 7), (9, 10)), "1.4", "6.8", False),
    _CropSpec("苦瓜", "bitter gourd", (), _months((5, 9)), "1.2", "6.7", False),
    _CropSpec("冬瓜", "wax gourd", (), _months((6, 9)), "1.0", "2.3", True),
    _CropSpec("南瓜", "pumpkin", ("老南瓜",), _months((6, 9)), "1", "3.6", True),
    _CropSpec("糯玉米", "waxy corn", ("糯苞谷",), _months((6, 7), (9, 10)), "1.8", "3.6", False),
    _CropSpec("茄子", "eggplant", (), _months((5, 10)), "2", "4.5", False),
    _CropSpec("莲藕", "lotus root", ("藕", "田藕", "蓮藕"), _months((8, 3)), "2.8", "5.6", False),
    _CropSpec("生姜", "ginger", ("仔姜", "老姜", "生薑", "仔薑", "老薑"), _months((7, 12)), "5", "21", False),
    _CropSpec("上海青", "pak choi", ("瓢儿白", "瓢兒白"), _months((1, 12)), "2", "4", False),
    _CropSpec("胡萝卜", "carrot", ("胡蘿蔔",), _months((11, 3)), "2", "5.6", False),
)
# fmt: on


@dataclass(frozen=True)
class _MarketSpec:
    name: str
    district: str
    city: str
    aliases: tuple[str, ...]
    name_en: str = ""  # the name on English documents


# fmt: off
MARKETS: tuple[_MarketSpec, ...] = (
    _MarketSpec("重庆双福国际农贸城", "江津区", "重庆", ("双福", "双福市场", "江津双福", "雙福"), "Chongqing Shuangfu International Agricultural Trade City"),
    _MarketSpec("重庆盘溪农产品批发市场", "江北区", "重庆", ("盘溪", "盘溪市场", "盤溪"), "Chongqing Panxi Agricultural Products Wholesale Market"),
    _MarketSpec("重庆东部国际农产品交易中心", "长寿区", "重庆", ("长寿市场",), "Chongqing East International Agricultural Products Trading Centre"),
    _MarketSpec("花枝农业祥和蔬菜批发市场", "九龙坡区", "重庆", ("花枝", "祥和", "毛线沟"), "Huazhi Xianghe Vegetable Wholesale Market"),
    _MarketSpec("海领(临空)进口农产品交易中心", "渝北区", "重庆", ("海领", "渝北海领"), "Hailing (Airport) Imported Agricultural Products Trading Centre"),
    _MarketSpec("中农联·合川农贸城", "合川区", "重庆", ("合川中农联",), "Zhongnonglian Hechuan Agricultural Trade City"),
    _MarketSpec("吉之汇国际农贸物流城", "永川区", "重庆", ("永川吉之汇", "吉之汇"), "Jizhihui International Agricultural Trade and Logistics City"),
    _MarketSpec("潼南区蔬菜批发物流市场", "潼南区", "重庆", ("潼南市场",), "Tongnan Vegetable Wholesale and Logistics Market"),
    _MarketSpec("铜梁区杰民蔬菜批发市场", "铜梁区", "重庆", ("铜梁杰民",), "Tongliang Jiemin Vegetable Wholesale Market"),
    _MarketSpec("遂宁纵横农产品批发市场", "船山区", "遂宁", ("遂宁纵横", "纵横市场", "遂宁纵横批发市场"), "Suining Zongheng Agricultural Products Wholesale Market"),
    _MarketSpec("成都农产品中心批发市场", "金牛区", "成都", ("成都农产品中心", "成都农批"), "Chengdu Agricultural Products Central Wholesale Market"),
)
# fmt: on

# Truck classes of DOMAIN.md: length → (empty weight range in kg).
TRUCK_TARE_KG: dict[str, tuple[int, int]] = {
    "4.2m": (2600, 3600),
    "6.8m": (6200, 8200),
    "9.6m": (9500, 12500),
    "semi": (14500, 17500),
}


@dataclass(frozen=True)
class _BuyerSpec:
    name: str
    kind: str
    home_base: str
    markets: tuple[tuple[str, float], ...]  # destination, weight; the first is the usual one
    share: float  # of the park's volume
    trucks: tuple[tuple[str, float, float, float], ...]  # class, min t, max t, weight
    plates: tuple[tuple[str, str], ...]  # plate, truck class
    pay_every: tuple[int, int]  # days between payments
    pay_lag: tuple[int, int]  # a payment covers loads at least this many days old
    short_pay: float  # chance a payment covers only part of what is due
    methods: tuple[tuple[str, float], ...]
    likes: tuple[str, ...] = ()  # crops the buyer looks for first
    notes: str = ""


# fmt: off
BUYERS: tuple[_BuyerSpec, ...] = (
    _BuyerSpec(
        "陈建华", "wholesaler", "重庆市潼南区", (("重庆双福国际农贸城", 0.93), ("重庆盘溪农产品批发市场", 0.07)),
        0.24, (("9.6m", 15, 20, 1),),
        (
            ("渝C37215", "9.6m"), ("渝C52806", "9.6m"), ("渝C61934", "9.6m"), ("渝C70482", "9.6m"),
            ("渝C85519", "9.6m"), ("渝C90367", "9.6m"), ("渝C13648", "9.6m"),
        ),
        (6, 8), (6, 9), 0.1, (("transfer", 0.8), ("wechat", 0.2)),
        ("白萝卜", "大白菜", "甘蓝"),
    ),
    _BuyerSpec(
        "周德明", "wholesaler", "重庆市潼南区",
        (("重庆盘溪农产品批发市场", 0.55), ("重庆双福国际农贸城", 0.38), ("潼南区蔬菜批发物流市场", 0.07)),
        0.14, (("6.8m", 8, 12, 1),),
        (
            ("渝C24071", "6.8m"), ("渝C36598", "6.8m"), ("渝C47120", "6.8m"),
            ("渝C58832", "6.8m"), ("渝C69405", "6.8m"), ("渝C80263", "6.8m"),
        ),
        (4, 6), (5, 10), 0.1, (("wechat", 0.5), ("transfer", 0.5)),
        ("莴笋", "番茄", "黄瓜", "辣椒"),
    ),
    _BuyerSpec(
        "刘小勇", "broker", "重庆市潼南区桂林街道",
        (
            ("重庆双福国际农贸城", 0.55), ("海领(临空)进口农产品交易中心", 0.35),
            ("重庆东部国际农产品交易中心", 0.05), ("铜梁区杰民蔬菜批发市场", 0.05),
        ),
        0.20, (("9.6m", 12, 20, 0.6), ("semi", 25, 35, 0.4)),
        (
            ("渝C11872", "9.6m"), ("渝C23590", "9.6m"), ("渝C34417", "9.6m"),
            ("渝C56731", "semi"), ("渝C67048", "semi"),
        ),
        (6, 9), (7, 12), 0.15, (("transfer", 0.9), ("wechat", 0.1)),
        notes="经纪人，代多家批发商收货",
    ),
    _BuyerSpec(
        "王春梅", "trader", "重庆市合川区", (("中农联·合川农贸城", 1.0),),
        0.025, (("4.2m", 2, 4, 1),),
        (("渝C78362", "4.2m"), ("渝C89125", "4.2m")),
        (2, 4), (2, 4), 0.05, (("wechat", 0.6), ("cash", 0.25), ("alipay", 0.15)),
        ("上海青", "莴笋", "豇豆", "黄瓜"),
    ),
    _BuyerSpec(
        "重庆鲜达生鲜配送有限公司", "distributor", "重庆市九龙坡区",
        (("花枝农业祥和蔬菜批发市场", 0.9), ("重庆盘溪农产品批发市场", 0.1)),
        0.075, (("4.2m", 2, 4, 0.4), ("6.8m", 8, 12, 0.6)),
        (
            ("渝A62391", "4.2m"), ("渝A73508", "4.2m"), ("渝A84617", "6.8m"),
            ("渝A95720", "6.8m"), ("渝A06834", "6.8m"),
        ),
        (28, 32), (8, 12), 0.02, (("transfer", 1.0),),
        ("上海青", "莴笋", "番茄", "黄瓜", "花椰菜", "苦瓜", "青菜", "菜豆"),
        notes="配送学校、机关食堂，月结",
    ),
    _BuyerSpec(
        "杨光福", "wholesaler", "重庆市永川区", (("吉之汇国际农贸物流城", 0.9), ("重庆双福国际农贸城", 0.1)),
        0.14, (("9.6m", 12, 20, 1),),
        (("渝C19374", "9.6m"), ("渝C28465", "9.6m"), ("渝C37556", "9.6m"), ("渝C46647", "9.6m")),
        (12, 16), (21, 30), 0.3, (("transfer", 0.85), ("wechat", 0.15)),
        ("生姜", "莲藕", "冬瓜", "南瓜"),
        notes="回款慢，常分批结",
    ),
    _BuyerSpec(
        "蒋国平", "trader", "四川省遂宁市船山区", (("遂宁纵横农产品批发市场", 1.0),),
        0.06, (("4.2m", 2, 4, 0.6), ("6.8m", 8, 12, 0.4)),
        (("川JA3712", "4.2m"), ("川JB5280", "4.2m"), ("川JC6619", "6.8m"), ("川JD0457", "6.8m")),
        (2, 4), (1, 5), 0.05, (("cash", 0.4), ("wechat", 0.4), ("alipay", 0.2)),
        ("青菜", "儿菜", "花椰菜", "番茄"),
        notes="遂宁本地商贩",
    ),
    _BuyerSpec(
        "罗成刚", "wholesaler", "四川省成都市", (("成都农产品中心批发市场", 1.0),),
        0.12, (("semi", 25, 35, 1),),
        (("川AD2671", "semi"), ("川AF5380", "semi"), ("川AK9034", "semi")),
        (10, 14), (10, 15), 0.1, (("transfer", 1.0),),
        ("生姜", "白萝卜", "胡萝卜", "莲藕"),
        notes="成都客商",
    ),
)
# fmt: on

# DOMAIN.md: share of the year's volume by month, in percent.
MONTH_SHARE_PCT = (13, 9, 9, 7, 8, 8, 6, 3, 4, 7, 12, 14)
TONNES_PER_YEAR = 100_000

# Spring Festival (正月初一) dates; DOMAIN.md lists 2022–2026, the rest are the calendar's.
SPRING_FESTIVALS = tuple(
    date.fromisoformat(d)
    for d in (
        "2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10",
        "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03",
    )
)  # fmt: skip

GRADE_PRICE_FACTOR = {"special": 1.2, "first": 1.08, "ungraded": 1.0, "second": 0.88, "substandard": 0.6}
# Farm-gate share of wholesale (DOMAIN.md: roughly 40–70%).
FARM_GATE_MIN_PCT, FARM_GATE_MAX_PCT = 40, 70

_PROVINCE_PREFIX = {"suining": "四川省遂宁市船山区", "tongnan": "重庆市潼南区"}
_SELF_TEST_DETAILS = "农药残留速测（酶抑制率法），抑制率<50%，合格"
_COMMITTEE_TEST_DETAILS = "委托第三方检测机构抽检，农药残留合格（报告号 JC{year}-{n:04d}）"


def credit_code(kind: str, seq: int) -> str:
    """An obviously fake 统一社会信用代码: 93/91/92 by kind, zeros, a sequence and a valid check character."""
    prefix = {"coop": "93", "company": "91", "family_farm": "92"}[kind]
    body = prefix + str(seq).rjust(15, "0")
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(alphabet.index(ch) * w for ch, w in zip(body, weights, strict=True))
    return body + alphabet[(31 - total % 31) % 31]


def masked_phone(prefix: str, seq: int) -> str:
    return f"{prefix}****{seq:04d}"


@dataclass(frozen=True)
class MasterData:
    """The stored master records of the demo park, in DOMAIN.md's order."""

    operators: tuple[Operator, ...]
    plots: tuple[tuple[Plot, ...], ...]  # per operator, same order as operators
    crops: tuple[Crop, ...]
    markets: tuple[Market, ...]
    buyers: tuple[Buyer, ...]


@dataclass(frozen=True)
class DemoSummary:
    """What generate() wrote."""

    start: str | None
    end: str | None
    operators: int
    plots: int
    crops: int
    markets: int
    buyers: int
    harvests: int = 0
    shipments: int = 0
    shipment_lines: int = 0
    payments: int = 0
    certificates: int = 0
    harvested_g: int = 0
    shipped_g: int = 0
    # (calendar year, shipped net tonnes), exact.
    tonnes_per_year: tuple[tuple[int, Decimal], ...] = field(default=())


def seed_master_data(store: Store) -> MasterData:
    """Write the demo park's operators, plots, crops, markets and buyers into an empty database.

    If the demo master data is already there (say from `demo --years 0`) it is returned as is;
    a database holding other master data is refused, so nothing is mixed or duplicated.
    """
    with store.write():
        if _master_is_empty(store):
            return _insert_master(store)
        existing = _load_master(store)
        if existing is None:
            raise ValidationError(
                translate(
                    "db",
                    "this database already holds operators, crops, markets or buyers that are not the demo "
                    "park's; create the demo data in a new, empty database",
                )
            )
        return existing


def _master_is_empty(store: Store) -> bool:
    return not any(repo.count() for repo in (store.operators, store.crops, store.markets, store.buyers))


def _insert_master(store: Store) -> MasterData:
    counters = {"coop": 0, "company": 0, "family_farm": 0}
    operators, plots = [], []
    for i, spec in enumerate(OPERATORS):
        counters[spec.kind] += 1
        op = store.operators.add(
            Operator(
                name=spec.name,
                kind=spec.kind,
                side=spec.side,
                short_name=spec.short_name,
                town=spec.town,
                credit_code=credit_code(spec.kind, i + 1),
                contact=spec.contact,
                phone=masked_phone("138", i + 1),
                area_mu_x100=spec.area_mu_x100,
                notes="演示数据（虚构）",
                name_en=spec.name_en,
                aliases=(spec.short_name, *spec.aliases),
            )
        )
        operators.append(op)
        plots.append(
            tuple(
                store.plots.add(Plot(operator_id=op.id, name=name, area_mu_x100=area, village=village))
                for name, village, area in spec.plots
            )
        )
    crops = [
        store.crops.add(
            Crop(
                name=c.name,
                name_en=c.name_en,
                season_months=",".join(str(m) for m in c.months),
                price_low=units.price_from_yuan_per_kg(c.low),
                price_high=units.price_from_yuan_per_kg(c.high),
                aliases=c.aliases,
            )
        )
        for c in CROPS
    ]
    markets = [
        store.markets.add(
            Market(name=m.name, district=m.district, city=m.city, aliases=m.aliases, name_en=m.name_en)
        )
        for m in MARKETS
    ]
    market_id = {m.name: m.id for m in markets}
    buyers = [
        store.buyers.add(
            Buyer(
                name=b.name,
                kind=b.kind,
                home_base=b.home_base,
                phone=masked_phone("139", i + 1),
                default_market_id=market_id[b.markets[0][0]],
                notes=b.notes,
                plates=tuple(p for p, _ in b.plates),
            )
        )
        for i, b in enumerate(BUYERS)
    ]
    return MasterData(tuple(operators), tuple(plots), tuple(crops), tuple(markets), tuple(buyers))


def _load_master(store: Store) -> MasterData | None:
    by_name_op = {o.name: o for o in store.operators.list()}
    by_name_crop = {c.name: c for c in store.crops.list()}
    by_name_market = {m.name: m for m in store.markets.list()}
    by_name_buyer = {b.name: b for b in store.buyers.list()}
    try:
        operators = tuple(by_name_op[s.name] for s in OPERATORS)
        crops = tuple(by_name_crop[c.name] for c in CROPS)
        markets = tuple(by_name_market[m.name] for m in MARKETS)
        buyers = tuple(by_name_buyer[b.name] for b in BUYERS)
    except KeyError:
        return None
    plots = []
    for op, spec in zip(operators, OPERATORS, strict=True):
        own = {p.name: p for p in store.plots.for_operator(op.id)}
        if any(name not in own for name, _, _ in spec.plots):
            return None
        plots.append(tuple(own[name] for name, _, _ in spec.plots))
    return MasterData(operators, tuple(plots), crops, markets, buyers)


# --------------------------------------------------------------------------------------------
# Trade


MAX_YEARS = 30


def generate(
    store: Store,
    years: int = 3,
    seed: int = 2026,
    end: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Seed the master data, then `years` full years of harvests, shipments, payments and
    certificates ending on `end` (default: yesterday), all in one transaction.

    The same seed and end give byte-identical data. `progress(done, total)` is called as work
    goes on; if it raises (db.errors.Cancelled), the exception propagates and nothing is written.
    """
    if years < 0:
        raise ValidationError(
            translate("db", "the number of years cannot be negative"), [("years", "non-negative")]
        )
    if years > MAX_YEARS:
        # Far more than a demo needs (3 years take ~20 s), and a year count reaching past 1900 would
        # fail in date arithmetic instead of with a message.
        raise ValidationError(
            translate("db", "the demo makes 0 to {limit} years of trade; ask for fewer").format(
                limit=MAX_YEARS
            ),
            [("years", "limit")],
        )
    if end is None:
        end = date.today() - timedelta(days=1)
    start = _years_before(end, years) if years else None
    report = progress or (lambda done, total: None)
    with store.write():
        if store.harvests.count() or store.shipments.count() or store.payments.count():
            raise ValidationError(
                translate(
                    "db",
                    "this database already holds harvests, shipments or payments; "
                    "create the demo data in a new, empty database",
                )
            )
        months = _month_list(start, end) if start else []
        total = 2 + 2 * len(months)
        report(0, total)
        master = seed_master_data(store)
        report(1, total)
        counts = dict(
            operators=len(master.operators),
            plots=sum(len(p) for p in master.plots),
            crops=len(master.crops),
            markets=len(master.markets),
            buyers=len(master.buyers),
        )
        if start is None:
            report(total, total)
            return DemoSummary(start=None, end=None, **counts)
        trade = _Trade(random.Random(seed), start, end)
        for i, (year, month) in enumerate(months):
            trade.simulate_month(year, month)
            report(2 + i, total)
        trade.settle_payments()
        summary = trade.write(store, master, lambda i: report(2 + len(months) + i, total))
        report(total, total)
        return DemoSummary(start=start.isoformat(), end=end.isoformat(), **counts, **summary)


def _years_before(end: date, years: int) -> date:
    """The first day of the `years`-year window that ends on `end`."""
    try:
        anniversary = end.replace(year=end.year - years)
    except ValueError:  # 29 February
        anniversary = end.replace(year=end.year - years, day=28)
    return anniversary + timedelta(days=1)


def _month_list(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _base_plan() -> list[list[float]]:
    """Tonnes per operator × month that give each operator its yearly figure and the park its
    monthly shares, with every operator trading only in months its crops are harvested
    (iterative proportional fitting over the months each operator can fill)."""
    season = [set(c.months) for c in CROPS]
    crop_index = {c.name: i for i, c in enumerate(CROPS)}
    plan = [
        [sum(w for c, w in op.crops if m in season[crop_index[c]]) for m in range(1, 13)] for op in OPERATORS
    ]
    columns = [TONNES_PER_YEAR * s / 100 for s in MONTH_SHARE_PCT]
    for _ in range(300):
        for i, op in enumerate(OPERATORS):
            row = sum(plan[i])
            plan[i] = [x * op.tonnes_per_year / row for x in plan[i]]
        for m in range(12):
            col = sum(plan[i][m] for i in range(len(OPERATORS)))
            for i in range(len(OPERATORS)):
                plan[i][m] *= columns[m] / col
    return plan


def _season_level(months: tuple[int, ...], month: int) -> float:
    """Where in its wholesale range a crop's price sits in a month (0 low … 1 high): cheap in the
    middle of its season, dearer at its edges, dearest out of season (from elsewhere)."""
    if month not in months:
        return 0.9
    run = [month]
    m = month
    while (m - 2) % 12 + 1 in months and len(run) < 12:
        m = (m - 2) % 12 + 1
        run.insert(0, m)
    m = month
    while m % 12 + 1 in months and len(run) < 12:
        m = m % 12 + 1
        run.append(m)
    if len(run) >= 12:
        return 0.5
    centre = (len(run) - 1) / 2
    closeness = abs(run.index(month) - centre) / max(centre, 0.5)
    return 0.3 + 0.4 * min(closeness, 1.0)


def _round_to(value: float, step: int) -> int:
    return round(value / step) * step


@dataclass
class _Lot:
    index: int  # position in _Trade.harvests
    remaining_g: int
    day: int  # ordinal of the harvest date


@dataclass
class _Truck:
    day: date
    buyer: int
    plate: str
    truck_class: str
    cap_g: int
    lines: list[list] = field(default_factory=list)  # [key, net_g, [lot index, …]]
    ticket_no: str = ""
    tare_g: int = 0
    market: int = 0
    deduction_g: int = 0
    deduction_pct_x100: int | None = None
    priced: list[tuple[int, int | None, int]] = field(default_factory=list)  # agreed, settled, fen
    status: str = "unpaid"

    @property
    def net_g(self) -> int:
        return sum(line[1] for line in self.lines)

    @property
    def amount_fen(self) -> int:
        return sum(p[2] for p in self.priced)


class _Trade:
    """The park's trade simulated day by day in memory, then written in monthly chunks."""

    def __init__(self, rng: random.Random, start: date, end: date):
        self.rng = rng
        self.start, self.end = start, end
        self.crop_index = {c.name: i for i, c in enumerate(CROPS)}
        self.plan = _base_plan()
        self.year_factor: dict[int, float] = {}
        # harvest lots: (date, operator, plot index within operator, crop, grade, weight_g)
        self.harvests: list[tuple[str, int, int, int, str, int]] = []
        self.trucks: list[_Truck] = []
        self.payments: list[tuple[int, str, int, str, str, str]] = []
        self.pool: dict[tuple[int, int, str], list[_Lot]] = {}
        self.key_g: dict[tuple[int, int, str], int] = {}  # grams waiting per pool key
        self.pool_g = 0
        self.walk = [0.0] * len(CROPS)
        self.farm_gate: dict[tuple, int] = {}
        self.price_today: list[float] = [0.0] * len(CROPS)
        self.level_today: list[float] = [0.0] * len(CROPS)
        self.tare_base = {
            plate: _round_to(rng.uniform(*TRUCK_TARE_KG[cls]) * KG, SCALE_STEP_G)
            for b in BUYERS
            for plate, cls in b.plates
        }
        self.crop_plots = [self._plots_for_crops(op) for op in OPERATORS]
        self.price_bounds = [self._farm_gate_bounds(c) for c in CROPS]
        # Spring Festival: the lull (days with little or no trade) and a price bump before it.
        self.lull: dict[date, float] = {}
        self.bump: dict[date, float] = {}
        for festival in SPRING_FESTIVALS:
            days = rng.randint(3, 5)
            first = festival - timedelta(days=1 if days < 5 else 2)
            for k in range(days):
                d = first + timedelta(days=k)
                self.lull[d] = 0.0 if d == festival else rng.uniform(0.04, 0.15)
            lead, height = rng.randint(7, 14), rng.uniform(0.15, 0.35)
            for k in range(lead + 2):
                d = festival - timedelta(days=k + 2)
                self.bump[d] = 1 + height * math.sin(math.pi * (k + 1) / (lead + 2))

    @staticmethod
    def _farm_gate_bounds(spec: _CropSpec) -> tuple[int, int, int]:
        """Price step, lowest and highest farm-gate price (40–70 % of the wholesale range)."""
        # Roots and cabbages are dealt per 吨 (10 元/吨 steps), the rest per 斤 (0.01 元/斤).
        step = 100 if spec.bulky else 200
        low = units.price_from_yuan_per_kg(spec.low)
        high = units.price_from_yuan_per_kg(spec.high)
        lowest = -(-low * FARM_GATE_MIN_PCT // (100 * step)) * step
        highest = high * FARM_GATE_MAX_PCT // (100 * step) * step
        return step, lowest, highest

    @staticmethod
    def _plots_for_crops(op: _OperatorSpec) -> list[list[int]]:
        """Which of the operator's plots each of its crops grows on (every plot grows something)."""
        n_plots, n_crops = len(op.plots), len(op.crops)
        out = []
        for j in range(n_crops):
            mine = [i for i in range(n_plots) if i % n_crops == j] or [j % n_plots]
            out.append(mine)
        return out

    # ---- volume

    def _month_plan(self, year: int, month: int) -> list[list[float]]:
        """Grams per operator × crop for the month."""
        rng = self.rng
        if year not in self.year_factor:
            self.year_factor[year] = rng.uniform(0.985, 1.015)
        out = []
        for i, op in enumerate(OPERATORS):
            tonnes = self.plan[i][month - 1] * self.year_factor[year] * rng.uniform(0.95, 1.05)
            if year == 2022 and month in (8, 9):
                tonnes *= 0.55 if month == 8 else 0.7  # the 2022 heat and drought
            weights = [
                w * rng.uniform(0.85, 1.15) if month in CROPS[self.crop_index[c]].months else 0.0
                for c, w in op.crops
            ]
            total = sum(weights)
            out.append([tonnes * T * w / total if total else 0.0 for w in weights])
        return out

    def simulate_month(self, year: int, month: int) -> None:
        rng = self.rng
        plan = self._month_plan(year, month)
        n_days = calendar.monthrange(year, month)[1]
        days = [date(year, month, d) for d in range(1, n_days + 1)]
        park_day = [rng.uniform(0.85, 1.15) * self.lull.get(d, 1.0) for d in days]
        # Each operator × crop spreads its month over the days it harvests.
        shares: list[list[list[float]]] = []
        for i, op in enumerate(OPERATORS):
            family = op.kind == "family_farm"
            per_crop = []
            for j in range(len(op.crops)):
                if not plan[i][j]:
                    per_crop.append([])
                    continue
                weights = [
                    0.0 if family and rng.random() < 0.2 else p * rng.uniform(0.7, 1.3) for p in park_day
                ]
                total = sum(weights) or 1.0
                per_crop.append([plan[i][j] * w / total for w in weights])
            shares.append(per_crop)
        for k, d in enumerate(days):
            self._update_prices(d)
            if not self.start <= d <= self.end:
                continue
            for i, op in enumerate(OPERATORS):
                for j, (crop_name, _) in enumerate(op.crops):
                    if shares[i][j] and shares[i][j][k] > 0:
                        self._harvest(d, i, j, self.crop_index[crop_name], shares[i][j][k])
            self._load_trucks(d)

    def _harvest(self, d: date, op: int, j: int, crop: int, grams: float) -> None:
        rng = self.rng
        spec = CROPS[crop]
        if spec.bulky:
            split = [("ungraded", rng.uniform(0.85, 0.95))]
            if rng.random() < 0.3:
                split.append(("first", rng.uniform(0.05, 0.12)))
            if rng.random() < 0.25:
                split.append(("substandard", rng.uniform(0.01, 0.05)))
        else:
            split = [("first", rng.uniform(0.5, 0.7))]
            if rng.random() < 0.5:
                split.append(("ungraded", rng.uniform(0.1, 0.3)))
            if rng.random() < 0.35:
                split.append(("special", rng.uniform(0.05, 0.15)))
            if rng.random() < 0.6:
                split.append(("second", rng.uniform(0.1, 0.25)))
            if rng.random() < 0.15:
                split.append(("substandard", rng.uniform(0.02, 0.05)))
        total = sum(w for _, w in split)
        plots = self.crop_plots[op][j]
        areas = [OPERATORS[op].plots[p][2] for p in plots]
        for grade, w in split:
            weight = _round_to(grams * w / total, SCALE_STEP_G)
            if weight < 5 * SCALE_STEP_G:
                continue
            plot = plots[0] if len(plots) == 1 else rng.choices(plots, weights=areas)[0]
            index = len(self.harvests)
            self.harvests.append((d.isoformat(), op, plot, crop, grade, weight))
            key = (op, crop, grade)
            self.pool.setdefault(key, []).append(_Lot(index, weight, d.toordinal()))
            self.key_g[key] = self.key_g.get(key, 0) + weight
            self.pool_g += weight

    # ---- prices

    def _update_prices(self, d: date) -> None:
        """Today's wholesale price of every crop: seasonal level plus a mean-reverting random walk,
        with the Spring Festival bump, the 2022 drought and the December 2022 root glut."""
        rng = self.rng
        t = d.month - 1 + (d.day - 0.5) / calendar.monthrange(d.year, d.month)[1] - 0.5
        m0 = math.floor(t)
        frac = t - m0
        festival = self.bump.get(d, 1.0)
        drought = 1.0
        if d.year == 2022 and d.month in (8, 9):
            drought = 1.5 if d.month == 8 else 1.35
        for c, spec in enumerate(CROPS):
            self.walk[c] = 0.95 * self.walk[c] + rng.gauss(0, 0.035)
            self.walk[c] = max(-0.35, min(0.35, self.walk[c]))
            a = _season_level(spec.months, m0 % 12 + 1)
            b = _season_level(spec.months, (m0 + 1) % 12 + 1)
            level = max(0.0, min(1.0, a + (b - a) * frac + self.walk[c]))
            if d.year == 2022 and d.month == 12 and spec.bulky:
                level = min(level, 0.04 if spec.name == "白萝卜" else 0.2)
            low, high = float(spec.low), float(spec.high)
            price = low * (high / low) ** level * festival * drought
            self.level_today[c] = level
            self.price_today[c] = max(low, min(high, price))

    def _farm_gate(self, d: date, buyer: int, crop: int, grade: str) -> tuple[int, int | None]:
        """The agreed (and, in a glut, lower settled) farm-gate price, in stored price units."""
        key = (d, buyer, crop, grade)
        agreed = self.farm_gate.get(key)
        spec = CROPS[crop]
        step, floor_price, ceiling = self.price_bounds[crop]
        if agreed is None:
            wholesale = self.price_today[crop] * GRADE_PRICE_FACTOR[grade]
            wholesale = max(float(spec.low), min(float(spec.high), wholesale))
            share = self.rng.uniform(0.45, 0.62) if spec.bulky else self.rng.uniform(0.5, 0.68)
            agreed = _round_to(wholesale * share * units.PRICE_SCALE, step)
            agreed = max(floor_price, min(ceiling, agreed))
            self.farm_gate[key] = agreed
        settled = None
        glut = d.year == 2022 and d.month == 12 and spec.bulky
        chance = 0.5 if glut else (0.05 if spec.bulky and self.level_today[crop] < 0.3 else 0.0)
        if chance and self.rng.random() < chance:
            candidate = _round_to(agreed * self.rng.uniform(0.7, 0.9), step)
            if floor_price <= candidate < agreed:
                settled = candidate
        return agreed, settled

    # ---- trucks

    def _load_trucks(self, d: date) -> None:
        """Today's trucks: each buyer takes about its share of what is in the yard, in its own
        trucks; what is left goes on extra trucks that it fills, and scraps wait for tomorrow."""
        rng = self.rng
        today = d.toordinal()
        self._discard_before(today - 2)
        if self.pool_g < 2 * T:
            return
        total = self.pool_g
        trucks: list[_Truck] = []
        used: dict[str, int] = {}
        order = list(range(len(BUYERS)))
        rng.shuffle(order)
        for b in order:
            spec = BUYERS[b]
            target = total * spec.share * rng.uniform(0.85, 1.15)
            loaded = 0
            while True:
                cls, lo, hi, _ = rng.choices(spec.trucks, weights=[t[3] for t in spec.trucks])[0]
                cap = _round_to(rng.uniform(lo, hi) * T, SCALE_STEP_G)
                if loaded + cap / 2 > target or self._reach(4) < lo * T:
                    break
                truck = self._fill(d, b, cls, cap, today, used)
                trucks.append(truck)
                loaded += truck.net_g
        while self.pool_g >= 2 * T:
            reach = self._reach(4)
            fits = [(b, t) for b, spec in enumerate(BUYERS) for t in spec.trucks if t[1] * T <= reach]
            if not fits:
                break
            b, (cls, lo, hi, _) = rng.choices(fits, weights=[BUYERS[b].share * t[3] for b, t in fits])[0]
            cap = _round_to(rng.uniform(lo, hi) * T, SCALE_STEP_G)
            trucks.append(self._fill(d, b, cls, cap, today, used))
        rng.shuffle(trucks)  # the order they came over the weighbridge
        stamp = d.strftime("%Y%m%d")
        for n, truck in enumerate(trucks, 1):
            self._finish(truck, f"B{stamp}-{n:03d}")
        self.trucks.extend(trucks)

    def _discard_before(self, day: int) -> None:
        """Scraps left in the yard for days are sold locally or thrown away, not trucked."""
        for key in [k for k, lots in self.pool.items() if lots[0].day < day]:
            lots = self.pool[key]
            while lots and lots[0].day < day:
                lot = lots.pop(0)
                self.key_g[key] -= lot.remaining_g
                self.pool_g -= lot.remaining_g
            if not lots:
                del self.pool[key]
                del self.key_g[key]

    def _reach(self, n: int, exclude: list | tuple = ()) -> int:
        """The most that n lines can load: the n biggest loads waiting in the yard."""
        sizes = sorted((g for k, g in self.key_g.items() if k not in exclude), reverse=True)
        return sum(sizes[:n])

    def _pick_plate(self, b: int, cls: str, used: dict[str, int]) -> str:
        plates = [p for p, c in BUYERS[b].plates if c == cls]
        fresh = [p for p in plates if p not in used]
        plate = self.rng.choice(fresh or plates)
        used[plate] = used.get(plate, 0) + 1
        return plate

    def _fill(self, d: date, b: int, cls: str, cap: int, today: int, used: dict[str, int]) -> _Truck:
        rng = self.rng
        truck = _Truck(d, b, self._pick_plate(b, cls, used), cls, cap)
        small = cap <= 4 * T
        n_lines = rng.choices(
            (1, 2, 3, 4), weights=(0.6, 0.35, 0.05, 0.0) if small else (0.4, 0.35, 0.17, 0.08)
        )[0]
        likes = {self.crop_index[c] for c in BUYERS[b].likes}
        keys = list(self.pool)
        # Bigger loads are likelier; crops the buyer looks for and yesterday's leftovers go first.
        weights = [
            self.key_g[k] * (3 if k[1] in likes else 1) * (4 if self.pool[k][0].day < today else 1)
            for k in keys
        ]
        # Loads waiting since the day before yesterday go on first, whole.
        stale = sorted(
            (k for k in keys if self.pool[k][0].day <= today - 2), key=lambda k: (self.pool[k][0].day, k)
        )
        chosen: list[tuple[int, int, str]] = stale[:2]
        for key in chosen:
            weights.pop(keys.index(key))
            keys.remove(key)
        while keys and len(chosen) < n_lines:
            k = rng.choices(range(len(keys)), weights=weights)[0]
            chosen.append(keys.pop(k))
            weights.pop(k)
        # If the picks cannot fill the truck even with the biggest other loads, drop the smallest.
        goal = min(cap, self._reach(4))
        while sum(self.key_g[k] for k in chosen) + self._reach(4 - len(chosen), chosen) < goal:
            optional = [k for k in chosen if k not in stale] or chosen
            chosen.remove(min(optional, key=lambda k: (self.key_g[k], k)))
        for key in chosen:
            if key in stale:
                self._take(truck, key, min(self.key_g[key], cap - truck.net_g))
        fresh = [k for k in chosen if k not in stale]
        parts = [rng.uniform(0.5, 1.5) for _ in fresh]
        room = cap - truck.net_g
        for key, part in zip(fresh, parts, strict=True):
            want = _round_to(room * part / sum(parts), SCALE_STEP_G)
            self._take(truck, key, min(want, cap - truck.net_g))
        # Top up from the loads already on the truck, then from the biggest remaining ones.
        for key in chosen:
            if truck.net_g >= cap:
                break
            self._take(truck, key, cap - truck.net_g)
        while truck.net_g < cap and self.pool and len(truck.lines) < 4:
            key = max(self.key_g, key=lambda k: (self.key_g[k], k))
            self._take(truck, key, cap - truck.net_g)
        return truck

    def _take(self, truck: _Truck, key: tuple[int, int, str], grams: int) -> None:
        lots = self.pool.get(key)
        if not lots or grams <= 0:
            return
        line = next((line for line in truck.lines if line[0] == key), None)
        if line is None:
            line = [key, 0, []]
            truck.lines.append(line)
        taken = 0
        while grams > 0 and lots:
            lot = lots[0]
            take = min(grams, lot.remaining_g)
            lot.remaining_g -= take
            grams -= take
            taken += take
            if lot.index not in line[2]:
                line[2].append(lot.index)
            if lot.remaining_g == 0:
                lots.pop(0)
        line[1] += taken
        self.pool_g -= taken
        self.key_g[key] -= taken
        if not lots:
            del self.pool[key]
            del self.key_g[key]

    def _finish(self, truck: _Truck, ticket_no: str) -> None:
        rng = self.rng
        spec = BUYERS[truck.buyer]
        truck.ticket_no = ticket_no
        truck.tare_g = self.tare_base[truck.plate] + rng.randint(-6, 6) * SCALE_STEP_G
        names = [m for m, _ in spec.markets]
        truck.market = [m.name for m in MARKETS].index(
            rng.choices(names, weights=[w for _, w in spec.markets])[0]
        )
        r = rng.random()
        if r < 0.35:
            pct = rng.uniform(0.002, 0.015)
            truck.deduction_g = max(5 * KG, _round_to(truck.net_g * pct, 5 * KG))
        elif r < 0.55:
            truck.deduction_pct_x100 = rng.choice((50, 80, 100, 150, 200))
        # Amounts on the payable weight, as the repository will compute them (for the payments).
        deduction = truck.deduction_g
        if truck.deduction_pct_x100 is not None:
            deduction = (truck.net_g * truck.deduction_pct_x100 + 5000) // 10000
        payable = deductions.payable_weights(deduction, [line[1] for line in truck.lines])
        for (key, _, _), payable_g in zip(truck.lines, payable, strict=True):
            agreed, settled = self._farm_gate(truck.day, truck.buyer, key[1], key[2])
            price = agreed if settled is None else settled
            truck.priced.append((agreed, settled, units.amount_fen(payable_g, price)))

    # ---- payments

    def settle_payments(self) -> None:
        """Each buyer pays in its own rhythm for loads old enough; statuses follow, oldest first."""
        rng = self.rng
        for b, spec in enumerate(BUYERS):
            mine = [t for t in self.trucks if t.buyer == b]
            if not mine:
                continue
            due_by_day: list[tuple[int, int]] = []  # (day ordinal, cumulative fen)
            cumulative = 0
            for t in mine:
                cumulative += t.amount_fen
                due_by_day.append((t.day.toordinal(), cumulative))
            paid = 0
            day = self.start + timedelta(days=rng.randint(1, spec.pay_every[1]))
            k = 0
            owed = 0
            while day <= self.end:
                if self.lull.get(day, 1.0) < 1.0:
                    day += timedelta(days=1)
                    continue
                cutoff = (day - timedelta(days=rng.randint(*spec.pay_lag))).toordinal()
                while k < len(due_by_day) and due_by_day[k][0] <= cutoff:
                    owed = due_by_day[k][1]
                    k += 1
                due = owed - paid
                if due > 0:
                    amount, note = due, ""
                    r = rng.random()
                    if r < spec.short_pay:
                        amount = _round_to(due * rng.uniform(0.55, 0.9), 100 * 100)
                        note = "部分付款"
                    elif r < spec.short_pay + 0.3 and due > 100 * 100:
                        amount = due // (100 * 100) * (100 * 100)
                        note = "抹零" if amount < due else ""
                    if amount > 0:
                        method = rng.choices(
                            [m for m, _ in spec.methods], weights=[w for _, w in spec.methods]
                        )[0]
                        if method != "transfer" and amount > 50_000 * 100:
                            method = "transfer"
                        self.payments.append(
                            (b, day.isoformat(), amount, method, self._reference(method, day), note)
                        )
                        paid += amount
                day += timedelta(days=rng.randint(*spec.pay_every))
            # Oldest loads are paid first.
            covered = 0
            for t in mine:
                if covered + t.amount_fen <= paid:
                    t.status = "paid"
                elif covered < paid:
                    t.status = "partial"
                else:
                    t.status = "unpaid"
                covered += t.amount_fen
        self.payments.sort(key=lambda p: (p[1], p[0]))

    def _reference(self, method: str, day: date) -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        stamp = day.strftime("%Y%m%d")
        return {
            "cash": "",
            "wechat": f"WX{stamp}{digits}",
            "alipay": f"ZFB{stamp}{digits}",
            "transfer": f"网银{stamp}{digits}",
        }[method]

    # ---- writing

    def write(self, store: Store, master: MasterData, step: Callable[[int], None]) -> dict:
        rng = self.rng
        op_ids = [o.id for o in master.operators]
        crop_ids = [c.id for c in master.crops]
        buyer_ids = [b.id for b in master.buyers]
        market_ids = [m.id for m in master.markets]
        harvest_ids: list[int] = []
        n_lines = n_certs = 0
        chunks: dict[str, tuple[list[int], list[_Truck]]] = {}
        for i, h in enumerate(self.harvests):
            chunks.setdefault(h[0][:7], ([], []))[0].append(i)
        for t in self.trucks:
            chunks.setdefault(t.day.isoformat()[:7], ([], []))[1].append(t)
        for n, (harvest_idx, trucks) in enumerate(chunks.values()):
            records = []
            for i in harvest_idx:
                day, op, plot, crop, grade, weight = self.harvests[i]
                records.append(
                    Harvest(
                        harvest_date=day,
                        operator_id=op_ids[op],
                        crop_id=crop_ids[crop],
                        weight_g=weight,
                        plot_id=master.plots[op][plot].id,
                        grade=grade,
                    )
                )
            harvest_ids.extend(h.id for h in store.harvests.add_many(records))
            shipments = []
            for t in trucks:
                lines = tuple(
                    ShipmentLine(
                        operator_id=op_ids[key[0]],
                        crop_id=crop_ids[key[1]],
                        net_g=net_g,
                        agreed_price=agreed,
                        grade=key[2],
                        settled_price=settled,
                        lot_ids=tuple(harvest_ids[i] for i in lots),
                    )
                    for (key, net_g, lots), (agreed, settled, _) in zip(t.lines, t.priced, strict=True)
                )
                n_lines += len(lines)
                shipments.append(
                    Shipment(
                        ship_date=t.day.isoformat(),
                        ticket_no=t.ticket_no,
                        buyer_id=buyer_ids[t.buyer],
                        gross_g=t.net_g + t.tare_g,
                        tare_g=t.tare_g,
                        market_id=market_ids[t.market],
                        plate=t.plate,
                        deduction_g=t.deduction_g,
                        deduction_pct_x100=t.deduction_pct_x100,
                        payment_status=t.status,
                        notes="行情下跌，部分按实结价结算" if any(p[1] is not None for p in t.priced) else "",
                        lines=lines,
                    )
                )
            stored = store.shipments.add_many(shipments)
            n_certs += self._certificates(store, master, trucks, stored, rng)
            step(n)
        payments = [
            Payment(
                buyer_id=buyer_ids[b],
                pay_date=day,
                amount_fen=amount,
                method=method,
                reference=ref,
                notes=note,
            )
            for b, day, amount, method, ref, note in self.payments
        ]
        store.payments.add_many(payments)
        shipped_by_year: dict[int, int] = {}
        for t in self.trucks:
            shipped_by_year[t.day.year] = shipped_by_year.get(t.day.year, 0) + t.net_g
        return dict(
            harvests=len(self.harvests),
            shipments=len(self.trucks),
            shipment_lines=n_lines,
            payments=len(payments),
            certificates=n_certs,
            harvested_g=sum(h[5] for h in self.harvests),
            shipped_g=sum(shipped_by_year.values()),
            tonnes_per_year=tuple((y, units.tonnes(g)) for y, g in sorted(shipped_by_year.items())),
        )

    def _certificates(
        self,
        store: Store,
        master: MasterData,
        trucks: list[_Truck],
        stored: list[Shipment],
        rng: random.Random,
    ) -> int:
        """一车一证: a certificate per co-op or company (and some family farms) and crop on each load."""
        certs: list[Certificate] = []
        redo: list[int] = []  # positions in certs of certificates that get voided and reissued
        for truck, shipment in zip(trucks, stored, strict=True):
            groups: dict[tuple[int, int], tuple[int, int]] = {}  # (op, crop) -> (grams, first lot)
            for (op, crop, _), net_g, lots in truck.lines:
                grams, lot = groups.get((op, crop), (0, lots[0]))
                groups[(op, crop)] = (grams + net_g, lot)
            for (op, crop), (grams, lot) in groups.items():
                spec = OPERATORS[op]
                if spec.kind == "family_farm" and rng.random() >= spec.family_cert_rate:
                    continue
                plot = self.harvests[lot][2]
                r = rng.random()
                details = ""
                if r < 0.12:
                    details = _SELF_TEST_DETAILS
                elif r < 0.14:
                    details = _COMMITTEE_TEST_DETAILS.format(year=truck.day.year, n=rng.randint(1, 9999))
                if rng.random() < 0.004:
                    redo.append(len(certs))
                certs.append(
                    Certificate(
                        operator_id=master.operators[op].id,
                        crop_id=master.crops[crop].id,
                        weight_g=grams,
                        issue_date=shipment.ship_date,
                        origin=_PROVINCE_PREFIX[spec.side] + spec.town + spec.plots[plot][1],
                        issuer_name=spec.name,
                        phone=master.operators[op].phone,
                        shipment_id=shipment.id,
                        basis_quality_control=r >= 0.12 or rng.random() < 0.5,
                        basis_self_test=r < 0.12,
                        basis_commissioned_test=0.12 <= r < 0.14,
                        test_details=details,
                    )
                )
        # A few were written with a wrong weight: the wrong one stays in the register, void.
        correct = {i: certs[i].weight_g for i in redo}
        for i in redo:
            voided_at = f"{certs[i].issue_date}T0{rng.randint(1, 3)}:{rng.randint(0, 59):02d}:00+00:00"
            certs[i] = certs[i].replace(
                weight_g=_mistyped(certs[i].weight_g, rng),
                status="void",
                void_reason="重量填写错误，已重开",
                voided_at=voided_at,
            )
        issued = store.certificates.add_many(certs)
        reissued = [
            issued[i].replace(
                id=None,
                cert_no="",
                status="valid",
                void_reason="",
                voided_at=None,
                weight_g=correct[i],
                replaces_id=issued[i].id,
            )
            for i in redo
        ]
        store.certificates.add_many(reissued)
        return len(issued) + len(reissued)


def _mistyped(weight_g: int, rng: random.Random) -> int:
    """A plausible typing slip in a weight: a digit too many or too few, or a round figure."""
    kg = weight_g // KG
    slips = [kg * 10, max(kg // 10, 1), _round_to(kg, 1000) or 1000]
    choice = rng.choice([s for s in slips if s != kg] or [kg + 100])
    return choice * KG
