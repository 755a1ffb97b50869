"""``movdesk deadlines``: the open deadlines of every case, soonest first (EXCHANGE.md).

Speed (**decision**): the office list must come in well under a second at 10,000
active cases. The facts are read as light rows by :mod:`movdesk.services.case_facts`
(shared with the case list's summary), and only for the cases that may still have an
open deadline (:func:`may_have_open_deadlines`). ``benchmarks/bench_deadlines.py``
measures it all.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import Case, OfficeSettings, Referent
from ..reports.csv_export import EXCEL, write_csv
from ..rules.calendar import french_date
from ..rules.deadlines import Deadline, all_deadlines
from ..services.case_facts import CaseFacts, load_facts, may_have_open_deadlines
from ._common import sessions, write_output

STATUS_LABELS = {
    "overdue": "En retard",
    "today": "Aujourd'hui",
    "soon": "Sous 7 jours",
    "later": "À venir",
}

COLUMNS = (
    "Échéance",
    "Date pratique",
    "Statut",
    "Dossier",
    "Bénéficiaire",
    "Référent",
    "Action",
)

def _referent_id(session: Session, name: str) -> int:
    found = session.scalar(select(Referent.id).where(Referent.full_name == name))
    if found is None:
        known = session.scalars(select(Referent.full_name).order_by(Referent.full_name))
        names = ", ".join(f"« {n} »" for n in known) or "aucun"
        raise UserError(f"Référent inconnu : « {name} ». Référents enregistrés : {names}.")
    return found



def load_cases(session: Session, today: date, referent: str | None = None) -> list[CaseFacts]:
    """The cases that may have open deadlines (of one referent), with what the rules read."""
    wanted = may_have_open_deadlines(today)
    if referent is not None:
        wanted = and_(wanted, Case.referent_id == _referent_id(session, referent))
    return list(load_facts(session, wanted, deadlines_on=today).values())


def _rows(deadlines: list[Deadline], cases: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = []
    for d in deadlines:
        case = cases[d.order_number]
        rows.append(
            (
                d.due,
                d.practical_due,
                STATUS_LABELS[d.status],
                d.order_number,
                case.beneficiary.display_name,
                case.referent.full_name,
                d.label,
            )
        )
    return rows


def render_table(rows: list[tuple[Any, ...]], today: date) -> str:
    """An aligned text table, in French, with the date it speaks of."""
    title = f"Échéances ouvertes au {french_date(today)}"
    if not rows:
        return f"{title} : aucune.\n"
    cells = [[french_date(v) if isinstance(v, date) else str(v) for v in row] for row in rows]
    widths = [max(len(c[i]) for c in [list(COLUMNS), *cells]) for i in range(len(COLUMNS))]
    lines = [f"{title} : {len(rows)}", ""]
    for row in [list(COLUMNS), ["-" * w for w in widths], *cells]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def render_json(deadlines: list[Deadline]) -> str:
    """The JSON array of EXCHANGE.md, in the order given (due, then order number)."""
    items = [
        {
            "order_number": d.order_number,
            "kind": d.kind,
            "due": d.due.isoformat(),
            "status": d.status,
            "label": d.label,
        }
        for d in deadlines
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Print the open deadlines as a table, JSON or CSV (Excel, French locale)."""
    today: date = args.today or date.today()
    with sessions(location) as factory, factory() as session:
        settings = session.get(OfficeSettings, 1)
        alsace_moselle = bool(settings and settings.alsace_moselle)
        cases = load_cases(session, today, args.referent)
        deadlines = all_deadlines(cases, today, alsace_moselle=alsace_moselle)
        by_number = {case.order_number: case for case in cases}
        rows = _rows(deadlines, by_number) if args.format != "json" else []
    if args.format == "json":
        sys.stdout.write(render_json(deadlines))
    elif args.format == "csv":
        write_output(write_csv(COLUMNS, rows, EXCEL), None)
    else:
        sys.stdout.write(render_table(rows, today))
    return 0
