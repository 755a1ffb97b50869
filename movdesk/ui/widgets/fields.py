"""Form fields that speak French: dates, times, money, enum and directory combos.

Every field reads and writes plain Python values (``date``, ``time``, cents, enum
members, row ids), so dialogs never convert Qt types themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time
from enum import Enum
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QTimeEdit,
    QWidget,
)

from ...services.lookups import Choice
from ..formatting import FRENCH

E = TypeVar("E", bound=Enum)

#: Shown by an optional date or time that holds nothing.
EMPTY_TEXT = "—"
#: The date an optional date field holds when it is empty (shown as ``EMPTY_TEXT``).
_EMPTY_DATE = QDate(1900, 1, 1)
_LAST_DATE = QDate(2199, 12, 31)


def _starts_typing(event: QKeyEvent) -> bool:
    return event.text().isdigit()


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateField(QDateEdit):
    """A French date (JJ/MM/AAAA) with a calendar popup; optionally empty.

    An optional field shows ``—`` when empty: its lowest date stands for "no date",
    which Qt displays with the special value text.
    """

    def __init__(
        self, value: date | None = None, *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setLocale(FRENCH)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.calendarWidget().setLocale(FRENCH)
        self.setDateRange(_EMPTY_DATE, _LAST_DATE)
        if optional:
            self.setSpecialValueText(EMPTY_TEXT)
        self.set_value(value)

    def value(self) -> date | None:
        """The date shown, or None when an optional field is empty."""
        if self.optional and self.date() == _EMPTY_DATE:
            return None
        return from_qdate(self.date())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_EMPTY_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(to_qdate(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Qt cannot type into the "—" text: put a date there first, then type over it.
        if self.value() is None and _starts_typing(event):
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateTimeEdit.Section.DaySection)
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        # Qt's Tab walks day → month → year; typed digits already move on by
        # themselves, so Tab goes to the next field as in every other form field.
        return QWidget.focusNextPrevChild(self, next)


class TimeField(QTimeEdit):
    """A time of day, HH:mm; midnight stands for "no time given" (shown ``—``)."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLocale(FRENCH)
        self.setDisplayFormat("HH:mm")
        self.setSpecialValueText(EMPTY_TEXT)
        self.set_value(value)

    def value(self) -> time | None:
        t = self.time()
        if t == self.minimumTime():
            return None
        return time(t.hour(), t.minute())

    def set_value(self, value: time | None) -> None:
        self.setTime(self.minimumTime() if value is None else QTime(value.hour, value.minute))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Qt cannot type into the "—" text: put a time there first, then type over it.
        if self.value() is None and _starts_typing(event):
            self.setTime(QTime(9, 0))
            self.setSelectedSection(QDateTimeEdit.Section.HourSection)
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt override
        # Qt's Tab walks day → month → year; typed digits already move on by
        # themselves, so Tab goes to the next field as in every other form field.
        return QWidget.focusNextPrevChild(self, next)


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
