"""How long the Indicateurs page takes to show a month on 50,000 cases, beside the
command line's computation of the same figures, in the same run.

Usage::

    python benchmarks/bench_indicators_page.py [--db PATH] [--month 2026-10] [--today 2026-11-29]

Without ``--db``, ``/tmp/movdesk-bench-50k.sqlite`` is used when it exists, else a demo
database is built (minutes). Nothing is written to the database. Each figure is the
best of ``--repeat`` runs (wall clock):

* **page**: the Indicateurs page, offscreen, from ``refresh()`` until the month is on
  screen: every case read (in the worker), the month's table by cohort, the twelve
  months of rates, the cohorts' progress, the table model and both charts filled;
* **services**: the same reads and counts without Qt (:func:`load_indicator_data`, then
  :meth:`IndicatorData.report`);
* **month change**: another month picked on the page (counted again from what was read);
* **command line**: ``movdesk export monthly --month M`` through :func:`movdesk.cli.main`
  (open the database, read, count, write the CSV).

The page's table must equal the command line's CSV cell for cell. Target: the page under
1 s. Speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from datetime import date
from pathlib import Path

from page_timing import (
    TARGET_SECONDS,
    best_of,
    best_page,
    load_average,
    page_context,
    prepare,
    quiet_cli,
    time_page,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 29))
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    db = prepare(args.db, args.cases, args.today)

    from movdesk.rules.indicators import CUMUL
    from movdesk.services.indicators import load_indicator_data, previous_month
    from movdesk.ui.indicators.page import IndicatorsPage

    assert previous_month(args.today) == args.month, "the page opens on the month before today"
    context = page_context(db, args.today)
    desk = context.desk

    def make() -> IndicatorsPage:
        return IndicatorsPage(context)

    t_page = best_page(args.repeat, make, lambda p: p.indicators.report_shown)
    page = make()
    time_page(lambda: page, lambda p: p.indicators.report_shown)
    model = page.indicators.model
    cells = [[model.index(r, c).data() for c in range(model.columnCount())]
             for r in range(model.rowCount())]  # fmt: skip

    t_services, report = best_of(args.repeat, lambda: load_indicator_data(desk).report(args.month))
    data = load_indicator_data(desk)
    other = "2026-06" if args.month != "2026-06" else "2026-05"
    t_change, _ = best_of(args.repeat, lambda: data.report(other))

    out = Path(tempfile.mkdtemp()) / "cli.csv"
    cli = ["--db", str(db), "export", "monthly", "--month", args.month, "--out", str(out)]
    quiet_cli(cli)  # first run: file cache
    t_cli, _ = best_of(args.repeat, lambda: quiet_cli(cli))
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    shown_rows = [[c.replace("\u202f", "").replace("%", "").replace("Cumul", CUMUL) for c in row]
                  for row in cells]  # fmt: skip
    same = shown_rows == rows[1:]
    if not same:
        print("first difference:", next((a, b) for a, b in zip(shown_rows, rows[1:], strict=False)
                                        if a != b))  # fmt: skip

    print(f"database: {db}, month: {args.month}, cohorts: {len(report.rows) - 1}, "
          f"entered (cumul): {report.cumul.entres}")
    print(f"page (offscreen, refresh to month shown): {t_page} "
          f"(target < {TARGET_SECONDS:.0f} s)")
    print(f"load average (1, 5, 15 min): {load_average()}")
    print(f"services (read + table + 12 months): {t_services:.3f} s")
    print(f"month change on the page's data: {t_change:.3f} s")
    print(f"command line export monthly: {t_cli:.3f} s")
    print(f"page table equals the command line's CSV: {same}")
    ok = same and float(t_page.split()[0]) < TARGET_SECONDS
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
