"""Monthly indicators (suivi de la performance), MOV-RULES.md section 7, as pure functions.

:func:`monthly_indicators` counts cases by monthly cohort (the month of S) and in a
``cumul`` row, as of the last day L of the report month M: an event dated after L
(contracting interview, exit, renewal decision, retention check at J + 3 months) is
ignored, as if the report had been drawn up on L. Cases read only by attribute
(``order_number``, ``start_date``, ``end_date``, ``renewal_new_end_date``,
``renewal_decision_date``, ``contracting_date``, ``contracting_result``, ``exit``), so
look-alike rows serve as well as :class:`~movdesk.models.Case`.

Decisions beyond the contract's text:

* "S + 7 passed" (``non_presentes``) means S + 7 < L: on S + 7 itself the interview
  can still take place;
* a contracting result recorded without a date counts (nothing dates it after L);
* the end date as of L is the renewed E when the renewal was decided on or before L
  (or its decision date is unknown), else the E of the order;
* ``maintien_emploi`` counts ``retained_at_3_months`` = yes for the exits already in
  ``maintien_mesures``: the check is dated J + 3 months, which is on or before L;
* rates are rounded half up to one decimal (45.45 → 45.5), from exact integers.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from ..models.enums import INTERRUPTION_REASONS, CaseStatus, ContractingResult, ExitReason
from .outcomes import classify_exit

#: The columns of the monthly CSV, in the contract's order.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "cohorte",
    "recus",
    "non_presentes",
    "entres",
    "refus",
    "abandons",
    "sortis",
    "en_cours",
    "reprises_emploi_en_cours",
    "taux_reprise_emploi",
    "sorties_positives",
    "taux_sorties_positives",
    "sorties_negatives",
    "taux_sorties_negatives",
    "maintien_mesures",
    "maintien_emploi",
    "taux_maintien_emploi",
)
CUMUL = "cumul"
_CONTRACTING_DAYS = 7
_RETENTION_MONTHS = 3


def percent(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` in percent, one decimal, halves up; None when ÷ 0."""
    if denominator == 0:
        return None
    tenths = (numerator * 2000 + denominator) // (2 * denominator)
    return Decimal(tenths).scaleb(-1)


@dataclass(frozen=True)
class IndicatorRow:
    """One row of the monthly indicators: a cohort ``YYYY-MM`` or ``cumul``."""

    cohorte: str
    recus: int = 0
    non_presentes: int = 0
    entres: int = 0
    refus: int = 0
    abandons: int = 0
    sortis: int = 0
    en_cours: int = 0
    reprises_emploi_en_cours: int = 0
    sorties_positives: int = 0
    maintien_mesures: int = 0
    maintien_emploi: int = 0

    @property
    def sorties_negatives(self) -> int:
        return self.sortis - self.sorties_positives

    @property
    def taux_reprise_emploi(self) -> Decimal | None:
        return percent(self.reprises_emploi_en_cours, self.entres)

    @property
    def taux_sorties_positives(self) -> Decimal | None:
        return percent(self.sorties_positives, self.sortis)

    @property
    def taux_sorties_negatives(self) -> Decimal | None:
        return percent(self.sorties_negatives, self.sortis)

    @property
    def taux_maintien_emploi(self) -> Decimal | None:
        return percent(self.maintien_emploi, self.maintien_mesures)

    def values(self) -> tuple[str | int | Decimal | None, ...]:
        """The row's cells in the order of :data:`INDICATOR_COLUMNS`."""
        return tuple(getattr(self, name) for name in INDICATOR_COLUMNS)


#: The counted columns stored on :class:`IndicatorRow` (rates and negatives derive).
_STORED = tuple(f.name for f in fields(IndicatorRow) if f.name != "cohorte")
#: Every count column of the CSV (what the ``cumul`` row sums).
COUNT_COLUMNS: tuple[str, ...] = tuple(
    name for name in INDICATOR_COLUMNS if name != "cohorte" and not name.startswith("taux_")
)


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of ``YYYY-MM``."""
    first = date.fromisoformat(f"{month}-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def month_of(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _month_number(d: date) -> int:
    """Months since year 0: cheap to compare, subtract and group by."""
    return d.year * 12 + d.month - 1


def _month_label(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


class CaseAsOf(NamedTuple):
    """What was known of one case on day L (everything dated later ignored)."""

    received: bool
    entered: bool
    refused: bool
    end_date: date
    #: The exit when dated on or before L (and the contract signed), else None.
    exit: Any | None
    positive: bool
    #: The day the facts are known on (L).
    as_of: date

    @property
    def ended(self) -> bool:
        """Entered and ended by L: an exit, or the end at term on or before L."""
        return self.entered and (self.exit is not None or self.end_date <= self.as_of)


# Results and reasons are compared as plain strings (a StrEnum equals its value), so
# ORM rows and look-alikes holding raw values both work without an Enum() call per case.
_SIGNED = ContractingResult.SIGNED
_REFUSED = ContractingResult.REFUSED
_RECEIVED = frozenset({_SIGNED, _REFUSED})
_PLACEMENTS = frozenset({ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS})
_JOB_OR_BUSINESS = frozenset({ExitReason.EMPLOYMENT, ExitReason.BUSINESS})


def case_as_of(case: Any, last: date) -> CaseAsOf:
    """The facts of ``case`` known on ``last`` (the last day of the report month)."""
    result = case.contracting_result
    if case.contracting_date is not None and case.contracting_date > last:
        result = None
    entered = result == _SIGNED
    renewed = case.renewal_new_end_date is not None and (
        case.renewal_decision_date is None or case.renewal_decision_date <= last
    )
    exit = case.exit if entered and case.exit is not None and case.exit.date <= last else None
    return CaseAsOf(
        result in _RECEIVED,
        entered,
        result == _REFUSED,
        case.renewal_new_end_date if renewed else case.end_date,
        exit,
        exit is not None and exit.reason in _PLACEMENTS and classify_exit(exit).positive,
        last,
    )


def retention_reached(exit: Any, month_end: date) -> bool:
    """J + 3 months ≤ ``month_end``, for ``month_end`` the last day of a month.

    J + 3 months falls in the third month after J's (clipped to that month's end), so it
    is on or before the last day of a month exactly when that month is at least three
    months after J's. Comparing month numbers spares a ``relativedelta`` per exit.
    """
    return _month_number(exit.date) + _RETENTION_MONTHS <= _month_number(month_end)


def _case_counts(case: Any, last: date) -> tuple[bool, ...]:
    """The case's contribution to each stored column, in the order of ``_STORED``."""
    facts = case_as_of(case, last)
    exit = facts.exit
    reason = exit.reason if exit is not None else None
    ended = facts.ended
    in_job = reason in _JOB_OR_BUSINESS
    measured = facts.positive and in_job and retention_reached(exit, last)
    return (
        facts.received,
        not facts.received and (last - case.start_date).days > _CONTRACTING_DAYS,
        facts.entered,
        facts.refused,
        reason in INTERRUPTION_REASONS,
        ended,
        facts.entered and not ended,
        in_job,
        facts.positive,
        measured,
        measured and exit is not None and exit.retained_at_3_months is True,
    )


def monthly_indicators(cases: Iterable[Any], month: str) -> list[IndicatorRow]:
    """Rows per cohort from the earliest case's month to ``month``, then ``cumul``."""
    first, last = month_bounds(month)
    report = _month_number(first)
    width = len(_STORED)
    totals: dict[int, list[int]] = {}
    for case in cases:
        if case.start_date > last:
            continue
        key = _month_number(case.start_date)
        row = totals.get(key)
        if row is None:
            row = totals[key] = [0] * width
        for i, value in enumerate(_case_counts(case, last)):
            row[i] += value
    first_cohort = min(totals, default=report + 1)  # no case: no cohort row at all
    rows = [
        IndicatorRow(_month_label(number), *totals.get(number, [0] * width))
        for number in range(first_cohort, report + 1)
    ]
    cumul = [sum(column) for column in zip(*totals.values(), strict=True)] if totals else []
    rows.append(IndicatorRow(CUMUL, *cumul))
    return rows


# --- Behind a figure: the cases one count counts (drill-down) ---------------------------

#: Count columns that are not stored on :class:`IndicatorRow` but derived from two that are.
_DERIVED_MEMBERS = {"sorties_negatives": ("sortis", "sorties_positives")}


def indicator_members(cases: Iterable[Any], month: str, cohort: str, column: str) -> list[Any]:
    """The cases that ``column`` counts in the row ``cohort`` (``YYYY-MM`` or ``cumul``).

    The very test :func:`monthly_indicators` adds up, case by case, so that the list
    behind a figure always has exactly as many cases as the figure says.
    """
    if column not in COUNT_COLUMNS:
        raise ValueError(f"not a count column: {column}")
    _first, last = month_bounds(month)
    counted, minus = _DERIVED_MEMBERS.get(column, (column, None))
    position = _STORED.index(counted)
    without = _STORED.index(minus) if minus is not None else None
    found = []
    for case in cases:
        if case.start_date > last or (cohort != CUMUL and month_of(case.start_date) != cohort):
            continue
        counts = _case_counts(case, last)
        if counts[position] and (without is None or not counts[without]):
            found.append(case)
    return found


# --- The cumul row of many months at once (charts) --------------------------------------


def cumul_series(cases: Iterable[Any], first_month: str, last_month: str) -> list[IndicatorRow]:
    """The ``cumul`` row of :func:`monthly_indicators` for each month from first to last.

    Equal, month by month, to ``monthly_indicators(cases, m)[-1]`` (a test holds it to
    that on demo data and on random cases), in one pass over the cases instead of one
    per month: everything the indicators compare with L, the last day of the month, is
    a date d, and L ≥ d exactly when d's month is L's month or earlier. So each count
    of a case is on during one or two runs of months, worked out once per case from
    the month numbers of its dates, and added to the months of those runs.
    """
    low = _month_number(month_bounds(first_month)[0])
    high = _month_number(month_bounds(last_month)[0])
    if high < low:
        return []
    size = high - low + 1
    width = len(_STORED)
    # Difference arrays: +1 where a run starts, -1 where it stops (index size: never).
    steps = [[0] * (size + 1) for _ in range(width)]

    def run(column: int, start: int, stop: int | None = None) -> None:
        begin = max(start, low) - low
        end = size if stop is None else min(stop, high + 1) - low
        if begin < end:
            steps[column][begin] += 1
            steps[column][end] -= 1

    for case in cases:
        _add_runs(case, run)
    running = [0] * width
    rows = []
    for index in range(size):
        for column, column_steps in enumerate(steps):
            running[column] += column_steps[index]
        rows.append(IndicatorRow(_month_label(low + index), *running))
    return rows


_RECUS, _NON_PRESENTES, _ENTRES, _REFUS, _ABANDONS, _SORTIS, _EN_COURS = (
    _STORED.index(name)
    for name in ("recus", "non_presentes", "entres", "refus", "abandons", "sortis", "en_cours")
)
_REPRISES, _POSITIVES, _MESURES, _MAINTIEN = (
    _STORED.index(name)
    for name in (
        "reprises_emploi_en_cours", "sorties_positives", "maintien_mesures", "maintien_emploi"
    )
)


def _add_runs(case: Any, run: Any) -> None:
    """Call ``run(column, first_month, stop_month)`` for each run of months a count is on.

    Month numbers throughout; a count is on from ``first`` to ``stop`` excluded (for
    ever when ``stop`` is None). The conditions are those of :func:`_case_counts`.
    """
    start = _month_number(case.start_date)
    result = case.contracting_result
    known = start
    if case.contracting_date is not None:
        known = max(start, _month_number(case.contracting_date))
    received = result in _RECEIVED
    if received:
        run(_RECUS, known)
    # S + 7 < L, i.e. L ≥ S + 8: from the month of S + 8, until the result is known.
    late = max(start, _month_number(case.start_date + timedelta(days=_CONTRACTING_DAYS + 1)))
    run(_NON_PRESENTES, late, known if received else None)
    if result == _REFUSED:
        run(_REFUS, known)
    if result != _SIGNED:
        return
    run(_ENTRES, known)
    exit = case.exit
    exit_month = None
    if exit is not None:
        exit_month = max(known, _month_number(exit.date))
        reason = exit.reason
        if reason in INTERRUPTION_REASONS:
            run(_ABANDONS, exit_month)
        in_job = reason in _JOB_OR_BUSINESS
        if in_job:
            run(_REPRISES, exit_month)
        if reason in _PLACEMENTS and classify_exit(exit).positive:
            run(_POSITIVES, exit_month)
            if in_job:
                measured = max(exit_month, _month_number(exit.date) + _RETENTION_MONTHS)
                run(_MESURES, measured)
                if exit.retained_at_3_months is True:
                    run(_MAINTIEN, measured)
    # Ended (sortis): the exit, or the end date as known on L, which is the renewed one
    # from the month the renewal was decided (from the start when no date is known).
    for first, stop in _ended_runs(case, known, exit_month):
        run(_SORTIS, first, stop)
    # Entered and not ended (en_cours): the months between the runs of ``sortis``.
    begin: int | None = known
    for first, stop in _ended_runs(case, known, exit_month):
        if begin is not None and begin < first:
            run(_EN_COURS, begin, first)
        begin = stop
    if begin is not None:
        run(_EN_COURS, begin)


def _ended_runs(case: Any, known: int, exit_month: int | None) -> list[tuple[int, int | None]]:
    """The sorted, disjoint runs of months in which an entered case counts as ended."""
    end = _month_number(case.end_date)
    renewed_end = case.renewal_new_end_date
    if renewed_end is None:
        for_good = end if exit_month is None else min(exit_month, end)
        return [(max(known, for_good), None)]
    decided = known
    if case.renewal_decision_date is not None:
        decided = _month_number(case.renewal_decision_date)
    after = max(decided, _month_number(renewed_end))
    for_good = max(known, after if exit_month is None else min(exit_month, after))
    # Before the decision, the order's E ends the case; from it on, the renewed E.
    before = (max(known, end), decided)
    if before[0] >= before[1]:
        return [(for_good, None)]
    if for_good <= before[1]:
        return [(min(before[0], for_good), None)]
    return [before, (for_good, None)]


# --- Per-case detail (--detail) ---------------------------------------------------------


@dataclass(frozen=True)
class DetailRow:
    """One case active during the report month, as known on its last day."""

    order_number: str
    cohort: str
    start_date: date
    end_date: date
    contracting_date: date | None
    status: CaseStatus
    exit_date: date | None
    exit_reason: ExitReason | None
    positive: bool | None
    decision: str | None


def status_as_of(facts: CaseAsOf) -> CaseStatus:
    """The status of an entered case on day L, from the facts known then."""
    exit = facts.exit
    if exit is None:
        return CaseStatus.ENDED_TERM if facts.ended else CaseStatus.ACTIVE
    reason = ExitReason(exit.reason)
    if reason is ExitReason.TERM:
        return CaseStatus.ENDED_TERM
    if reason.is_interruption:
        return CaseStatus.INTERRUPTED
    if not facts.positive:
        return CaseStatus.CLOSED
    if reason in _JOB_OR_BUSINESS and retention_reached(exit, facts.as_of):
        return CaseStatus.CLOSED if exit.retained_at_3_months is not None else CaseStatus.FOLLOW_UP
    return CaseStatus.FOLLOW_UP


def case_detail_rows(cases: Iterable[Any], month: str) -> list[DetailRow]:
    """The cases active during ``month``, sorted by start date then order number.

    Active during the month: contract signed on or before its last day, and the case not
    ended before its first day (end = the exit date, or E as of the last day).
    """
    first, last = month_bounds(month)
    rows = []
    for case in cases:
        if case.start_date > last:
            continue
        facts = case_as_of(case, last)
        if not facts.entered:
            continue
        exit = facts.exit
        end = exit.date if exit is not None else facts.end_date
        if end < first:
            continue
        verdict = classify_exit(exit) if exit is not None else None
        rows.append(
            DetailRow(
                order_number=case.order_number,
                cohort=month_of(case.start_date),
                start_date=case.start_date,
                end_date=facts.end_date,
                contracting_date=case.contracting_date,
                status=status_as_of(facts),
                exit_date=exit.date if exit is not None else None,
                exit_reason=ExitReason(exit.reason) if exit is not None else None,
                positive=verdict.positive if verdict is not None else None,
                decision=verdict.reason if verdict is not None else None,
            )
        )
    rows.sort(key=lambda r: (r.start_date, r.order_number))
    return rows
