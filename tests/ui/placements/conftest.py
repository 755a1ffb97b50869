"""The placements page over a desk on a fixed Monday, with placed beneficiaries.

``modal`` drives the next modal window the page opens (a form run with ``exec``): the
test says what to do in it, and it runs inside the window's own event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.services.context import Desk
from movdesk.services.orders import add_referent
from movdesk.ui.pages.base import PageContext
from movdesk.ui.placements import PlacementsPage
from tests.services.placed import CDI, placed
from tests.ui.modal import when_any_modal

__all__ = ["CDI", "placed"]

#: A Monday.
TODAY = date(2026, 3, 2)

Modal = Callable[[Callable[[QWidget], None]], None]


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    return Desk(session_factory, user="claire", clock=lambda: TODAY)


@pytest.fixture
def referent_id(desk: Desk) -> int:
    return add_referent(desk, "Claire Martin")


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
def modal() -> Modal:
    """``modal(act)``: when a modal window shows, ``act(window)`` runs on it."""
    done: list[bool] = []
    yield lambda act: when_any_modal(act, done)  # type: ignore[misc]
    assert done, "the modal window the test drove never showed"
