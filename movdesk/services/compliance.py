"""The Conformité view: per referent and month, what an audit by France Travail checks.

Counts the events of :func:`movdesk.rules.compliance.compliance_events` of every case
that can have one in the month, by referent, with a line for the whole office; each
count keeps its events so that it drills down to the cases. Exported as CSV (the table,
or one line per event) in the dialects of every movdesk CSV.

Decision: an event belongs to the referent who held the case on the event's date (the
referent history), or to the current referent when the history does not cover that
day; so a case handed over mid-month counts for each referent for their own weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..models import Case, ContractingResult, Exit, Referent, ReferentAssignment
from ..reports.csv_export import Cell, CsvDialect, write_csv
from ..rules.compliance import ComplianceEvent, ComplianceKind, compliance_events
from ..rules.indicators import month_bounds
from .bulk import collector_paused
from .case_facts import load_facts
from .context import Desk
from .exports import write_file
from .indicators import checked_month

#: The columns of the view, in order.
KINDS: tuple[ComplianceKind, ...] = tuple(ComplianceKind)
#: The line of the whole office.
OFFICE = "Tout le bureau"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CaseEvent:
    """One event of one case, with who held the case that day."""

    case_id: int
    order_number: str
    referent_id: int
    event: ComplianceEvent


@dataclass(frozen=True)
class ComplianceRow:
    """One referent (or the whole office, ``referent_id`` None) and their counts."""

    referent_id: int | None
    referent: str
    counts: dict[ComplianceKind, int]

    def count(self, kind: ComplianceKind) -> int:
        return self.counts.get(kind, 0)

    @property
    def weekly_rate(self) -> float | None:
        """Share of the due weeks that held their interview, in percent (None: no week)."""
        due = self.count(ComplianceKind.WEEK_DUE)
        return None if due == 0 else 100 * self.count(ComplianceKind.WEEK_HELD) / due


@dataclass(frozen=True)
class ComplianceReport:
    """The month's counts per referent, then the office; the events behind each."""

    month: str
    today: date
    rows: tuple[ComplianceRow, ...]
    events: tuple[CaseEvent, ...] = field(repr=False)

    def events_of(self, referent_id: int | None, kind: ComplianceKind) -> list[CaseEvent]:
        """The events one count counts (``referent_id`` None: the whole office)."""
        return [
            e for e in self.events
            if e.event.kind is kind and (referent_id is None or e.referent_id == referent_id)
        ]  # fmt: skip


def _wanted(first: date, last: date) -> object:
    """SQL: the cases that can have an event dated in [first, last] (a wide net)."""
    end = func.coalesce(Exit.date, Case.renewal_new_end_date, Case.end_date)
    ended_late_enough = (
        select(Case.id)
        .outerjoin(Exit, Exit.case_id == Case.id)
        .where(end >= first - timedelta(days=7))
    )
    return and_(
        Case.start_date <= last,
        Case.contracting_result.in_([ContractingResult.SIGNED, ContractingResult.REFUSED]),
        or_(Case.id.in_(ended_late_enough), Case.contracting_date >= first - timedelta(days=2)),
    )


@dataclass
class _Holders:
    """Who held each case when: the referent history and the current referent."""

    current: dict[int, int]
    history: dict[int, list[tuple[date, date | None, int]]]

    def on(self, case_id: int, day: date) -> int:
        for start, end, referent_id in self.history.get(case_id, ()):
            if start <= day and (end is None or day < end):
                return referent_id
        return self.current[case_id]


def _holders(session: Session, ids: list[int]) -> _Holders:
    current = dict(session.execute(select(Case.id, Case.referent_id).where(Case.id.in_(ids))).all())
    history: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
    rows = session.execute(
        select(ReferentAssignment.case_id, ReferentAssignment.start_date,
               ReferentAssignment.end_date, ReferentAssignment.referent_id)
        .where(ReferentAssignment.case_id.in_(ids))
        .order_by(ReferentAssignment.case_id, ReferentAssignment.start_date)
    )  # fmt: skip
    for case_id, start, end, referent_id in rows:
        history[case_id].append((start, end, referent_id))
    return _Holders(current, history)


def compliance_report(session: Session, month: str, today: date) -> ComplianceReport:
    """The Conformité view of ``month`` as of ``today`` (see the module notes)."""
    first, last = month_bounds(month)
    facts = load_facts(session, _wanted(first, last))  # type: ignore[arg-type]
    holders = _holders(session, list(facts))
    events = [
        CaseEvent(case_id, case.order_number, holders.on(case_id, event.day), event)
        for case_id, case in facts.items()
        for event in compliance_events(case, first, last, today)
    ]
    names = dict(session.execute(select(Referent.id, Referent.full_name)).all())
    counts: dict[int, dict[ComplianceKind, int]] = defaultdict(lambda: defaultdict(int))
    office: dict[ComplianceKind, int] = defaultdict(int)
    for item in events:
        counts[item.referent_id][item.event.kind] += 1
        office[item.event.kind] += 1
    # Every active referent has a line, even one with nothing counted.
    active = session.scalars(select(Referent.id).where(Referent.active.is_(True)))
    for referent_id in active:
        counts.setdefault(referent_id, defaultdict(int))
    rows = [
        ComplianceRow(referent_id, names.get(referent_id, "?"), dict(kinds))
        for referent_id, kinds in counts.items()
    ]
    rows.sort(key=lambda row: row.referent.casefold())
    rows.append(ComplianceRow(None, OFFICE, dict(office)))
    events.sort(key=lambda e: (e.event.day, e.order_number, e.event.kind))
    return ComplianceReport(month, today, tuple(rows), tuple(events))


def read_compliance(desk: Desk, month: str) -> ComplianceReport:
    """:func:`compliance_report` of ``month`` as of the desk's today."""
    checked_month(month)
    with collector_paused():
        return desk.read(lambda session: compliance_report(session, month, desk.today()))


# --- CSV -------------------------------------------------------------------------------------

#: Columns of the table CSV.
TABLE_COLUMNS = ("mois", "referent", *(kind.value for kind in KINDS), "taux_semaines_tenues")
#: Columns of the per-event CSV.
DETAIL_COLUMNS = ("mois", "referent", "numero_commande", "indicateur", "date", "detail")


def compliance_csv(report: ComplianceReport, dialect: CsvDialect) -> bytes:
    """One line per referent, then the office: every count of the view."""
    from decimal import Decimal

    rows: list[tuple[Cell, ...]] = []
    for row in report.rows:
        rate = row.weekly_rate
        rows.append((
            report.month, row.referent, *(row.count(kind) for kind in KINDS),
            None if rate is None else Decimal(f"{rate:.1f}"),
        ))  # fmt: skip
    return write_csv(TABLE_COLUMNS, rows, dialect)


def compliance_detail_csv(report: ComplianceReport, dialect: CsvDialect) -> bytes:
    """One line per event, with the case and who held it."""
    names = {row.referent_id: row.referent for row in report.rows}
    rows: list[tuple[Cell, ...]] = [
        (report.month, names.get(item.referent_id, "?"), item.order_number,
         item.event.kind.label, item.event.day, item.event.detail)
        for item in report.events
    ]  # fmt: skip
    return write_csv(DETAIL_COLUMNS, rows, dialect)


def export_compliance(
    desk: Desk,
    path: str,
    month: str,
    dialect: CsvDialect,
    *,
    detail: bool = False,
    progress: Progress | None = None,
) -> None:
    """Write the Conformité CSV of ``month`` (the table, or one line per event)."""
    if progress is not None:
        progress(0, 2)
    report = read_compliance(desk, month)
    if progress is not None:
        progress(1, 2)
    render = compliance_detail_csv if detail else compliance_csv
    write_file(path, render(report, dialect))
    if progress is not None:
        progress(2, 2)
