"""Form fields that speak French: dates, times, money, enum and directory combos.

Every field reads and writes plain Python values (``date``, ``time``, cents, enum
members, row ids), so dialogs never convert Qt types themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time, timedelta
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QPoint, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from ...services.lookups import Choice
from ..formatting import FRENCH
from ..icons import load_icon
from .datetext import (
    FIRST_YEAR,
    LAST_YEAR,
    TextError,
    date_text,
    read_date,
    read_time,
    time_text,
)

E = TypeVar("E", bound=Enum)

#: Shown by an optional choice that holds nothing.
EMPTY_TEXT = "—"
#: What an empty required date field says when the form is saved.
DATE_REQUIRED = "la date est obligatoire."
#: Up and Down move a time by this many minutes.
TIME_STEP_MINUTES = 15


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TypedField(QLineEdit):
    """A line where a value is typed as text and read when needed (dates, times).

    Everything is selected when the field takes the focus, by Tab or by a click, so
    that typing replaces the value; on leaving, a value that reads is written back in
    its usual form (``311226`` → ``31/12/2026``), and text that does not read stays as
    typed for :meth:`problem` to explain. Qt never changes what was typed.
    """

    #: Width of the field: the value, the calendar button and the frame.
    WIDTH = 130

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedWidth(self.WIDTH)
        self.editingFinished.connect(self.tidy)

    # -- what subclasses provide ----------------------------------------------------

    def read(self) -> object:
        """The value of the text; raises :class:`TextError` when it does not read."""
        raise NotImplementedError

    def write(self, value: object) -> str:
        """The usual form of ``value``."""
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------

    def readable(self) -> bool:
        try:
            self.read()
        except TextError:
            return False
        return True

    def text_problem(self) -> str | None:
        """Why the text does not read, or None."""
        try:
            self.read()
        except TextError as error:
            return str(error)
        return None

    def tidy(self) -> None:
        """Write a value that reads in its usual form."""
        try:
            value = self.read()
        except TextError:
            return
        shown = self.write(value)
        if shown != self.text():
            self.setText(shown)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        # A click places the cursor once the focus is in: select after it.
        QTimer.singleShot(0, self, self.selectAll)


class DateField(TypedField):
    """A French date typed JJ/MM/AAAA (or 31122026, 31/12/26, 311226), with a calendar.

    ``value()`` is exactly the date typed, or None while the field is empty or holds
    text that is not a date; ``problem()`` then says why in French, and the form shows
    it under the field instead of saving. Up and Down move a day; Alt+Down or F4 opens
    the calendar, as does the button at the right. An ``optional`` field may be left
    empty (Suppr empties it); a required one says « obligatoire ».
    """

    #: The date shown changed (an invalid ``QDate`` when there is none).
    dateChanged = Signal(QDate)  # noqa: N815 - the name of QDateEdit's signal

    def __init__(
        self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__("JJ/MM/AAAA", parent)
        self.optional = optional
        self._shown: date | None = None
        self._calendar: QCalendarWidget | None = None
        self.calendar_action = QAction(load_icon("calendar"), "Calendrier", self)
        self.calendar_action.setToolTip("Choisir dans le calendrier (Alt+Bas)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setToolTip(
            "Tapez la date : 31/12/2026, 31122026, 31/12/26 ou 311226 ; "
            "Haut et Bas changent de jour, Alt+Bas ouvre le calendrier"
        )
        self.textChanged.connect(self._on_text)
        self.set_value(value)

    def read(self) -> date | None:
        return read_date(self.text())

    def write(self, value: object) -> str:
        return date_text(value if isinstance(value, date) else None)

    def value(self) -> date | None:
        """The date typed, or None when the field is empty or its text is not a date."""
        try:
            return self.read()
        except TextError:
            return None

    def set_value(self, value: date | None) -> None:
        """Show ``value``; None empties an optional field and puts today in a required one."""
        if value is None and not self.optional:
            value = date.today()
        self.setText(date_text(value))

    def problem(self) -> str | None:
        """Why the field cannot be saved as it is (French), or None."""
        if not self.text().strip():
            return None if self.optional else DATE_REQUIRED
        return self.text_problem()

    # QDateEdit's names, for the forms written against it.
    def date(self) -> QDate:
        value = self.value()
        return to_qdate(value) if value is not None else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_value(from_qdate(value) if value.isValid() else None)

    def _on_text(self, _text: str) -> None:
        value = self.value()
        if value != self._shown:
            self._shown = value
            self.dateChanged.emit(to_qdate(value) if value is not None else QDate())

    # -- keyboard and calendar ------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers()
        alt = modifiers & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt:
            self._step(1 if key == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)

    def _step(self, days: int) -> None:
        current = self.value()
        if current is None and self.text().strip():
            return  # text that is not a date: leave it for the user to correct
        moved = date.today() if current is None else current + timedelta(days=days)
        if FIRST_YEAR <= moved.year <= LAST_YEAR:
            self.set_value(moved)
            self.selectAll()

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 - QDateEdit's name
        """The calendar shown by the button (made when first asked for)."""
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setObjectName("dateFieldCalendar")
            calendar.setLocale(FRENCH)
            calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            calendar.setGridVisible(True)
            calendar.setVerticalHeaderFormat(
                QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
            )
            calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
            calendar.activated.connect(self._picked)
            calendar.clicked.connect(self._picked)
            self._calendar = calendar
        return self._calendar

    def show_calendar(self) -> None:
        """Open the calendar under the field, on the date typed (or today)."""
        calendar = self.calendarWidget()
        shown = self.value() or date.today()
        calendar.setSelectedDate(to_qdate(shown))
        calendar.adjustSize()
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, picked: QDate) -> None:
        self.set_value(from_qdate(picked))
        if self._calendar is not None:
            self._calendar.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)


class TimeField(TypedField):
    """A time of day typed 9h30, 09:30 or 0930; empty means "no time given".

    ``value()`` is the time typed, or None when the field is empty or does not hold a
    time (``problem()`` then says why). Up and Down move a quarter of an hour.
    """

    #: The time shown changed (an invalid ``QTime`` when there is none).
    timeChanged = Signal(QTime)  # noqa: N815 - the name of QTimeEdit's signal

    WIDTH = 90

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__("HH:MM", parent)
        self.optional = True
        self._shown: time | None = None
        self.setToolTip("Tapez l'heure : 9h30, 09:30 ou 0930 ; Haut et Bas : un quart d'heure")
        self.textChanged.connect(self._on_text)
        self.set_value(value)

    def read(self) -> time | None:
        return read_time(self.text())

    def write(self, value: object) -> str:
        return time_text(value if isinstance(value, time) else None)

    def value(self) -> time | None:
        try:
            return self.read()
        except TextError:
            return None

    def set_value(self, value: time | None) -> None:
        self.setText(time_text(value))

    def problem(self) -> str | None:
        return self.text_problem()

    def time(self) -> QTime:
        value = self.value()
        return QTime(value.hour, value.minute) if value is not None else QTime()

    def setTime(self, value: QTime) -> None:  # noqa: N802 - QTimeEdit's name
        self.set_value(time(value.hour(), value.minute()) if value.isValid() else None)

    def _on_text(self, _text: str) -> None:
        value = self.value()
        if value != self._shown:
            self._shown = value
            self.timeChanged.emit(QTime(value.hour, value.minute) if value else QTime())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            current = self.value()
            if current is not None or not self.text().strip():
                minutes = 9 * 60 if current is None else current.hour * 60 + current.minute
                if current is not None:
                    step = TIME_STEP_MINUTES if event.key() == Qt.Key.Key_Up else -TIME_STEP_MINUTES
                    minutes = (minutes + step) % (24 * 60)
                self.set_value(time(minutes // 60, minutes % 60))
                self.selectAll()
            return
        super().keyPressEvent(event)


class MoneyField(QDoubleSpinBox):
    """An amount in euros, typed with a decimal comma, kept in integer cents."""

    def __init__(self, cents: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(FRENCH)
        self.setDecimals(2)
        self.setRange(0, 1_000_000)
        self.setSuffix(" €")
        self.setGroupSeparatorShown(True)
        self.set_cents(cents)

    def cents(self) -> int:
        # Rounded, not truncated: 1850.1 € typed is 185 010 cents, never 185 009.
        return round(self.value() * 100)

    def set_cents(self, cents: int) -> None:
        self.setValue(cents / 100)


class EnumCombo(QComboBox, Generic[E]):
    """A combo of enum members shown by their French ``label``; optionally "—" first."""

    def __init__(
        self,
        members: Iterable[E],
        *,
        optional: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Qt turns a str-based enum member into a plain str: keep the members here.
        self._members: list[E | None] = [None] if optional else []
        self._members += list(members)
        for member in self._members:
            self.addItem(EMPTY_TEXT if member is None else getattr(member, "label", str(member)))

    def value(self) -> E | None:
        index = self.currentIndex()
        return self._members[index] if index >= 0 else None

    def set_value(self, member: E | None) -> None:
        if member in self._members:
            self.setCurrentIndex(self._members.index(member))


class ChoiceCombo(QComboBox):
    """A directory combo (referents, partners, employers) over row ids."""

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        none_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if none_text is not None:
            self.addItem(none_text, None)
        for choice in choices:
            self.addItem(choice.label, choice.id)

    def value(self) -> int | None:
        return self.currentData()

    def set_value(self, row_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(row_id), 0))


class DirectoryCombo(QComboBox):
    """A directory entry to pick (an employer of the network), or a new name to type.

    ``value()`` is the id of the entry chosen, None when a new name is typed (then
    ``new_name()``) or nothing; the service adds the new name to the directory.
    """

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        placeholder: str = "choisir dans la liste ou taper un nouveau nom",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for choice in choices:
            self.addItem(choice.label, choice.id)
        self.lineEdit().setPlaceholderText(placeholder)
        self.setCurrentIndex(0)

    def _typed(self) -> str:
        return " ".join(self.currentText().split())

    def value(self) -> int | None:
        """The id of the listed entry whose name is shown, or None."""
        text = self._typed()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        return self.itemData(index) if index > 0 else None

    def new_name(self) -> str | None:
        """The name typed when it is not in the list (case and spaces ignored), or None."""
        text = self._typed()
        return text if text and self.value() is None else None

    def set_value(self, row_id: int | None, name: str | None = None) -> None:
        """Show the entry ``row_id``, or the name ``name`` (an entry removed since)."""
        index = self.findData(row_id) if row_id is not None else -1
        if index > 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(0)
            self.setEditText(name or "")


class YesNoCombo(QComboBox):
    """« — », « Oui », « Non »: a fact the rules need, which may not be known yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[bool | None] = [None, True, False]
        for text in (EMPTY_TEXT, "Oui", "Non"):
            self.addItem(text)

    def value(self) -> bool | None:
        return self._values[self.currentIndex()] if self.currentIndex() >= 0 else None

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex(self._values.index(value))


class HoursField(QDoubleSpinBox):
    """A number of hours with a decimal comma; 0 shows « — » and means "not known"."""

    def __init__(self, top: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(FRENCH)
        self.setDecimals(1)
        self.setRange(0, top)
        self.setSuffix(" h")
        self.setSpecialValueText(EMPTY_TEXT)

    def number(self) -> float | None:
        return self.value() or None

    def set_number(self, value: float | None) -> None:
        self.setValue(value or 0)
