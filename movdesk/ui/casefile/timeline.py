"""The timeline strip of the case file's header (frise): the whole case at a glance.

It draws a :class:`~movdesk.rules.case_strip.CaseStrip` from S to the end of the case,
lane by lane — phases, 14-day windows (green, orange in their last three days, red
when broken), suspensions and company periods, follow-up windows — with the interviews
(● held, ✕ missed, ○ planned), the report due dates (◆) and the exit (⚑) on the
bottom lane, the months along the top and today as a red line. The mouse resting on
a piece says what it is; a click opens its section of the case file, on its row.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QTableView, QToolTip, QWidget

from ...rules.case_strip import CaseStrip, StripBand, StripMark, Target
from ..formatting import FRENCH
from .table import RowsModel

LANE_TITLES = {
    "phases": "Phases",
    "clock": "14 jours",
    "periods": "Périodes",
    "follow": "Suivi",
    "marks": "Entretiens",
}
#: Fill of each band state, and a hatch for those that must read in grey.
BAND_LOOK: dict[str, tuple[str, Qt.BrushStyle | None]] = {
    "before": ("#e3e3e3", None),
    "phase1": ("#cfe2f3", None),
    "phase2": ("#b9d9ae", None),
    "ok": ("#8cc47a", None),
    "warn": ("#f4a94e", Qt.BrushStyle.Dense6Pattern),
    "broken": ("#d9534f", Qt.BrushStyle.BDiagPattern),
    "suspension": ("#f8c99b", Qt.BrushStyle.Dense6Pattern),
    "company": ("#9fc5e8", None),
    "done": ("#8cc47a", None),
    "missed": ("#d9534f", Qt.BrushStyle.BDiagPattern),
    "open": ("#ffffff", None),
}
#: Mark kind and state → (symbol, colour).
MARK_LOOK = {
    ("interview", "held"): ("●", "#2e6b30"),
    ("interview", "missed"): ("✕", "#b3261e"),
    ("interview", "planned"): ("○", "#1f4e8c"),
    ("contracting", "held"): ("■", "#2e6b30"),
    ("contracting", "missed"): ("□", "#b3261e"),
    ("contracting", "planned"): ("□", "#1f4e8c"),
    ("report", "sent"): ("◆", "#6b6b6b"),
    ("report", "late"): ("◆", "#b3261e"),
    ("report", "due"): ("◇", "#a85400"),
    ("exit", "exit"): ("⚑", "#1c1c1c"),
}
#: Pixels a click may miss a mark by.
HIT_SLOP = 5
#: A month's name keeps this far (pixels) from the « S » and « E » ticks.
LABEL_GAP = 22


class CaseTimelineStrip(QWidget):
    """The strip (module notes); :attr:`target_activated` says what a click opens."""

    #: A piece was clicked: open this section (and row) of the case file.
    target_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTimeline")
        self.setAccessibleName("Frise du dossier")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.strip: CaseStrip | None = None
        self.lanes: list[str] = []
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.82))
        metrics = self.fontMetrics()
        self.lane_h = max(11, metrics.height() - 3)
        self.axis_h = metrics.height() + 2
        self.left = max(metrics.horizontalAdvance(t) for t in LANE_TITLES.values()) + 10
        self.right = 8
        self.setToolTip("")

    # -- content --------------------------------------------------------------------

    def show_strip(self, strip: CaseStrip | None) -> None:
        self.strip = strip
        present = {b.lane for b in strip.bands} if strip is not None else set()
        self.lanes = [
            lane
            for lane in ("phases", "clock", "periods", "follow")
            if lane in present or lane in ("phases", "clock")
        ]
        self.lanes.append("marks")
        self.setFixedHeight(self.axis_h + len(self.lanes) * (self.lane_h + 2) + 4)
        self.setVisible(strip is not None)
        self.update()

    # -- geometry -------------------------------------------------------------------

    def x_of(self, day: date) -> float:
        """The left edge of ``day``."""
        assert self.strip is not None
        width = self.width() - self.left - self.right
        return self.left + (day - self.strip.first).days * width / max(self.strip.days, 1)

    def day_at(self, x: float) -> date | None:
        if self.strip is None or x < self.left:
            return None
        width = self.width() - self.left - self.right
        offset = int((x - self.left) * self.strip.days / max(width, 1))
        day = self.strip.first + timedelta(days=offset)
        return day if day <= self.strip.last else None

    def lane_rect(self, lane: str) -> QRectF:
        row = self.lanes.index(lane)
        top = self.axis_h + row * (self.lane_h + 2) + 2
        return QRectF(self.left, top, self.width() - self.left - self.right, self.lane_h)

    def band_rect(self, band: StripBand) -> QRectF:
        lane = self.lane_rect(band.lane)
        x = self.x_of(band.start)
        end = self.x_of(band.end + timedelta(days=1))
        return QRectF(x, lane.y(), max(end - x, 2.0), lane.height())

    def mark_point(self, mark: StripMark) -> QPointF:
        lane = self.lane_rect("marks")
        day_width = (self.width() - self.left - self.right) / max(self.strip.days, 1)  # type: ignore[union-attr]
        return QPointF(self.x_of(mark.day) + day_width / 2, lane.center().y())

    def piece_at(self, pos: QPoint) -> StripBand | StripMark | None:
        """The mark or band under ``pos`` (marks first: they are small)."""
        if self.strip is None:
            return None
        if self.lane_rect("marks").adjusted(0, -2, 0, 2).contains(QPointF(pos)):
            nearest = None
            best = float(HIT_SLOP) + 1
            for mark in self.strip.marks:
                distance = abs(self.mark_point(mark).x() - pos.x())
                if distance < best:
                    nearest, best = mark, distance
            return nearest
        for band in reversed(self.strip.bands):
            if band.lane in self.lanes and self.band_rect(band).contains(QPointF(pos)):
                return band
        return None

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.strip is None:
            return
        painter = QPainter(self)
        try:
            self._paint(painter, self.strip)
        finally:
            painter.end()

    def _paint(self, painter: QPainter, strip: CaseStrip) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setFont(self.small)
        bottom = self.height() - 2
        self._months(painter, strip, bottom)
        for lane in self.lanes:
            rect = self.lane_rect(lane)
            painter.setPen(QColor("#3c4b5a"))
            painter.drawText(
                QRectF(0, rect.y() - 1, self.left - 6, rect.height() + 2),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                LANE_TITLES[lane],
            )
            painter.fillRect(rect, QColor("#f4f6f8"))
        for band in strip.bands:
            if band.lane not in self.lanes:
                continue
            fill, hatch = BAND_LOOK.get(band.state, ("#cccccc", None))
            rect = self.band_rect(band)
            painter.fillRect(rect, QColor(fill))
            if hatch is not None:
                painter.fillRect(rect, QBrush(QColor(fill).darker(150), hatch))
            painter.setPen(QPen(QColor("#5b6770"), 0.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        for x, label, colour in self._ends(strip):
            painter.setPen(QPen(QColor(colour), 1.4))
            painter.drawLine(QPointF(x, self.axis_h), QPointF(x, bottom))
            painter.drawText(
                QRectF(x + 2, 0, 80, self.axis_h), int(Qt.AlignmentFlag.AlignVCenter), label
            )
        font = QFont(self.font())
        painter.setFont(font)
        for mark in strip.marks:
            symbol, colour = MARK_LOOK.get((mark.kind, mark.state), ("•", "#333333"))
            point = self.mark_point(mark)
            painter.setPen(QColor(colour))
            box = QRectF(point.x() - 6, point.y() - self.lane_h, 12, self.lane_h * 2)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), symbol)
        if strip.first <= strip.today <= strip.last:
            x = self.x_of(strip.today)
            painter.setPen(QPen(QColor("#c62828"), 1.6))
            painter.drawLine(QPointF(x, self.axis_h - 2), QPointF(x, bottom))

    def _months(self, painter: QPainter, strip: CaseStrip, bottom: int) -> None:
        # The month's name is left out where it would run into « S » or « E ».
        taken = [x for x, _label, _colour in self._ends(strip)]
        day = strip.first.replace(day=1)
        while day <= strip.last:
            if day >= strip.first:
                x = self.x_of(day)
                painter.setPen(QPen(QColor("#d5dbe1"), 1))
                painter.drawLine(QPointF(x, self.axis_h), QPointF(x, bottom))
                room = x + LABEL_GAP + 8 < self.width()
                if room and all(abs(x - other) > LABEL_GAP for other in taken):
                    painter.setPen(QColor("#5b6770"))
                    text = FRENCH.toString(QDate(day.year, day.month, 1), "MMM")
                    painter.drawText(
                        QRectF(x + 2, 0, 60, self.axis_h), int(Qt.AlignmentFlag.AlignVCenter), text
                    )
            day = (day + timedelta(days=32)).replace(day=1)

    def _ends(self, strip: CaseStrip) -> list[tuple[float, str, str]]:
        ends = [(self.x_of(strip.first), "S", "#15324f")]
        end_x = self.x_of(strip.end + timedelta(days=1))
        ends.append((end_x, "E renouvelée" if strip.renewed else "E", "#15324f"))
        return ends

    # -- mouse ----------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            piece = self.piece_at(event.pos())  # type: ignore[attr-defined]
            if piece is not None:
                QToolTip.showText(
                    event.globalPos(), f"{piece.label}<br><i>Cliquez pour ouvrir</i>", self
                )  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            piece = self.piece_at(event.position().toPoint())
            if piece is not None:
                self.target_activated.emit(piece.target)
                return
        super().mouseReleaseEvent(event)


def open_target(window: object, target: Target) -> bool:
    """Bring the target's section of a case file window forward, its row selected."""
    show = getattr(window, "show_section", None)
    if show is None:
        return False
    try:
        section = show(target.section)
    except KeyError:
        return False
    if target.row_id is None:
        return True
    for view in section.findChildren(QTableView):
        model = view.model()
        if not isinstance(model, RowsModel):
            continue
        for number, row in enumerate(model.rows()):
            if getattr(row, "id", None) == target.row_id:
                view.selectRow(number)
                view.scrollTo(model.index(number, 0))
                view.setFocus()
                return True
    return True
