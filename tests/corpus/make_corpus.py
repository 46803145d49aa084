"""Write the corpus of messy import files in this folder (run it after changing it; a test checks
the files are what it writes).

    .venv/bin/python tests/corpus/make_corpus.py

Each file is what a clerk of the park could hand over (see ../shared/DOMAIN.md): their own titles
in another order, units in the titles and cells, every date form, aliases and Traditional names,
rows pasted twice, conflicting rows, stale formulas (the XLSX XML is written here by hand, as a
program that does not compute would), prices out of range and one truck weighed twice.
tests/test_import_corpus.py imports each into the demo's master data and states what must come out.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
_STAMP = (2024, 1, 1, 0, 0, 0)  # a fixed time in the zip entries: the same bytes on every run


def _csv(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


# A clerk's own sheet: other titles, other order, 斤 in the titles, weighbridge times, a remark
# column, a row pasted twice, full-width digits, Traditional names and aliases. Saved by WPS as GBK.
CLERK_SHEET = [
    [
        "单号",
        "时间",
        "车号",
        "买家",
        "去向",
        "主体",
        "品名",
        "等级",
        "重量(斤)",
        "单价(元/斤)",
        "金额",
        "备注",
    ],
    [
        "B231106-01",
        "2023-11-06 16:02",
        "渝C 37215",
        "陈建华",
        "双福",
        "涪江湾",
        "蘿蔔",
        "统货",
        "２１２４０",
        "0.6",
        "12744",
        "第一车",
    ],
    [
        "B231106-01",
        "2023-11-06 16:02",
        "渝C 37215",
        "陈建华",
        "双福",
        "涪江湾",
        "蘿蔔",
        "统货",
        "２１２４０",
        "0.6",
        "12744",
        "第一车",
    ],
    [
        "B231106-01",
        "2023-11-06 16:02",
        "渝C37215",
        "陈建华",
        "双福",
        "雙壩",
        "白萝卜",
        "一级",
        "8000",
        "0.65",
        "",
        "",
    ],
    [
        "B231106-02",
        "2023/11/6 17:30",
        "川JA3712",
        "蒋国平",
        "遂宁纵横",
        "青禾",
        "花菜",
        "",
        "3吨半",
        "2.1",
        "",
        "",
    ],
    [
        "B231107-01",
        "2023年11月7日",
        "渝A62391",
        "重庆鲜达生鲜配送有限公司",
        "花枝",
        "綠疇",
        "豇豆",
        "特級",
        "1200",
        "3.5",
        "",
        "",
    ],
    ["B231108-01", "20231108", "渝C24071", "周德明", "盘溪", "李明秀", "青笋", "二级", "6000", "1.1", "", ""],
    ["B231108-02", "2023.11.8", "渝C24071", "周德明", "", "何德贵", "儿菜", "", "5000", "1.5", "", ""],
    ["B231109-01", "23/11/9", "渝C11872", "刘小勇", "海领", "丰沃", "甘藍", "", "9000", "0.5", "", ""],
]

# One ticket, the same operator, crop and grade twice with other weights: a conflict, nothing imported.
CONFLICT = [
    ["磅单号", "日期", "客商", "车牌", "经营主体", "品种", "等级", "净重", "单价"],
    ["B240105-01", "2024-01-05", "陈建华", "渝C37215", "涪江湾", "白萝卜", "", "10620", "1.2"],
    ["B240105-01", "2024-01-05", "陈建华", "渝C37215", "涪江湾", "白萝卜", "", "10260", "1.2"],
]

# English variants; prices far out of range, a price of 0, and one truck weighed twice within the hour.
OUTLIERS = [
    ["Ticket No", "Date", "Buyer", "Plate", "Operator", "Crop", "Grade", "Weight (kg)", "Price (CNY/kg)"],
    ["T1", "2024-06-03 07:40", "陈建华", "渝C37215", "蜀渝菜园", "茄子", "", "2000", "77.67"],
    ["T2", "2024-01-05 08:00", "周德明", "渝C24071", "涪江湾", "萝卜", "", "8000", "12元/斤"],
    ["T3", "2024-01-05 09:00", "刘小勇", "渝C11872", "双坝", "大白菜", "", "5000", "0"],
    ["T4", "2024-01-06 08:10", "蒋国平", "川JA3712", "青禾", "花菜", "", "3000", "3"],
    ["T5", "2024-01-06 08:55", "蒋国平", "川JA3712", "青禾", "花菜", "", "3000", "3"],
    ["T6", "2024-01-06 10:30", "蒋国平", "川JA3712", "青禾", "花菜", "", "3000", "3"],
]

# Counts of packs where the weight goes (袋, 网袋, 筐, 捆; full-width digits, a space, Traditional
# names): weights only through the crop's pack weight, each an 'estimated' warning; one row weighed.
PACKS = [
    ["磅单号", "日期", "客商", "车牌", "经营主体", "品种", "等级", "数量", "单价(元/斤)"],
    ["P1", "2024-01-08", "陈建华", "渝C37215", "涪江湾", "蘿蔔", "", "40袋", "0.6"],
    ["P1", "2024-01-08", "陈建华", "渝C37215", "涪江湾", "青笋", "", "120 捆", "1.1"],
    ["P2", "2024-01-08", "周德明", "渝C24071", "青禾", "甘藍", "一级", "６０筐", "0.5"],
    ["P3", "2024-01-09", "刘小勇", "渝C11872", "双坝", "大白菜", "", "3500", "0.6"],
]
# A count of packs on a crop without that pack weight (大白菜 has no bag weight) and a carton (箱),
# which is no pack the park counts: problems, nothing imported.
PACKS_UNKNOWN = [
    ["磅单号", "日期", "客商", "经营主体", "品种", "净重", "单价"],
    ["Q1", "2024-01-08", "陈建华", "涪江湾", "大白菜", "20袋", "1.2"],
    ["Q2", "2024-01-08", "陈建华", "涪江湾", "白萝卜", "5箱", "1.2"],
]
# A harvest sheet in a clerk's titles with counts of mesh bags and bundles, and one lot weighed.
HARVEST_PACKS = [
    ["采收日期", "主体", "品名", "等级", "产量", "备注"],
    ["2024-01-08", "涪江湾", "萝卜", "统货", "30网袋", "河坝"],
    ["2024-01-08", "青禾", "莴笋", "", "45捆", ""],
    ["2024-01-09", "涪江湾", "白萝卜", "一级", "1250", ""],
]

# Titles no rule knows: read with mapping.json (the unit still comes from the title).
MAPPED = [
    ["票", "日子", "老板", "货主", "菜名", "过秤重量(斤)", "价钱(元/斤)"],
    ["M1", "2024-01-08", "王春梅", "涪滨", "老南瓜", "3000", "0.9"],
]
MAPPING = {
    "票": "ticket",
    "日子": "date",
    "老板": "buyer",
    "货主": "operator",
    "菜名": "crop",
    "过秤重量(斤)": "net_kg",
    "价钱(元/斤)": "price",
}

_COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _cell(ref: str, value: object) -> str:
    """One <c> of a sheet: text inline, a number, or (a tuple) a formula with or without a value."""
    if isinstance(value, tuple):
        formula, cached = value
        v = "" if cached is None else f"<v>{cached}</v>"
        return f'<c r="{ref}"><f>{escape(formula)}</f>{v}</c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _sheet_xml(rows: list[list[object]]) -> str:
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{_COLUMNS[c]}{r}", v) for c, v in enumerate(row) if v != "")
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """A minimal .xlsx, written by hand: what a program that does not compute formulas saves."""
    names = list(sheets)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>"
        ),
    }
    for i, name in enumerate(names, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(sheets[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(zipfile.ZipInfo(name, _STAMP), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


_SHIPMENT_TITLES = [
    "日期",
    "磅单号",
    "客商",
    "目的市场",
    "车牌号",
    "经营主体",
    "品种",
    "等级",
    "净重(公斤)",
    "单价(元/公斤)",
    "金额(元)",
]

# Stale formulas: 0.6*2 saved as 0, a SUM saved with no value; a formula with a real value is read.
STALE = {
    "出货": [
        _SHIPMENT_TITLES,
        [
            "2024-01-06",
            "F1",
            "陈建华",
            "双福",
            "渝C37215",
            "涪江湾",
            "白萝卜",
            "",
            ("400*2", 800),
            ("0.6*2", 0),
            "",
        ],
        [
            "2024-01-06",
            "F2",
            "陈建华",
            "双福",
            "渝C37215",
            "涪江湾",
            "莴笋",
            "",
            ("SUM(X1:X9)", None),
            2.5,
            "",
        ],
    ]
}

# The data on the second sheet, after a sheet of notes: read with --sheet 出货.
TWO_SHEETS = {
    "说明": [["这张表是十一月的出货"], ["单位: 公斤"]],
    "出货": [
        _SHIPMENT_TITLES,
        ["2023-11-10", "S1", "杨光福", "永川吉之汇", "渝C19374", "涪江源", "生姜", "", 2500, 8.4, ""],
    ],
}


# The park's own weighbridge sheet: gross and tare, and the deduction (扣重) written once on the
# ticket's first row, or the same on every row, as the clerks write gross and tare.
_WB_TITLES = [
    "过磅时间",
    "磅单号",
    "车牌",
    "客商",
    "市场",
    "主体",
    "品名",
    "等级",
    "净重",
    "单价",
    "毛重",
    "皮重",
    "扣重",
]
WEIGHBRIDGE_DEDUCTIONS = [
    _WB_TITLES,
    # 150 kg once on the first row of a 9000 + 5000 kg truck: the truck's, 96.429 + 53.571 kg
    [
        "2023-11-20 07:10",
        "D1",
        "渝C37215",
        "陈建华",
        "双福",
        "涪江湾",
        "白萝卜",
        "统货",
        "9000",
        "1.2",
        "20000",
        "6000",
        "150",
    ],
    [
        "2023-11-20 07:10",
        "D1",
        "渝C37215",
        "陈建华",
        "双福",
        "双坝",
        "白萝卜",
        "一级",
        "5000",
        "1.3",
        "",
        "",
        "",
    ],
    # the same 150 kg on every row: the truck's, once (as gross and tare are), not 300 kg
    [
        "2023-11-20 08:30",
        "D2",
        "渝C24071",
        "周德明",
        "盘溪",
        "涪江湾",
        "白萝卜",
        "统货",
        "9000",
        "1.2",
        "20000",
        "6000",
        "150",
    ],
    [
        "2023-11-20 08:30",
        "D2",
        "渝C24071",
        "周德明",
        "盘溪",
        "双坝",
        "白萝卜",
        "一级",
        "5000",
        "1.3",
        "20000",
        "6000",
        "150",
    ],
    # no deduction: a blank cell
    [
        "2023-11-20 09:00",
        "D3",
        "渝C11872",
        "刘小勇",
        "",
        "涪江湾",
        "白萝卜",
        "统货",
        "8000",
        "1.2",
        "14000",
        "6000",
        "",
    ],
    # each line's own deduction, differing, as the program shares them (60 + 40 of 6000 + 4000)
    [
        "2023-11-20 10:00",
        "D4",
        "川JA3712",
        "蒋国平",
        "",
        "涪江湾",
        "白萝卜",
        "统货",
        "6000",
        "1.2",
        "16000",
        "6000",
        "60",
    ],
    [
        "2023-11-20 10:00",
        "D4",
        "川JA3712",
        "蒋国平",
        "",
        "双坝",
        "白萝卜",
        "一级",
        "4000",
        "1.3",
        "16000",
        "6000",
        "40",
    ],
]
# Deductions agreed in percent: a 扣杂(%) column besides 扣重, and '1.5%' typed in the 扣重 column.
WEIGHBRIDGE_PERCENT = [
    [
        "日期",
        "磅单号",
        "客商",
        "经营主体",
        "品种",
        "等级",
        "净重(公斤)",
        "单价(元/公斤)",
        "毛重",
        "皮重",
        "扣重",
        "扣杂(%)",
    ],
    ["2023-11-21", "P1", "陈建华", "涪江湾", "白萝卜", "", "10000", "1.2", "16000", "6000", "", "2"],
    ["2023-11-21", "P2", "周德明", "涪江湾", "白萝卜", "统货", "6000", "1.2", "16000", "6000", "1.5%", ""],
    ["2023-11-21", "P2", "周德明", "双坝", "白萝卜", "一级", "4000", "1.3", "16000", "6000", "1.5%", ""],
    ["2023-11-21", "P3", "刘小勇", "涪江湾", "白萝卜", "", "5000", "1.2", "11000", "6000", "50", "1%"],
]
# Gross and tare but no 净重 column: a one-line truck's net is gross − tare.
WEIGHBRIDGE_NO_NET = [
    ["磅单号", "日期", "客商", "主体", "品名", "毛重(公斤)", "皮重(公斤)", "单价"],
    ["N1", "2023-11-22", "陈建华", "涪江湾", "白萝卜", "15000", "5000", "1.2"],
    ["N2", "2023-11-22", "周德明", "双坝", "白萝卜", "12500", "4500", "1.3"],
]
# …and a truck of two lines without their nets: refused, saying what to add.
WEIGHBRIDGE_NO_NET_LINES = [
    ["磅单号", "日期", "客商", "主体", "品名", "等级", "毛重", "皮重", "单价"],
    ["L1", "2023-11-22", "陈建华", "涪江湾", "白萝卜", "统货", "15000", "5000", "1.2"],
    ["L1", "2023-11-22", "陈建华", "双坝", "白萝卜", "一级", "15000", "5000", "1.3"],
]
# The agreed price (约定价) and the price settled after the sale (实结价), in 元/斤; not weighed on
# the park's bridge (no gross or tare).
AGREED_SETTLED = [
    ["日期", "单号", "买家", "主体", "品名", "重量(斤)", "约定价(元/斤)", "实结价(元/斤)"],
    ["2023-11-23", "S1", "陈建华", "涪江湾", "白萝卜", "20000", "0.6", "0.5"],
    ["2023-11-23", "S2", "周德明", "双坝", "白萝卜", "10000", "0.65", ""],
]


def files() -> dict[str, bytes]:
    return {
        "clerk_sheet_gbk.csv": _csv(CLERK_SHEET, "gb18030"),
        "conflict.csv": _csv(CONFLICT),
        "outliers.csv": _csv(OUTLIERS),
        "mapped.csv": _csv(MAPPED),
        "packs.csv": _csv(PACKS),
        "packs_unknown.csv": _csv(PACKS_UNKNOWN),
        "harvest_packs.csv": _csv(HARVEST_PACKS),
        "mapping.json": (json.dumps(MAPPING, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        "stale_formulas.xlsx": workbook(STALE),
        "two_sheets.xlsx": workbook(TWO_SHEETS),
        "weighbridge_deductions.csv": _csv(WEIGHBRIDGE_DEDUCTIONS),
        "weighbridge_percent.csv": _csv(WEIGHBRIDGE_PERCENT),
        "weighbridge_no_net.csv": _csv(WEIGHBRIDGE_NO_NET),
        "weighbridge_no_net_lines.csv": _csv(WEIGHBRIDGE_NO_NET_LINES),
        "agreed_settled.csv": _csv(AGREED_SETTLED),
    }


def main(folder: Path = HERE) -> None:
    for name, data in files().items():
        (folder / name).write_bytes(data)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
