"""The park's own details (legal name, address, phone, 统一社会信用代码, bank account, objection period)
printed on every document: read with `load(db)`, checked with `validate()`, written with `save()`.

Stored as keys of the `settings` table (migration 0008); a database without them (or from before
0008) reads as the defaults, so documents always have a letterhead.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from db.errors import ValidationError
from db.i18n import Text, translate
from db.parsing import normalize_text

DEFAULT_NAME = "遂潼涪江蔬菜乐园"
DEFAULT_OBJECTION_DAYS = 15
MAX_OBJECTION_DAYS = 365
MAX_TEXT = 120

# GB 32100-2015: 18 characters from this alphabet (no I, O, Z, S, V); the last is a check character.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ACCOUNT = re.compile(r"[0-9]{8,32}")


@dataclass(frozen=True, slots=True)
class Organisation:
    """The park as its documents name it; empty strings are details not given."""

    name: str = DEFAULT_NAME
    address: str = ""
    phone: str = ""
    credit_code: str = ""
    bank: str = ""
    account: str = ""
    objection_days: int = DEFAULT_OBJECTION_DAYS

    def replace(self, **changes: Any) -> Organisation:
        return replace(self, **changes)

    def to_settings(self) -> dict[str, str]:
        return {f"org.{key}": str(value) for key, value in asdict(self).items()}


DEFAULT_ORGANISATION = Organisation()
FIELDS = tuple(f.name for f in fields(Organisation))


def credit_check_character(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters (which must be of CREDIT_ALPHABET)."""
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(text: str) -> str:
    """What a clerk typed (full-width, lower case, spaces) as the code's 18 characters, unchecked."""
    return normalize_text(text).replace(" ", "").replace("-", "").upper()


def credit_code_problem(text: str) -> Text | None:
    """Why a 统一社会信用代码 is not valid, or None when it is (or is empty: the code is optional)."""
    code = normalize_credit_code(text)
    if not code:
        return None
    if len(code) != 18:
        return translate(
            "db", "a unified social credit code has 18 characters; '{value}' has {count}"
        ).format(value=code, count=len(code))
    bad = [ch for ch in code if ch not in CREDIT_ALPHABET]
    if bad:
        return translate(
            "db", "'{char}' cannot appear in a unified social credit code (no I, O, S, V or Z)"
        ).format(char=bad[0])
    expected = credit_check_character(code[:17])
    if code[17] != expected:
        return translate(
            "db", "the check character of {value} does not match: the first 17 characters give {expected}"
        ).format(value=code, expected=expected)
    return None


def normalized(org: Organisation) -> Organisation:
    """Texts trimmed and NFKC-normalised (full-width digits → ASCII), the code upper case, the
    account without spaces."""
    return org.replace(
        name=normalize_text(org.name),
        address=normalize_text(org.address),
        phone=normalize_text(org.phone),
        credit_code=normalize_credit_code(org.credit_code),
        bank=normalize_text(org.bank),
        account=normalize_text(org.account).replace(" ", ""),
    )


def problems(org: Organisation) -> list[tuple[str, Text]]:
    """(field, message) for each detail that cannot be stored; empty when all is well."""
    org = normalized(org)
    out: list[tuple[str, Text]] = []
    if not org.name:
        out.append(("name", translate("db", "the organisation's legal name is required")))
    for key in ("name", "address", "phone", "bank"):
        if len(getattr(org, key)) > MAX_TEXT:
            out.append((key, translate("db", "at most {limit} characters").format(limit=MAX_TEXT)))
    if org.phone and not any(ch.isdigit() for ch in org.phone):
        out.append(
            ("phone", translate("db", "the phone number '{value}' has no digits").format(value=org.phone))
        )
    if (message := credit_code_problem(org.credit_code)) is not None:
        out.append(("credit_code", message))
    if org.account and not _ACCOUNT.fullmatch(org.account):
        out.append(
            (
                "account",
                translate("db", "a bank account number is 8 to 32 digits, not '{value}'").format(
                    value=org.account
                ),
            )
        )
    if (
        isinstance(org.objection_days, bool)
        or not isinstance(org.objection_days, int)
        or not 1 <= org.objection_days <= MAX_OBJECTION_DAYS
    ):
        out.append(
            (
                "objection_days",
                translate("db", "the objection period is 1 to {limit} days, not {value}").format(
                    limit=MAX_OBJECTION_DAYS, value=org.objection_days
                ),
            )
        )
    return out


def validate(org: Organisation) -> Organisation:
    """The organisation normalised, or a ValidationError listing every problem."""
    found = problems(org)
    if found:
        raise ValidationError("; ".join(message for _, message in found), list(found))
    return normalized(org)


def _stored(db: Any) -> dict[str, tuple[int, str]]:
    try:
        rows = db.execute("SELECT key, id, value FROM settings WHERE key LIKE 'org.%'").fetchall()
    except Exception as exc:  # a database from before migration 0008 has no settings table
        if "no such table" in str(exc):
            return {}
        raise
    return {key: (row_id, value) for key, row_id, value in rows}


def load(db: Any) -> Organisation:
    """The organisation stored in a database (a sqlite_utils Database, or anything with execute())."""
    stored = _stored(db)
    values: dict[str, Any] = {}
    for key in FIELDS:
        if f"org.{key}" in stored:
            value = stored[f"org.{key}"][1]
            values[key] = int(value) if key == "objection_days" and value.isdigit() else value
    org = Organisation(**values)
    if not org.name:
        org = org.replace(name=DEFAULT_NAME)
    if not isinstance(org.objection_days, int):
        org = org.replace(objection_days=DEFAULT_OBJECTION_DAYS)
    return org


def save(store: Any, org: Organisation, expected: Organisation | None = None) -> Organisation:
    """Store the organisation through the one write path: one transaction, an audit row per changed key.

    `expected` is what the clerk started from: when another program changed the details since,
    nothing is written and a ValidationError says so (a stale save never overwrites).
    Returns what is now stored.
    """
    org = validate(org)
    with store.write():
        current = load(store.db)
        if expected is not None and current != expected:
            raise ValidationError(
                translate(
                    "db",
                    "the organisation's details were changed by someone else since you opened them; "
                    "nothing was saved. Reopen them to see the current details",
                )
            )
        stored = _stored(store.db)
        entries = []
        new_settings = org.to_settings()
        old_settings = current.to_settings()
        for key, value in new_settings.items():
            if key in stored and stored[key][1] == value:
                continue
            if (
                key not in stored
                and value == old_settings[key]
                and value == Organisation().to_settings()[key]
            ):
                continue  # a default that was never stored stays unstored
            if key in stored:
                row_id = stored[key][0]
                store.db.execute("UPDATE settings SET value = ? WHERE id = ?", [value, row_id])
                before = {"key": key, "value": stored[key][1]}
            else:
                row_id = store.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)", [key, value]
                ).lastrowid
                before = None
            entries.append((row_id, before, {"key": key, "value": value}))
        for action, chosen in (
            ("insert", [e for e in entries if e[1] is None]),
            ("update", [e for e in entries if e[1] is not None]),
        ):
            if chosen:
                store.audit_many(action, "settings", chosen)
    return load(store.db)
