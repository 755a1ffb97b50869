"""What the monthly indicators read of every case, as light rows (données des indicateurs).

One Core statement (cases outer-joined with their exits) reads the columns the rules of
:mod:`movdesk.rules.indicators` use, plus the case id and referent id that the window's
drill-down and referent filter need. It serves ``movdesk export monthly`` and the
Indicateurs page alike, so that both count from the very same rows.

Speed (**decision**): dates and enum codes are read as the text SQLite stores and turned
into ``date`` objects and enum members through small dictionaries (an office has a few
hundred distinct dates and a handful of codes), and each row becomes a ``NamedTuple``
with the entities' attribute names. On 50,000 cases this reads in about a third of the
time the ORM's own type conversion takes, and the rules run faster on tuples too
(``benchmarks/bench_indicators_page.py``). Enum codes must become members, not stay
strings: the rules test membership in sets of members, which hash by name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from ..models import Case, ContractingResult, ContractType, Exit, ExitReason

E = TypeVar("E", bound=Enum)


class IndicatorExit(NamedTuple):
    """The exit of a case, with :class:`~movdesk.models.Exit`'s attribute names."""

    id: int
    date: date
    reason: ExitReason
    employment_contract: ContractType | None
    employment_start: date | None
    employment_end: date | None
    employment_full_time: bool | None
    employment_hours_per_month: float | None
    training_hours_total: float | None
    training_hours_per_week: float | None
    training_qualifying: bool | None
    training_afpr: bool | None
    business_auto_entrepreneur: bool | None
    retained_at_3_months: bool | None


class IndicatorCase(NamedTuple):
    """A case as the indicators read it, with :class:`~movdesk.models.Case`'s names."""

    id: int
    referent_id: int
    order_number: str
    start_date: date
    end_date: date
    renewal_new_end_date: date | None
    renewal_decision_date: date | None
    contracting_date: date | None
    contracting_result: ContractingResult | None
    exit: IndicatorExit | None


def _text(column: Any) -> Any:
    """The column as the text SQLite stores (no per-row conversion by SQLAlchemy)."""
    return type_coerce(column, String)


#: The exit's columns, in the order of :class:`IndicatorExit` (dates and codes as text).
EXIT_COLUMNS = (
    Exit.id,
    _text(Exit.date),
    _text(Exit.reason),
    _text(Exit.employment_contract),
    _text(Exit.employment_start),
    _text(Exit.employment_end),
    Exit.employment_full_time,
    Exit.employment_hours_per_month,
    Exit.training_hours_total,
    Exit.training_hours_per_week,
    Exit.training_qualifying,
    Exit.training_afpr,
    Exit.business_auto_entrepreneur,
    Exit.retained_at_3_months,
)

_QUERY = select(
    Case.id,
    Case.referent_id,
    Case.order_number,
    _text(Case.start_date),
    _text(Case.end_date),
    _text(Case.renewal_new_end_date),
    _text(Case.renewal_decision_date),
    _text(Case.contracting_date),
    _text(Case.contracting_result),
    *EXIT_COLUMNS,
).outerjoin(Exit, Exit.case_id == Case.id)


class Parsed(dict[str | None, Any]):
    """Stored texts to Python values, each distinct text converted once.

    ``parsed[text]`` is a plain dictionary look-up for every text seen before (the
    conversion runs in ``__missing__``), and ``None`` stays ``None``.
    """

    def __init__(self, convert: Callable[[str], Any]) -> None:
        super().__init__({None: None})
        self._convert = convert

    def __missing__(self, text: str) -> Any:
        value = self[text] = self._convert(text)
        return value


class ExitReader:
    """Turns the :data:`EXIT_COLUMNS` of a row into an :class:`IndicatorExit` (or None)."""

    def __init__(self, day: Parsed) -> None:
        self.day = day
        self.reason = Parsed(ExitReason)
        self.contract = Parsed(ContractType)

    def __call__(self, row: Any, at: int) -> IndicatorExit | None:
        """The exit whose columns start at ``row[at]``."""
        if row[at] is None:
            return None
        day = self.day
        return IndicatorExit(
            row[at], day[row[at + 1]], self.reason[row[at + 2]], self.contract[row[at + 3]],
            day[row[at + 4]], day[row[at + 5]], *row[at + 6 : at + 14],
        )  # fmt: skip


def indicator_cases(session: Session) -> list[IndicatorCase]:
    """Every case, with its exit, as the monthly indicators read it (module notes)."""
    day = Parsed(date.fromisoformat)
    result = Parsed(ContractingResult)
    exit_of = ExitReader(day)
    return [
        IndicatorCase(
            row[0], row[1], row[2], day[row[3]], day[row[4]], day[row[5]], day[row[6]],
            day[row[7]], result[row[8]], exit_of(row, 9),
        )  # fmt: skip
        for row in session.connection().execute(_QUERY)
    ]
