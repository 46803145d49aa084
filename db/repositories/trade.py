"""Harvests, shipments and payments: the repositories of the park's weighings and money."""

from __future__ import annotations

from db import deductions, units
from db.errors import (
    NotFoundError,
    ValidationError,
)
from db.i18n import join, translate
from db.records import (
    Certificate,
    Harvest,
    Payment,
    Shipment,
    ShipmentLine,
)
from db.repositories import bulk
from db.repositories.base import (
    MAX_GROSS_G,
    MAX_LOT_G,
    MAX_PAYMENT_FEN,
    MAX_PRICE,
    MAX_TRUCK_NET_G,
    Reference,
    Repository,
    _check_date,
    _date_problem,
    _field_message,
    _now,
)


class HarvestRepository(Repository[Harvest]):
    record = Harvest
    label = translate("db", "harvest")
    text_fields = ("lot_code",)
    code_fields = {"grade": units.GRADES}
    bulk = True
    order_by = "harvest_date, id"
    references = (Reference("shipment_line_lots", "harvest_id", translate("db", "shipment lines")),)

    def _name(self, record: Harvest) -> str:
        return record.lot_code

    def last_grade(self, operator_id: int | None, crop_id: int | None) -> str | None:
        """The grade of the operator's latest lot of the crop, else of the operator's latest lot,
        else of the crop's latest lot; None when there is none (a new form then asks)."""
        for where, params in (
            ("operator_id = ? AND crop_id = ?", [operator_id, crop_id]),
            ("operator_id = ?", [operator_id]),
            ("crop_id = ?", [crop_id]),
        ):
            if any(p is None for p in params):
                continue
            rows = self._rows(
                f"SELECT grade FROM harvests WHERE {where} ORDER BY harvest_date DESC, id DESC LIMIT 1",
                params,
            )
            if rows:
                return rows[0]["grade"]
        return None

    def _prepare(self, record: Harvest) -> Harvest:
        if not record.lot_code:
            record = record.replace(lot_code=self.next_lot_code(record.harvest_date))
        return record

    def _validate(self, record: Harvest) -> None:
        _check_date("harvest_date", record.harvest_date)
        if record.weight_g <= 0:
            raise ValidationError(translate("db", "weight must be positive"), [("weight_g", "positive")])
        if record.weight_g > MAX_LOT_G:
            message = translate("db", "a harvest lot above 1,000 t is almost surely a typing error")
            raise ValidationError(message, [("weight_g", message)])

    def _bulk_insert(self, records: list[Harvest], action: str = "insert") -> list[Harvest]:
        # Reserve lot-code numbers a date at a time rather than one counter write per lot.
        wanted: dict[str, int] = {}
        for record in records:
            if not record.lot_code:
                _check_date("harvest_date", record.harvest_date)
                wanted[record.harvest_date] = wanted.get(record.harvest_date, 0) + 1
        first = {day: self.store.reserve_counter(f"lot:{day}", n) for day, n in wanted.items()}
        coded = []
        for record in records:
            if not record.lot_code:
                n = first[record.harvest_date]
                first[record.harvest_date] = n + 1
                record = record.replace(lot_code=self._lot_code(record.harvest_date, n))
            coded.append(record)
        return super()._bulk_insert(coded, action)

    @staticmethod
    def _lot_code(harvest_date: str, n: int) -> str:
        return f"L{harvest_date.replace('-', '')}-{n:04d}"

    def next_lot_code(self, harvest_date: str) -> str:
        """A new lot code 'L20261127-0001'; the counter never goes back, so codes are never reused."""
        _check_date("harvest_date", harvest_date)
        return self._lot_code(harvest_date, self.store.next_counter(f"lot:{harvest_date}"))

    def by_lot_code(self, lot_code: str) -> Harvest:
        row = self.db.execute("SELECT id FROM harvests WHERE lot_code = ?", [lot_code.strip()]).fetchone()
        if row is None:
            raise NotFoundError(translate("db", "no harvest lot '{code}'").format(code=lot_code))
        return self.get(row[0])


class ShipmentRepository(Repository[Shipment]):
    record = Shipment
    label = translate("db", "shipment")
    text_fields = ("ticket_no", "plate")
    bulk = True
    order_by = "ship_date, id"
    references = (Reference("certificates", "shipment_id", translate("db", "certificates")),)

    def _name(self, record: Shipment) -> str:
        return record.ticket_no

    def delete_voiding_certificates(self, record_id: int, reason: str) -> tuple[Shipment, list[Certificate]]:
        """Delete a shipment that has certificates, in one transaction: each certificate is voided
        (if still valid) with `reason`, and kept in the register without its truck (a certificate
        is never deleted). Returns the shipment and its certificates as they were, for an undo."""
        if not reason.strip():
            raise ValidationError(
                translate("db", "give the reason for voiding"), [("void_reason", "required")]
            )
        certificates = self.store.certificates
        with self.store.write():
            before = certificates.for_shipment(record_id)
            for cert in before:
                changed = cert.replace(shipment_id=None)
                if cert.status == "valid":
                    changed = changed.replace(status="void", void_reason=reason.strip(), voided_at=_now())
                certificates.update(changed)
            return self.delete(record_id), before

    def restore_with_certificates(self, shipment: Shipment, certificates: list[Certificate]) -> Shipment:
        """Undo of delete_voiding_certificates: the shipment back, its certificates as they were."""
        with self.store.write():
            restored = self.restore(shipment)
            for cert in certificates:
                self.store.certificates.update(cert)
            return restored

    def _load(self, row: dict) -> Shipment:
        shipment = Shipment.from_row(row)
        lines = self.lines_of(shipment.id)
        return shipment.replace(lines=tuple(lines))

    def lines_of(self, shipment_id: int) -> list[ShipmentLine]:
        rows = self._rows(
            "SELECT * FROM shipment_lines WHERE shipment_id = ? ORDER BY line_no, id", [shipment_id]
        )
        lots: dict[int, list[int]] = {}
        if rows:
            marks = ",".join("?" * len(rows))
            for line_id, harvest_id in self.db.execute(
                f"SELECT line_id, harvest_id FROM shipment_line_lots WHERE line_id IN ({marks}) "
                "ORDER BY harvest_id",
                [r["id"] for r in rows],
            ):
                lots.setdefault(line_id, []).append(harvest_id)
        return [ShipmentLine.from_row(r).replace(lot_ids=tuple(lots.get(r["id"], ()))) for r in rows]

    def _prepare(self, record: Shipment) -> Shipment:
        net = record.gross_g - record.tare_g
        deduction = record.deduction_g
        if record.deduction_pct_x100 is not None:
            # A percentage deduction is exact to the gram, rounded half up.
            deduction = (net * record.deduction_pct_x100 + 5000) // 10000
        lines = [line.replace(line_no=i + 1, shipment_id=record.id) for i, line in enumerate(record.lines)]
        nets = [line.net_g for line in lines]
        if all(n > 0 for n in nets) and 0 <= deduction <= sum(nets):
            payable = deductions.payable_weights(deduction, nets)
        else:
            payable = nets  # _validate refuses such a shipment, saying why
        lines = tuple(line.with_payable(p) for line, p in zip(lines, payable, strict=True))
        return record.replace(
            ticket_no=record.ticket_no.strip(), net_g=net, deduction_g=deduction, lines=lines
        )

    def _validate(self, record: Shipment) -> None:
        problems: list[tuple[str, str]] = []  # (field, a db.i18n.Text message)
        date_problem = _date_problem(record.ship_date)
        if date_problem is not None:
            problems.append(("ship_date", date_problem))
        if not record.ticket_no:
            problems.append(("ticket_no", translate("db", "a weighing ticket number is required")))
        if record.tare_g < 0:
            problems.append(("tare_g", translate("db", "tare cannot be negative")))
        if record.gross_g <= record.tare_g:
            problems.append(("gross_g", translate("db", "gross weight must be more than the tare")))
        elif record.gross_g > MAX_GROSS_G:
            problems.append(("gross_g", translate("db", "a gross weight above 100 t cannot be one truck")))
        if record.deduction_pct_x100 is not None and not 0 <= record.deduction_pct_x100 < 10_000:
            problems.append(
                (
                    "deduction_pct_x100",
                    translate("db", "a deduction in percent must be from 0% to under 100%"),
                )
            )
        elif record.deduction_g < 0 or (record.net_g > 0 and record.deduction_g >= record.net_g):
            problems.append(
                ("deduction_g", translate("db", "the deduction must be less than the net weight"))
            )
        elif record.lines and record.deduction_g > record.lines_net_g:
            problems.append(
                ("deduction_g", deductions.too_large_message(record.deduction_g, record.lines_net_g))
            )
        if record.payment_status not in units.PAYMENT_STATUSES:
            problems.append(
                (
                    "payment_status",
                    translate("db", "unknown payment status '{status}'").format(status=record.payment_status),
                )
            )
        for line in record.lines:
            if line.net_g <= 0:
                problems.append(
                    (f"lines[{line.line_no}].net_g", translate("db", "line weight must be positive"))
                )
            elif line.net_g > MAX_TRUCK_NET_G:
                problems.append(
                    (
                        f"lines[{line.line_no}].net_g",
                        translate("db", "a line above 100 t cannot be on one truck"),
                    )
                )
            for name, price in (("agreed_price", line.agreed_price), ("settled_price", line.settled_price)):
                if price is not None and not 0 <= price <= MAX_PRICE:
                    problems.append(
                        (
                            f"lines[{line.line_no}].{name}",
                            translate("db", "a price must be from 0 to 1000 元/公斤"),
                        )
                    )
            if line.grade not in units.GRADES:
                problems.append(
                    (
                        f"lines[{line.line_no}].grade",
                        translate("db", "unknown grade '{grade}'").format(grade=line.grade),
                    )
                )
        if problems:
            message = join(
                [_field_message(field, message) for field, message in problems],
                translate("db", "{first}; {rest}"),
            )
            raise ValidationError(message, problems)

    def _save_children(self, record: Shipment, replacing: bool) -> None:
        for line in record.lines:
            line = line.replace(shipment_id=record.id)
            row = line.to_row()
            if row.get("id") is None:
                row.pop("id")
            cols = ", ".join(row)
            cursor = self._execute(
                f"INSERT INTO shipment_lines ({cols}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            for harvest_id in dict.fromkeys(line.lot_ids):
                self._execute(
                    "INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (?, ?)",
                    [cursor.lastrowid, harvest_id],
                )

    def _bulk_insert(self, records: list[Shipment], action: str = "insert") -> list[Shipment]:
        return bulk.insert_shipments(self, records, action)

    def _clear_for_update(self, record: Shipment) -> None:
        # The header's date, buyer and market are locked while lines exist (they key the daily
        # summary), so the lines are removed first and written again after the header.
        self._delete_children(record)

    def _delete_children(self, record: Shipment) -> None:
        self._execute(
            "DELETE FROM shipment_line_lots WHERE line_id IN "
            "(SELECT id FROM shipment_lines WHERE shipment_id = ?)",
            [record.id],
        )
        self._execute("DELETE FROM shipment_lines WHERE shipment_id = ?", [record.id])

    def by_ticket(self, ticket_no: str) -> Shipment:
        row = self.db.execute("SELECT id FROM shipments WHERE ticket_no = ?", [ticket_no.strip()]).fetchone()
        if row is None:
            raise NotFoundError(
                translate("db", "no shipment with weighing ticket '{ticket}'").format(ticket=ticket_no)
            )
        return self.get(row[0])

    def set_payment_status(self, shipment_id: int, status: str) -> Shipment:
        return self.update(self.get(shipment_id).replace(payment_status=status))

    def next_ticket_no(self, ship_date: str) -> str:
        """A suggestion for a new weighing ticket number 'B20261127-001' not yet used."""
        _check_date("ship_date", ship_date)
        prefix = f"B{ship_date.replace('-', '')}-"
        # Numerically, not as text: after -999 comes -1000, and a typed '-001a' is not a number.
        used = [
            int(suffix)
            for (ticket,) in self.db.execute(
                "SELECT ticket_no FROM shipments WHERE ticket_no GLOB ?", [prefix + "[0-9]*"]
            )
            if (suffix := ticket[len(prefix) :]).isdecimal() and suffix.isascii()
        ]
        return f"{prefix}{max(used, default=0) + 1:03d}"


class PaymentRepository(Repository[Payment]):
    record = Payment
    label = translate("db", "payment")
    text_fields = ("reference",)
    order_by = "pay_date, id"

    def _validate(self, record: Payment) -> None:
        _check_date("pay_date", record.pay_date)
        if record.amount_fen <= 0:
            raise ValidationError(translate("db", "amount must be positive"), [("amount_fen", "positive")])
        if record.amount_fen > MAX_PAYMENT_FEN:
            message = translate("db", "a payment above 1,000,000,000 元 is almost surely a typing error")
            raise ValidationError(message, [("amount_fen", message)])
        if record.method not in units.PAYMENT_METHODS:
            raise ValidationError(
                translate("db", "unknown payment method '{method}'").format(method=record.method),
                [("method", "choice")],
            )

    def _name(self, record: Payment) -> str:
        return f"{record.pay_date} {units.format_yuan(record.amount_fen)}"
