"""How fast the case list answers while someone types, on 50,000 cases, against a floor.

Usage::

    python benchmarks/bench_case_list.py [--db PATH] [--cases 50000] [--today 2026-11-27]

Without ``--db``, ``/tmp/movdesk-bench-50k.sqlite`` is used when it exists, else a demo
database is built in a temporary folder with ``fill_demo`` (minutes for 50,000 cases).
A copy is measured, so the given file is never changed.

Figures, each the best of ``--repeat`` runs, in milliseconds of CPU time (the process's,
steadier than the wall clock on a shared machine):

* **refresh_stale**: the first pass that computes every case's summary (start-up; wall
  clock, run once);
* **keystroke** (« frappe »): for the empty search and each prefix of each typed word
  (« d », « du », « dur »…), what the list reads after each pause in typing
  (:func:`first_page`): how many cases match (:func:`case_count`, skipped when they fit
  in one page) and the first page, :data:`PAGE_SIZE` ids sorted by next deadline with
  their display rows (:func:`case_page`);
* **whole list** (« liste entière »): the ids of every matching case, sorted
  (:func:`case_ids`), plus the display rows of the first page — what the list read
  before it read by pages, and still reads to show a case further down than the rows
  listed;
* **baseline**: the same ``LIKE`` search with plain ``sqlite3`` on the same tables
  (ids only, no sort, no rows): the floor of reading every match. The ratio is keystroke
  / baseline;
* **next page**: what scrolling to the end of the rows listed reads (:func:`case_page`
  after the first page), for the empty search and the broadest one;
* **by sort column**: count and first page of the empty search for each column the list
  can be sorted on, beside the whole list.

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
from functools import partial
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.config import resolve_database
from movdesk.models import Case
from movdesk.services.case_list import (
    PAGE_SIZE,
    CaseListQuery,
    SortKey,
    case_ids,
    case_page,
    first_page,
    rows_for,
)
from movdesk.services.summary import refresh_stale
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

SHARED_DATABASE = Path("/tmp/movdesk-bench-50k.sqlite")
TYPED = ("dur", "mar", "hél", "lef", "1234", "lc-2026-0", "petit")
#: The broadest search: nearly every order number holds « lc-2 ».
BROADEST = "lc-2"
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
    """The best of ``repeat`` runs, in milliseconds of CPU time."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    return min(times)


def _keystroke(session: Session, query: CaseListQuery, today: date) -> int:
    """What the list reads after a keystroke: the count, the first page and its rows."""
    count, _page = first_page(session, query, today)
    return count


def _whole(session: Session, query: CaseListQuery, today: date) -> int:
    """What the list read before it read by pages: every id, sorted, and the first rows."""
    ids = case_ids(session, query, today)
    rows_for(session, ids[:PAGE_SIZE], today)
    return len(ids)


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
        today, repeat = args.today, args.repeat
        worst = 0.0
        print(
            f"{'frappe':<12}{'trouvés':>8}{'frappe ms':>11}{'entière ms':>12}"
            f"{'base ms':>9}{'ratio':>7}"
        )
        with factory() as session:
            typed_texts = [""] + [word[:end] for word in TYPED for end in range(1, len(word) + 1)]
            for typed in typed_texts:
                query = CaseListQuery(text=typed)

                def floor(typed: str = typed) -> int:
                    params = {"p": f"{typed}%", "inside": f"%{typed}%"}
                    return len(plain.execute(_BASELINE_SQL, params).fetchall())

                found = _keystroke(session, query, today)
                if found != _whole(session, query, today):
                    raise SystemExit(f"« {typed} » : le compte diffère de la liste entière")
                ours = _best(partial(_keystroke, session, query, today), repeat)
                before = _best(partial(_whole, session, query, today), repeat)
                base = _best(floor, repeat)
                worst = max(worst, ours)
                print(
                    f"{typed or '(vide)':<12}{found:>8}{ours:>11.1f}{before:>12.1f}"
                    f"{base:>9.1f}{ours / base:>7.1f}"
                )

            print("Page suivante (la vue défile jusqu'au bas des lignes lues) :")
            for typed in ("", BROADEST):
                query = CaseListQuery(text=typed)
                after = case_page(session, query, today).next
                scrolled = _best(partial(case_page, session, query, today, after=after), repeat)
                print(f"  {typed or '(vide)':<10}{scrolled:>8.1f} ms")

            print(f"{'tri (sans recherche)':<22}{'frappe ms':>11}{'entière ms':>12}")
            for key in SortKey:
                query = CaseListQuery(sort=key)
                ours = _best(partial(_keystroke, session, query, today), repeat)
                before = _best(partial(_whole, session, query, today), repeat)
                print(f"{key.value:<22}{ours:>11.1f}{before:>12.1f}")
        plain.close()
        engine.dispose()
        verdict = "atteint" if worst < TARGET_MS else "MANQUÉ"
        print(f"Pire frappe : {worst:.1f} ms (objectif {TARGET_MS:.0f} ms : {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
