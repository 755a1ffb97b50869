"""The case list page over the test's desk, shown as a user sees it.

Each test module gives its own ``desk`` fixture (the cases it needs).
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.services.context import Desk
from movdesk.ui.cases import CaseListPage
from movdesk.ui.pages.base import PageContext


@pytest.fixture
def page(
    qtbot: QtBot, desk: Desk, session_factory: sessionmaker[Session], db_location: DatabaseLocation
) -> CaseListPage:
    page = CaseListPage(PageContext(session_factory, db_location, True, desk))
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitExposed(page):
        page.show()
    return page
