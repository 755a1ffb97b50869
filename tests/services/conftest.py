"""A desk over a migrated database, with one referent and one registered order."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Civility
from movdesk.services.context import Desk
from movdesk.services.events import Change
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order

TODAY = date(2026, 3, 2)


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    return Desk(session_factory, user="claire", clock=lambda: TODAY)


@pytest.fixture
def changes(desk: Desk) -> list[Change]:
    seen: list[Change] = []
    desk.bus.subscribe(seen.append)
    return seen


@pytest.fixture
def referent_id(desk: Desk) -> int:
    return add_referent(desk, "Claire Martin")


@pytest.fixture
def case_id(desk: Desk, referent_id: int) -> int:
    return register_order(
        desk,
        order_number="LC-2026-000123",
        referent_id=referent_id,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 7, 3),
        agency="Agence Lille Centre",
        beneficiary=BeneficiaryInput(
            last_name="Durand",
            first_name="Sophie",
            pe_id="1234567a",
            civility=Civility.MME,
            birth_date=date(1985, 4, 12),
            category=1,
        ),
    )
