"""Retake the README's screenshots: every page and the main dialogs, in Chinese and English, at
1280×800 and 1920×1080, on the three-year demo.

    .venv/bin/python -m tools.screenshots [--db /tmp/demo.db] [--out resources/screenshots]
                                          [--sizes 1280x800,1920x1080] [--languages zh_CN,en]
                                          [--pages dashboard,shipments]

The demo database is made first if --db does not exist (`fujiang --db PATH demo`, three years up to
yesterday). Images are named PAGE_LANG_WxH.png (dialogs: DIALOG_LANG.png, at their own size) and
written as 256-colour PNGs, which keeps a 1280×800 page near 40 kB and the whole set near 2 MB.
--pages writes only those pages (and no dialogs).

Runs offscreen by default; set QT_QPA_PLATFORM=xcb (under Xvfb) to photograph a real display.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402


def settle(ctx, seconds: float = 0.3) -> None:
    """Let tasks finish and their results be drawn."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    ctx.tasks.wait()
    for _ in range(20):
        QCoreApplication.processEvents()


def save(widget: QWidget, path: Path) -> int:
    """The widget as a 256-colour PNG; returns its size in bytes."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    small.save(str(path), "PNG", 0)
    return path.stat().st_size


def ensure_demo(db: Path) -> None:
    if not db.exists():
        print(f"Making the three-year demo in {db} …", flush=True)
        subprocess.run([sys.executable, "-m", "app.cli", "--db", str(db), "demo"], check=True, cwd=REPO)


def latest_ticket(ctx) -> str:
    return ctx.store.db.execute("SELECT ticket_no FROM shipments ORDER BY id DESC LIMIT 1").fetchone()[0]


def open_dialogs(window, ctx) -> dict[str, QWidget]:
    """The main dialogs, opened as the clerk opens them: a truck and a lot of the demo, a statement."""
    from app.views.dialogs.report_dialog import ReportDialog
    from app.views.forms.harvest_form import HarvestForm
    from app.views.forms.shipment_form import ShipmentForm

    store = ctx.store
    shipment = store.shipments.get(store.db.execute("SELECT max(id) FROM shipments").fetchone()[0])
    harvest = store.harvests.get(store.db.execute("SELECT max(id) FROM harvests").fetchone()[0])
    dialogs: dict[str, QWidget] = {
        "shipment_form": ShipmentForm(ctx, shipment, parent=window),
        "harvest_form": HarvestForm(ctx, harvest, parent=window),
        "report": ReportDialog(ctx, parent=window),
    }
    return dialogs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/fujiang-screenshots.db"))
    parser.add_argument("--out", type=Path, default=REPO / "resources" / "screenshots")
    parser.add_argument("--sizes", default="1280x800,1920x1080")
    parser.add_argument("--languages", default="zh_CN,en")
    parser.add_argument("--pages", default="", help="page keys, comma-separated (default: every page)")
    args = parser.parse_args(argv)
    ensure_demo(args.db)
    args.out.mkdir(parents=True, exist_ok=True)

    from app.fonts import apply_app_font, register_fonts
    from app.i18n import Translations
    from app.main import build_context
    from app.settings import Settings
    from app.views.main_window import MainWindow
    from db.storage.connection import open_database

    app = QApplication.instance() or QApplication([])
    apply_app_font(app, register_fonts())
    translations = Translations(app)
    settings = Settings(args.db.with_suffix(".ini"))  # not the user's own settings
    ctx = build_context(open_database(args.db), args.db, settings, "zh_CN")
    window = MainWindow(ctx)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    wanted = set(args.pages.split(",")) if args.pages else None
    total = 0
    for language in args.languages.split(","):
        language = translations.set_language(language)
        ctx.language = ctx.store.language = language
        lang = "zh" if language.startswith("zh") else "en"
        for width, height in sizes:
            window.resize(width, height)
            window.show()
            settle(ctx)
            for i, page in enumerate(window.pages):
                key = page.key
                if wanted is not None and key not in wanted:
                    continue
                window.show_page(i)
                if key == "trace" and not page.query.text():  # a truck traced back to its plots
                    page.query.setText(latest_ticket(ctx))
                    page.run_trace()
                settle(ctx, 0.6)
                path = args.out / f"{key}_{lang}_{width}x{height}.png"
                total += save(window, path)
                print(f"{path.name:40s} {path.stat().st_size // 1024:5d} kB", flush=True)
        if wanted is None:
            for name, dialog in open_dialogs(window, ctx).items():
                dialog.show()
                if name == "report":
                    dialog.resize(1100, 780)
                    dialog.show_preview(0)  # the statement's first page, as after Preview
                    settle(ctx, 2.0)
                settle(ctx, 0.6)
                path = args.out / f"{name}_{lang}.png"
                total += save(dialog, path)
                print(f"{path.name:40s} {path.stat().st_size // 1024:5d} kB", flush=True)
                dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
                dialog.deleteLater()
    print(f"{total // 1024} kB in all")
    window.close()
    ctx.tasks.cancel_all()
    ctx.tasks.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
