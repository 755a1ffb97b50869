"""``movdesk deadlines``: the open deadlines of every case, soonest first (EXCHANGE.md).

The cases are read in one query, their relationships fetched by ``selectinload`` and
every other one forbidden (``raiseload``), so no lazy load slips into the loop. The SQL
leaves out only the cases that cannot have an open deadline whatever their details:
a refusal already notified, a no-show whose S + 7 has passed (see
:mod:`movdesk.rules.deadlines`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, not_, or_, select
from sqlalchemy.orm import Session, raiseload, selectinload

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import Case, CaseStatus, OfficeSettings, Referent
from ..reports.csv_export import EXCEL, write_csv
from ..rules.calendar import french_date
from ..rules.deadlines import Deadline, all_deadlines
from ..store.engine import make_session_factory
from ..store.migrate import open_database

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


def may_have_open_deadlines(today: date) -> ColumnElement[bool]:
    """SQL: the cases for which the rules can still find an open deadline."""
    notified_refusal = and_(
        Case.status == CaseStatus.REFUSED, Case.refusal_notice_date.is_not(None)
    )
    past_no_show = and_(
        Case.status == CaseStatus.NO_SHOW, Case.start_date < today - timedelta(days=7)
    )
    return not_(or_(notified_refusal, past_no_show))


def load_cases(session: Session, today: date, referent: str | None = None) -> Sequence[Case]:
    """The cases that may have open deadlines, with what the rules read, in one query."""
    query = (
        select(Case)
        .where(may_have_open_deadlines(today))
        .options(
            selectinload(Case.interviews),
            selectinload(Case.suspensions),
            selectinload(Case.company_periods),
            selectinload(Case.exit),
            selectinload(Case.referent),
            selectinload(Case.beneficiary),
            raiseload("*"),
        )
    )
    if referent is not None:
        referent_id = session.scalar(select(Referent.id).where(Referent.full_name == referent))
        if referent_id is None:
            known = session.scalars(select(Referent.full_name).order_by(Referent.full_name))
            names = ", ".join(f"« {n} »" for n in known) or "aucun"
            raise UserError(f"Référent inconnu : « {referent} ». Référents enregistrés : {names}.")
        query = query.where(Case.referent_id == referent_id)
    return session.scalars(query).all()


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
    engine = open_database(location)
    try:
        with make_session_factory(engine)() as session:
            settings = session.get(OfficeSettings, 1)
            alsace_moselle = bool(settings and settings.alsace_moselle)
            cases = load_cases(session, today, args.referent)
            deadlines = all_deadlines(cases, today, alsace_moselle=alsace_moselle)
            by_number = {case.order_number: case for case in cases}
            rows = _rows(deadlines, by_number) if args.format != "json" else []
    finally:
        engine.dispose()
    if args.format == "json":
        sys.stdout.write(render_json(deadlines))
    elif args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(write_csv(COLUMNS, rows, EXCEL))
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(render_table(rows, today))
    return 0
