"""How fast the case list answers while someone types, on 50,000 cases, against a floor.

Usage::

    python benchmarks/bench_case_list.py [--db PATH] [--cases 50000] [--today 2026-11-27]

Without ``--db``, ``/tmp/movdesk-bench-50k.sqlite`` is used when it exists, else a demo
database is built in a temporary folder with ``fill_demo`` (minutes for 50,000 cases).
A copy is measured, so the given file is never changed.

Figures, each the best of ``--repeat`` runs, in milliseconds:

* **refresh_stale**: the first pass that computes every case's summary (start-up);
* **keystroke**: for each prefix of each typed word (« d », « du », « dur »…), the ids of
  every matching case sorted by next deadline (:func:`case_ids`) plus the display rows
  of the first 200 (:func:`rows_for`) — what the list does after each pause in typing;
* **baseline**: the same ``LIKE`` search with plain ``sqlite3`` on the same tables
  (ids only, no sort, no rows): the floor of any implementation.

Target: under 50 ms per keystroke. Speed is measured here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from movdesk.config import resolve_database
from movdesk.models import Case
from movdesk.services.case_list import CaseListQuery, case_ids, rows_for
from movdesk.services.summary import refresh_stale
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

SHARED_DATABASE = Path("/tmp/movdesk-bench-50k.sqlite")
TYPED = ("dur", "mar", "hél", "lef", "1234", "lc-2026-0", "petit")
FIRST_PAGE = 200
TARGET_MS = 50.0

_BASELINE_SQL = """
SELECT c.id FROM mov_case c
JOIN beneficiary b ON b.id = c.beneficiary_id
LEFT JOIN case_summary s ON s.case_id = c.id
WHERE s.last_name_key LIKE :p OR s.first_name_key LIKE :p OR b.pe_id LIKE :p
   OR c.order_number LIKE :inside
"""


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="demo database (filled first when empty)")
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 27))
    parser.add_argument("--repeat", type=int, default=5)
    return parser.parse_args(argv)


def _best(fn: Callable[[], object], repeat: int) -> float:
    """The best of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def _source(args: argparse.Namespace, folder: Path) -> Path:
    """The database to copy: --db, the shared 50k file, or a new demo database."""
    if args.db is not None:
        source = args.db
    elif SHARED_DATABASE.exists():
        source = SHARED_DATABASE
    else:
        source = folder / "demo.sqlite"
    engine = open_database(resolve_database(str(source)))
    try:
        with engine.connect() as connection:
            held = connection.scalar(select(func.count()).select_from(Case)) or 0
        if not held:
            from movdesk.demo import fill_demo

            print(f"Remplissage de {source} avec {args.cases} dossiers…", flush=True)
            fill_demo(make_session_factory(engine), cases=args.cases, seed=2026, today=args.today)
    finally:
        engine.dispose()
    return source


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = _source(args, folder)
        copy = folder / "measured.sqlite"
        # The summaries are written into a copy: the shared file stays as it was.
        shutil.copyfile(source, copy)
        engine = open_database(resolve_database(str(copy)))
        factory = make_session_factory(engine)
        with factory() as session:
            total = session.scalar(select(func.count()).select_from(Case)) or 0
        print(f"Base : {source} ({total} dossiers), au {args.today.isoformat()}")

        started = time.perf_counter()
        refreshed = refresh_stale(factory, args.today)
        seconds = time.perf_counter() - started
        print(f"refresh_stale (tous les résumés) : {refreshed} dossiers en {seconds:.1f} s")

        plain = sqlite3.connect(copy)
        worst = 0.0
        print(f"{'frappe':<12}{'trouvés':>8}{'liste ms':>10}{'base ms':>9}{'ratio':>7}")
        with factory() as session:
            for word in TYPED:
                for end in range(1, len(word) + 1):
                    typed = word[:end]
                    query = CaseListQuery(text=typed)

                    def keystroke(query: CaseListQuery = query) -> int:
                        ids = case_ids(session, query, args.today)
                        rows_for(session, ids[:FIRST_PAGE], args.today)
                        return len(ids)

                    def floor(typed: str = typed) -> int:
                        params = {"p": f"{typed}%", "inside": f"%{typed}%"}
                        return len(plain.execute(_BASELINE_SQL, params).fetchall())

                    found = keystroke()
                    ours = _best(keystroke, args.repeat)
                    base = _best(floor, args.repeat)
                    worst = max(worst, ours)
                    print(f"{typed:<12}{found:>8}{ours:>10.1f}{base:>9.1f}{ours / base:>7.1f}")
            empty = _best(lambda: case_ids(session, CaseListQuery(), args.today), args.repeat)
        plain.close()
        engine.dispose()
        print(f"Liste complète sans recherche (tri par échéance) : {empty:.1f} ms")
        verdict = "atteint" if worst < TARGET_MS else "MANQUÉ"
        print(f"Pire frappe : {worst:.1f} ms (objectif {TARGET_MS:.0f} ms : {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
