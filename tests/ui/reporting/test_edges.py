"""The reporting pages where an office starts or things go wrong: no case at all, no
price set, a file that cannot be written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.rules.indicators import CUMUL
from movdesk.services.context import Desk
from movdesk.ui.indicators.page import IndicatorsPage
from movdesk.ui.pages.base import PageContext
from movdesk.ui.payments.page import PaymentsPage

pytestmark = pytest.mark.gui

TODAY = date(2026, 3, 2)


@pytest.fixture
def empty_context(
    session_factory: sessionmaker[Session], db_location: DatabaseLocation
) -> PageContext:
    return PageContext(session_factory, db_location, False,
                       Desk(session_factory, user="claire", clock=lambda: TODAY))  # fmt: skip


def test_indicators_of_an_office_without_cases(
    qtbot: QtBot, empty_context: PageContext, save_to: Callable[[str], Path], told: list
) -> None:
    page = IndicatorsPage(empty_context)
    qtbot.addWidget(page)
    page.show()
    view = page.indicators
    with qtbot.waitSignal(view.report_shown, timeout=20_000):
        page.refresh()
    assert view.month.month() == "2026-02"
    assert view.model.rowCount() == 1 and view.model.row(0).cohorte == CUMUL
    assert view.model.index(0, 9).data() == ""  # a rate with nothing to divide by
    dialog = view.show_cases(view.model.index(0, 3))
    assert dialog is not None and dialog.rows() == [] and not dialog.open_button.isEnabled()
    dialog.close()
    target = save_to("vide.csv")
    view.export_monthly()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    lines = target.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("cohorte;recus;") and lines[1].startswith("cumul;0;0;0")
    with qtbot.waitSignal(page.compliance.report_shown, timeout=20_000):
        page.tabs.setCurrentWidget(page.compliance)
    assert page.compliance.model.rowCount() == 1  # the office line alone


def test_payments_without_a_price_or_a_case_say_so(
    qtbot: QtBot, empty_context: PageContext, told: list
) -> None:
    page = PaymentsPage(empty_context)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.book_shown, timeout=20_000):
        page.refresh()
    assert page.model.rowCount() == 0
    assert "Prêt à facturer : 0 tranche" in page.summary.text()
    assert "prix de la prestation n'est pas renseigné" in page.summary.text()
    assert page.record_selection_payment() is None
    page.selection_request()
    page.cancel_selection_invoice()
    assert len(told) == 3 and all("Sélectionnez d'abord" in text for _kind, text in told)
    assert page.checklist.case_id() is None and not page.checklist.open_button.isEnabled()


def test_a_file_that_cannot_be_written_is_said_in_french(
    qtbot: QtBot, empty_context: PageContext, monkeypatch: pytest.MonkeyPatch, told: list,
    tmp_path: Path,
) -> None:  # fmt: skip
    page = IndicatorsPage(empty_context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.indicators.report_shown, timeout=20_000):
        page.refresh()
    missing = tmp_path / "nulle-part" / "indicateurs.csv"
    monkeypatch.setattr("movdesk.ui.indicators.view.ask_save_path", lambda *_a: str(missing))
    page.indicators.export_summary()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    kind, text = told[-1]
    assert kind == "warning" and text.startswith("Impossible d'écrire")
    assert not missing.exists()


def test_a_case_behind_a_figure_opens_in_the_main_window(
    qtbot: QtBot, session_factory: sessionmaker[Session], make_window: Callable[..., object]
) -> None:
    from movdesk.demo import fill_demo
    from movdesk.ui.main_window import MainWindow

    fill_demo(session_factory, cases=40, seed=2026, today=date.today())
    window = make_window()
    assert isinstance(window, MainWindow)
    index = next(i for i, p in enumerate(window.pages) if isinstance(p, IndicatorsPage))
    page = window.pages[index]
    assert isinstance(page, IndicatorsPage)
    with qtbot.waitSignal(page.indicators.report_shown, timeout=20_000):
        window.show_page(index)
    view = page.indicators
    cumul = view.model.rowCount() - 1
    dialog = view.show_cases(view.model.index(cumul, 3))  # entered, all cohorts
    assert dialog is not None and dialog.rows()
    with qtbot.waitSignal(window.case_opened) as opened:
        dialog.open_selected()
    assert opened.args == [dialog.rows()[0].line.case_id]
    dialog.close()


def test_the_models_follow_qt_rules(
    qtbot: QtBot, qtmodeltester: object, demo_context: PageContext
) -> None:
    from movdesk.ui.indicators.compliance import ComplianceModel
    from movdesk.ui.indicators.model import IndicatorTableModel
    from movdesk.ui.payments.model import TrancheTableModel

    indicators = IndicatorsPage(demo_context)
    payments = PaymentsPage(demo_context)
    for widget in (indicators, payments):
        qtbot.addWidget(widget)
    with qtbot.waitSignal(indicators.indicators.report_shown, timeout=30_000):
        indicators.refresh()
    with qtbot.waitSignal(indicators.compliance.report_shown, timeout=60_000):
        indicators.tabs.setCurrentWidget(indicators.compliance)
    with qtbot.waitSignal(payments.book_shown, timeout=30_000):
        payments.refresh()
    assert isinstance(indicators.indicators.model, IndicatorTableModel)
    assert isinstance(indicators.compliance.model, ComplianceModel)
    assert isinstance(payments.model, TrancheTableModel)
    for model in (indicators.indicators.model, indicators.compliance.model, payments.model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    payments.model.sort(3)
    qtmodeltester.check(payments.model)  # type: ignore[attr-defined]
