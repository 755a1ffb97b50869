"""Fixtures of the form tests: a desk on a fixed day, a referent, a signed case, and
helpers that type into fields as a user does (Tab into a field, then keys)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Civility, ContractingResult
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.ui.widgets import FormDialog
from tests.ui.modal import answer_next_box

__all__ = ["answer_next_box", "count", "tab", "type_into"]

TODAY = date(2026, 3, 2)  # a Monday


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    return Desk(session_factory, user="claire", clock=lambda: TODAY)


@pytest.fixture
def referent_id(desk: Desk) -> int:
    return add_referent(desk, "Claire Martin")


@pytest.fixture
def case_id(desk: Desk, referent_id: int) -> int:
    """A case started on 5 January 2026, contract signed on 7 January."""
    case = register_order(
        desk,
        order_number="LC-2026-000123",
        referent_id=referent_id,
        start_date=date(2026, 1, 5),
        end_date=date(2026, 7, 3),
        beneficiary=BeneficiaryInput(
            last_name="Durand",
            first_name="Sophie",
            pe_id="1234567A",
            civility=Civility.MME,
            birth_date=date(1985, 4, 12),
            category=1,
        ),
    )
    ms.record_contracting(desk, case, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case


def count(session_factory: sessionmaker[Session], entity: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(entity)) or 0


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Callable[[FormDialog], FormDialog]:
    """Show a dialog non-modally (never a blocking exec) and wait until it is on screen."""

    def show(dialog: FormDialog) -> FormDialog:
        qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        return dialog

    return show


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Focus ``widget``, select what it holds (Ctrl+A) and type ``text`` over it."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def tab(qtbot: QtBot, dialog: QWidget, times: int = 1) -> QWidget:
    """Press Tab ``times`` in the dialog; returns the widget that has the focus."""
    for _ in range(times):
        focused = dialog.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return dialog.focusWidget()
