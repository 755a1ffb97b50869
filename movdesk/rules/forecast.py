"""Which payment tranches will fall due soon if the cases go on as planned (prévision).

A forecast, not a claim: :func:`forecast_tranches` takes the tranches of a case that
are not due today (:func:`movdesk.rules.payments.case_tranches`) and says when each one
will become due if nothing unplanned happens — no new exit, reports sent on time, the
person still in the job at three months. The Paiements page adds them up by month for
the current month and the next two, under the words « Prévision ».

Decisions:

* **T1** falls due when the intermediate report is sent: planned at S + 2 months, or
  today when that date has passed without it (a late report is sent at once); never
  when the case ended before S + 2 months without it (nothing is owed then);
* **T2** at the date the rules already give a tranche not yet due: S + 6 months, or
  the current end date when it comes first;
* **T3** at J + 3 months for a positive job or business exit, counting on retention
  (not when retention was recorded as *no*); today when that day has passed and
  retention is not yet recorded;
* **the merged early tranche** on the first day of a job, training or business that
  lies after today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models.enums import Tranche
from .calendar import add_months, french_date
from .payments import TrancheState, TrancheStatus
from .timeline import case_end_date, is_signed

#: The forecast covers the current month and this many after it.
FORECAST_MONTHS_AFTER = 2


@dataclass(frozen=True)
class ForecastTranche:
    """A tranche expected to fall due on ``expected``, and why, in French."""

    tranche: Tranche
    amount_cents: int
    expected: date
    reason: str

    @property
    def month(self) -> str:
        return f"{self.expected.year:04d}-{self.expected.month:02d}"


def forecast_end(today: date) -> date:
    """The last day the forecast covers: the end of the second month after today's."""
    return add_months(today.replace(day=1), FORECAST_MONTHS_AFTER + 1) - timedelta(days=1)


def _t1(case: Any, today: date) -> tuple[date, str] | None:
    planned = add_months(case.start_date, 2)
    end = case_end_date(case, today)
    if end is not None and end < planned:
        return None
    if planned < today:
        return today, f"Bilan intermédiaire en retard (prévu le {french_date(planned)})"
    return planned, f"Bilan intermédiaire prévu le {french_date(planned)}"


def _expected(case: Any, state: TrancheState, today: date) -> tuple[date, str] | None:
    """When a tranche not due today should fall due, or None if it never will."""
    if state.tranche is Tranche.T1:
        return _t1(case, today)
    if state.due_date is None:
        return None
    if state.tranche is Tranche.T2:
        return state.due_date, f"Fin du 6e mois ou fin à terme le {french_date(state.due_date)}"
    if state.tranche is Tranche.T3:
        exit = case.exit
        if exit is None or exit.retained_at_3_months is False:
            return None
        when = french_date(state.due_date)
        if state.due_date < today:
            return today, f"Maintien à 3 mois (le {when}) à renseigner"
        return state.due_date, f"Si la personne est toujours en poste le {when}"
    when = french_date(state.due_date)
    return state.due_date, f"Entrée en emploi, en formation ou en création le {when}"


def forecast_tranches(
    case: Any, states: Iterable[TrancheState], today: date, until: date
) -> list[ForecastTranche]:
    """The tranches of ``case`` not due today that should fall due from today to ``until``."""
    if not is_signed(case):
        return []
    found = []
    for state in states:
        if state.status is not TrancheStatus.NOT_DUE:
            continue
        expected = _expected(case, state, today)
        if expected is None:
            continue
        day, reason = expected
        day = max(day, today)
        if day <= until:
            found.append(ForecastTranche(state.tranche, state.amount_cents, day, reason))
    return found
