"""A truck's deduction (扣重) shared out over its lines, exact to the gram.

The rule (largest remainder, Hamilton's method, in proportion to line net weight):

1. each line's exact share of the deduction D is D × line net ÷ lines' net (N);
2. every line first bears the whole grams of its share (rounded down);
3. the grams left over (fewer than the number of lines) go one each to the lines with the largest
   remainders of step 1; equal remainders go to the earlier line (line order on the truck).

So the lines' deductions add up to D exactly, no line bears more than its net weight (a line with
no remainder never gets an extra gram), and a line's payable weight is its net minus its share.
When the lines add up to the truck's net weight (the normal case; the shipment form and table flag
any difference) the lines' payable weights add up exactly to the truck's payable weight.
The same lines and the same deduction always give the same split, whatever the order of writing.
"""

from __future__ import annotations

from collections.abc import Sequence

from db import units
from db.errors import ValidationError
from db.i18n import Text, translate


def too_large_message(deduction_g: int, lines_net_g: int) -> Text:
    return translate(
        "db",
        "the deduction of {deduction} kg is more than the lines' net weight of {net} kg; "
        "enter a smaller deduction or check the line weights",
    ).format(deduction=units.plain_kg(deduction_g), net=units.plain_kg(lines_net_g))


def apportion(deduction_g: int, nets_g: Sequence[int]) -> list[int]:
    """Each line's share of the deduction, in grams, by the largest-remainder rule above.

    Raises ValidationError when the deduction is negative or more than the lines' net weight,
    or a line weight is not positive.
    """
    total = sum(nets_g)
    if any(n <= 0 for n in nets_g):
        message = translate("db", "line weight must be positive")
        raise ValidationError(message, [("lines", message)])
    if deduction_g < 0:
        message = translate("db", "the deduction cannot be negative")
        raise ValidationError(message, [("deduction_g", message)])
    if deduction_g > total:
        message = too_large_message(deduction_g, total)
        raise ValidationError(message, [("deduction_g", message)])
    if deduction_g == 0 or not nets_g:
        return [0] * len(nets_g)
    shares = [divmod(deduction_g * n, total) for n in nets_g]
    left = deduction_g - sum(whole for whole, _ in shares)
    # Largest remainder first; on equal remainders the earlier line first.
    order = sorted(range(len(nets_g)), key=lambda i: (-shares[i][1], i))
    out = [whole for whole, _ in shares]
    for i in order[:left]:
        out[i] += 1
    return out


def payable_weights(deduction_g: int, nets_g: Sequence[int]) -> list[int]:
    """Each line's payable weight (net − its share of the deduction), in grams."""
    return [n - d for n, d in zip(nets_g, apportion(deduction_g, nets_g), strict=True)]
