"""What both reports (bilans) show of a case from its file: the course and the barriers.

The lists a referent completes (actions taken, job leads, achievements, actions still
to take) are free texts, drafted by the services from the case file and printed as
bullet lists; what stays as it is recorded (the course, the barriers and their state,
the online obligations) is printed here from plain frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from .blocks import key_values, para, table
from .text import fr_date, fr_duration


@dataclass(frozen=True)
class BarrierLine:
    """A barrier (frein) and where it stands."""

    category: str
    description: str | None
    status: str
    partner: str | None


@dataclass(frozen=True)
class CourseFacts:
    """The course of the case up to the report: dates, phase, interviews held."""

    start: date
    planned_end: date
    phase: str
    interviews_held: int
    minutes_held: int
    missed: int
    offers_subscription: date | None
    online_profile: date | None


def _none(text: str) -> list[Flowable]:
    return [para(text, "Muted")]


def course_block(facts: CourseFacts, *, report_label: str, report_date: date) -> Flowable:
    """The label/value block at the top of a report."""
    held = f"{facts.interviews_held} ({fr_duration(facts.minutes_held)})"
    if facts.missed:
        held += f" — {facts.missed} absence{'s' if facts.missed > 1 else ''} ou excuse"
        held += "s" if facts.missed > 1 else ""
    return key_values(
        [
            ("Début de la prestation", fr_date(facts.start)),
            ("Fin prévue", fr_date(facts.planned_end)),
            (report_label, fr_date(report_date)),
            ("Étape du parcours", facts.phase),
            ("Entretiens réalisés", held),
        ]
    )


def barriers_table(barriers: Sequence[BarrierLine]) -> list[Flowable]:
    if not barriers:
        return _none("Aucun frein n'a été identifié.")
    rows = [[b.category, b.description or "—", b.status, b.partner or "—"] for b in barriers]
    return [table(["Frein", "Précisions", "État", "Partenaire"], rows, [38, 64, 28, 44])]


def online_line(facts: CourseFacts) -> Flowable:
    """The two online obligations of step 3 and their dates."""
    subscription = fr_date(facts.offers_subscription, "non faite")
    profile = fr_date(facts.online_profile, "non fait")
    return para(
        f"Abonnement aux offres d'emploi : {subscription} · profil en ligne sur "
        f"francetravail.fr : {profile}."
    )
