"""How long the monthly indicator export takes on a large database, against a floor.

Usage::

    python benchmarks/bench_monthly.py [--db PATH] [--month 2026-06] [--cases 50000]

``--db PATH`` is used as it is when it holds cases; otherwise (or without it, in a
temporary folder) it is filled first with ``fill_demo`` (``--cases`` demo cases, seed
2026, today = the last day of ``--month``), which takes minutes for 50,000 cases.

Two timings, each the best of ``--repeat`` runs:

* **movdesk**: ``movdesk --db DB export monthly --month M --out FILE``, through
  :func:`movdesk.cli.main`, so opening the database, the query of the needed columns,
  the rules and the CSV writing all count;
* **baseline**: plain ``sqlite3`` reading the same columns in one joined query, the same
  rule functions (:func:`monthly_indicators`) over light row objects, and ``csv.writer``
  with the Excel dialect's settings: what the export costs without the ORM and the
  command's overhead.

Both files must be byte for byte the same. Targets: movdesk under 3 s, and within 5× the
baseline. Speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

TARGET_SECONDS = 3.0
TARGET_RATIO = 5.0

_EXIT_COLUMNS = (
    "date", "reason", "employment_contract", "employment_start", "employment_end",
    "employment_full_time", "employment_hours_per_month", "training_hours_total",
    "training_hours_per_week", "training_qualifying", "training_afpr",
    "business_auto_entrepreneur", "retained_at_3_months",
)  # fmt: skip
_DATE_COLUMNS = {"date", "employment_start", "employment_end"}
_BOOL_COLUMNS = {
    "employment_full_time", "training_qualifying", "training_afpr",
    "business_auto_entrepreneur", "retained_at_3_months",
}  # fmt: skip
_QUERY = (
    "SELECT c.order_number, c.start_date, c.end_date, c.renewal_new_end_date, "
    "c.renewal_decision_date, c.contracting_date, c.contracting_result, e.id, "
    + ", ".join(f"e.{name}" for name in _EXIT_COLUMNS)
    + " FROM mov_case c LEFT JOIN case_exit e ON e.case_id = c.id"
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def baseline(db: Path, month: str, out: Path) -> None:
    """Read with sqlite3, count with the same rules, write with the csv module."""
    from movdesk.rules.indicators import INDICATOR_COLUMNS, monthly_indicators

    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(_QUERY).fetchall()
    finally:
        connection.close()
    cases = []
    for row in rows:
        exit = None
        if row[7] is not None:
            values: dict[str, Any] = dict(zip(_EXIT_COLUMNS, row[8:], strict=True))
            for name in _DATE_COLUMNS:
                values[name] = _day(values[name])
            for name in _BOOL_COLUMNS:
                values[name] = _flag(values[name])
            exit = SimpleNamespace(**values)
        cases.append(
            SimpleNamespace(
                order_number=row[0], start_date=_day(row[1]), end_date=_day(row[2]),
                renewal_new_end_date=_day(row[3]), renewal_decision_date=_day(row[4]),
                contracting_date=_day(row[5]), contracting_result=row[6], exit=exit,
            )
        )  # fmt: skip

    def cell(value: Any) -> str:
        return "" if value is None else str(value).replace(".", ",")

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(INDICATOR_COLUMNS)
    for indicator in monthly_indicators(cases, month):
        writer.writerow([cell(v) for v in indicator.values()])
    out.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def movdesk_export(db: Path, month: str, out: Path) -> None:
    """The real command, as a user or a script runs it."""
    from movdesk.cli import main

    code = main(["--db", str(db), "export", "monthly", "--month", month, "--out", str(out)])
    if code != 0:
        raise SystemExit(f"movdesk export monthly failed with exit code {code}")


def best_of(repeat: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _case_count(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db)
    try:
        return connection.execute("SELECT count(*) FROM mov_case").fetchone()[0]
    except sqlite3.DatabaseError:
        return 0
    finally:
        connection.close()


def _fill(db: Path, cases: int, today: date) -> None:
    from movdesk.config import resolve_database
    from movdesk.demo import fill_demo
    from movdesk.store.engine import make_session_factory
    from movdesk.store.migrate import open_database

    print(f"Filling {db} with {cases} demo cases (this takes a while)…", flush=True)
    start = time.perf_counter()
    engine = open_database(resolve_database(str(db)))
    try:
        fill_demo(make_session_factory(engine), cases=cases, seed=2026, today=today)
    finally:
        engine.dispose()
    print(f"  filled in {time.perf_counter() - start:.1f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (built when absent)")
    parser.add_argument("--month", default="2026-06")
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="movdesk-bench-"))
    # Keep the program's own files (daily backups) out of the user's data folder.
    os.environ["MOVDESK_DATA_DIR"] = str(work / "data")
    db = args.db or work / "demo.sqlite"
    from movdesk.rules.indicators import month_bounds

    if _case_count(db) == 0:
        _fill(db, args.cases, month_bounds(args.month)[1])
    count = _case_count(db)
    ours, floor = work / "movdesk.csv", work / "baseline.csv"
    movdesk_export(db, args.month, ours)  # first run: daily backup, file cache
    t_movdesk = best_of(args.repeat, lambda: movdesk_export(db, args.month, ours))
    t_baseline = best_of(args.repeat, lambda: baseline(db, args.month, floor))
    same = ours.read_bytes() == floor.read_bytes()
    ratio = t_movdesk / t_baseline
    rows = ours.read_bytes().count(b"\n") - 1
    print(f"cases: {count}, month: {args.month}, CSV rows: {rows}")
    print(f"movdesk export monthly: {t_movdesk:.3f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"baseline sqlite3 + csv: {t_baseline:.3f} s")
    print(f"ratio: {ratio:.2f}x (target < {TARGET_RATIO:.0f}x); same bytes: {same}")
    ok = same and t_movdesk < TARGET_SECONDS and ratio < TARGET_RATIO
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
