"""How fast the planning help proposes for a referent's 40 active cases, against sqlite3.

Usage::

    python benchmarks/bench_proposals.py [--db PATH] [--today 2026-11-27] [--repeat 5]

The demo's referents hold some 1,500 active cases each, where an office's hold about
forty: on a copy of the 50,000-case demo, forty active cases whose 14-day limit is to
come are given to a new referent (the other 49,960 cases stay, so every table has
its real size). Figures, each the best of ``--repeat`` runs, in milliseconds of CPU
time:

* **proposals**: :func:`~movdesk.services.planning.propose_for_referent` — the
  referent's cases, their interviews with times, suspensions, company periods and exits,
  the agenda to come and the working week read, then the proposer;
* **proposer alone**: :func:`~movdesk.rules.proposer.propose` on what was read;
* **baseline**: plain ``sqlite3`` reading the same rows (the cases, their interviews,
  periods and exits, the referent's appointments to come).

Target: the proposals under 200 ms. Speed is measured here, never asserted in the tests.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from _agenda_bench import best, measured_copy, parser, verdict

from movdesk.config import resolve_database
from movdesk.rules.proposer import propose
from movdesk.services.planning import HORIZON_DAYS, propose_for_referent, read_planning
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

CASES = 40
TARGET_MS = 200.0
NAME = "Référente du banc d'essai"

_PICK = """
SELECT c.id FROM mov_case c
WHERE c.status = 'active' AND coalesce(c.renewal_new_end_date, c.end_date) > :today
  AND NOT EXISTS (SELECT 1 FROM case_exit e WHERE e.case_id = c.id)
  AND (SELECT max(i.date) FROM interview i WHERE i.case_id = c.id AND i.status = 'attended'
       AND i.date <= :today) >= :recent
ORDER BY c.id LIMIT :count
"""
_READS = (
    "SELECT c.* FROM mov_case c WHERE c.referent_id = :rid AND c.status = 'active'",
    "SELECT i.case_id, i.date, i.time, i.minutes, i.kind, i.status FROM interview i "
    "JOIN mov_case c ON c.id = i.case_id WHERE c.referent_id = :rid AND c.status = 'active'",
    "SELECT s.case_id, s.start_date, s.end_date FROM suspension s "
    "JOIN mov_case c ON c.id = s.case_id WHERE c.referent_id = :rid AND c.status = 'active'",
    "SELECT p.case_id, p.start_date, p.end_date FROM company_period p "
    "JOIN mov_case c ON c.id = p.case_id WHERE c.referent_id = :rid AND c.status = 'active'",
    "SELECT e.* FROM case_exit e "
    "JOIN mov_case c ON c.id = e.case_id WHERE c.referent_id = :rid AND c.status = 'active'",
    "SELECT i.date, i.time, i.minutes FROM interview i JOIN mov_case c ON c.id = i.case_id "
    "WHERE c.referent_id = :rid AND i.date BETWEEN :today AND :horizon "
    "AND i.time IS NOT NULL AND i.status IN ('planned', 'attended')",
)


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    today = args.today
    with tempfile.TemporaryDirectory(prefix="movdesk-bench-") as scratch:
        path = measured_copy(args, Path(scratch))
        with contextlib.closing(sqlite3.connect(path)) as connection, connection:
            connection.execute("INSERT INTO referent (full_name, active) VALUES (?, 1)", (NAME,))
            referent = connection.execute(
                "SELECT id FROM referent WHERE full_name = ?", (NAME,)
            ).fetchone()[0]
            recent = (today - timedelta(days=10)).isoformat()
            ids = [
                row[0]
                for row in connection.execute(
                    _PICK, {"today": today.isoformat(), "recent": recent, "count": CASES}
                )
            ]
            connection.executemany(
                "UPDATE mov_case SET referent_id = ? WHERE id = ?", [(referent, i) for i in ids]
            )
        engine = open_database(resolve_database(str(path)), daily_backup=False)
        factory = make_session_factory(engine)
        params = {
            "rid": referent,
            "today": today.isoformat(),
            "horizon": (today + timedelta(days=HORIZON_DAYS)).isoformat(),
        }

        def baseline() -> int:
            with contextlib.closing(sqlite3.connect(path)) as plain:
                return sum(len(plain.execute(sql, params).fetchall()) for sql in _READS)

        given = read_planning(factory, referent, today)

        def proposer_alone() -> int:
            plan = propose(
                given.cases,
                today=today,
                hours=given.hours,
                busy=given.busy,
                alsace_moselle=given.alsace_moselle,
            )
            return len(plan.proposals)

        base_ms, rows = best(args.repeat, baseline)
        ours_ms, plan = best(args.repeat, lambda: propose_for_referent(factory, referent, today))
        alone_ms, _ = best(args.repeat, proposer_alone)
        engine.dispose()
        print(f"{len(ids)} dossiers actifs au référent ; {rows} lignes lues par la référence")
        print(f"Propositions : {len(plan.proposals)} ; sans proposition : {len(plan.skipped)}")
        print(
            f"Propositions (lecture + calcul)    : {ours_ms:7.1f} ms  "
            f"(objectif {TARGET_MS:.0f} ms : {verdict(ours_ms, TARGET_MS)})"
        )
        print(f"Calcul seul (règles)               : {alone_ms:7.1f} ms")
        print(
            f"Référence sqlite3, mêmes lignes    : {base_ms:7.1f} ms  "
            f"soit {ours_ms / base_ms:4.1f} × pour les propositions"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
