"""The 承诺达标合格证: issuing rules, whether certificates follow the truck, and the signed QR text."""
