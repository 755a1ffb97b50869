"""How fast the dashboard's scheduler refreshes on 50,000 cases, against plain sqlite3.

Usage::

    python benchmarks/bench_dashboard.py [--db PATH] [--today 2026-11-27] [--repeat 5]

Figures, each the best of ``--repeat`` runs, in milliseconds of CPU time, once every
case's deadline schedule is stored (the deadline pass of the day has run; its first run
on a copy is printed, once):

* **refresh**: what a pass hands the dashboard and what the dashboard does with it —
  every open deadline read from the stored schedules with the planned interviews
  (:func:`~movdesk.services.dashboard.read_deadline_overview`), then grouped and shown
  in the scheduler widget (:meth:`~movdesk.ui.deadlines.SchedulerWidget.show_overview`:
  groups, counts, tree model, groups opened);
* **baseline**: plain ``sqlite3`` reading the same rows (the stored deadlines open
  today with their case, beneficiary and referent, and the planned interviews);
* **referent filter**: choosing one referent in the scheduler (the groups made again
  from the overview in memory).

Target: the refresh under 1 s. Speed is measured here, never asserted in the tests.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _agenda_bench import best, measured_copy, parser, verdict  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy.dialects import sqlite  # noqa: E402

from movdesk.config import resolve_database  # noqa: E402
from movdesk.services.context import Desk  # noqa: E402
from movdesk.services.dashboard import read_deadline_overview  # noqa: E402
from movdesk.services.schedule import bring_up_to_date, stored_statement  # noqa: E402
from movdesk.store.engine import make_session_factory  # noqa: E402
from movdesk.store.migrate import open_database  # noqa: E402
from movdesk.ui.deadlines import SchedulerWidget  # noqa: E402

TARGET_MS = 1000.0
_PLANNED_SQL = (
    "SELECT case_id, date, time, kind, minutes FROM interview "
    "WHERE status = 'planned' AND date >= ? ORDER BY date, time"
)


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    app = QApplication.instance() or QApplication([])
    today = args.today
    with tempfile.TemporaryDirectory(prefix="movdesk-bench-") as scratch:
        path = measured_copy(args, Path(scratch))
        engine = open_database(resolve_database(str(path)), daily_backup=False)
        factory = make_session_factory(engine)
        started = time.perf_counter()
        bring_up_to_date(factory, today)
        print(f"Premier passage des échéanciers (une fois) : {time.perf_counter() - started:.1f} s")
        statement = str(
            stored_statement(today).compile(
                dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
            )
        )

        def baseline() -> int:
            with contextlib.closing(sqlite3.connect(path)) as connection:
                rows = connection.execute(statement).fetchall()
                planned = connection.execute(_PLANNED_SQL, (today.isoformat(),)).fetchall()
                return len(rows) + len(planned)

        widget = SchedulerWidget(Desk(factory, clock=lambda: today))
        widget.resize(1200, 700)

        def refresh() -> int:
            overview = read_deadline_overview(factory, today)
            widget.show_overview(overview)
            return len(overview.items)

        def one_referent() -> int:
            combo = widget.referent_filter
            combo.setCurrentIndex(2 if combo.currentIndex() == 1 else 1)
            return combo.currentIndex()

        base_ms, rows = best(args.repeat, baseline)
        ours_ms, deadlines = best(args.repeat, refresh)
        filter_ms, _ = best(args.repeat, one_referent)
        widget.referent_filter.setCurrentIndex(0)
        engine.dispose()
        print(f"Échéances ouvertes : {deadlines} ; lignes lues par la référence : {rows}")
        print(
            f"Rafraîchissement de l'échéancier    : {ours_ms:7.1f} ms  "
            f"(objectif {TARGET_MS:.0f} ms : {verdict(ours_ms, TARGET_MS)})"
        )
        print(
            f"Référence sqlite3, mêmes lignes     : {base_ms:7.1f} ms  "
            f"soit {ours_ms / base_ms:4.1f} × pour le rafraîchissement"
        )
        print(f"Changement de référent (filtre)     : {filter_ms:7.1f} ms")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
