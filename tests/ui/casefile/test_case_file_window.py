"""The case file window driven as a referent would: keyboard, clicks, confirmations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.models import Case, Interview
from movdesk.rules.validation import Problem
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.ui.casefile import CaseFileWindow, open_case_file, open_windows
from movdesk.ui.casefile import window as window_module
from movdesk.ui.casefile.table import ROW_ROLE, RowsModel

from .conftest import TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Message boxes answer what the test puts here (Yes by default) and never block."""
    asked: list[Any] = []
    replies: list[QMessageBox.StandardButton] = []

    def question(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        asked.append(("question", args[1], args[2]))
        return replies.pop(0) if replies else QMessageBox.StandardButton.Yes

    def note(kind: str) -> Any:
        def show(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
            asked.append((kind, args[1], args[2]))
            return QMessageBox.StandardButton.Ok

        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", note("warning"))
    monkeypatch.setattr(QMessageBox, "information", note("information"))
    asked_and_replies: list[Any] = [asked, replies]
    yield asked_and_replies


def _label(win: CaseFileWindow, name: str) -> str:
    label = win.findChild(QLabel, name)
    assert label is not None, name
    return label.text().replace("\u202f", " ").replace("\xa0", " ")


def _table(win: CaseFileWindow, name: str) -> QTableView:
    view = win.findChild(QTableView, name)
    assert view is not None, name
    return view


def _cells(view: QTableView, column: int) -> list[str]:
    model = view.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _button(win: CaseFileWindow, name: str) -> QPushButton:
    button = win.findChild(QPushButton, name)
    assert button is not None, name
    return button


def test_header_shows_status_phase_day_and_clock(window: CaseFileWindow) -> None:
    assert window.windowTitle() == "Dossier LC-2026-000123 — DURAND Sophie"
    assert _label(window, "headerStatus").endswith("En cours</span>")
    assert _label(window, "headerPhase") == "Phase 1 — diagnostic"
    assert _label(window, "headerDay") == "Jour 57 / 180"
    # Last attended interview 24/02: the limit is 10/03, eight days after today.
    assert "14 jours : encore 8 jours (jusqu'au 10/03/2026)" in _label(window, "headerClock")
    deadlines = _label(window, "headerDeadlines")
    assert deadlines.startswith("Prochaines échéances :")
    assert "Envoyer la copie du contrat d'accompagnement signé" in deadlines


def test_clock_turns_red_once_the_limit_has_passed(
    qtbot: QtBot, desk: Desk, signed_case: int
) -> None:
    late = Desk(desk.session_factory, user="claire", clock=lambda: date(2026, 3, 13))
    win = CaseFileWindow(late, signed_case)
    qtbot.addWidget(win)
    text = _label(win, "headerClock")
    assert "14 jours : dépassé de 3 jours (limite le 10/03/2026)" in text
    assert "#b3261e" in text


def test_each_section_lists_its_rows(window: CaseFileWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [
        "Commande et bénéficiaire",
        "Entretiens",
        "Diagnostic",
        "Plan d'action",
        "Périodes en entreprise",
        "Suspensions",
        "Sortie et suivi",
        "Documents",
        "Paiements",
        "Historique",
    ]
    assert _cells(_table(window, "interviewTable"), 0) == ["16/02/2026", "24/02/2026", "04/03/2026"]
    assert _cells(_table(window, "interviewTable"), 4) == ["Réalisé", "Réalisé", "Prévu"]
    assert _cells(_table(window, "suspensionTable"), 3) == ["12 jours"]
    assert "Congés utilisés : 12 / 35 jours" in _label(window, "suspensionSummary")
    weeks = _label(window, "weeksLabel")
    assert "manquées : 4" in weeks and "Semaines manquées : 12/01/2026, 02/02/2026" in weeks
    assert _cells(_table(window, "dispatchTable"), 0) == [
        "Copie du contrat d'accompagnement signé",
        "Bilan intermédiaire",
        "Bilan final",
    ]
    assert _cells(_table(window, "dispatchTable"), 3) == ["en retard", "à faire", "à faire"]
    assert len(_cells(_table(window, "trancheTable"), 0)) == 3
    history = _cells(_table(window, "historyTable"), 3)
    assert history[0].startswith("Suspension (congés)")
    assert _label(window, "order-pe_id") == "1234567A"
    assert _label(window, "exitVerdict") == "Aucune sortie enregistrée."


def test_every_table_model_passes_the_model_tester(
    window: CaseFileWindow, qtmodeltester: Any
) -> None:
    models = window.findChildren(RowsModel)
    assert len(models) >= 13
    for model in models:
        qtmodeltester.check(model)


def test_mark_the_contract_copy_as_sent_today(
    qtbot: QtBot, window: CaseFileWindow, session: Session, answers: list[Any]
) -> None:
    window.show_section("Documents")
    view = _table(window, "dispatchTable")
    button = _button(window, "markSentButton")
    assert not button.isEnabled()
    _click_row(qtbot, view, 0)
    assert button.isEnabled()
    with qtbot.waitSignal(window.reloaded):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    case = session.get(Case, window.case_id)
    assert case is not None and case.contract_sent_date == TODAY
    assert _cells(view, 2)[0] == "02/03/2026" and _cells(view, 3)[0] == "envoyé"
    # The same row stays selected, and sending twice is not offered.
    assert view.selectionModel().selectedRows()[0].row() == 0
    assert not button.isEnabled()
    assert "Envoyer la copie du contrat" not in _label(window, "headerDeadlines")
    assert answers[0] == []


def test_delete_an_interview_after_confirming(
    qtbot: QtBot, window: CaseFileWindow, session: Session, answers: list[Any]
) -> None:
    asked, replies = answers
    window.show_section("Entretiens")
    view = _table(window, "interviewTable")
    _click_row(qtbot, view, 2)
    delete = _button(window, "deleteInterviewButton")

    replies.append(QMessageBox.StandardButton.No)
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert asked[-1][1] == "Supprimer un entretien"
    assert "04/03/2026" in asked[-1][2]
    assert session.scalar(select(func.count()).select_from(Interview)) == 3

    with qtbot.waitSignal(window.reloaded):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    session.expire_all()
    left = session.scalars(select(Interview.date).order_by(Interview.date)).all()
    assert left == [date(2026, 2, 16), date(2026, 2, 24)]
    assert _cells(view, 0) == ["16/02/2026", "24/02/2026"]
    assert _cells(_table(window, "historyTable"), 3)[0] == "Entretien supprimé"


def test_a_refused_action_says_why_in_french(
    window: CaseFileWindow, answers: list[Any]
) -> None:
    asked, _replies = answers

    def refuse() -> None:
        raise ValidationFailed([Problem("exit", "aucune sortie n'est enregistrée.")])

    assert not window.perform(refuse)
    assert asked == [("warning", "Enregistrement impossible", "Aucune sortie n'est enregistrée.")]


def test_reloads_when_its_case_changes_only(
    qtbot: QtBot, window: CaseFileWindow, desk: Desk, referent_id: int
) -> None:
    from movdesk.models import InterviewKind, InterviewStatus

    with qtbot.waitSignal(window.reloaded):
        rows.schedule_interview(
            desk,
            window.case_id,
            on=date(2026, 3, 2),
            kind=InterviewKind.INDIVIDUAL,
            status=InterviewStatus.ATTENDED,
        )
    assert len(_cells(_table(window, "interviewTable"), 0)) == 4
    assert "encore 14 jours (jusqu'au 16/03/2026)" in _label(window, "headerClock")

    from movdesk.services.orders import BeneficiaryInput, register_order

    with qtbot.assertNotEmitted(window.reloaded):
        register_order(
            desk,
            order_number="LC-2026-000999",
            referent_id=referent_id,
            start_date=date(2026, 2, 2),
            end_date=date(2026, 7, 31),
            beneficiary=BeneficiaryInput(last_name="Petit", first_name="Jean", pe_id="7654321B"),
        )


def test_keyboard_moves_through_sections_reloads_and_closes(
    qtbot: QtBot, window: CaseFileWindow
) -> None:
    window.activateWindow()
    window.tabs.setFocus()
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 9
    with qtbot.waitSignal(window.reloaded):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_ctrl_e_opens_the_interview_form_on_this_case(
    qtbot: QtBot, window: CaseFileWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[Any, ...]] = []

    class FakeForm:
        def __init__(self, desk: Desk, case_id: int, parent: Any = None, **kw: Any) -> None:
            opened.append((desk, case_id, parent, kw))

        def exec(self) -> int:
            return 1

        def deleteLater(self) -> None:  # noqa: N802 - Qt name
            pass

    monkeypatch.setattr(window_module, "dialog_class", lambda name: FakeForm)
    window.new_interview_action.setEnabled(True)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == [(window.desk, window.case_id, window, {})]
    assert window.tabs.currentWidget() is window.show_section("Entretiens")

    view = _table(window, "interviewTable")
    _click_row(qtbot, view, 1)
    interview_id = view.selectionModel().selectedRows()[0].data(ROW_ROLE).id
    assert window.open_dialog("InterviewDialog", interview_id=interview_id)
    assert opened[-1][3] == {"interview_id": interview_id}


def test_a_suspension_row_opens_its_correction_form(
    qtbot: QtBot, window: CaseFileWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, dict[str, Any]]] = []

    def fake_class(name: str) -> type:
        class FakeForm:
            def __init__(self, desk: Desk, case_id: int, parent: Any = None, **kw: Any) -> None:
                opened.append((name, kw))

            def exec(self) -> int:
                return 0

            def deleteLater(self) -> None:  # noqa: N802 - Qt name
                pass

        return FakeForm

    monkeypatch.setattr(window_module, "dialog_class", fake_class)
    window.show_section("Suspensions")
    view = _table(window, "suspensionTable")
    edit = _button(window, "editSuspensionButton")
    assert not edit.isEnabled()
    _click_row(qtbot, view, 0)
    suspension_id = view.selectionModel().selectedRows()[0].data(ROW_ROLE).id
    assert edit.isEnabled() and edit.text() == "Modifier…"

    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    assert opened == [("SuspensionDialog", {"suspension_id": suspension_id})]
    # A double click is a click then a second, quick one on the same row.
    rect = view.visualRect(view.model().index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [("SuspensionDialog", {"suspension_id": suspension_id})] * 2


def test_a_second_open_brings_the_same_window(
    qtbot: QtBot, desk: Desk, signed_case: int
) -> None:
    # These windows delete themselves when closed, so they are closed here rather
    # than handed to qtbot (which would close them once more).
    first = open_case_file(desk, signed_case)
    try:
        assert open_case_file(desk, signed_case) is first
        assert open_windows() == [first]
    finally:
        first.close()
    qtbot.waitUntil(lambda: open_windows() == [])
    second = open_case_file(desk, signed_case)
    try:
        assert second is not first and second.isVisible()
        assert second.windowTitle() == "Dossier LC-2026-000123 — DURAND Sophie"
    finally:
        second.close()


def test_start_phase_two_today_after_confirming(
    qtbot: QtBot, window: CaseFileWindow, session: Session, answers: list[Any]
) -> None:
    window.show_section("Plan d'action")
    button = _button(window, "phase2Button")
    assert button.isEnabled()
    with qtbot.waitSignal(window.reloaded):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    case = session.get(Case, window.case_id)
    assert case is not None and case.phase2_start == TODAY
    assert _label(window, "headerPhase") == "Phase 2 — plan d'action"
    assert _label(window, "planSummary").startswith("Phase 2 commencée le 02/03/2026.")
    assert not button.isEnabled()


def test_exit_section_shows_the_verdict_and_follow_up(
    qtbot: QtBot, window: CaseFileWindow, desk: Desk, answers: list[Any]
) -> None:
    from movdesk.models import ContractType, ExitReason
    from movdesk.services import milestones

    window.show_section("Sortie et suivi")
    follow_up = _table(window, "followUpTable")
    assert not follow_up.isVisible()
    planned = _table(window, "interviewTable").model().index(2, 0).data(ROW_ROLE)
    rows.delete_interview(desk, planned.id)  # after the exit it could not stand
    with qtbot.waitSignal(window.reloaded):
        milestones.record_exit(
            desk,
            window.case_id,
            milestones.ExitInput(
                date=date(2026, 2, 27),
                reason=ExitReason.EMPLOYMENT,
                employment_contract=ContractType.CDI,
                employment_full_time=True,
            ),
            accept_warnings=True,
        )
    verdict = _label(window, "exitVerdict")
    assert "Reprise d'emploi" in verdict and "Sortie positive" in verdict
    assert follow_up.isVisible()
    assert _cells(follow_up, 2) == ["05/03/2026", "27/03/2026", "27/04/2026", "27/05/2026"]
    assert _label(window, "retentionLabel") == (
        "Maintien dans l'emploi à 3 mois : à constater le 27/05/2026."
    )
    assert _label(window, "headerStatus").endswith("Suivi dans l'emploi</span>")

    cancel = _button(window, "cancelExitButton")
    with qtbot.waitSignal(window.reloaded):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert _label(window, "exitVerdict") == "Aucune sortie enregistrée."
    assert not cancel.isEnabled()
