"""Number plates (川JA1234, 渝C12345)."""

from __future__ import annotations

import re

from db.i18n import translate
from db.parsing.text import ParseResult, _Reject, _rejected, normalize_text, to_simplified

_PLATE_HINT = translate("db", "type a plate like 川JA1234, 渝C12345 or 渝AD12345")

# ---------------------------------------------------------------------------------------------------
# Number plates

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_SEPARATORS = re.compile(r"[\s·•・‧∙.\-_]")
_PLATE_CHARS = re.compile(r"[A-Z0-9]*")


def parse_plate(text: str) -> ParseResult[str]:
    """A plate in canonical form ('川JA1234', '渝C12345', '渝AD12345', '川J1234挂').

    Separator dots and spaces, full-width letters and lower case are accepted.
    """
    shown = normalize_text(text)
    s = _PLATE_SEPARATORS.sub("", to_simplified(shown)).upper()
    try:
        if not s:
            raise _Reject(translate("db", "no plate given; {hint}").format(hint=_PLATE_HINT))
        if s[0] not in PROVINCES:
            raise _Reject(
                translate("db", "'{text}' must start with a province character such as 川 or 渝").format(
                    text=shown
                )
            )
        city, rest = s[1:2], s[2:]
        trailer = rest.endswith("挂")
        rest = rest.removesuffix("挂")
        if not (city.isascii() and city.isalpha()) or not _PLATE_CHARS.fullmatch(rest):
            raise _Reject(
                translate("db", "'{text}' is not a plate; {hint}").format(text=shown, hint=_PLATE_HINT)
            )
        if "I" in city + rest or "O" in city + rest:
            raise _Reject(
                translate("db", "'{text}': plates never use the letters I or O; did you mean 1 or 0?").format(
                    text=shown
                )
            )
        if trailer:
            valid = len(rest) == 4
        elif len(rest) == 5:
            valid = True
        elif len(rest) == 6:  # new-energy: D/F first (small cars) or last (large vehicles)
            valid = (rest[0] in "DF" and rest[2:].isdigit()) or (rest[:5].isdigit() and rest[5] in "DF")
        else:
            valid = False
        if not valid:
            raise _Reject(
                translate("db", "'{text}' is not a plate; {hint}").format(text=shown, hint=_PLATE_HINT)
            )
        return ParseResult(value=s)
    except _Reject as reason:
        return _rejected(reason)
