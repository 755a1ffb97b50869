"""What the agenda, dashboard and planning benchmarks share: the database measured and
the timer. Not a benchmark itself (its name starts with an underscore)."""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from movdesk.config import resolve_database
from movdesk.models import Case
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

#: The 50,000-case demo the other benchmarks build and share, when it exists.
SHARED_DATABASE = Path("/tmp/movdesk-bench-50k.sqlite")


def parser(description: str) -> argparse.ArgumentParser:
    found = argparse.ArgumentParser(description=description)
    found.add_argument("--db", type=Path, help="base de démonstration (remplie si vide)")
    found.add_argument("--cases", type=int, default=50_000)
    found.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 27))
    found.add_argument("--repeat", type=int, default=5)
    return found


def measured_copy(args: argparse.Namespace, folder: Path) -> Path:
    """A copy of --db (or of the shared 50k demo, or of a demo built now) to measure."""
    source = args.db or (SHARED_DATABASE if SHARED_DATABASE.exists() else folder / "demo.sqlite")
    engine = open_database(resolve_database(str(source)), daily_backup=False)
    try:
        with engine.connect() as connection:
            held = connection.scalar(select(func.count()).select_from(Case)) or 0
        if not held:
            from movdesk.demo import fill_demo

            print(f"Remplissage de {source} avec {args.cases} dossiers…", flush=True)
            fill_demo(make_session_factory(engine), cases=args.cases, seed=2026, today=args.today)
    finally:
        engine.dispose()
    copy = folder / "measured.sqlite"
    shutil.copyfile(source, copy)
    print(f"Base : {source} (copie mesurée), aujourd'hui {args.today.isoformat()}")
    return copy


def best(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The least CPU time of ``repeat`` runs in milliseconds, and the last result.

    CPU time of this process, not wall time: on a shared machine the wall clock mostly
    measures the neighbours; SQLite and Qt's painting run in this process, so the
    baselines count the same way.
    """
    fastest, result = float("inf"), None
    for _ in range(repeat):
        started = time.process_time()
        result = work()
        fastest = min(fastest, (time.process_time() - started) * 1000)
    return fastest, result


def verdict(ms: float, target_ms: float) -> str:
    return "atteint" if ms < target_ms else "MANQUÉ"
