"""Drawing the agenda with ``QPainter``: one paint path for the screen and for printing.

The widget calls :func:`paint_week` or :func:`paint_month` in its ``paintEvent``; the
printed week calls :func:`paint_week` on a PDF page with a print :class:`AgendaStyle`.
Both draw the rectangles of :mod:`.geometry`. A state is said by colour *and* by
words and line style (plain, dashed, dotted, hatched), so that it reads in grey print:
« Prévu », « Réalisé », « Absent », « Excusé », « À renseigner » (planned, in the past).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from ...models import InterviewKind
from ...rules.agenda_layout import Block, DayDeadline
from ...rules.working_hours import minutes_of
from ..formatting import FRENCH
from .geometry import SNAP_MINUTES, Metrics, MonthGeometry, Rect, WeekGeometry

#: Short kind names for the boxes (the long ones are in the tooltips).
#: The names of the two rows above the hours.
DAY_LABEL = "Jour"
PERIODS_LABEL = "Périodes"

KIND_SHORT = {
    InterviewKind.CONTRACTING.value: "Contractualisation",
    InterviewKind.INDIVIDUAL.value: "Individuel",
    InterviewKind.GROUP.value: "Regroupement",
    InterviewKind.PHONE.value: "Téléphone",
    InterviewKind.FOLLOW_UP.value: "Suivi dans l'emploi",
}


@dataclass(frozen=True)
class Look:
    """How a state is drawn: fill, border, line style, hatch, its word and its sign
    (the sign says the state where the word does not fit; the legend explains it)."""

    fill: str
    border: str
    line: Qt.PenStyle
    word: str
    sign: str
    hatch: Qt.BrushStyle | None = None


LOOKS = {
    "planned": Look("#ffffff", "#1f4e8c", Qt.PenStyle.SolidLine, "Prévu", "○"),
    "attended": Look("#d7ead3", "#2e6b30", Qt.PenStyle.SolidLine, "Réalisé", "✓"),
    "absent": Look(
        "#f6d5d2", "#a1251b", Qt.PenStyle.DashLine, "Absent", "✗", Qt.BrushStyle.BDiagPattern
    ),
    "excused": Look("#e4e4e4", "#505050", Qt.PenStyle.DotLine, "Excusé", "–"),
    "mixed": Look("#fff1c9", "#6b5100", Qt.PenStyle.SolidLine, "États mêlés", "≠"),
    "to_record": Look("#ffffff", "#a34b00", Qt.PenStyle.DashDotLine, "À renseigner", "?"),
}
BAND_LOOKS = {
    "suspension": ("#fbe3c8", "#d9a066", Qt.BrushStyle.Dense7Pattern),
    "company_period": ("#d8e7f6", "#1f4e8c", None),
}
DEADLINE_COLOURS = {"overdue": "#9e1c12", "today": "#8a4b00", "soon": "#5a4500", "later": "#333333"}


def state_of(block: Block, today: date) -> str:
    """The look of a block: its status, « à renseigner » for a planned one in the past."""
    status = block.status
    if status == "planned" and block.day < today:
        return "to_record"
    return status if status in LOOKS else "mixed"


def last_name(beneficiary: str) -> str:
    """« DURAND Sophie » → « DURAND » (the upper-case words), for narrow boxes."""
    words = beneficiary.split()
    upper = [w for w in words if w.isupper()]
    return " ".join(upper) if upper else beneficiary


def block_words(block: Block, today: date, *, compact: bool = False) -> tuple[str, str]:
    """The two lines written in a block: time and who; kind and state."""
    first = block.first
    start = f"{first.start:%H:%M} " if first.start is not None else ""
    look = LOOKS[state_of(block, today)]
    if block.is_group:
        count = len(block.members)
        who = (
            f"Regroupement ({count})"
            if compact
            else (f"Regroupement · {count} participant{'s' if count > 1 else ''}")
        )
        names = ", ".join(
            last_name(m.beneficiary) if compact else m.beneficiary for m in block.members
        )
        return f"{start}{who}", f"{look.word} — {names}"
    if compact:
        # A narrow box: the name first, its place in the grid already says the time.
        return last_name(first.beneficiary), look.word
    return f"{start}{first.beneficiary}", f"{KIND_SHORT.get(first.kind, first.kind)} · {look.word}"


#: Narrower than this (pixels), a box writes last names only.
COMPACT_WIDTH = 110
#: Wider than this, a one-line box writes its state's word at its right end (else its sign).
BADGE_WIDTH = 190


class AgendaStyle:
    """Fonts, pens and brushes of the agenda, for the screen or for a printed page."""

    def __init__(self, font: QFont, *, printing: bool = False) -> None:
        self.printing = printing
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.small = QFont(font)
        self.small.setPointSizeF(max(6.0, font.pointSizeF() * 0.88))
        metrics = QFontMetricsF(self.font)
        self.line = int(metrics.height() + 3)
        # Wide enough for the hours and for the names of the rows above them.
        small = QFontMetricsF(self.small)
        self.axis = int(
            max(metrics.horizontalAdvance("00:00"), small.horizontalAdvance(PERIODS_LABEL)) + 12
        )
        self.background = QColor("#ffffff")
        self.off_day = QColor("#ececec")
        self.off_hours = QColor("#f6f6f6")
        self.today = QColor("#dde9f7")
        self.grid = QColor("#c9c9c9" if printing else "#dcdcdc")
        self.half_grid = QColor("#e6e6e6" if printing else "#eeeeee")
        self.day_line = QColor("#7d7d7d")
        self.text = QColor("#1c1c1c")
        self.muted = QColor("#5f5f5f")
        self.holiday = QColor("#8a1414")
        self.selection = QColor("#0b57d0")
        self.now = QColor("#c62828")
        self._pens: dict[tuple[str, Qt.PenStyle, float], QPen] = {}
        self._brushes: dict[tuple[str, Qt.BrushStyle | None], QBrush] = {}

    @property
    def metrics(self) -> Metrics:
        return Metrics(line=self.line, axis=self.axis)

    def pen(
        self, colour: str | QColor, style: Qt.PenStyle = Qt.PenStyle.SolidLine, width: float = 1.0
    ) -> QPen:
        key = (QColor(colour).name(), style, width)
        pen = self._pens.get(key)
        if pen is None:
            pen = QPen(QColor(colour), width, style)
            self._pens[key] = pen
        return pen

    def brush(self, colour: str, style: Qt.BrushStyle | None = None) -> QBrush:
        key = (colour, style)
        brush = self._brushes.get(key)
        if brush is None:
            brush = QBrush(QColor(colour), style or Qt.BrushStyle.SolidPattern)
            self._brushes[key] = brush
        return brush


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def _text(
    painter: QPainter, rect: Rect, text: str, flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
) -> None:
    """``text`` on one line, elided to the rectangle's width."""
    if rect.w <= 4 or rect.h <= 2:
        return
    metrics = QFontMetricsF(painter.font())
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.w - 4)
    painter.drawText(qrect(rect.inset(2, 0)), int(flags | Qt.AlignmentFlag.AlignVCenter), elided)


def day_title(day: date) -> str:
    """« lun. 11/05 »."""
    return FRENCH.toString(_qdate(day), "ddd dd/MM")


def long_day(day: date) -> str:
    """« lundi 11 mai 2026 »."""
    return FRENCH.toString(_qdate(day), "dddd d MMMM yyyy")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def draw_block_box(
    painter: QPainter, style: AgendaStyle, rect: Rect, state: str, *, selected: bool = False
) -> None:
    """The box of a block in its state's look (fill, hatch, border)."""
    look = LOOKS[state]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.brush(look.fill))
    painter.drawRect(qrect(rect))
    if look.hatch is not None:
        painter.setBrush(style.brush(look.border, look.hatch))
        painter.drawRect(qrect(rect))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(style.pen(look.border, look.line, 1.3))
    painter.drawRect(qrect(rect))
    # A thick bar on the left: the state's colour, solid in every look.
    painter.fillRect(QRectF(rect.x, rect.y, 3, rect.h), QColor(look.border))
    if selected:
        painter.setPen(style.pen(style.selection, Qt.PenStyle.SolidLine, 2.6))
        painter.drawRect(qrect(rect.inset(-1, -1)))


# --- Week -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekMarks:
    """What the user is doing on the week view: the selection, the cursor, a drag."""

    selected_key: int | None = None
    cursor: tuple[int, int] | None = None  # lane, minute
    ghost: tuple[int, int, int, bool] | None = None  # lane, minute, minutes, allowed
    now_minute: int | None = None


def paint_week(
    painter: QPainter,
    geom: WeekGeometry,
    style: AgendaStyle,
    *,
    today: date,
    referent_names: dict[int, str],
    hours: dict[int, object],
    marks: WeekMarks = WeekMarks(),
) -> None:
    """The week (or day) view: days, hours, bands, all-day lists, appointments."""
    layout = geom.layout
    painter.fillRect(QRectF(0, 0, geom.width, geom.height), style.background)
    _week_background(painter, geom, style, hours)
    _week_grid(painter, geom, style)
    _week_header(painter, geom, style, referent_names)
    _week_all_day(painter, geom, style, today)
    _week_bands(painter, geom, style)
    painter.setFont(style.small)
    for placed in layout.placed:
        rect = geom.block_rect(placed)
        state = state_of(placed.block, today)
        draw_block_box(painter, style, rect, state, selected=placed.block.key == marks.selected_key)
        first, second = block_words(placed.block, today, compact=rect.w < COMPACT_WIDTH)
        painter.setPen(style.text)
        inner = rect.inset(3, 1)
        two_lines = inner.h >= style.line * 1.8
        badge = 0.0
        if not two_lines:
            # One line only: the state at the right end, so that it is always said.
            painter.setFont(style.small)
            word = LOOKS[state].word if inner.w > BADGE_WIDTH else LOOKS[state].sign
            badge = QFontMetricsF(style.small).horizontalAdvance(word) + 6
            painter.setPen(QColor(LOOKS[state].border))
            _text(
                painter,
                Rect(inner.right - badge, inner.y, badge, min(style.line, inner.h)),
                word,
                Qt.AlignmentFlag.AlignRight,
            )
            painter.setPen(style.text)
        painter.setFont(style.bold)
        _text(painter, Rect(inner.x + 1, inner.y, inner.w - badge, min(style.line, inner.h)), first)
        if two_lines:
            painter.setFont(style.small)
            _text(painter, Rect(inner.x + 1, inner.y + style.line - 2, inner.w, style.line), second)
        painter.setFont(style.small)
        if placed.cut_before:
            _text(
                painter,
                Rect(rect.x, rect.y, rect.w - 2, style.line),
                "▲",
                Qt.AlignmentFlag.AlignRight,
            )
        if placed.cut_after:
            _text(
                painter,
                Rect(rect.x, rect.bottom - style.line, rect.w - 2, style.line),
                "▼",
                Qt.AlignmentFlag.AlignRight,
            )
    for overflow in layout.overflows:
        rect = geom.overflow_rect(overflow)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.brush("#303030"))
        painter.drawRoundedRect(qrect(rect), 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(style.bold)
        _text(painter, rect, f"+{len(overflow.hidden)}", Qt.AlignmentFlag.AlignHCenter)
    _week_marks(painter, geom, style, marks)


def _week_background(
    painter: QPainter, geom: WeekGeometry, style: AgendaStyle, hours: dict[int, object]
) -> None:
    layout = geom.layout
    grid = geom.grid
    for lane in layout.lanes:
        info = layout.days[[d.day for d in layout.days].index(lane.day)]
        column = Rect(geom.lane_x(lane.index), grid.y, geom.lane_w, grid.h)
        if info.off:
            painter.fillRect(
                qrect(
                    Rect(column.x, geom.header.bottom, column.w, geom.height - geom.header.bottom)
                ),
                style.off_day,
            )
            if info.holiday:
                painter.fillRect(
                    qrect(column), QBrush(QColor("#d4d4d4"), Qt.BrushStyle.FDiagPattern)
                )
            continue
        week = hours.get(lane.referent_id)
        stretches = week.stretches(lane.day) if week is not None else ()  # type: ignore[attr-defined]
        painter.fillRect(qrect(column), style.off_hours)
        for start, end in stretches:
            top, bottom = geom.y_of(minutes_of(start)), geom.y_of(minutes_of(end))
            painter.fillRect(QRectF(column.x, top, column.w, bottom - top), style.background)
        if info.today:
            painter.fillRect(qrect(Rect(column.x, 0, column.w, geom.header.bottom)), style.today)


def _week_grid(painter: QPainter, geom: WeekGeometry, style: AgendaStyle) -> None:
    layout = geom.layout
    grid = geom.grid
    painter.setFont(style.small)
    for minute in range(layout.first_minute, layout.last_minute + 1, 30):
        y = geom.y_of(minute)
        hour = minute % 60 == 0
        painter.setPen(
            style.pen(
                style.grid if hour else style.half_grid,
                Qt.PenStyle.SolidLine if hour else Qt.PenStyle.DotLine,
            )
        )
        painter.drawLine(QPointF(grid.x, y), QPointF(grid.right, y))
        if hour and minute < layout.last_minute:
            painter.setPen(style.muted)
            _text(
                painter,
                Rect(0, y, geom.axis - 4, style.line),
                f"{minute // 60:02d}:00",
                Qt.AlignmentFlag.AlignRight,
            )
    per_day = max(len(layout.referent_ids), 1)
    for lane in range(len(layout.lanes) + 1):
        x = geom.lane_x(lane)
        day_edge = lane % per_day == 0
        painter.setPen(
            style.pen(
                style.day_line if day_edge else style.grid,
                Qt.PenStyle.SolidLine,
                1.2 if day_edge else 0.8,
            )
        )
        painter.drawLine(
            QPointF(x, 0 if day_edge else geom.header.y + 2 * style.line), QPointF(x, geom.height)
        )
    for y in (geom.header.bottom, geom.all_day.bottom, geom.bands.bottom):
        painter.setPen(style.pen(style.day_line))
        painter.drawLine(QPointF(0, y), QPointF(geom.width, y))


def _week_header(
    painter: QPainter, geom: WeekGeometry, style: AgendaStyle, names: dict[int, str]
) -> None:
    layout = geom.layout
    line = style.line
    for index, info in enumerate(layout.days):
        span = geom.day_span(index)
        painter.setFont(style.bold)
        painter.setPen(style.selection if info.today else style.text)
        _text(
            painter,
            Rect(span.x, 3, span.w, line),
            day_title(info.day),
            Qt.AlignmentFlag.AlignHCenter,
        )
        painter.setFont(style.small)
        if info.holiday:
            colour, note = style.holiday, f"Férié : {info.holiday}"
        elif info.weekend:
            colour, note = style.muted, "Week-end"
        elif info.today:
            colour, note = style.selection, "Aujourd'hui"
        else:
            continue
        painter.setPen(colour)
        _text(painter, Rect(span.x, 3 + line, span.w, line), note, Qt.AlignmentFlag.AlignHCenter)
    if geom.several:
        painter.setFont(style.small)
        painter.setPen(style.text)
        for lane in layout.lanes:
            rect = Rect(geom.lane_x(lane.index), 3 + 2 * line, geom.lane_w, line)
            _text(painter, rect, names.get(lane.referent_id, ""), Qt.AlignmentFlag.AlignHCenter)
    painter.setPen(style.muted)
    painter.setFont(style.small)
    _text(
        painter, Rect(0, geom.all_day.y, geom.axis, style.line), "Jour", Qt.AlignmentFlag.AlignRight
    )
    if geom.band_rows:
        _text(
            painter,
            Rect(0, geom.bands.y, geom.axis, style.line),
            "Périodes",
            Qt.AlignmentFlag.AlignRight,
        )


def deadline_text(deadline: DayDeadline) -> str:
    return f"⚑ {deadline.beneficiary} : {deadline.label}"


def _week_all_day(painter: QPainter, geom: WeekGeometry, style: AgendaStyle, today: date) -> None:
    painter.setFont(style.small)
    for lane in geom.layout.lanes:
        shown, rest = geom.all_day_rects(lane.index)
        for rect, item in shown:
            if item.deadline is not None:
                painter.setPen(QColor(DEADLINE_COLOURS.get(item.deadline.status, "#333333")))
                _text(painter, rect, deadline_text(item.deadline))
            elif item.block is not None:
                draw_block_box(painter, style, rect, state_of(item.block, today))
                painter.setPen(style.text)
                first, _second = block_words(item.block, today)
                kind = KIND_SHORT.get(item.block.kind, "")
                _text(painter, Rect(rect.x + 3, rect.y, rect.w - 3, rect.h), f"{first} — {kind}")
        if rest:
            painter.setPen(style.muted)
            _text(
                painter,
                geom.more_rect(lane.index),
                f"+{len(rest)} autre{'s' if len(rest) > 1 else ''}…",
            )


def _week_bands(painter: QPainter, geom: WeekGeometry, style: AgendaStyle) -> None:
    painter.setFont(style.small)
    for piece in geom.layout.bands:
        rect = geom.band_rect(piece)
        if rect is None:
            continue
        _draw_band(
            painter,
            style,
            rect,
            piece.band.kind,
            piece.band.label,
            piece.continues_before,
            piece.continues_after,
        )
    painter.setPen(style.muted)
    for lane in geom.layout.lanes:
        hidden = len(geom.hidden_bands(lane.index))
        if hidden:
            _text(
                painter,
                geom.band_more_rect(lane.index),
                f"+{hidden} période{'s' if hidden > 1 else ''}…",
            )


def _draw_band(
    painter: QPainter,
    style: AgendaStyle,
    rect: Rect,
    kind: str,
    label: str,
    before: bool,
    after: bool,
) -> None:
    fill, border, hatch = BAND_LOOKS.get(kind, BAND_LOOKS["company_period"])
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.brush(fill))
    painter.drawRect(qrect(rect))
    if hatch is not None:
        painter.setBrush(style.brush(border, hatch))
        painter.drawRect(qrect(rect))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(style.pen(border))
    painter.drawRect(qrect(rect))
    painter.setPen(style.text)
    text = ("◀ " if before else "") + label
    _text(painter, Rect(rect.x + 2, rect.y, rect.w - (14 if after else 4), rect.h), text)
    if after:
        _text(painter, rect, "▶", Qt.AlignmentFlag.AlignRight)


def _week_marks(
    painter: QPainter, geom: WeekGeometry, style: AgendaStyle, marks: WeekMarks
) -> None:
    layout = geom.layout
    if (
        marks.now_minute is not None
        and layout.first_minute <= marks.now_minute <= layout.last_minute
    ):
        y = geom.y_of(marks.now_minute)
        painter.setPen(style.pen(style.now, Qt.PenStyle.SolidLine, 1.6))
        for lane in layout.lanes:
            info = next(d for d in layout.days if d.day == lane.day)
            if info.today:
                painter.drawLine(
                    QPointF(geom.lane_x(lane.index), y),
                    QPointF(geom.lane_x(lane.index) + geom.lane_w, y),
                )
    if marks.cursor is not None and marks.selected_key is None:
        lane, minute = marks.cursor
        if 0 <= lane < len(layout.lanes):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.selection, Qt.PenStyle.DashLine, 1.6))
            painter.drawRect(qrect(geom.slot_rect(lane, minute, 2 * SNAP_MINUTES)))
    if marks.ghost is not None:
        lane, minute, minutes, allowed = marks.ghost
        rect = geom.slot_rect(lane, minute, max(minutes, SNAP_MINUTES))
        colour = "#2e6b30" if allowed else "#a1251b"
        painter.setBrush(QBrush(QColor(colour).lighter(185)))
        painter.setPen(style.pen(colour, Qt.PenStyle.DashLine, 2.0))
        painter.drawRect(qrect(rect))
        painter.setPen(QColor(colour))
        painter.setFont(style.bold)
        _text(
            painter,
            Rect(rect.x, rect.y, rect.w, style.line),
            f"{minute // 60:02d}:{minute % 60:02d}",
        )


# --- Month ----------------------------------------------------------------------------------


WEEKDAY_TITLES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def month_line(entry: object, today: date, several: bool, initials: dict[int, str]) -> str:
    if isinstance(entry, Block):
        first = entry.first
        start = f"{first.start:%H:%M} " if first.start is not None else ""
        who = f"[{initials.get(entry.referent_id, '')}] " if several else ""
        if entry.is_group:
            return f"{start}{who}Regroupement ({len(entry.members)})"
        return f"{start}{who}{first.beneficiary}"
    if isinstance(entry, DayDeadline):
        return deadline_text(entry)
    if isinstance(entry, tuple):
        return f"⚑ {len(entry)} échéances"
    return ""


def paint_month(
    painter: QPainter,
    geom: MonthGeometry,
    style: AgendaStyle,
    *,
    today: date,
    initials: dict[int, str],
    several: bool,
    selected: int | None = None,
    ghost: int | None = None,
) -> None:
    """The month grid: days, holidays, bands, appointments by time, deadlines."""
    layout = geom.layout
    line = style.line
    painter.fillRect(QRectF(0, 0, geom.width, geom.height), style.background)
    painter.setFont(style.bold)
    painter.setPen(style.text)
    for column, title in enumerate(WEEKDAY_TITLES):
        _text(
            painter,
            Rect(column * geom.cell_w, 2, geom.cell_w, line + 4),
            title,
            Qt.AlignmentFlag.AlignHCenter,
        )
    for index, cell in enumerate(layout.cells):
        rect = geom.cell_rect(index)
        if cell.info.off:
            painter.fillRect(qrect(rect), style.off_day)
            if cell.info.holiday:
                painter.fillRect(qrect(rect), QBrush(QColor("#d4d4d4"), Qt.BrushStyle.FDiagPattern))
        elif not cell.in_month:
            painter.fillRect(qrect(rect), QColor("#f8f8f8"))
        if cell.info.today:
            painter.fillRect(qrect(Rect(rect.x, rect.y, rect.w, line + 2)), style.today)
        painter.setPen(style.pen(style.grid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(qrect(rect))
        painter.setFont(style.bold)
        painter.setPen(
            style.selection if cell.info.today else (style.text if cell.in_month else style.muted)
        )
        number = (
            str(cell.info.day.day)
            if cell.info.day.day != 1
            else FRENCH.toString(_qdate(cell.info.day), "d MMM")
        )
        _text(painter, Rect(rect.x, rect.y + 1, rect.w, line), number)
        if cell.info.holiday:
            painter.setFont(style.small)
            painter.setPen(style.holiday)
            _text(
                painter,
                Rect(rect.x + rect.w * 0.3, rect.y + 1, rect.w * 0.7, line),
                cell.info.holiday,
                Qt.AlignmentFlag.AlignRight,
            )
        painter.setFont(style.small)
        shown, rest = geom.item_rects(index)
        for item_rect, entry in shown:
            if isinstance(entry, Block):
                marker = Rect(item_rect.x, item_rect.y + 2, 7, item_rect.h - 4)
                draw_block_box(painter, style, marker, state_of(entry, today))
                painter.setPen(style.text)
                _text(
                    painter,
                    Rect(item_rect.x + 8, item_rect.y, item_rect.w - 8, item_rect.h),
                    month_line(entry, today, several, initials),
                )
            else:
                status = entry.status if isinstance(entry, DayDeadline) else _worst(entry)  # type: ignore[arg-type]
                painter.setPen(QColor(DEADLINE_COLOURS.get(status, "#333333")))
                _text(painter, item_rect, month_line(entry, today, several, initials))
        if rest:
            painter.setPen(style.muted)
            _text(
                painter, geom.more_rect(index), f"+{len(rest)} autre{'s' if len(rest) > 1 else ''}…"
            )
    for piece in layout.bands:
        band_rect = geom.band_rect(piece)
        if band_rect is not None:
            _draw_band(
                painter, style, band_rect, piece.band.kind, "", piece.continues_before, False
            )
    for index, colour, width in ((selected, style.selection, 2.6), (ghost, QColor("#2e6b30"), 2.0)):
        if index is not None and 0 <= index < len(layout.cells):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(colour, Qt.PenStyle.SolidLine, width))
            painter.drawRect(qrect(geom.cell_rect(index).inset(1, 1)))


def _worst(deadlines: tuple[DayDeadline, ...]) -> str:
    for status in ("overdue", "today", "soon"):
        if any(d.status == status for d in deadlines):
            return status
    return "later"
