"""One line per case, to list the cases behind a figure (indicators, compliance).

A figure's drill-down knows case ids; :func:`case_lines` reads what a coordinator needs
to recognise each case (order number, beneficiary, referent, dates, status, exit) in
one query, whatever the number of ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Beneficiary, Case, CaseStatus, Exit, ExitReason, Referent
from .case_facts import id_source
from .context import Desk


@dataclass(frozen=True)
class CaseLine:
    """What identifies a case in a list."""

    case_id: int
    order_number: str
    beneficiary: str
    referent: str
    start_date: date
    end_date: date
    status: CaseStatus
    exit_date: date | None
    exit_reason: ExitReason | None


def read_case_lines(session: Session, ids: Iterable[int]) -> dict[int, CaseLine]:
    """The lines of the cases ``ids`` (those that still exist), by case id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    connection = session.connection()
    source = id_source(connection, wanted, Case.id.in_(wanted))
    query = (
        select(
            Case.id, Case.order_number, Beneficiary.last_name, Beneficiary.first_name,
            Referent.full_name, Case.start_date, Case.end_date, Case.renewal_new_end_date,
            Case.status, Exit.date, Exit.reason,
        )
        .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
        .join(Referent, Case.referent_id == Referent.id)
        .outerjoin(Exit, Exit.case_id == Case.id)
        .where(Case.id.in_(source))
    )  # fmt: skip
    lines = {}
    for row in session.execute(query):
        case_id, number, last, first, referent, start, end, renewed, status, left, why = row
        lines[case_id] = CaseLine(
            case_id, number, f"{last.upper()} {first}", referent, start, renewed or end,
            status, left, why,
        )  # fmt: skip
    return lines


def case_lines(desk: Desk, ids: Iterable[int]) -> dict[int, CaseLine]:
    """:func:`read_case_lines` in a short session of its own."""
    return desk.read(lambda session: read_case_lines(session, ids))
