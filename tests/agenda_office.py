"""A small office with known appointments, for the agenda, planning and calendar tests.

Written through the services, so that every row respects the rules. ``TODAY`` is the
Tuesday of the week of Ascension (Thursday 14 May 2026, a public holiday).

=========  ===========  ====================================================================
referent   case         facts
=========  ===========  ====================================================================
Claire     DURAND       S 02/03, signed 04/03; held weekly to Tue 05/05 10:00; planned
                        Tue 12/05 09:30; company period 18/05–29/05; group Fri 15/05 14:00
Claire     PETIT        S 06/04, signed 08/04; held Mon 04/05 14:00 (and weekly before);
                        leave 11/05–13/05; group Fri 15/05 14:00
Karim      LEROY        S 13/04, signed 15/04; held Wed 06/05 11:00; planned Tue 12/05 09:30
=========  ===========  ====================================================================
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import resolve_database
from movdesk.models import (
    Civility,
    ContractingResult,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
)
from movdesk.services import milestones, rows
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

TODAY = date(2026, 5, 12)
MONDAY = date(2026, 5, 11)
ASCENSION = date(2026, 5, 14)


@dataclass(frozen=True)
class Office:
    claire: int
    karim: int
    durand: int
    petit: int
    leroy: int
    #: Interview ids.
    durand_planned: int
    leroy_planned: int
    durand_last_held: int
    group: tuple[int, int]


def signed_case(
    desk: Desk, number: str, referent: int, last: str, first: str, pe_id: str, start: date
) -> int:
    """A case whose contract was signed two days after its start."""
    case = register_order(
        desk,
        order_number=number,
        referent_id=referent,
        start_date=start,
        beneficiary=BeneficiaryInput(
            last_name=last, first_name=first, pe_id=pe_id, civility=Civility.MME
        ),
    )
    milestones.record_contracting(
        desk, case, on=start + timedelta(days=2), result=ContractingResult.SIGNED
    )
    return case


def _held_weekly(desk: Desk, case: int, first: date, last: date, at: time) -> int:
    """An attended individual interview every seven days from ``first`` to ``last``."""
    day = first
    interview = 0
    while day <= last:
        interview = rows.schedule_interview(
            desk,
            case,
            on=day,
            at=at,
            minutes=45,
            kind=InterviewKind.INDIVIDUAL,
            status=InterviewStatus.ATTENDED,
            accept_warnings=True,
        )
        day += timedelta(days=7)
    return interview


def _planned(
    desk: Desk,
    case: int,
    on: date,
    at: time,
    kind: InterviewKind = InterviewKind.INDIVIDUAL,
    minutes: int = 45,
) -> int:
    return rows.schedule_interview(
        desk,
        case,
        on=on,
        at=at,
        minutes=minutes,
        kind=kind,
        status=InterviewStatus.PLANNED,
        accept_warnings=True,
    )


def build_office(desk: Desk) -> Office:
    claire = add_referent(desk, "Claire Martin")
    karim = add_referent(desk, "Karim Haddad")
    durand = signed_case(
        desk, "LC-2026-000101", claire, "Durand", "Sophie", "1000001A", date(2026, 3, 2)
    )
    petit = signed_case(
        desk, "LC-2026-000102", claire, "Petit", "Lucas", "1000002B", date(2026, 4, 6)
    )
    leroy = signed_case(
        desk, "LC-2026-000103", karim, "Leroy", "Anne", "1000003C", date(2026, 4, 13)
    )
    durand_last = _held_weekly(desk, durand, date(2026, 3, 10), date(2026, 5, 5), time(10, 0))
    _held_weekly(desk, petit, date(2026, 4, 13), date(2026, 5, 4), time(14, 0))
    _held_weekly(desk, leroy, date(2026, 4, 22), date(2026, 5, 6), time(11, 0))
    durand_planned = _planned(desk, durand, TODAY, time(9, 30))
    leroy_planned = _planned(desk, leroy, TODAY, time(9, 30))
    rows.add_company_period(
        desk,
        durand,
        start=date(2026, 5, 18),
        end=date(2026, 5, 29),
        employer_name="Boulangerie Petit",
        accept_warnings=True,
    )
    rows.add_suspension(
        desk, petit, kind=SuspensionKind.LEAVE, start=date(2026, 5, 11), end=date(2026, 5, 13)
    )
    friday = date(2026, 5, 15)
    group = tuple(
        _planned(desk, case, friday, time(14, 0), InterviewKind.GROUP, 120)
        for case in (durand, petit)
    )
    return Office(
        claire=claire,
        karim=karim,
        durand=durand,
        petit=petit,
        leroy=leroy,
        durand_planned=durand_planned,
        leroy_planned=leroy_planned,
        durand_last_held=durand_last,
        group=(group[0], group[1]),
    )


@pytest.fixture
def other_office(tmp_path: Path, migrated_template: Path) -> Iterator[Callable[[list[str]], Desk]]:
    """Another database of the same data folder (as the demo's is beside the office's),
    with the referents named, added in that order."""
    engines: list[Engine] = []

    def make(names: list[str]) -> Desk:
        path = tmp_path / f"other-{len(engines)}.sqlite"
        shutil.copyfile(migrated_template, path)
        engines.append(open_database(resolve_database(str(path)), daily_backup=False))
        other = Desk(make_session_factory(engines[-1]), user="claire", clock=lambda: TODAY)
        for name in names:
            add_referent(other, name)
        return other

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    """A desk on ``TODAY``, working as Claire."""
    return Desk(session_factory, user="claire", clock=lambda: TODAY)


@pytest.fixture
def office(desk: Desk) -> Office:
    """The office of the module notes, built through the services."""
    return build_office(desk)
