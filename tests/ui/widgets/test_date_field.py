"""The date and time fields, driven from the keyboard as a referent does."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from movdesk.ui.widgets import DateField, TimeField

pytestmark = pytest.mark.gui


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A window with two fields, so that Tab has somewhere to go."""
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    return window


def add(host: QWidget, field: QWidget, qtbot: QtBot) -> QWidget:
    """Add ``field`` to the window (fields are all added before the first Tab)."""
    host.layout().addWidget(field)
    return field


def tab_in(qtbot: QtBot, field: QWidget) -> None:
    """Show the window if need be, then Tab into ``field`` (its text is selected)."""
    host = field.window()
    if not host.isVisible():
        with qtbot.waitExposed(host):
            host.show()
        host.activateWindow()
        qtbot.waitUntil(host.isActiveWindow)
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: field.hasFocus() and field.selectedText() == field.text())


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31122026", date(2026, 12, 31)),
        ("31/12/2026", date(2026, 12, 31)),
        ("31/12/26", date(2026, 12, 31)),
        ("311226", date(2026, 12, 31)),
        ("31012027", date(2027, 1, 31)),
        ("30042026", date(2026, 4, 30)),
        ("28022026", date(2026, 2, 28)),
        ("29022028", date(2028, 2, 29)),
    ],
)
def test_typed_into_an_empty_field_comes_out_exactly(
    qtbot: QtBot, host: QWidget, typed: str, expected: date
) -> None:
    field = add(host, DateField(optional=True), qtbot)
    after = add(host, DateField(optional=True), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClicks(field, typed)
    assert field.value() == expected
    assert field.problem() is None
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert after.hasFocus()
    assert field.text() == expected.strftime("%d/%m/%Y")
    assert field.value() == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("31042026", "avril 2026 compte 30 jours"),
        ("31/06/26", "juin 2026 compte 30 jours"),
        ("29022026", "février 2026 compte 28 jours"),
        ("30022028", "février 2028 compte 29 jours"),
    ],
)
def test_a_day_that_does_not_exist_is_refused_never_moved(
    qtbot: QtBot, host: QWidget, typed: str, reason: str
) -> None:
    field = add(host, DateField(date(2026, 3, 2)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.value() is None
    assert field.text() == typed  # left as typed, for the user to correct
    assert reason in (field.problem() or "")


def test_tab_selects_all_and_typing_replaces(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(date(2026, 3, 2)), qtbot)
    tab_in(qtbot, field)
    assert field.selectedText() == "02/03/2026"
    qtbot.keyClicks(field, "15042026")
    assert field.value() == date(2026, 4, 15)


def test_a_click_then_typing_replaces_the_old_value(qtbot: QtBot, host: QWidget) -> None:
    other = add(host, DateField(date(2026, 1, 1)), qtbot)
    field = add(host, DateField(date(2026, 3, 2)), qtbot)
    tab_in(qtbot, other)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.selectedText() == "02/03/2026")
    qtbot.keyClicks(field, "150426")
    assert field.value() == date(2026, 4, 15)


def test_ctrl_a_then_typing_replaces(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(date(2026, 3, 2)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "31/12/2026")
    assert field.value() == date(2026, 12, 31)


def test_suppr_empties_an_optional_date(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(date(2026, 3, 2), optional=True), qtbot)
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None
    assert field.problem() is None
    assert len(changes) == 1 and not changes[0].isValid()


def test_an_empty_required_date_is_obligatoire(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(date(2026, 3, 2)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None
    assert field.problem() == "la date est obligatoire."


def test_up_and_down_move_a_day(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(date(2026, 2, 28)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == date(2026, 3, 1)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.value() == date(2026, 2, 27)


def test_the_calendar_opens_from_the_keyboard_and_picks_a_day(
    qtbot: QtBot, host: QWidget
) -> None:
    field = add(host, DateField(date(2026, 4, 29)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendarWidget()
    assert calendar.isVisible()
    assert calendar.selectedDate().toPython() == date(2026, 4, 29)
    assert calendar.locale().name() == "fr_FR"
    # The keys go where the focus is: the calendar's grid of days.
    days = QApplication.focusWidget()
    assert days is not None and calendar.isAncestorOf(days)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    # 29 April + 2 days: the calendar knows April has 30 days.
    assert field.value() == date(2026, 5, 1)
    assert field.text() == "01/05/2026"


def test_the_calendar_button_is_in_the_field(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, DateField(optional=True), qtbot)
    tab_in(qtbot, field)
    field.calendar_action.trigger()
    calendar = field.calendarWidget()
    assert calendar.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert field.value() is None


@pytest.mark.parametrize("typed", ["9h30", "09:30", "0930", "9 h 30", "930"])
def test_a_time_reads_every_usual_way(qtbot: QtBot, host: QWidget, typed: str) -> None:
    field = add(host, TimeField(time(10, 0)), qtbot)
    add(host, TimeField(), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClicks(field, typed)
    assert field.value() == time(9, 30)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "09:30"


def test_a_wrong_time_is_refused_and_kept(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, TimeField(time(10, 0)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClicks(field, "25h")
    assert field.value() is None
    assert "les heures vont de 0 à 23" in (field.problem() or "")
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() is None and field.problem() is None  # no time given


def test_up_moves_a_time_a_quarter_of_an_hour(qtbot: QtBot, host: QWidget) -> None:
    field = add(host, TimeField(time(9, 50)), qtbot)
    tab_in(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == time(10, 5)
