"""The placements page over a desk on a fixed Monday, with placed beneficiaries.

``modal`` drives the next modal window the page opens (a form run with ``exec``): the
test says what to do in it, and it runs inside the window's own event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.models import Civility, ContractingResult, ContractType, ExitReason
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.ui.pages.base import PageContext
from movdesk.ui.placements import PlacementsPage

#: A Monday.
TODAY = date(2026, 3, 2)
CDI = {"employment_contract": ContractType.CDI, "employment_full_time": True}

Modal = Callable[[Callable[[QWidget], None]], None]


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    return Desk(session_factory, user="claire", clock=lambda: TODAY)


@pytest.fixture
def referent_id(desk: Desk) -> int:
    return add_referent(desk, "Claire Martin")


def placed(
    desk: Desk,
    referent: int,
    number: str,
    pe_id: str,
    j: date | None,
    *,
    phase2: date | None = None,
    **job: object,
) -> int:
    """A case signed on 7 October 2025, with a job exit on ``j`` (None: still running)."""
    case = register_order(
        desk,
        order_number=number,
        referent_id=referent,
        start_date=date(2025, 10, 6),
        end_date=date(2026, 4, 3),
        beneficiary=BeneficiaryInput(
            last_name=f"Nom{number[-1]}",
            first_name="Léa",
            pe_id=pe_id,
            civility=Civility.MME,
            phone="06 39 98 12 34",
        ),
    )
    ms.record_contracting(desk, case, on=date(2025, 10, 7), result=ContractingResult.SIGNED)
    if phase2 is not None:
        ms.start_phase2(desk, case, on=phase2)
    if j is not None:
        ms.record_exit(desk, case, ms.ExitInput(date=j, reason=ExitReason.EMPLOYMENT, **job))
    return case


@pytest.fixture
def make_page(
    qtbot: QtBot, desk: Desk, session_factory: sessionmaker[Session], db_location: DatabaseLocation
) -> Callable[[], PlacementsPage]:
    def make() -> PlacementsPage:
        page = PlacementsPage(PageContext(session_factory, db_location, True, desk))
        qtbot.addWidget(page)
        page.resize(1400, 700)
        with qtbot.waitExposed(page):
            page.show()
        return page

    return make


@pytest.fixture
def modal(qtbot: QtBot) -> Modal:
    """``modal(act)``: when a modal window shows, ``act(window)`` runs on it."""
    done: list[bool] = []

    def expect(act: Callable[[QWidget], None]) -> None:
        def run() -> None:
            window = QApplication.activeModalWidget()
            if window is None:
                QTimer.singleShot(20, run)
                return
            act(window)
            done.append(True)

        QTimer.singleShot(0, run)

    yield expect  # type: ignore[misc]
    assert done, "the modal window the test drove never showed"
