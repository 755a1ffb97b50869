"""Read-only figures for the first window: the office, and what the database holds.

These functions open their own short session and return plain frozen dataclasses, so
the window never keeps ORM objects (or a session) alive between two refreshes and the
figures can be tested without Qt.

:func:`read_deadline_overview` is the scheduler's job (échéancier): the open deadlines
that are overdue, due today or within the week, read with the fast case-facts loader
(rows, never entities, for every case that may have one). It runs off the UI thread,
so it takes ``progress`` and ``cancel`` like every long function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ..models import Case, CaseStatus, OfficeSettings, Referent
from ..rules.deadlines import case_deadlines
from .case_facts import load_facts, may_have_open_deadlines

#: ``progress(done, total)`` and ``cancel() -> bool``, as the worker passes them.
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

#: The deadline statuses the dashboard lists: what needs doing this week.
URGENT_STATUSES = ("overdue", "today", "soon")


@dataclass(frozen=True)
class OfficeSummary:
    """The office settings as shown to users (paramètres du bureau)."""

    name: str
    address: str | None
    siret: str | None
    market_number: str | None
    price_per_case_cents: int
    alsace_moselle: bool
    configured: bool


#: What an office looks like before the first-run assistant has saved anything.
UNCONFIGURED_OFFICE = OfficeSummary(
    name="",
    address=None,
    siret=None,
    market_number=None,
    price_per_case_cents=0,
    alsace_moselle=False,
    configured=False,
)


@dataclass(frozen=True)
class DashboardFigures:
    """What the dashboard (tableau de bord) shows."""

    office: OfficeSummary
    #: Number of cases for every recorded status, in lifecycle order, zeros included.
    cases_by_status: tuple[tuple[CaseStatus, int], ...]
    referent_count: int
    active_referent_count: int

    @property
    def total_cases(self) -> int:
        return sum(count for _status, count in self.cases_by_status)


def _office(session: Session) -> OfficeSummary:
    row = session.get(OfficeSettings, 1)
    if row is None:
        return UNCONFIGURED_OFFICE
    return OfficeSummary(
        name=row.name.strip(),
        address=row.address,
        siret=row.siret,
        market_number=row.market_number,
        price_per_case_cents=row.price_per_case_cents,
        alsace_moselle=row.alsace_moselle,
        configured=row.configured,
    )


def read_office(factory: sessionmaker[Session]) -> OfficeSummary:
    """The office settings, or :data:`UNCONFIGURED_OFFICE` when none are saved yet."""
    with factory() as session:
        return _office(session)


def count_cases(factory: sessionmaker[Session]) -> int:
    """How many cases the database holds (the demo fills only an empty database)."""
    with factory() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def read_dashboard(factory: sessionmaker[Session]) -> DashboardFigures:
    """The office and the counts of cases by recorded status and of referents."""
    with factory() as session:
        counted = dict(
            session.execute(select(Case.status, func.count()).group_by(Case.status)).all()
        )
        referents = session.scalar(select(func.count()).select_from(Referent)) or 0
        active = (
            session.scalar(
                select(func.count()).select_from(Referent).where(Referent.active.is_(True))
            )
            or 0
        )
        return DashboardFigures(
            office=_office(session),
            cases_by_status=tuple((status, counted.get(status, 0)) for status in CaseStatus),
            referent_count=referents,
            active_referent_count=active,
        )


@dataclass(frozen=True)
class DeadlineItem:
    """One open deadline of one case, as the dashboard lists it."""

    case_id: int
    order_number: str
    beneficiary: str
    referent: str
    kind: str
    due: date
    practical_due: date
    #: ``overdue``, ``today`` or ``soon`` (within 7 days).
    status: str
    label: str


@dataclass(frozen=True)
class DeadlineOverview:
    """The deadlines that need doing this week, soonest first, as of ``today``."""

    today: date
    items: tuple[DeadlineItem, ...]

    def count(self, *statuses: str) -> int:
        return sum(1 for item in self.items if item.status in statuses)

    @property
    def overdue(self) -> int:
        return self.count("overdue")

    @property
    def this_week(self) -> int:
        """Due today or within the next seven days."""
        return self.count("today", "soon")


class Cancelled(Exception):
    """The user (or the window closing) stopped the work; nothing is returned."""


def read_deadline_overview(
    factory: sessionmaker[Session],
    today: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DeadlineOverview:
    """The overdue, today's and this week's open deadlines of every case, soonest first.

    Raises :class:`Cancelled` when ``cancel()`` turns true between two cases.
    """
    with factory() as session:
        settings = session.get(OfficeSettings, 1)
        alsace_moselle = bool(settings and settings.alsace_moselle)
        facts = load_facts(session, may_have_open_deadlines(today), deadlines_on=today)
    total = len(facts)
    items: list[DeadlineItem] = []
    for done, (case_id, case) in enumerate(facts.items(), start=1):
        if done % 1000 == 0:
            if cancel is not None and cancel():
                raise Cancelled
            if progress is not None:
                progress(done, total)
        for deadline in case_deadlines(case, today, alsace_moselle=alsace_moselle):
            if deadline.status in URGENT_STATUSES:
                items.append(
                    DeadlineItem(
                        case_id=case_id,
                        order_number=deadline.order_number,
                        beneficiary=case.beneficiary.display_name,
                        referent=case.referent.full_name,
                        kind=deadline.kind,
                        due=deadline.due,
                        practical_due=deadline.practical_due,
                        status=deadline.status,
                        label=deadline.label,
                    )
                )
    if progress is not None:
        progress(total, total)
    items.sort(key=lambda item: (item.due, item.order_number))
    return DeadlineOverview(today, tuple(items))
