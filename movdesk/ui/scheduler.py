"""The deadline scheduler (échéancier): keeps this week's deadlines in view all day.

At start (after the first paint), at each midnight and every 30 minutes to be safe,
and shortly after each change, one pass runs in a worker thread: the per-case summaries
computed on another day are refreshed (``services.summary.refresh_stale``, when
present), then every open deadline is read with the interviews planned
(:func:`~movdesk.services.dashboard.read_deadline_overview`). The status bar, the
dashboard's scheduler and the agenda listen to :attr:`DeadlineScheduler.updated`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QObject, QTime, QTimer, Signal

from ..errors import UserError
from ..services.batches import Cancelled
from ..services.context import Desk
from ..services.dashboard import DeadlineOverview, read_deadline_overview
from ..services.summary import refresh_stale
from .formatting import format_count, plural
from .worker import Worker

log = logging.getLogger("movdesk")

#: A pass every half hour, in case the clock jumped or a midnight timer was missed.
PERIOD_MS = 30 * 60 * 1000
#: Changes come in bursts (a dialog saves several rows): one pass after the last one.
AFTER_CHANGE_MS = 800


def deadline_status_text(overview: DeadlineOverview) -> str:
    """« 12 échéances en retard · 30 d'ici 7 jours » for the status bar.

    Today's deadlines and the next seven days' together: not « cette semaine », which
    the dashboard's scheduler gives to the next seven days without today's.
    """
    late = overview.overdue
    week = overview.this_week
    if not late and not week:
        return "Aucune échéance en retard ni d'ici 7 jours"
    return f"{plural(late, 'échéance')} en retard · {format_count(week)} d'ici 7 jours"


def ms_to_next_midnight() -> int:
    """Milliseconds until a few seconds after the next midnight (the day has turned)."""
    now = QDateTime.currentDateTime()
    return max(1000, int(now.msecsTo(QDateTime(QDate.currentDate().addDays(1), QTime(0, 0, 5)))))


class DeadlineScheduler(QObject):
    """Runs the deadline pass in a worker at the right times; one pass at a time."""

    #: A fresh :class:`DeadlineOverview` (every open deadline, soonest first).
    updated = Signal(object)
    #: ``(done, total)`` of the running pass, for a progress display.
    progress = Signal(int, int)
    #: French words when a pass failed (the previous overview stays shown).
    failed = Signal(str)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        #: The last overview read, None before the first pass ends.
        self.overview: DeadlineOverview | None = None
        self._today: date = desk.today()
        self._again = False
        self._worker = Worker(self._job, self)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.progress.connect(self.progress)
        self._periodic = QTimer(self)
        self._periodic.setInterval(PERIOD_MS)
        self._periodic.timeout.connect(self.run_now)
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self._on_midnight)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_CHANGE_MS)
        self._soon.timeout.connect(self.run_now)

    def start(self) -> None:
        """Arm the timers and run a first pass once the event loop turns (after paint)."""
        self._periodic.start()
        self._midnight.start(ms_to_next_midnight())
        QTimer.singleShot(0, self.run_now)

    def stop(self) -> None:
        """Stop the timers and the running pass (the window is closing)."""
        for timer in (self._periodic, self._midnight, self._soon):
            timer.stop()
        self._again = False
        self._worker.cancel()
        self._worker.wait(60)

    def is_running(self) -> bool:
        return self._worker.is_running()

    def run_soon(self, *_args: object) -> None:
        """A pass shortly after a change; a burst of changes gives one pass."""
        self._soon.start()

    def run_now(self) -> None:
        """Start a pass now, or once the running one has ended."""
        if self._worker.is_running():
            self._again = True
            return
        self._today = self.desk.today()
        self._worker.start()

    def _job(self, progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> Any:
        # Worker thread: plain functions only, no widget.
        factory, today = self.desk.session_factory, self._today
        refresh_stale(factory, today, progress=progress, cancel=cancel)
        if cancel():
            raise Cancelled
        return read_deadline_overview(factory, today, progress=progress, cancel=cancel)

    def _on_finished(self, overview: DeadlineOverview) -> None:
        self.overview = overview
        self.updated.emit(overview)
        self._next_if_asked()

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.failed.emit(str(error))
        else:
            log.error("Échéancier en échec", exc_info=error)
            self.failed.emit("Les échéances n'ont pas pu être relues ; nouvel essai plus tard.")
        self._next_if_asked()

    def _on_cancelled(self) -> None:
        self._next_if_asked()

    def _next_if_asked(self) -> None:
        if self._again:
            self._again = False
            self.run_now()

    def _on_midnight(self) -> None:
        self.run_now()
        self._midnight.start(ms_to_next_midnight())
