"""The benchmark's separate processes: start-up, launch to the dashboard, visiting every page and the
welcome dialog's demo. Each prints `figure <name> <value>` lines (seconds since the Unix epoch
for moments, so the parent can subtract the moment it started the process).

    python tests/bench/child.py start DB | bare | dashboard DB | pages DB | welcome DB YEARS
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def say(name: str, value: float) -> None:
    print(f"figure {name} {value!r}", flush=True)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare() -> int:
    """A bare PySide6 window importing pyqtgraph with one plot: the floor for our start."""
    import pyqtgraph as pg
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget()
    plot.plot([1, 3, 2, 4])
    window.setCentralWidget(plot)
    window.resize(1280, 800)
    window.show()

    def painted() -> None:
        window.grab()
        say("painted", time.time())
        app.quit()

    QTimer.singleShot(0, painted)
    return app.exec()


def _hook_session(on_session) -> None:
    import app.main as main_module

    original = main_module.Session.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        on_session(self)

    main_module.Session.__init__ = init


def start(db: str) -> int:
    """The real program (app.main.main) to its main window's first paint."""
    import app.main as main_module

    original = main_module.smoke_report

    def report(app, session):
        session.window.grab()
        say("painted", time.time())
        say("peak_mb", peak_mb())
        return original(app, session)

    main_module.smoke_report = report
    return main_module.main(argv=sys.argv[:1], db_path=db, smoke_test=True)


def _dashboard(session):
    from app.views.pages.dashboard_page import DashboardPage

    return next(p for p in session.window.pages if isinstance(p, DashboardPage))


def dashboard(db: str) -> int:
    """The real program until the dashboard has painted its totals."""
    from PySide6.QtCore import QTimer

    import app.main as main_module

    def on_session(session) -> None:
        page = _dashboard(session)

        def refreshed() -> None:
            page.grab()
            say("totals", time.time())
            QTimer.singleShot(0, session.window.close)

        page.refreshed.connect(refreshed)

    _hook_session(on_session)
    return main_module.main(argv=sys.argv[:1], db_path=db)


def pages(db: str) -> int:
    """Visit every page twice (the first visit loads it); time the second round's switches and
    report the process's peak memory."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import app.main as main_module

    def settle(session) -> None:
        app = QApplication.instance()
        for _ in range(200):
            app.processEvents()
            if not session.ctx.tasks.running():
                break
            session.ctx.tasks.wait(50)
        app.processEvents()

    def visit(session) -> None:
        window = session.window
        switches = []
        for round_ in range(2):
            for i in range(len(window.pages)):
                began = time.perf_counter()
                window.show_page(i)
                window.grab()
                took = time.perf_counter() - began
                settle(session)
                if round_:
                    switches.append(took)
        say("switch", statistics.median(switches))
        say("switch_max", max(switches))
        say("peak_mb", peak_mb())
        window.close()

    def on_session(session) -> None:
        session.window.resize(1400, 900)
        QTimer.singleShot(0, lambda: visit(session))

    _hook_session(on_session)
    return main_module.main(argv=sys.argv[:1], db_path=db)


def welcome(db: str, years: str) -> int:
    """The welcome dialog's path: WelcomeDialog.start_demo() as a task, until data_created."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.main import build_context
    from app.settings import Settings
    from app.views.dialogs.welcome import WelcomeDialog
    from db.connection import open_database

    app = QApplication(sys.argv[:1])
    ctx = build_context(open_database(Path(db)), Path(db), Settings(), "zh_CN")
    dialog = WelcomeDialog(ctx, demo_years=int(years))
    dialog.show()
    loop = QEventLoop()
    done = []
    dialog.data_created.connect(lambda _kind: (done.append(time.perf_counter()), loop.quit()))
    QTimer.singleShot(600_000, loop.quit)
    began = time.perf_counter()
    dialog.start_demo()
    loop.exec()
    if done:
        say("seconds", done[0] - began)
    ctx.tasks.wait()
    dialog.close()
    ctx.store.close()
    del app
    return 0 if done else 1


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    sys.exit(
        {"start": start, "bare": bare, "dashboard": dashboard, "pages": pages, "welcome": welcome}[kind](
            *args
        )
    )
