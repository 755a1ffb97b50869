"""The agenda's legend: each state's box beside its word, as drawn in the agenda."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from .geometry import Rect
from .paint import LOOKS, AgendaStyle, draw_block_box

#: The states the legend explains, in reading order.
STATES = ("planned", "attended", "absent", "excused", "to_record")


class StateLegend(QWidget):
    """« Prévu », « Réalisé », « Absent », « Excusé », « À renseigner » with their looks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaLegend")
        self.style_ = AgendaStyle(self.font())
        self.setToolTip(
            "« À renseigner » : rendez-vous prévu à une date passée, dont il reste à dire "
            "s'il a été réalisé"
        )

    def _widths(self) -> list[int]:
        metrics = self.fontMetrics()
        return [22 + metrics.horizontalAdvance(self.text(s)) + 12 for s in STATES]

    @staticmethod
    def text(state: str) -> str:
        """« ✓ Réalisé »: the sign the narrow boxes show, and the word."""
        return f"{LOOKS[state].sign} {LOOKS[state].word}"

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(sum(self._widths()), self.style_.line + 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            painter.setFont(self.font())
            x = 0
            height = self.height()
            for state, width in zip(STATES, self._widths(), strict=True):
                box = Rect(x, (height - 12) / 2, 18, 12)
                draw_block_box(painter, self.style_, box, state)
                painter.setPen(self.style_.text)
                painter.drawText(
                    x + 22, int(height / 2 + self.fontMetrics().ascent() / 2 - 1), self.text(state)
                )
                x += width
        finally:
            painter.end()
