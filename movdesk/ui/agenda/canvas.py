"""The agenda's drawing surface: the day, week or month laid out, painted, and answering
the mouse and the keyboard.

The widget holds an :class:`~movdesk.services.agenda.AgendaData`, asks
:mod:`movdesk.rules.agenda_layout` where everything goes and :mod:`.geometry` where that
lies in pixels, paints through :mod:`.paint` and maps clicks back through the same
geometry. It never writes: it says what the user asked for through its signals, and
the page acts.

Mouse: a click on a free slot asks to plan an interview there; a click on an
appointment selects it, a double click opens it; dragging an appointment to another
slot (or, in the month, another day) asks to move it. Keyboard: the arrows move the
cursor (a slot, or a day in the month) and select the appointment under it; Entrée
opens the case file of the selected appointment (or plans on the free slot); Espace
opens the appointment; Page précédente / suivante change the period; T goes to today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ...rules.agenda_layout import (
    Block,
    MonthLayout,
    WeekLayout,
    layout_month,
    layout_week,
    week_days,
)
from ...rules.working_hours import minutes_of, time_of
from ...services.agenda import AgendaData
from .geometry import SNAP_MINUTES, Hit, MonthGeometry, WeekGeometry
from .paint import AgendaStyle, WeekMarks, paint_month, paint_week
from .tooltips import band_tip, block_tip, deadline_tip, hidden_tip

DAY, WEEK, MONTH = "day", "week", "month"
#: Minutes the arrows move the cursor by in the day and week views.
CURSOR_STEP = 30
OTHER_REFERENT = (
    "Un rendez-vous reste dans l'agenda du référent de son dossier ; pour changer de "
    "référent, ouvrez le dossier (Commande et bénéficiaire › Changer de référent)."
)


@dataclass(frozen=True)
class Drag:
    """An appointment being dragged: from where it was taken, and where it would land."""

    block: Block
    press: QPoint
    offset: int
    target: tuple[int, int] | None = None  # lane (or month cell), minute
    allowed: bool = False
    active: bool = False


def initials(name: str) -> str:
    """« Claire Martin » → « CM »."""
    return "".join(part[0] for part in name.replace("-", " ").split() if part).upper()


class AgendaCanvas(QWidget):
    """The day, week or month of the referents shown (module notes)."""

    #: A free slot was clicked (or Entrée on it): day, time, referent id.
    slot_activated = Signal(object, object, int)
    #: Open this appointment (a :class:`Block`): double click or Espace.
    block_activated = Signal(object)
    #: Open this case's file: Entrée on an appointment or a deadline.
    case_requested = Signal(int)
    #: Move this block to a day and a time (time None: keep its own).
    move_requested = Signal(object, object, object)
    #: Show what « +n » hides: the items and the global position of the click.
    hidden_requested = Signal(object, QPoint)
    #: Previous (-1) or next (+1) period: Page précédente / suivante.
    period_step = Signal(int)
    #: T: today.
    today_requested = Signal()
    #: A month day was opened (double click, Entrée on a day): show that day.
    day_requested = Signal(object)
    #: The selection changed (a block or None).
    selection_changed = Signal(object)
    #: What the user asked cannot be done, and why (in French).
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaCanvas")
        self.setAccessibleName("Agenda")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.style_ = AgendaStyle(self.font())
        self.mode = WEEK
        self.anchor = date.today()
        self.data: AgendaData | None = None
        self.week: WeekLayout | None = None
        self.month: MonthLayout | None = None
        #: Week view: (lane, minute) of the keyboard cursor; month view: the cell.
        self.cursor: tuple[int, int] = (0, 9 * 60)
        self.cell = 0
        self.selected: Block | None = None
        self._drag: Drag | None = None
        self._pressed_slot: Hit | None = None
        #: Minutes since midnight of "now", drawn as a red line on today (None: none).
        self.now_minute: int | None = None

    # -- content -------------------------------------------------------------------

    def days(self) -> list[date]:
        """The days the view shows."""
        if self.mode == DAY:
            return [self.anchor]
        if self.mode == WEEK:
            return week_days(self.anchor)
        assert self.month is not None
        return [cell.info.day for cell in self.month.cells]

    def set_content(self, mode: str, anchor: date, data: AgendaData) -> None:
        """Show ``data`` in ``mode`` around ``anchor``; the selection is kept when it
        is still there."""
        self.mode, self.anchor, self.data = mode, anchor, data
        kwargs = {
            "bands": data.bands,
            "deadlines": data.deadlines,
            "today": data.today,
            "alsace_moselle": data.alsace_moselle,
        }
        if mode == MONTH:
            self.week = None
            self.month = layout_month(anchor, data.appointments, **kwargs)  # type: ignore[arg-type]
            index = self.month.cell_of(anchor)
            self.cell = index if index is not None else 0
        else:
            self.month = None
            days = [anchor] if mode == DAY else week_days(anchor)
            self.week = layout_week(days, data.referent_ids, data.appointments, **kwargs)  # type: ignore[arg-type]
            lanes = len(self.week.lanes)
            lane = min(self.cursor[0], lanes - 1) if lanes else 0
            if self.week.lanes and self.week.lanes[lane].day not in days:
                lane = 0
            self.cursor = (lane, self.cursor[1])
        if self.selected is not None:
            self.selected = self.find_block(self.selected.key)
        self.setMinimumHeight(int(self.wanted_height()))
        self.update()

    def wanted_height(self) -> float:
        if self.week is not None:
            return WeekGeometry.wanted_height(self.week, self.style_.metrics)
        return 420.0

    def find_block(self, interview_id: int) -> Block | None:
        """The block that holds ``interview_id`` in the view, if shown."""
        if self.week is not None:
            placed = self.week.block_with(interview_id)
            if placed is not None:
                return placed.block
            for item in self.week.all_day:
                if item.block is not None and item.block.holds(interview_id):
                    return item.block
        if self.month is not None:
            for cell in self.month.cells:
                for block in cell.blocks:
                    if block.holds(interview_id):
                        return block
        return None

    def week_geometry(self) -> WeekGeometry:
        assert self.week is not None
        return WeekGeometry(self.week, self.width(), self.height(), self.style_.metrics)

    def month_geometry(self) -> MonthGeometry:
        assert self.month is not None
        return MonthGeometry(self.month, self.width(), self.height(), self.style_.metrics)

    def hit(self, pos: QPoint) -> Hit:
        if self.week is not None:
            return self.week_geometry().hit(pos.x(), pos.y())
        if self.month is not None:
            return self.month_geometry().hit(pos.x(), pos.y())
        return Hit("none")

    def block_point(self, interview_id: int) -> QPoint | None:
        """The centre of the box of an appointment on screen (for the tests, the keyboard)."""
        if self.week is not None:
            placed = self.week.block_with(interview_id)
            if placed is not None:
                rect = self.week_geometry().block_rect(placed)
                return QPoint(int(rect.x + rect.w / 2), int(rect.y + min(rect.h / 2, 8)))
        if self.month is not None:
            geom = self.month_geometry()
            for index in range(len(self.month.cells)):
                for rect, entry in geom.item_rects(index)[0]:
                    if isinstance(entry, Block) and entry.holds(interview_id):
                        return QPoint(int(rect.x + rect.w / 2), int(rect.y + rect.h / 2))
        return None

    def slot_point(self, day: date, minute: int, referent_id: int) -> QPoint | None:
        """The middle of a slot's first quarter hour (for the tests)."""
        if self.week is None:
            return None
        lane = self.week.lane_of(day, referent_id)
        if lane is None:
            return None
        rect = self.week_geometry().slot_rect(lane.index, minute)
        return QPoint(int(rect.x + rect.w / 2), int(rect.y + rect.h / 2))

    # -- painting ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            self.paint(painter)
        finally:
            painter.end()

    def paint(self, painter: QPainter) -> None:
        data = self.data
        if data is None:
            return
        names = {r.id: r.name for r in data.referents}
        if self.week is not None:
            ghost = None
            drag = self._drag
            if drag is not None and drag.active and drag.target is not None:
                lane, minute = drag.target
                ghost = (lane, minute, drag.block.first.minutes, drag.allowed)
            marks = WeekMarks(
                selected_key=self.selected.key if self.selected is not None else None,
                cursor=self.cursor if self.hasFocus() else None,
                ghost=ghost,
                now_minute=self.now_minute,
            )
            paint_week(
                painter,
                self.week_geometry(),
                self.style_,
                today=data.today,
                referent_names=names,
                hours=dict(data.hours),
                marks=marks,
            )
        elif self.month is not None:
            drag = self._drag
            ghost_cell = drag.target[0] if drag and drag.active and drag.target else None
            paint_month(
                painter,
                self.month_geometry(),
                self.style_,
                today=data.today,
                initials={i: initials(n) for i, n in names.items()},
                several=len(data.referents) > 1,
                selected=self.cell if self.hasFocus() else None,
                ghost=ghost_cell,
            )

    # -- mouse ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        hit = self.hit(pos)
        self._pressed_slot = None
        if hit.block is not None:
            self.select(hit.block)
            if hit.placed is not None and hit.lane is not None:
                self.cursor = (hit.lane, hit.placed.top // SNAP_MINUTES * SNAP_MINUTES)
            if hit.lane is not None and self.month is not None:
                self.cell = hit.lane
            start = hit.block.start_minute
            offset = (hit.minute - start) if hit.minute is not None and start is not None else 0
            if hit.block.key > 0:
                self._drag = Drag(hit.block, pos, max(0, offset // SNAP_MINUTES * SNAP_MINUTES))
            return
        self.select(None)
        if hit.kind == "slot" and hit.lane is not None and hit.minute is not None:
            self.cursor = (hit.lane, hit.minute)
            self._pressed_slot = hit
        elif hit.kind == "cell" and hit.lane is not None:
            self.cell = hit.lane
        elif hit.kind in ("more", "overflow"):
            self.hidden_requested.emit(list(hit.hidden), event.globalPosition().toPoint())
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        drag = self._drag
        if drag is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        if not drag.active:
            distance = (pos - drag.press).manhattanLength()
            if distance < QApplication.startDragDistance():
                return
            self._pressed_slot = None
        self._drag = self._drag_target(drag, pos)
        self.update()

    def _drag_target(self, drag: Drag, pos: QPoint) -> Drag:
        hit = self.hit(pos)
        target, allowed = None, False
        if self.week is not None and hit.lane is not None and hit.kind in ("slot", "block"):
            geom = self.week_geometry()
            minute = geom.minute_at(pos.y()) - drag.offset
            minute = max(self.week.first_minute, minute)
            target = (hit.lane, minute)
            lane = self.week.lanes[hit.lane]
            allowed = lane.referent_id == drag.block.referent_id
        elif self.month is not None and hit.lane is not None and hit.kind != "none":
            target = (hit.lane, drag.block.start_minute or 0)
            allowed = True
        return Drag(drag.block, drag.press, drag.offset, target, allowed, True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        drag, self._drag = self._drag, None
        pressed, self._pressed_slot = self._pressed_slot, None
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if drag is not None and drag.active:
            self.update()
            if drag.target is not None and not drag.allowed:
                self.refused.emit(OTHER_REFERENT)
            if drag.target is None or not drag.allowed:
                return
            day, at = self._target_day_time(drag)
            if day != drag.block.day or at != drag.block.first.start:
                self.move_requested.emit(drag.block, day, at)
            return
        if pressed is not None:
            hit = self.hit(event.position().toPoint())
            if hit.kind == "slot" and hit.lane == pressed.lane and hit.minute == pressed.minute:
                self._activate_slot(pressed.lane, pressed.minute)  # type: ignore[arg-type]

    def _target_day_time(self, drag: Drag) -> tuple[date, time | None]:
        assert drag.target is not None
        index, minute = drag.target
        if self.week is not None:
            return self.week.lanes[index].day, time_of(minute)
        assert self.month is not None
        return self.month.cells[index].info.day, drag.block.first.start

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        hit = self.hit(event.position().toPoint())
        self._pressed_slot = None
        self._drag = None
        if hit.block is not None:
            self.select(hit.block)
            self.block_activated.emit(hit.block)
        elif hit.deadline is not None:
            self.case_requested.emit(hit.deadline.case_id)
        elif hit.band is not None:
            self.case_requested.emit(hit.band.band.case_id)
        elif self.month is not None and hit.day is not None:
            self.day_requested.emit(hit.day)

    def _activate_slot(self, lane: int, minute: int) -> None:
        if self.week is None or not 0 <= lane < len(self.week.lanes):
            return  # no referent shown: there is no slot to plan on
        target = self.week.lanes[lane]
        self.slot_activated.emit(target.day, time_of(minute), target.referent_id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            text = self.tip_at(pos)
            if text:
                QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.ShortcutOverride:
            # These keys belong to the agenda while it has the focus (not to the
            # window's shortcuts, such as Entrée for « Ouvrir le dossier »).
            key = event.key()  # type: ignore[attr-defined]
            if key in _OWN_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
                event.accept()
                return True
        return super().event(event)

    def tip_at(self, pos: QPoint) -> str:
        """The details of what lies under ``pos`` (the tooltip)."""
        hit = self.hit(pos)
        data = self.data
        if data is None:
            return ""
        names = {r.id: r.name for r in data.referents}
        if hit.block is not None:
            return block_tip(hit.block, names, data.today)
        if hit.deadline is not None:
            return deadline_tip(hit.deadline)
        if hit.band is not None:
            return band_tip(hit.band.band)
        if hit.hidden:
            return hidden_tip(hit.hidden)
        if hit.kind == "slot" and hit.day is not None and hit.minute is not None:
            return (
                f"Cliquez pour planifier un entretien le {hit.day:%d/%m/%Y} à "
                f"{hit.minute // 60:02d}:{hit.minute % 60:02d}"
            )
        return ""

    # -- keyboard ------------------------------------------------------------------

    def select(self, block: Block | None) -> None:
        if (block and block.key) != (self.selected and self.selected.key):
            self.selected = block
            self.selection_changed.emit(block)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key == Qt.Key.Key_PageUp:
            self.period_step.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.period_step.emit(1)
        elif key == Qt.Key.Key_T:
            self.today_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter()
        elif key == Qt.Key.Key_Space:
            if self.selected is not None:
                self.block_activated.emit(self.selected)
        elif key in _ARROWS:
            self._move_cursor(*_ARROWS[key])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _enter(self) -> None:
        if self.selected is not None:
            self.case_requested.emit(self.selected.first.case_id)
        elif self.week is not None:
            self._activate_slot(*self.cursor)
        elif self.month is not None:
            self.day_requested.emit(self.month.cells[self.cell].info.day)

    def _move_cursor(self, across: int, down: int) -> None:
        if self.week is not None:
            lanes = len(self.week.lanes)
            lane, minute = self.cursor
            lane = max(0, min(lanes - 1, lane + across))
            minute = minute + down * CURSOR_STEP
            minute = max(self.week.first_minute, min(minute, self.week.last_minute - CURSOR_STEP))
            self.cursor = (lane, minute)
            self.select(self._block_under_cursor())
        elif self.month is not None:
            self.cell = max(0, min(len(self.month.cells) - 1, self.cell + across + 7 * down))
            blocks = self.month.cells[self.cell].blocks
            self.select(blocks[0] if blocks else None)
        self.update()

    def _block_under_cursor(self) -> Block | None:
        assert self.week is not None
        lane, minute = self.cursor
        for placed in self.week.placed:
            if placed.lane == lane and placed.top <= minute < placed.bottom:
                return placed.block
        return None

    def cursor_slot(self) -> tuple[date, time, int] | None:
        """The day, time and referent of the keyboard cursor (week and day views)."""
        if self.week is None or not self.week.lanes:
            return None
        lane, minute = self.cursor
        target = self.week.lanes[lane]
        return target.day, time_of(minute), target.referent_id

    def set_now(self, moment: datetime | None) -> None:
        self.now_minute = minutes_of(moment.time()) if moment is not None else None
        self.update()

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().focusOutEvent(event)
        self.update()


_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
_OWN_KEYS = {
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Space,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_T,
    *_ARROWS,
}

__all__ = ["DAY", "MONTH", "WEEK", "AgendaCanvas"]
