"""What the reporting pages' benchmarks share: the database to measure, a page read to
the end offscreen, the command line run quietly, and the best of several runs.

Not a benchmark itself (``bench_indicators_page.py`` and ``bench_payments_page.py``).
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

#: The 50,000-case database the benchmarks share when it exists.
SHARED_DB = Path("/tmp/movdesk-bench-50k.sqlite")
#: The "first painted page" target of the issue, in seconds.
TARGET_SECONDS = 1.0


def prepare(db: Path | None, cases: int, today: date) -> Path:
    """The database to measure: the one given, the shared one, or a new demo database."""
    work = Path(tempfile.mkdtemp(prefix="movdesk-bench-"))
    # Keep the program's own files (daily backups) out of the user's data folder.
    os.environ["MOVDESK_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    path = db or (SHARED_DB if SHARED_DB.exists() else work / "demo.sqlite")
    if case_count(path) == 0:
        from movdesk.config import resolve_database
        from movdesk.demo import fill_demo
        from movdesk.store.engine import make_session_factory
        from movdesk.store.migrate import open_database

        print(f"Filling {path} with {cases} demo cases (minutes)…", flush=True)
        engine = open_database(resolve_database(str(path)))
        try:
            fill_demo(make_session_factory(engine), cases=cases, seed=2026, today=today)
        finally:
            engine.dispose()
    return path


def case_count(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM mov_case").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0
    finally:
        connection.close()


def best_page(repeat: int, make: Callable[[], Any], signal_of: Callable[[Any], Any]) -> str:
    """The page timed ``repeat`` times: best wall clock and best CPU time, as text."""
    runs = [time_page(make, signal_of) for _ in range(repeat)]
    wall = min(w for w, _c in runs)
    cpu = min(c for _w, c in runs)
    return f"{wall:.3f} s (CPU {cpu:.3f} s; wall of each run: " + ", ".join(
        f"{w:.2f}" for w, _c in runs
    ) + ")"


def load_average() -> str:
    """The machine's load while measuring (a shared machine slows every figure)."""
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest wall-clock time of ``repeat`` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def quiet_cli(args: list[str]) -> bytes:
    """Run ``movdesk ARGS`` in this process; returns what it wrote on stdout."""
    from movdesk.cli import main

    buffer = io.BytesIO()
    wrapper = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    with contextlib.redirect_stdout(wrapper):
        code = main(args)
    wrapper.flush()
    if code != 0:
        raise SystemExit(f"movdesk {' '.join(args)} failed with exit code {code}")
    return buffer.getvalue()


def page_context(db: Path, today: date) -> Any:
    """A page context on ``db`` whose desk's today is ``today``."""
    # The pages package first: it imports every page, each page imports its base.
    import movdesk.ui.pages  # noqa: F401
    from movdesk.config import resolve_database
    from movdesk.services.context import Desk
    from movdesk.store.engine import make_session_factory
    from movdesk.store.migrate import open_database
    from movdesk.ui.pages.base import PageContext

    location = resolve_database(str(db))
    factory = make_session_factory(open_database(location, daily_backup=False))
    return PageContext(factory, location, False, Desk(factory, clock=lambda: today))


def time_page(make: Callable[[], Any], signal_of: Callable[[Any], Any]) -> tuple[float, float]:
    """From ``refresh()`` to the page's signal saying its data is on screen: wall-clock
    and CPU seconds (the process's, worker thread included: steadier on a busy machine)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    page = make()
    page.resize(1440, 900)
    page.show()
    app.processEvents()
    loop = QEventLoop()
    signal_of(page).connect(lambda *_: loop.quit())
    QTimer.singleShot(120_000, loop.quit)
    start, cpu = time.perf_counter(), time.process_time()
    page.refresh()
    loop.exec()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    app.processEvents()
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed, cpu
