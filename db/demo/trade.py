"""The demo park's trade simulated day by day in memory: harvests, loads, prices and payments."""

from __future__ import annotations

import calendar
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from db import deductions, units
from db.demo.park import (
    BUYERS,
    CROPS,
    FARM_GATE_MAX_PCT,
    FARM_GATE_MIN_PCT,
    GRADE_PRICE_FACTOR,
    KG,
    MARKETS,
    MONTH_SHARE_PCT,
    OPERATORS,
    SCALE_STEP_G,
    SPRING_FESTIVALS,
    TONNES_PER_YEAR,
    TRUCK_TARE_KG,
    T,
    _CropSpec,
    _OperatorSpec,
)


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


_MARKET_INDEX = {m.name: i for i, m in enumerate(MARKETS)}


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
    loaded_g: int = 0  # the lines' net weights together, kept by _Trade._take

    @property
    def net_g(self) -> int:
        return self.loaded_g

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
        truck.loaded_g += taken
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
        truck.market = _MARKET_INDEX[rng.choices(names, weights=[w for _, w in spec.markets])[0]]
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
