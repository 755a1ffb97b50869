"""Exits of demo cases: every kind the contract knows, positive and negative.

Each placement kind carries whether MOV-RULES.md section 6 makes it positive, so the
generator knows when follow-up interviews and the retention check are owed; the tests
check that flag against :func:`movdesk.rules.outcomes.classify_exit`.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..rules.calendar import add_months

FULL_TIME_HOURS_PER_MONTH = 151.67


@dataclass(frozen=True)
class PlacementKind:
    """A job, training or business exit as the demo produces it."""

    code: str
    reason: str
    positive: bool
    weight: int


PLACEMENTS: tuple[PlacementKind, ...] = (
    PlacementKind("cdi_full_time", "employment", True, 10),
    PlacementKind("cdi_part_time_100h", "employment", True, 5),
    PlacementKind("cdi_part_time_60h", "employment", False, 2),
    PlacementKind("cdd_6_months", "employment", True, 8),
    PlacementKind("cdd_2_months", "employment", False, 5),
    PlacementKind("interim_1_month", "employment", False, 3),
    PlacementKind("interim_4_months", "employment", True, 3),
    PlacementKind("subsidised", "employment", True, 5),
    PlacementKind("training_400h", "training", True, 5),
    PlacementKind("training_short", "training", False, 3),
    PlacementKind("afpr", "training", True, 3),
    PlacementKind("business", "business", True, 3),
    PlacementKind("auto_entrepreneur", "business", False, 3),
)

#: Interruption reasons and how often each happens.
INTERRUPTIONS: tuple[tuple[str, int], ...] = (
    ("rule_14_days", 30),
    ("abandon", 25),
    ("moved", 15),
    ("health", 15),
    ("other", 15),
)


def pick_placement(rng: random.Random) -> PlacementKind:
    return rng.choices(PLACEMENTS, weights=[p.weight for p in PLACEMENTS])[0]


def pick_interruption(rng: random.Random) -> str:
    return rng.choices([r for r, _ in INTERRUPTIONS], weights=[w for _, w in INTERRUPTIONS])[0]


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _job(contract: str, start: date, end: date | None, hours: float | None) -> dict[str, Any]:
    """An employment block; ``hours`` None means full time."""
    return {
        "contract": contract,
        "start": start.isoformat(),
        "end": _iso(end),
        "full_time": hours is None,
        "hours_per_month": FULL_TIME_HOURS_PER_MONTH if hours is None else hours,
    }


def _training(
    start: date, hours_total: int, hours_per_week: int, *, qualifying: bool, afpr: bool
) -> dict[str, Any]:
    weeks = math.ceil(hours_total / hours_per_week)
    return {
        "hours_total": hours_total,
        "hours_per_week": hours_per_week,
        "qualifying": qualifying,
        "afpr": afpr,
        "start": start.isoformat(),
        "end": (start + timedelta(weeks=weeks) - timedelta(days=3)).isoformat(),
    }


def _months_until(start: date, months: int) -> date:
    """The last day of a contract of ``months`` months starting on ``start``."""
    return add_months(start, months) - timedelta(days=1)


def placement_exit(kind: PlacementKind, first_day: date) -> dict[str, Any]:
    """The exit block of a placement starting on ``first_day`` (J)."""
    j = first_day
    block: dict[str, Any]
    match kind.code:
        case "cdi_full_time":
            block = _job("CDI", j, None, None)
        case "cdi_part_time_100h":
            block = _job("CDI", j, None, 100.0)
        case "cdi_part_time_60h":
            block = _job("CDI", j, None, 60.0)
        case "cdd_6_months":
            block = _job("CDD", j, _months_until(j, 6), None)
        case "cdd_2_months":
            block = _job("CDD", j, _months_until(j, 2), None)
        case "interim_1_month":
            block = _job("interim", j, _months_until(j, 1), None)
        case "interim_4_months":
            block = _job("interim", j, _months_until(j, 4), None)
        case "subsidised":
            # A PEC of 20 hours a week: positive whatever the hours (contrat aidé).
            block = _job("subsidised", j, _months_until(j, 12), 86.67)
        case "training_400h":
            block = _training(j, 400, 35, qualifying=True, afpr=False)
        case "training_short":
            block = _training(j, 70, 35, qualifying=True, afpr=False)
        case "afpr":
            block = _training(j, 280, 35, qualifying=False, afpr=True)
        case "business":
            block = {"auto_entrepreneur": False, "start": j.isoformat()}
        case "auto_entrepreneur":
            block = {"auto_entrepreneur": True, "start": j.isoformat()}
        case _:
            raise ValueError(f"unknown placement kind {kind.code!r}")
    return {"date": j.isoformat(), "reason": kind.reason, "notice_sent_date": None,
            kind.reason: block}


def plain_exit(reason: str, on: date, notice_sent: date | None) -> dict[str, Any]:
    """A term or interruption exit (no placement block)."""
    return {"date": on.isoformat(), "reason": reason, "notice_sent_date": _iso(notice_sent)}


def follow_up_dues(first_day: date) -> list[date]:
    """Due dates of the in-job follow-up interviews (MOV-RULES.md section 4)."""
    return [first_day + timedelta(days=6)] + [add_months(first_day, n) for n in (1, 2, 3)]
