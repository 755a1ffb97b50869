"""How long the Paiements page takes to list every tranche of 50,000 cases, beside the
command line's computation of the same tranches, in the same run.

Usage::

    python benchmarks/bench_payments_page.py [--db PATH] [--today 2026-11-29] [--repeat 5]

Without ``--db``, ``/tmp/movdesk-bench-50k.sqlite`` is used when it exists, else a demo
database is built (minutes). Nothing is written to the database. Figures (wall clock,
best of ``--repeat`` runs, ``--cli-repeat`` for the command line):

* **page**: the Paiements page, offscreen, from ``refresh()`` until every tranche is
  listed: the signed cases, their documents held and invoicing records read (in the
  worker), each tranche's status, the forecast, the totals, the invoices, the table
  model and the tables under it filled;
* **services**: :func:`load_payment_book` and the lists it gives, without Qt;
* **one case again**: what a tick in a checklist costs the page afterwards
  (:meth:`PaymentBook.reload_cases` for one case, the filters applied again);
* **command line**: ``movdesk payments --format json`` through :func:`movdesk.cli.main`.

The page's tranches must be the command line's, status and amount. Target: the page
under 1 s. Speed is measured here, never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
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
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 29))
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli-repeat", type=int, default=3)
    args = parser.parse_args(argv)
    db = prepare(args.db, args.cases, args.today)

    from movdesk.services.payments import TrancheFilter, filter_lines, load_payment_book
    from movdesk.ui.payments.page import PaymentsPage

    context = page_context(db, args.today)
    desk = context.desk

    def make() -> PaymentsPage:
        return PaymentsPage(context)

    t_page = best_page(args.repeat, make, lambda p: p.book_shown)

    def services() -> object:
        book = load_payment_book(desk)
        book.lines(), book.ready_by_month(), book.forecast_by_month(), book.invoices()
        return book

    t_services, book = best_of(args.repeat, services)
    one = book.lines()[len(book.lines()) // 2].case.id

    def again() -> None:
        book.reload_cases(desk, [one])
        filter_lines(book, TrancheFilter())

    t_again, _ = best_of(args.repeat, again)

    cli = ["--db", str(db), "payments", "--today", args.today.isoformat(), "--format", "json"]
    t_cli, out = best_of(args.cli_repeat, lambda: quiet_cli(cli))
    expected = [(t["order_number"], t["tranche"], t["status"], t["amount_cents"])
                for t in json.loads(out)["tranches"]]  # fmt: skip
    shown = [(line.case.order_number, line.state.tranche.value, line.state.status.value,
              line.state.amount_cents) for line in book.lines()]  # fmt: skip
    same = shown == expected

    count, cents = book.ready_total()
    print(f"database: {db}, signed cases: {sum(1 for _ in book.cases())}, "
          f"tranches: {len(shown)}, ready to invoice: {count}")
    print(f"page (offscreen, refresh to every tranche listed): {t_page} "
          f"(target < {TARGET_SECONDS:.0f} s)")
    print(f"load average (1, 5, 15 min): {load_average()}")
    print(f"services (book, totals, forecast, invoices): {t_services:.3f} s")
    print(f"one case worked out again after an action: {t_again * 1000:.1f} ms")
    print(f"command line payments --format json: {t_cli:.3f} s")
    print(f"the page's tranches are the command line's: {same}")
    ok = same and float(t_page.split()[0]) < TARGET_SECONDS
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
