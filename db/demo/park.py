"""The deterministic demo dataset: DOMAIN.md's park as master data plus seeded, realistic years of trade."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from db import units
from db.errors import ValidationError
from db.i18n import translate
from db.records import (
    Buyer,
    Crop,
    Market,
    Operator,
    Plot,
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
    ),
    _OperatorSpec(
        "船山区老池镇绿畴果蔬专业合作社", "绿畴合作社", "coop", "suining", "老池镇", "黄文军", 7000,
        (("豇豆", 3), ("菜豆", 2), ("辣椒", 3), ("白萝卜", 2)),
        (("观音桥地块", "观音桥村", 35000), ("高石坎", "高石村", 30000), ("五里坡", "五里村", 25000)),
        ("绿畴", "綠疇"),
    ),
    _OperatorSpec(
        "船山区唐家乡青禾家庭农场", "青禾农场", "family_farm", "suining", "唐家乡", "唐明华", 1800,
        (("花椰菜", 5), ("甘蓝", 5)),
        (("屋后大田", "唐家村", 13000), ("白鹤坝", "白鹤村", 9000)),
        ("青禾",),
        family_cert_rate=0.3,
    ),
    _OperatorSpec(
        "船山区何德贵家庭农场", "何德贵农场", "family_farm", "suining", "唐家乡", "何德贵", 1600,
        (("青菜", 6), ("儿菜", 4)),
        (("新桥沟", "新桥村", 8550), ("龙滩湾", "龙滩村", 6450)),
        ("何德贵", "何德貴"),
        family_cert_rate=0.1,
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
    ),
    _OperatorSpec(
        "遂宁蜀渝菜园农业科技有限公司", "蜀渝菜园", "company", "suining", "唐家乡", "邓建国", 6500,
        (("莲藕", 5), ("冬瓜", 2.5), ("南瓜", 2.5)),
        (("藕塘", "龙滩村", 45000), ("瓜地", "白鹤村", 33000), ("新桥坡地", "新桥村", 22000)),
        ("蜀渝菜園",),
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
    ),
    _OperatorSpec(
        "潼南区丰沃蔬菜专业合作社", "丰沃合作社", "coop", "tongnan", "桂林街道", "罗小平", 9000,
        (("甘蓝", 4), ("辣椒", 3), ("苦瓜", 3)),
        (("红岩大田", "红岩村", 48000), ("金龙坡", "金龙村", 37000), ("三河湾", "三河村", 25000)),
        ("丰沃", "豐沃"),
    ),
    _OperatorSpec(
        "潼南区涪滨家庭农场", "涪滨农场", "family_farm", "tongnan", "桂林街道", "冯大贵", 2400,
        (("糯玉米", 4), ("冬瓜", 3), ("南瓜", 3)),
        (("河滨地", "三河村", 15025), ("堤坝地", "双坝村", 10975)),
        ("涪滨", "涪濱"),
        family_cert_rate=0.2,
    ),
    _OperatorSpec(
        "潼南区李明秀家庭农场", "李明秀农场", "family_farm", "tongnan", "桂林街道", "李明秀", 1800,
        (("莴笋", 5), ("上海青", 5)),
        (("红岩菜园", "红岩村", 10000), ("屋前地", "红岩村", 8000)),
        ("李明秀",),
        family_cert_rate=0.5,
    ),
    _OperatorSpec(
        "重庆涪江源农业发展有限公司", "涪江源", "company", "tongnan", "桂林街道", "许海波", 13500,
        (("生姜", 4), ("白萝卜", 3), ("胡萝卜", 3)),
        (("姜园", "金龙村", 52000), ("金龙沙地", "金龙村", 40000), ("双坝三社", "双坝村", 28000)),
        ("涪江源公司",),
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


# fmt: off
MARKETS: tuple[_MarketSpec, ...] = (
    _MarketSpec("重庆双福国际农贸城", "江津区", "重庆", ("双福", "双福市场", "江津双福", "雙福")),
    _MarketSpec("重庆盘溪农产品批发市场", "江北区", "重庆", ("盘溪", "盘溪市场", "盤溪")),
    _MarketSpec("重庆东部国际农产品交易中心", "长寿区", "重庆", ("长寿市场",)),
    _MarketSpec("花枝农业祥和蔬菜批发市场", "九龙坡区", "重庆", ("花枝", "祥和", "毛线沟")),
    _MarketSpec("海领(临空)进口农产品交易中心", "渝北区", "重庆", ("海领", "渝北海领")),
    _MarketSpec("中农联·合川农贸城", "合川区", "重庆", ("合川中农联",)),
    _MarketSpec("吉之汇国际农贸物流城", "永川区", "重庆", ("永川吉之汇", "吉之汇")),
    _MarketSpec("潼南区蔬菜批发物流市场", "潼南区", "重庆", ("潼南市场",)),
    _MarketSpec("铜梁区杰民蔬菜批发市场", "铜梁区", "重庆", ("铜梁杰民",)),
    _MarketSpec("遂宁纵横农产品批发市场", "船山区", "遂宁", ("遂宁纵横", "纵横市场", "遂宁纵横批发市场")),
    _MarketSpec("成都农产品中心批发市场", "金牛区", "成都", ("成都农产品中心", "成都农批")),
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
        store.markets.add(Market(name=m.name, district=m.district, city=m.city, aliases=m.aliases))
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
