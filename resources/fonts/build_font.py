"""Rebuild the bundled CJK font: Noto Sans CJK SC Regular subset to the characters the program needs.

Build-time tool only (not a runtime dependency):

    .venv/bin/pip install fonttools
    .venv/bin/python resources/fonts/build_font.py [--source PATH] [--charset gb2312|gbk]

The source is Debian's fonts-noto-cjk collection (/usr/share/fonts/opentype/noto/
NotoSansCJK-Regular.ttc, face "Noto Sans CJK SC"), under the SIL Open Font Licence 1.1 (OFL.txt
beside this script). The subset keeps ASCII, Latin-1, general and CJK punctuation, full-width
forms, all of GB 2312 (or GBK with --charset gbk), and every character used in the repository's
.py and .ts files and in ../shared/DOMAIN.md, so every text the program shows has a glyph.
Output: resources/fonts/FujiangSansSC-Regular.otf. Commit it together with the script.

Noto Sans CJK has no ballot boxes (☐ U+2610, ☑ U+2611), which the certificate prints as text so its
basis survives copy and search; the script draws them from the font's own □ (U+25A1) and ✓ (U+2713).
`--add-ballot-boxes-only` adds them to an already built subset without the source collection.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE = "Noto Sans CJK SC"
OUTPUT = HERE / "FujiangSansSC-Regular.otf"
# Renamed as the OFL asks of a modified version ("Noto" is a Reserved Font Name of Google).
FAMILY = "Fujiang Sans SC"

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (×, ÷, ·, °)
    (0x2000, 0x206F),  # general punctuation (— – … ‰ ‘ ’ “ ”)
    (0x2100, 0x215F),  # letterlike symbols, number forms (№ ℃ ⅓)
    (0x2190, 0x21FF),  # arrows (→)
    (0x2200, 0x22FF),  # mathematical operators (≈ ≤ ≥ −)
    (0x2460, 0x24FF),  # enclosed numbers (①)
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (□ ■ ▲ ●)
    (0x2600, 0x26FF),  # miscellaneous symbols (☐ ☑ ★)
    (0x2700, 0x27BF),  # dingbats (✓ ✔)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK
    (0x3300, 0x33FF),  # CJK compatibility (㎏ ㎡)
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms (１２．５ ，)
]


def charset_codepoints(codec: str) -> set[int]:
    """Every character of a double-byte GB code page."""
    points = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                text = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                points.add(ord(text))
    return points


def project_codepoints() -> set[int]:
    """Every character in the program's own sources, translations and DOMAIN.md."""
    files = [p for p in REPO.rglob("*.py") if ".venv" not in p.parts]
    files += list(REPO.rglob("*.ts"))
    domain = REPO.parent / "shared" / "DOMAIN.md"
    if domain.exists():
        files.append(domain)
    points = set()
    for path in files:
        try:
            points.update(ord(c) for c in path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
    return {p for p in points if p >= 0x20}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--charset", choices=["gb2312", "gbk"], default="gbk")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--add-ballot-boxes-only",
        action="store_true",
        help="add ☐ and ☑ to the built subset at --output (no source collection needed)",
    )
    args = parser.parse_args(argv)
    if args.add_ballot_boxes_only:
        font = TTFont(str(args.output))
        added = add_ballot_boxes(font)
        font.save(str(args.output))
        print(f"{args.output.name}: added {''.join(map(chr, added))}")
        return 0

    collection = TTCollection(str(args.source))
    fonts = [f for f in collection.fonts if f["name"].getDebugName(1) == FACE]
    if not fonts:
        print(f"no face {FACE!r} in {args.source}", file=sys.stderr)
        return 1
    font = fonts[0]

    wanted = set()
    for first, last in RANGES:
        wanted.update(range(first, last + 1))
    wanted |= charset_codepoints(args.charset)
    wanted |= project_codepoints()
    available = set(font.getBestCmap())
    missing = sorted(p for p in project_codepoints() if p not in available and p > 0x7F)
    keep = sorted(wanted & available)

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints are small; TrueType-style hinting is absent anyway
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    add_ballot_boxes(font)
    _rename(font)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.output))
    size = args.output.stat().st_size
    print(f"{args.output.name}: {len(keep)} characters, {size / 1e6:.1f} MB")
    if missing:
        print("characters used by the project but absent from the source font:", "".join(map(chr, missing)))
    return 0


def add_ballot_boxes(font) -> dict[int, str]:
    """Add ☐ (□'s outline) and ☑ (□ with ✓ inside) to a CID-keyed CFF font, unless it has them.

    CIDs 65000 and 65001 are outside Adobe-GB1, so they never clash with the source's glyphs.
    """
    if {0x2610, 0x2611} <= set(font.getBestCmap()):
        return {}
    cmap = font.getBestCmap()
    gs = font.getGlyphSet()
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    cs = top.CharStrings
    box, check = cmap[0x25A1], cmap[0x2713]
    adv, lsb = font["hmtx"][box]
    bounds = BoundsPen(gs)
    gs[box].draw(bounds)
    bx0, by0, bx1, by1 = bounds.bounds
    bounds = BoundsPen(gs)
    gs[check].draw(bounds)
    cx0, cy0, cx1, cy1 = bounds.bounds
    # The tick fills about three quarters of the box, centred.
    inner = (bx1 - bx0) * 0.72
    s = inner / max(cx1 - cx0, cy1 - cy0)
    dx = (bx0 + bx1) / 2 - (cx0 + cx1) / 2 * s
    dy = (by0 + by1) / 2 - (cy0 + cy1) / 2 * s
    _, fd = cs.getItemAndSelector(box)
    private = top.FDArray[fd].Private
    order = top.charset  # the font's glyph order itself in a CFF font
    made = {}
    for code, with_check in ((0x2610, False), (0x2611, True)):
        pen = T2CharStringPen(adv, gs)
        gs[box].draw(pen)
        if with_check:
            gs[check].draw(TransformPen(pen, (s, 0, 0, s, dx, dy)))
        charstring = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
        cid = 65000 + (code - 0x2610)
        name = f"cid{cid:05d}"
        index = len(cs.charStringsIndex)
        cs.charStringsIndex.append(charstring)
        cs.charStrings[name] = index
        top.FDSelect.append(fd)
        order.append(name)
        if hasattr(top, "numGlyphs"):
            top.numGlyphs = len(order)
        font["hmtx"][name] = (adv, lsb)
        if "vmtx" in font:
            font["vmtx"][name] = font["vmtx"][box]
        if "VORG" in font:
            vorg = font["VORG"]
            if box in vorg.VOriginRecords:
                vorg.VOriginRecords[name] = vorg.VOriginRecords[box]
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
        made[code] = name
    font.setGlyphOrder(order)
    return made


def _rename(font) -> None:
    """Give the subset its own family name (OFL: a modified version may not use the reserved name)."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID in (1, 16):
            name.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (4,):
            name.setName(
                f"{FAMILY} Regular", record.nameID, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (3, 6):
            name.setName(
                "FujiangSansSC-Regular", record.nameID, record.platformID, record.platEncID, record.langID
            )
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["FujiangSansSC-Regular"]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Regular"
        top.FamilyName = FAMILY


if __name__ == "__main__":
    sys.exit(main())
