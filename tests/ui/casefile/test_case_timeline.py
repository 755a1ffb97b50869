"""The timeline strip in the case file's header: its marks on a known case, the details
on hover, a click opening the row, the day count of a renewed case."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from movdesk.services import milestones
from movdesk.services.context import Desk
from movdesk.ui.casefile import CaseFileWindow
from movdesk.ui.casefile.table import RowsModel
from tests.agenda_office import TODAY, Office, desk, office

__all__ = ["desk", "office"]

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, office: Office) -> CaseFileWindow:
    shown = CaseFileWindow(desk, office.durand)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    with qtbot.waitExposed(shown):
        shown.show()
    return shown


def test_strip_marks_of_the_known_case(window: CaseFileWindow, office: Office) -> None:
    strip = window.header.timeline
    assert strip.isVisible() and strip.strip is not None
    assert strip.lanes == ["phases", "clock", "periods", "marks"]
    data = strip.strip
    assert (data.first, data.end, data.today) == (date(2026, 3, 2), date(2026, 8, 28), TODAY)
    held = [m for m in data.marks if m.kind == "interview" and m.state == "held"]
    planned = [m for m in data.marks if m.kind == "interview" and m.state == "planned"]
    assert len(held) == 9 and [m.day for m in planned] == [TODAY, date(2026, 5, 15)]
    periods = [(b.state, b.start, b.end) for b in data.bands if b.lane == "periods"]
    assert periods == [("company", date(2026, 5, 18), date(2026, 5, 29))]
    # The running window: from 05/05, limit pushed by the company period.
    last = [b for b in data.bands if b.lane == "clock"][-1]
    assert last.start >= date(2026, 5, 5) and last.state == "warn"


def test_hover_says_what_a_mark_is_and_a_click_opens_its_row(
    qtbot: QtBot, window: CaseFileWindow, office: Office
) -> None:
    strip = window.header.timeline
    data = strip.strip
    assert data is not None
    mark = next(m for m in data.marks if m.target.row_id == office.durand_planned)
    point = strip.mark_point(mark)
    pos = QPoint(int(point.x()), int(point.y()))
    piece = strip.piece_at(pos)
    assert piece is not None and piece.label.startswith(
        "Entretien individuel en face à face du 12/05/2026 à 09:30 — prévu"
    )
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=pos)
    section = window.tabs.currentWidget()
    assert type(section).__name__ == "InterviewsSection"
    views = [v for v in section.findChildren(QTableView) if isinstance(v.model(), RowsModel)]
    selected = [
        v.model().row(v.selectionModel().selectedRows()[0].row()).id
        for v in views
        if v.selectionModel().selectedRows()
    ]
    assert selected == [office.durand_planned]
    # A click on the company period's band opens its section.
    band = next(b for b in data.bands if b.lane == "periods")
    rect = strip.band_rect(band)
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert type(window.tabs.currentWidget()).__name__ == "CompanyPeriodsSection"


def test_a_renewed_case_counts_its_real_length(
    qtbot: QtBot, window: CaseFileWindow, desk: Desk, office: Office
) -> None:
    milestones.envisage_renewal(desk, office.durand)
    milestones.record_renewal_decision(desk, office.durand, decided_on=TODAY, granted=True)
    window.reload()
    assert window.header.day.text().endswith("/ 364")
    assert window.header.timeline.strip.renewed  # type: ignore[union-attr]
