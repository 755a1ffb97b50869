"""The deadline scheduler: a pass in a worker, the status bar and the dashboard's list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.services.context import Desk
from movdesk.services.dashboard import DeadlineOverview, group_deadlines
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.services.schedule import DeadlineItem
from movdesk.ui.deadlines import CASE_ID_ROLE, DeadlineTreeModel
from movdesk.ui.main_window import MainWindow
from movdesk.ui.pages.dashboard import DashboardPage
from movdesk.ui.scheduler import DeadlineScheduler, deadline_status_text
from movdesk.ui.worker import Worker
from tests.ui.conftest import WindowFactory

pytestmark = pytest.mark.gui


def _late_order(factory: sessionmaker[Session]) -> int:
    """A case ordered three weeks ago and never contracted: its deadlines are overdue."""
    desk = Desk(factory, user="claire")
    referent = add_referent(desk, "Claire Martin")
    return register_order(
        desk,
        order_number="LC-2026-000321",
        referent_id=referent,
        start_date=date.today() - timedelta(days=21),
        beneficiary=BeneficiaryInput(last_name="Durand", first_name="Sophie", pe_id="1234567A"),
    )


def _item(status: str, due: date, number: str = "LC-1") -> DeadlineItem:
    return DeadlineItem(1, number, "DURAND Sophie", "Claire Martin", "k", due, due, status, "Faire")


def test_status_bar_text_in_french() -> None:
    today = date(2026, 3, 2)
    overview = DeadlineOverview(
        today,
        (
            _item("overdue", date(2026, 2, 20)),
            _item("overdue", date(2026, 2, 21)),
            _item("today", today),
            _item("soon", date(2026, 3, 5)),
        ),
    )
    # Today's and the next seven days' together: not the scheduler's « cette semaine ».
    assert deadline_status_text(overview) == "2 échéances en retard · 2 d'ici 7 jours"
    empty = DeadlineOverview(today, ())
    assert deadline_status_text(empty) == "Aucune échéance en retard ni d'ici 7 jours"


def test_deadline_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DeadlineTreeModel()
    items = (_item("overdue", date(2026, 2, 20)), _item("soon", date(2026, 3, 5)))
    model.set_groups(group_deadlines(items, date(2026, 3, 2)))
    qtmodeltester.check(model)
    overdue, soon = model.group_index("overdue"), model.group_index("soon")
    assert overdue.data() == "En retard (1)" and soon.data() == "Cette semaine (1)"
    assert model.index(0, 0, overdue).data() == "20/02/2026"
    assert model.index(0, 1, overdue).data() == "En retard"
    assert model.index(0, 1, soon).data() == "Cette semaine"
    background = model.index(0, 1, overdue).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == QColor("#fbdcdc")
    assert model.index(0, 0, soon).data(CASE_ID_ROLE) == 1


def test_worker_hands_the_result_and_the_error_to_the_ui_thread(qtbot: QtBot) -> None:
    worker = Worker(lambda progress, _cancel: (progress(1, 1), 42)[1])
    with qtbot.waitSignal(worker.finished) as done:
        worker.start()
    assert done.args == [42]

    def fail(_progress, _cancel):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    failing = Worker(fail)
    with qtbot.waitSignal(failing.failed) as failed:
        failing.start()
    assert isinstance(failed.args[0], ValueError)


def test_a_pass_fills_the_status_bar_and_the_dashboard(
    qtbot: QtBot, make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    case_id = _late_order(session_factory)
    window: MainWindow = make_window()
    if window.scheduler.overview is None:
        with qtbot.waitSignal(window.scheduler.updated, timeout=10_000):
            pass
    overview = window.scheduler.overview
    assert overview is not None and overview.overdue >= 1
    assert all(item.case_id == case_id for item in overview.items)
    assert window.deadline_label.text().startswith(f"{overview.overdue} échéance")
    dashboard = window.pages[0]
    assert isinstance(dashboard, DashboardPage)
    model = dashboard.scheduler.model
    late = model.group_index("overdue")
    assert model.rowCount(late) == overview.overdue
    assert model.index(0, 4, late).data() == "LC-2026-000321"
    assert model.index(0, 2, late).data() == "DURAND Sophie"
    assert "en retard" in dashboard.scheduler.counts.text()


def test_double_click_on_a_deadline_opens_the_case_file(
    qtbot: QtBot,
    make_window: WindowFactory,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = _late_order(session_factory)
    opened: list[int] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: pytest.fail(str(args)))
    monkeypatch.setattr(
        "movdesk.ui.casefile.open_case_file", lambda _desk, cid, _parent: opened.append(cid)
    )
    window: MainWindow = make_window()
    if window.scheduler.overview is None:
        with qtbot.waitSignal(window.scheduler.updated, timeout=10_000):
            pass
    view = window.pages[0].scheduler.view  # type: ignore[attr-defined]
    late = view.model().group_index("overdue")
    rect = view.visualRect(view.model().index(0, 3, late))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [case_id]
    # The same row, selected, opens with Entrée through Dossier › Ouvrir.
    opened.clear()
    with qtbot.waitSignal(window.case_opened) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == [case_id]


def test_a_change_runs_a_new_pass(
    qtbot: QtBot, session_factory: sessionmaker[Session]
) -> None:
    desk = Desk(session_factory, user="claire")
    scheduler = DeadlineScheduler(desk)
    with qtbot.waitSignal(scheduler.updated, timeout=10_000) as first:
        scheduler.run_now()
    assert first.args[0].items == ()
    _late_order(session_factory)
    with qtbot.waitSignal(scheduler.updated, timeout=10_000) as second:
        scheduler.run_soon()
    assert second.args[0].overdue >= 1
    scheduler.stop()
