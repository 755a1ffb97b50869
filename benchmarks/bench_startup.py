"""How long movdesk takes from start to its first painted window, against a bare window.

Usage::

    python benchmarks/bench_startup.py [--db PATH] [--cases 50000] [--repeat 3]

Each run is a fresh Python process (``QT_QPA_PLATFORM=offscreen``, a fresh data folder
so no saved page or geometry plays a part). The parent notes the wall-clock time just
before starting it; the child shows its window, lets the event loop paint it
(``processEvents``, then a zero timer) and prints the wall-clock time: the difference is
start to first painted window, interpreter start-up and imports included.

* **bare**: ``QApplication`` + an empty ``QMainWindow``: the floor of any Qt program;
* **movdesk, first window**: the start screen of :func:`movdesk.app.run_gui`, painted
  before the database layers are imported;
* **movdesk, window ready**: then :func:`movdesk.app.open_main_window` on the database
  and ``show()``: the main window painted, usable (the deadline pass follows in a worker).

``--db`` defaults to ``/tmp/movdesk-bench-50k.sqlite``, built with ``fill_demo``
(``--cases`` cases, seed 2026) when missing, which takes a few minutes.

Targets: the main window under 2 s; the first window within 2× the bare window of the
same run (the main window's own ratio is printed too). The best of
``--repeat`` runs counts (the first run also warms the disk cache). Speed is measured
here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0
TARGET_RATIO = 2.0
DEFAULT_DB = Path("/tmp/movdesk-bench-50k.sqlite")

_BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
window.show()
app.processEvents()
def painted():
    print(f"PAINTED {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
"""

_MOVDESK = """
import sys, time
from PySide6.QtCore import QTimer
from movdesk.app import open_main_window, prepare_application, show_start_screen
from movdesk.config import resolve_database
app = prepare_application()
start_screen = show_start_screen(app)
print(f"START {time.time():.6f}", flush=True)
window, engine = open_main_window(resolve_database(sys.argv[1]))
window.show()
start_screen.close()
app.processEvents()
def painted():
    print(f"PAINTED {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, painted)
app.exec()
window.close()
engine.dispose()
"""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="database to open")
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args(argv)


def _ensure_filled(path: Path, cases: int) -> None:
    if path.exists():
        return
    from movdesk.config import resolve_database
    from movdesk.demo import fill_demo
    from movdesk.store.engine import make_session_factory
    from movdesk.store.migrate import open_database

    print(f"Construction de {path} ({cases} dossiers de démonstration)…", flush=True)
    partial = path.with_name(path.name + ".part")
    engine = open_database(resolve_database(str(partial)), daily_backup=False)
    try:
        fill_demo(make_session_factory(engine), cases=cases, seed=2026)
    finally:
        engine.dispose()
    partial.replace(path)


def _run(code: str, *args: str, mark: str = "PAINTED") -> float:
    """Seconds from process start to the child's ``mark`` line (a window painted)."""
    with tempfile.TemporaryDirectory() as data:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOVDESK_DATA_DIR=data)
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", code, *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    for line in out.stdout.splitlines():
        if line.startswith(f"{mark} "):
            return float(line.split()[1]) - started
    raise SystemExit(f"the child process did not paint:\n{out.stdout}\n{out.stderr}")


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    _ensure_filled(args.db, args.cases)
    # One untimed movdesk start: migrations, the day's backup and the disk cache are
    # first-start costs of the day, not of every start.
    _run(_MOVDESK, str(args.db))
    bare = min(_run(_BARE) for _ in range(args.repeat))
    first = min(_run(_MOVDESK, str(args.db), mark="START") for _ in range(args.repeat))
    movdesk = min(_run(_MOVDESK, str(args.db)) for _ in range(args.repeat))
    ratio = first / bare
    print(f"base                  : {args.db}")
    print(f"bare                  : {bare:.3f} s (fenêtre PySide6 vide)")
    print(f"movdesk, 1re fenêtre  : {first:.3f} s (écran de démarrage peint)")
    print(f"movdesk, fenêtre prête: {movdesk:.3f} s (fenêtre principale peinte, "
          f"objectif < {TARGET_SECONDS:.1f} s)")
    print(f"rapport 1re fenêtre   : {ratio:.2f}× (objectif ≤ {TARGET_RATIO:.1f}×)")
    print(f"rapport fenêtre prête : {movdesk / bare:.2f}×")
    ok = movdesk < TARGET_SECONDS and ratio <= TARGET_RATIO
    print("objectifs  : " + ("atteints" if ok else "NON atteints"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
