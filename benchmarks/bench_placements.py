"""How fast the placements page answers on 50,000 cases, beside plain ``sqlite3``.

Usage::

    python benchmarks/bench_placements.py [--db PATH] [--cases 50000] [--today 2026-11-29]

Without ``--db``, ``/tmp/movdesk-bench-50k.sqlite`` is used when it exists, else a demo
database is built in a temporary folder with ``fill_demo`` (minutes for 50,000 cases).
A copy is measured (the schema is brought to the program's version in it), so the given
file is never changed.

Figures, each the best of ``--repeat`` runs, in milliseconds of CPU time:

* **premières lignes** (first rows): what the page reads when it opens and after each
  change of a filter or of the sort (:func:`first_rows`): the totals of every matching
  placement and the first :data:`PAGE_SIZE` rows with what they show (verdict reasons
  and follow-up windows worked out by the rules for those rows);
* **sqlite3**: the same two SQL statements (page and totals, compiled with their
  values) run by plain ``sqlite3`` and fetched as tuples: the floor, without the
  objects and the rules' words. The ratio is first rows / sqlite3;
* **page suivante** (next page): a page far down, as scrolling reads it;
* the call list of the week (from the stored schedules, once they are up to date) and
  the Annuaire's lists.

Target: first rows under 100 ms for each filter change. Speed is measured here, never
asserted in the tests.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from page_timing import load_average, prepare
from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite as sqlite_dialect

from movdesk.config import resolve_database
from movdesk.models import Case, Referent
from movdesk.rules.calendar import add_months
from movdesk.rules.placements import PlacementKind, PlacementState
from movdesk.services.call_list import week_call_list
from movdesk.services.directory import EntryKind, list_entries, search_entries
from movdesk.services.placements import (
    PlacementQuery,
    PlacementSort,
    first_rows,
    page_statement,
    placement_page,
    totals_statement,
)
from movdesk.services.schedule import bring_up_to_date
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

TARGET_MS = 100.0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="demo database (filled first when empty)")
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
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


def _sql(statement: Any) -> str:
    compiled = statement.compile(
        dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


def _queries(month: tuple[date, date], referent: int) -> list[tuple[str, PlacementQuery]]:
    found: list[tuple[str, PlacementQuery]] = [("(aucun filtre)", PlacementQuery())]
    found += [(f"type {k.value}", PlacementQuery(kinds=frozenset({k}))) for k in PlacementKind]
    found += [(f"état {s.value}", PlacementQuery(states=frozenset({s}))) for s in PlacementState]
    found += [
        ("un référent", PlacementQuery(referent_id=referent)),
        ("un mois", PlacementQuery(start_from=month[0], start_to=month[1])),
        ("référent + mois + emploi",
         PlacementQuery(referent_id=referent, start_from=month[0], start_to=month[1],
                        kinds=frozenset({PlacementKind.EMPLOYMENT}))),
    ]  # fmt: skip
    found += [(f"tri {s.value}", PlacementQuery(sort=s)) for s in PlacementSort]
    return found


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = prepare(args.db, args.cases, args.today)
        copy = folder / "measured.sqlite"
        shutil.copyfile(source, copy)
        engine = open_database(resolve_database(str(copy)), daily_backup=False)
        factory = make_session_factory(engine)
        today, repeat = args.today, args.repeat
        with factory() as session:
            total = session.scalar(select(func.count()).select_from(Case)) or 0
            referent = session.scalar(select(func.min(Referent.id))) or 1
        print(f"Base : {source} ({total} dossiers), au {today.isoformat()}, "
              f"charge de la machine {load_average()}")
        plain = sqlite3.connect(copy)
        # The month before today's, whole.
        last_month = add_months(today.replace(day=1), -1)
        month = (last_month, today.replace(day=1) - timedelta(days=1))
        worst = 0.0
        print(f"{'requête':<28}{'lignes':>8}{'premières ms':>14}{'sqlite3 ms':>12}{'ratio':>7}")
        with factory() as session:
            for name, query in _queries(month, referent):
                view = first_rows(session, query, today)
                page_sql = _sql(page_statement(query, today))
                totals_sql = _sql(totals_statement(query, today))

                def floor(page_sql: str = page_sql, totals_sql: str = totals_sql) -> None:
                    plain.execute(totals_sql).fetchall()
                    plain.execute(page_sql).fetchall()

                ours = _best(lambda q=query: first_rows(session, q, today), repeat)
                base = _best(floor, repeat)
                worst = max(worst, ours)
                print(
                    f"{name:<28}{view.totals.count:>8}{ours:>14.1f}{base:>12.1f}"
                    f"{ours / base:>7.1f}"
                )
            far = max(view.totals.count - 400, 0)
            scrolled = _best(
                lambda: placement_page(session, PlacementQuery(), today, offset=far), repeat
            )
            print(f"Page suivante (à {far} lignes du début) : {scrolled:.1f} ms")

        started = time.perf_counter()
        bring_up_to_date(factory, today)
        print(f"Échéanciers à jour (une fois) : {time.perf_counter() - started:.1f} s")
        calls = _best(lambda: week_call_list(factory, today), repeat)
        count = week_call_list(factory, today).count
        print(f"Suivis de la semaine : {count} appels, {calls:.1f} ms")
        with factory() as session:
            for kind in EntryKind:
                listed = _best(lambda k=kind: list_entries(session, k), repeat)
                rows = list_entries(session, kind)
                typed = _best(lambda r=rows: search_entries(r, "lille"), repeat)
                print(f"Annuaire {kind.value} : {len(rows)} entrées, liste {listed:.1f} ms, "
                      f"recherche {typed:.2f} ms")  # fmt: skip
        plain.close()
        engine.dispose()
        verdict = "atteint" if worst < TARGET_MS else "MANQUÉ"
        print(f"Pires premières lignes : {worst:.1f} ms (objectif {TARGET_MS:.0f} ms : {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
