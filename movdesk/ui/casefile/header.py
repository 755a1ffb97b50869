"""The strip at the top of the case file: who, status, phase, day n / 180, the 14-day
clock and the next deadlines, always visible whatever the section shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...rules.case_strip import Target
from ...services.case_file_view import CaseFileView, DeadlineLine
from .text import DASH, TONES, days, short_date
from .timeline import CaseTimelineStrip, open_target

#: The 14-day clock turns orange when this few days are left.
CLOSE_DAYS = 3

_DEADLINE_TONES = {"overdue": "late", "today": "late", "soon": "warn"}
_PHASES = {1: "Phase 1 — diagnostic", 2: "Phase 2 — plan d'action"}


def clock_text(limit: date | None, days_left: int | None) -> tuple[str, str | None]:
    """What the header says about the 14-day rule, and its tone."""
    if limit is None or days_left is None:
        return "14 jours : sans objet", "muted"
    when = short_date(limit)
    if days_left < 0:
        return f"14 jours : dépassé de {days(-days_left)} (limite le {when})", "late"
    if days_left == 0:
        return f"14 jours : dernier jour aujourd'hui ({when})", "warn"
    tone = "warn" if days_left <= CLOSE_DAYS else None
    return f"14 jours : encore {days(days_left)} (jusqu'au {when})", tone


def day_text(view: CaseFileView) -> str:
    """« Jour 45 / 180 », with the end date once the case has ended."""
    header = view.header
    if header.day_number is None:
        return f"Commence le {short_date(view.order.start_date)}"
    text = f"Jour {header.day_number} / {header.total_days}"
    if header.ended_on is not None:
        text += f" — terminé le {short_date(header.ended_on)}"
    return text


def deadline_html(line: DeadlineLine) -> str:
    tone = _DEADLINE_TONES.get(line.status)
    when = short_date(line.due)
    if line.practical_due != line.due:
        when += f" (en pratique le {short_date(line.practical_due)})"
    text = f"<b>{when}</b> : {line.label}"
    if tone:
        text = f'<span style="color:{TONES[tone].name()}">{text}</span>'
    return text


def _styled(text: str, tone: str | None, *, bold: bool = False) -> str:
    style = f"color:{TONES[tone].name()};" if tone else ""
    if bold:
        style += "font-weight:bold;"
    return f'<span style="{style}">{text}</span>' if style else text


class HeaderStrip(QFrame):
    """Always at the top of the case file window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerStrip")
        # A pale blue band with dark text reads as "summary" and stays legible in print.
        self.setStyleSheet(
            "QFrame#headerStrip { background: #eef3f8; border-bottom: 1px solid #c5d3e2; }"
            "QFrame#headerStrip QLabel { color: #15324f; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(4)
        self.title = self._label("headerTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.who = self._label("headerWho")
        layout.addWidget(self.title)
        layout.addWidget(self.who)
        figures = QHBoxLayout()
        figures.setSpacing(22)
        self.status = self._label("headerStatus")
        self.phase = self._label("headerPhase")
        self.day = self._label("headerDay")
        self.clock = self._label("headerClock")
        for label in (self.status, self.phase, self.day, self.clock):
            figures.addWidget(label)
        figures.addStretch(1)
        layout.addLayout(figures)
        self.deadlines = self._label("headerDeadlines")
        self.deadlines.setWordWrap(True)
        layout.addWidget(self.deadlines)
        #: The whole case at a glance; a click opens the row of what was clicked.
        self.timeline = CaseTimelineStrip(self)
        self.timeline.target_activated.connect(self._open_target)
        layout.addWidget(self.timeline)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def show_view(self, view: CaseFileView) -> None:
        h = view.header
        self.title.setText(f"{h.order_number} — {h.beneficiary}")
        self.who.setText(f"Identifiant France Travail {h.pe_id} · Référent : {h.referent}")
        self.status.setText(_styled(h.status_label, None, bold=True))
        self.phase.setText(_PHASES.get(h.phase, f"Phase : {DASH}") if h.phase else DASH)
        self.day.setText(day_text(view))
        text, tone = clock_text(h.interview_limit, h.days_left)
        self.clock.setText(_styled(text, tone, bold=tone in ("warn", "late")))
        self.clock.setProperty("tone", tone or "")
        if h.next_deadlines:
            lines = "<br>".join(deadline_html(d) for d in h.next_deadlines)
            self.deadlines.setText(f"Prochaines échéances :<br>{lines}")
        else:
            self.deadlines.setText("Aucune échéance ouverte.")
        self.timeline.show_strip(view.strip)

    def _open_target(self, target: Target) -> None:
        open_target(self.window(), target)
