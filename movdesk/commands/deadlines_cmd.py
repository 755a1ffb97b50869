"""``movdesk deadlines``: the open deadlines of every case, soonest first (EXCHANGE.md).

Speed (**decision**): the office list must come in well under a second at 10,000
active cases. Building ORM entities for every interview costs about ten times reading
the same rows, so the command reads only the columns the rules need, with one Core
statement per table (cases, interviews, suspensions, company periods, exits), and hands
the rules light :class:`CaseFacts` objects with the entities' attribute names; the
rules accept either (``movdesk.rules`` reads attributes only).

The SQL leaves out only the cases that cannot have an open deadline whatever their
details: a refusal already notified, a no-show whose S + 7 has passed (see
:mod:`movdesk.rules.deadlines`). ``benchmarks/bench_deadlines.py`` measures it all.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    func,
    not_,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import (
    INTERRUPTION_REASONS,
    Beneficiary,
    Case,
    CaseStatus,
    CompanyPeriod,
    Exit,
    ExitReason,
    Interview,
    OfficeSettings,
    Referent,
    Suspension,
)
from ..reports.csv_export import EXCEL, write_csv
from ..rules.calendar import add_months, french_date
from ..rules.deadlines import Deadline, all_deadlines
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

#: The case columns the deadline rules read, by the entity's attribute names.
_CASE_COLUMNS = (
    Case.order_number, Case.start_date, Case.end_date, Case.renewal_new_end_date,
    Case.status, Case.contracting_date, Case.contracting_result, Case.contract_sent_date,
    Case.refusal_notice_date, Case.phase2_start, Case.offers_subscription_date,
    Case.online_profile_date, Case.renewal_envisaged, Case.renewal_decision_date,
    Case.intermediate_sent_date, Case.final_sent_date,
)  # fmt: skip
_EXIT_COLUMNS = (
    Exit.date, Exit.reason, Exit.notice_sent_date, Exit.employment_contract,
    Exit.employment_start, Exit.employment_end, Exit.employment_full_time,
    Exit.employment_hours_per_month, Exit.training_hours_total, Exit.training_hours_per_week,
    Exit.training_qualifying, Exit.training_afpr, Exit.business_auto_entrepreneur,
    Exit.retained_at_3_months,
)  # fmt: skip


@dataclass(slots=True)
class Person:
    """The referent or the beneficiary, as far as the deadlines list shows them."""

    full_name: str = ""
    display_name: str = ""


@dataclass(slots=True)
class CaseFacts:
    """What the deadline rules read of a case, with :class:`Case`'s attribute names."""

    order_number: str
    start_date: date
    end_date: date
    renewal_new_end_date: date | None
    status: CaseStatus
    contracting_date: date | None
    contracting_result: Any
    contract_sent_date: date | None
    refusal_notice_date: date | None
    phase2_start: date | None
    offers_subscription_date: date | None
    online_profile_date: date | None
    renewal_envisaged: bool
    renewal_decision_date: date | None
    intermediate_sent_date: date | None
    final_sent_date: date | None
    referent: Person = field(default_factory=Person)
    beneficiary: Person = field(default_factory=Person)
    interviews: list[Any] = field(default_factory=list)
    suspensions: list[Any] = field(default_factory=list)
    company_periods: list[Any] = field(default_factory=list)
    exit: Any = None


def _finished_exit(today: date) -> ColumnElement[bool]:
    """SQL: an exit after which nothing can be open, whatever the rules find positive.

    Interruption notified; intermediate report sent, or the exit came before S + 59 days
    (so before S + 2 months, whatever the months); no follow-up window left (J before
    today − 4 months, so J + 3 months is past) and retention recorded unless it is a
    training (never checked).
    """
    placements = (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS)
    return (
        select(Exit.id)
        .where(
            Exit.case_id == Case.id,
            or_(
                Case.intermediate_sent_date.is_not(None),
                func.julianday(Exit.date) < func.julianday(Case.start_date) + 59,
            ),
            or_(Exit.reason.not_in(INTERRUPTION_REASONS), Exit.notice_sent_date.is_not(None)),
            or_(
                Exit.reason.not_in(placements),
                and_(
                    Exit.date < add_months(today, -4),
                    or_(
                        Exit.reason == ExitReason.TRAINING,
                        Exit.retained_at_3_months.is_not(None),
                    ),
                ),
            ),
        )
        .exists()
    )


def may_have_open_deadlines(today: date) -> ColumnElement[bool]:
    """SQL: the cases for which the rules can still find an open deadline.

    Left out: a refusal already notified, a no-show whose S + 7 has passed, and a case
    ended by an exit with every deliverable sent and nothing left after the exit.
    """
    notified_refusal = and_(
        Case.status == CaseStatus.REFUSED, Case.refusal_notice_date.is_not(None)
    )
    past_no_show = and_(
        Case.status == CaseStatus.NO_SHOW, Case.start_date < today - timedelta(days=7)
    )
    done = and_(
        Case.contract_sent_date.is_not(None),
        Case.final_sent_date.is_not(None),
        _finished_exit(today),
    )
    return not_(or_(notified_refusal, past_no_show, done))


def _referent_id(session: Session, name: str) -> int:
    found = session.scalar(select(Referent.id).where(Referent.full_name == name))
    if found is None:
        known = session.scalars(select(Referent.full_name).order_by(Referent.full_name))
        names = ", ".join(f"« {n} »" for n in known) or "aucun"
        raise UserError(f"Référent inconnu : « {name} ». Référents enregistrés : {names}.")
    return found


def _stored_text(column: Any) -> Any:
    """An enum column read as its stored code: the rules compare by value, and turning
    some 100,000 interview codes into enum members would cost more than reading them."""
    return type_coerce(column, String).label(column.key)


def _attach(connection: Connection, query: Select[Any], lists: dict[int, list[Any]]) -> None:
    """Append each row of ``query`` (``case_id`` first) to its case's list."""
    for row in connection.execute(query):
        lists[row[0]].append(row)


def load_cases(session: Session, today: date, referent: str | None = None) -> list[CaseFacts]:
    """The cases that may have open deadlines, with what the rules read.

    Core statements on the session's connection: rows, not entities (module notes).
    """
    wanted = may_have_open_deadlines(today)
    if referent is not None:
        wanted = and_(wanted, Case.referent_id == _referent_id(session, referent))
    query = (
        select(Case.id, Referent.full_name, Beneficiary.last_name, Beneficiary.first_name,
               *_CASE_COLUMNS)
        .join(Referent, Case.referent_id == Referent.id)
        .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
        .where(wanted)
    )  # fmt: skip
    connection = session.connection()
    referents: dict[str, Person] = {}
    kept: dict[int, CaseFacts] = {}
    for case_id, referent_name, last, first, *columns in connection.execute(query):
        facts = CaseFacts(*columns)
        facts.referent = referents.setdefault(referent_name, Person(full_name=referent_name))
        facts.beneficiary = Person(display_name=f"{last.upper()} {first}")
        kept[case_id] = facts
    ids = select(Case.id).where(wanted).scalar_subquery()
    interviews = select(
        Interview.case_id,
        Interview.date,
        Interview.minutes,
        _stored_text(Interview.kind),
        _stored_text(Interview.status),
    ).where(Interview.case_id.in_(ids))
    _attach(connection, interviews, {i: f.interviews for i, f in kept.items()})
    for entity, attribute in ((Suspension, "suspensions"), (CompanyPeriod, "company_periods")):
        periods = select(entity.case_id, entity.start_date, entity.end_date).where(
            entity.case_id.in_(ids)
        )
        _attach(connection, periods, {i: getattr(f, attribute) for i, f in kept.items()})
    exits = select(Exit.case_id, *_EXIT_COLUMNS).where(Exit.case_id.in_(ids))
    for row in connection.execute(exits):
        kept[row[0]].exit = row
    return list(kept.values())


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
