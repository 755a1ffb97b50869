"""Read-only figures for the first window: the office, and what the database holds.

These functions open their own short session and return plain frozen dataclasses, so
the window never keeps ORM objects (or a session) alive between two refreshes and the
figures can be tested without Qt.

:func:`read_deadline_overview` is the scheduler's job (échéancier): the open deadlines
that are overdue, due today or within the week, read from the stored deadline
schedules (:mod:`.schedule`, which works out again those of the cases changed since).
It runs off the UI thread, so it takes ``progress`` and ``cancel`` like every long
function.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ..models import Case, CaseStatus, OfficeSettings, Referent
from .batches import Cancel, Progress
from .schedule import DeadlineItem, open_deadlines

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


def read_deadline_overview(
    factory: sessionmaker[Session],
    today: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DeadlineOverview:
    """The overdue, today's and this week's open deadlines of every case, soonest first.

    Raises :class:`Cancelled` when ``cancel()`` turns true between two batches of cases
    whose schedule is worked out.
    """
    items = open_deadlines(factory, today, progress=progress, cancel=cancel)
    urgent = tuple(item for item in items if item.status in URGENT_STATUSES)
    return DeadlineOverview(today, urgent)
