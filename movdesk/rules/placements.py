"""Placements (mises en situation et sorties) as the office follows them: pure functions.

A *placement* is a company period (PMSMP…) or an exit to a job, a training or a
business. Its **state** (decision) says where it stands on a day:

* ``planned``: it starts after that day;
* for a positive exit (MOV-RULES.md section 6), the in-job follow-up comes first: a job
  or a business is ``follow_up`` until retention at three months is recorded, then
  ``retained`` or ``lost``; a training is ``follow_up`` until J + 3 months (it has no
  retention check, MOV-RULES.md section 5);
* otherwise its dates decide: ``finished`` once its end date has passed, ``running``
  before (or when it has no end date: a CDI, a business).

:func:`placement_state` is the reference; :mod:`movdesk.services.placements` computes
the same in SQL to filter 50,000 cases, and a test compares the two on demo data.
:func:`follow_up_summary` reads the four follow-up windows of section 4 as the list
shows them: how many were held, how many missed, and the one to hold next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..models.enums import LabelledEnum, _labelled
from .calendar import add_months
from .timeline import Window

#: Months of in-job follow-up after a positive exit (MOV-RULES.md section 4).
FOLLOW_UP_MONTHS = 3


class PlacementKind(LabelledEnum):
    PERIOD = "period"
    EMPLOYMENT = "employment"
    TRAINING = "training"
    BUSINESS = "business"


_labelled(
    PlacementKind,
    {
        "period": "Période en entreprise",
        "employment": "Emploi",
        "training": "Formation",
        "business": "Création d'entreprise",
    },
)


class PlacementState(LabelledEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"
    FOLLOW_UP = "follow_up"
    RETAINED = "retained"
    LOST = "lost"


_labelled(
    PlacementState,
    {
        "planned": "Prévu",
        "running": "En cours",
        "finished": "Terminé",
        "follow_up": "En suivi",
        "retained": "Maintenu à 3 mois",
        "lost": "Non maintenu",
    },
)


def checks_retention(kind: PlacementKind, positive: bool | None) -> bool:
    """A positive job or business exit: retention at three months is recorded."""
    return bool(positive) and kind in (PlacementKind.EMPLOYMENT, PlacementKind.BUSINESS)


def placement_state(
    kind: PlacementKind,
    start: date,
    end: date | None,
    positive: bool | None,
    retained: bool | None,
    today: date,
) -> PlacementState:
    """Where a placement stands on ``today`` (module notes)."""
    if start > today:
        return PlacementState.PLANNED
    if checks_retention(kind, positive):
        if retained is True:
            return PlacementState.RETAINED
        if retained is False:
            return PlacementState.LOST
        return PlacementState.FOLLOW_UP
    if positive and kind is PlacementKind.TRAINING:
        if add_months(start, FOLLOW_UP_MONTHS) >= today:
            return PlacementState.FOLLOW_UP
    if end is not None and end < today:
        return PlacementState.FINISHED
    return PlacementState.RUNNING


@dataclass(frozen=True)
class FollowUpSummary:
    """The follow-up windows of one positive exit, as of a day."""

    done: int
    missed: int
    #: The first window due today or later not held yet: the one to hold next (the
    #: current window's, or, once that one is held, the following window's).
    next: Window | None
    total: int
    #: The day the summary is read on.
    today: date | None = None

    @property
    def text(self) -> str:
        """``1 fait · 1 manqué · 3e au plus tard le 02/05/2026`` (no window: a dash); a
        window not open yet says when it opens: ``3e du 03/04/2026 au 02/05/2026``."""
        if not self.total:
            return "—"
        parts = [f"{self.done} fait{'s' if self.done > 1 else ''}"]
        if self.missed:
            parts.append(f"{self.missed} manqué{'s' if self.missed > 1 else ''}")
        if self.next is not None:
            number = "1er" if self.next.number == 1 else f"{self.next.number}e"
            if self.today is not None and self.next.start > self.today:
                parts.append(f"{number} du {self.next.start:%d/%m/%Y} au {self.next.due:%d/%m/%Y}")
            else:
                parts.append(f"{number} au plus tard le {self.next.due:%d/%m/%Y}")
        return " · ".join(parts)


def follow_up_summary(windows: Sequence[Window], today: date) -> FollowUpSummary:
    """Done, missed (due date passed without an interview) and the next one to hold.

    Once the current window's interview is held, the next window is still owed: the
    summary names it (it used to say nothing more until that window opened)."""
    done = sum(1 for w in windows if w.done)
    missed = sum(1 for w in windows if not w.done and w.due < today)
    return FollowUpSummary(
        done=done,
        missed=missed,
        next=next((w for w in windows if w.due >= today and not w.done), None),
        total=len(windows),
        today=today,
    )
