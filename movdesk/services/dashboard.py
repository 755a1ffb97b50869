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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ..models import (
    Case,
    CaseStatus,
    Interview,
    InterviewKind,
    InterviewStatus,
    OfficeSettings,
    Referent,
)
from ..rules.timeline import CLOCK_KINDS, WEEKLY_MIN_MINUTES
from .batches import Cancel, Progress
from .schedule import DeadlineItem, open_deadlines

#: The deadline statuses that need doing this week (the status bar's count).
URGENT_STATUSES = ("overdue", "today", "soon")
#: A case whose 14-day limit falls within this many days is listed first.
RUPTURE_DAYS = 3
#: Deadline kinds an interview closes: the next planned one is said beside them.
INTERVIEW_KINDS = ("next_interview", "weekly_interview", "follow_up_interview")


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
class PlannedInterview:
    """An interview planned, as the scheduler mentions it."""

    day: date
    start: time | None
    kind: str
    minutes: int

    def text(self) -> str:
        """« rendez-vous prévu le 13/05/2026 à 10:00 »."""
        when = self.day.strftime("%d/%m/%Y")
        return f"rendez-vous prévu le {when}" + (f" à {self.start:%H:%M}" if self.start else "")


@dataclass(frozen=True)
class DeadlineOverview:
    """The open deadlines of every case, soonest first, as of ``today``."""

    today: date
    items: tuple[DeadlineItem, ...]
    #: The planned interviews to come of each case, soonest first: the scheduler says
    #: beside a deadline the one that will close it (:func:`planned_for`).
    planned: Mapping[int, tuple[PlannedInterview, ...]] = field(default_factory=dict)

    def count(self, *statuses: str) -> int:
        return sum(1 for item in self.items if item.status in statuses)

    @property
    def overdue(self) -> int:
        return self.count("overdue")

    @property
    def this_week(self) -> int:
        """Due today or within the next seven days."""
        return self.count("today", "soon")


def next_planned(
    factory: sessionmaker[Session], today: date
) -> dict[int, tuple[PlannedInterview, ...]]:
    """The planned interviews of each case from ``today`` on, soonest first."""
    query = (
        select(
            Interview.case_id, Interview.date, Interview.time, Interview.kind, Interview.minutes
        )
        .where(Interview.status == InterviewStatus.PLANNED, Interview.date >= today)
        .order_by(Interview.date, Interview.time)
    )
    found: dict[int, list[PlannedInterview]] = {}
    with factory() as session:
        for case_id, day, at, kind, minutes in session.execute(query):
            found.setdefault(case_id, []).append(
                PlannedInterview(day, at, InterviewKind(kind).value, minutes)
            )
    return {case_id: tuple(items) for case_id, items in found.items()}


def planned_for(
    item: DeadlineItem, planned: Mapping[int, tuple[PlannedInterview, ...]]
) -> PlannedInterview | None:
    """The planned interview that will close ``item`` if it is held, if there is one.

    The weekly interview is closed by an individual interview of 30 minutes or more;
    the 14-day limit by any interview that keeps its clock; a follow-up window by a
    follow-up interview, each no later than the deadline.
    """
    if item.kind not in INTERVIEW_KINDS:
        return None
    for interview in planned.get(item.case_id, ()):
        if interview.day > item.due:
            break
        if item.kind == "weekly_interview":
            fits = interview.kind == InterviewKind.INDIVIDUAL and (
                interview.minutes >= WEEKLY_MIN_MINUTES
            )
        elif item.kind == "next_interview":
            fits = interview.kind in CLOCK_KINDS
        else:
            fits = interview.kind == InterviewKind.FOLLOW_UP
        if fits:
            return interview
    return None


def read_deadline_overview(
    factory: sessionmaker[Session],
    today: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> DeadlineOverview:
    """Every open deadline of every case, soonest first, with the interviews planned.

    Raises :class:`Cancelled` when ``cancel()`` turns true between two batches of cases
    whose schedule is worked out.
    """
    items = tuple(open_deadlines(factory, today, progress=progress, cancel=cancel))
    return DeadlineOverview(today, items, next_planned(factory, today))


# --- The scheduler's groups ---------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineGroup:
    """One group of the scheduler: its key, its French title and its deadlines."""

    key: str
    title: str
    items: tuple[DeadlineItem, ...]


#: The groups, top to bottom: the 14-day ruptures to come first, then by urgency.
GROUPS = (
    ("rupture", "Rupture des 14 jours dans 3 jours au plus"),
    ("overdue", "En retard"),
    ("today", "Aujourd'hui"),
    ("soon", "Cette semaine"),
    ("later", "Plus tard"),
)


def is_rupture(item: DeadlineItem, today: date) -> bool:
    """The case breaks the 14-day rule within :data:`RUPTURE_DAYS` days (not yet broken)."""
    return item.kind == "next_interview" and today <= item.due <= today + timedelta(
        days=RUPTURE_DAYS
    )


def group_deadlines(
    items: Iterable[DeadlineItem], today: date, *, referent: str | None = None
) -> tuple[DeadlineGroup, ...]:
    """The deadlines (of one referent, by full name) in the scheduler's groups.

    Each deadline is in one group only: a rupture to come is listed on top rather than
    under its day. Within a group, the order given (soonest first) is kept.
    """
    found: dict[str, list[DeadlineItem]] = {key: [] for key, _title in GROUPS}
    for item in items:
        if referent is not None and item.referent != referent:
            continue
        found["rupture" if is_rupture(item, today) else item.status].append(item)
    return tuple(DeadlineGroup(key, title, tuple(found[key])) for key, title in GROUPS)
