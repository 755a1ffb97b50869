"""Save one PNG per page of the main window, to look at the window without a screen.

``python -m movdesk.ui.screenshots OUTDIR [--db PATH] [--demo]``. Without ``--db`` a
fresh database is made in OUTDIR (filled with demo data when ``--demo`` is given and
the demo generator is present), so the office's real database is never touched.

After the pages come, when those parts are installed and the database holds a case:
the case file of the first case with an urgent deadline, the interview dialog for it
and the order dialog (new case), each saved without being run; after the agenda's
views, the « Documents » section of a case and the preview of its attendance sheet; then
the payments with the checklist of a case missing documents, and the compliance tab of
the indicators; last, every form with its refusals shown, the program's questions and
the month picker.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Before Qt is imported: no display is needed, nor wanted, to take the pictures.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ..config import resolve_database  # noqa: E402 - after the platform choice
from ..errors import UserError  # noqa: E402

WINDOW_SIZE = (1100, 720)
#: The size of the reporting views' pictures (wide tables beside a panel).
LARGE_WINDOW_SIZE = (1440, 900)


def _slug(text: str) -> str:
    replacements = str.maketrans("éèêàâîôûç ", "eeeaaiouc-")
    return text.lower().translate(replacements)


def _save(widget: Any, target: Path) -> Path:
    if not widget.grab().save(str(target)):
        raise UserError(f"Impossible d'enregistrer l'image « {target} ».")
    return target


def _wait_for_deadlines(window: Any, app: Any) -> None:
    """Let the scheduler's first pass end, so the dashboard shows its deadlines."""
    from PySide6.QtCore import QDeadlineTimer

    limit = QDeadlineTimer(120_000)
    while window.scheduler.overview is None and not limit.hasExpired():
        app.processEvents()
        window.scheduler._worker.wait(0.05)  # noqa: SLF001 - a script, not the program
    app.processEvents()


def _settle(page: Any, app: Any) -> None:
    """Let a page that reads in the background (indicators, payments) finish its read."""
    from PySide6.QtCore import QDeadlineTimer, QThread

    busy = getattr(page, "busy", None)
    limit = QDeadlineTimer(180_000)
    while callable(busy) and busy() and not limit.hasExpired():
        app.processEvents()
        QThread.msleep(20)
    app.processEvents()


def _reporting_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """The payments with a case's checklist open, and the compliance tab."""
    from ..rules.payments import TrancheStatus
    from .indicators.page import IndicatorsPage
    from .payments.page import PaymentsPage

    saved: list[Path] = []
    number = first
    # A coordinator's desktop screen: the tables and the checklist side by side.
    window.resize(*LARGE_WINDOW_SIZE)
    for index, page in enumerate(window.pages):
        if isinstance(page, PaymentsPage) and page.book is not None and page.book.lines():
            window.show_page(index)
            _settle(page, app)
            status = page.status_filter.findData(TrancheStatus.DUE_MISSING_DOCUMENTS.value)
            page.status_filter.setCurrentIndex(max(status, 0))
            page.table.selectRow(0)
            page.summaries.setCurrentIndex(1)
            app.processEvents()
            saved.append(_save(window, outdir / f"{number:02d}-paiements-pieces.png"))
            number += 1
            page.status_filter.setCurrentIndex(0)
            page.summaries.setCurrentIndex(0)
        if isinstance(page, IndicatorsPage):
            window.show_page(index)
            page.tabs.setCurrentWidget(page.compliance)
            _settle(page, app)
            saved.append(_save(window, outdir / f"{number:02d}-conformite.png"))
            number += 1
            page.tabs.setCurrentWidget(page.indicators)
            _settle(page, app)
            saved.append(_save(window, outdir / f"{number:02d}-indicateurs-graphiques.png"))
            number += 1
    window.resize(*WINDOW_SIZE)
    return saved


def _extra_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """The case file, the interview and the order dialogs, for a case that needs work."""
    overview = window.scheduler.overview
    items = overview.items if overview else ()
    # A case in progress if there is one (its timeline runs through today), else any.
    running = [i for i in items if i.kind in ("weekly_interview", "next_interview")]
    case_id = (running or list(items))[0].case_id if items else None
    shots: list[tuple[str, Callable[[], Any]]] = []
    from .casefile import open_case_file
    from .dialogs import InterviewDialog, OrderDialog

    if case_id is not None:
        shots.append(("dossier", lambda: open_case_file(window.desk, case_id, window)))
        shots.append(
            ("dialogue-entretien", lambda: InterviewDialog(window.desk, case_id, parent=window))
        )
    shots.append(("dialogue-commande", lambda: OrderDialog(window.desk, window)))
    return _save_shots(shots, app, outdir, first)


def _save_shots(
    shots: Sequence[tuple[str, Callable[[], Any]]], app: Any, outdir: Path, first: int
) -> list[Path]:
    """Make, show, save and close each widget, numbered from ``first``."""
    saved = []
    for number, (name, make) in enumerate(shots, start=first):
        widget = make()
        widget.show()
        app.processEvents()
        saved.append(_save(widget, outdir / f"{number:02d}-{name}.png"))
        widget.close()
        app.processEvents()
    return saved


def _document_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """A case's « Documents » section and the preview of its attendance sheet."""
    overview = window.scheduler.overview
    if not overview or not overview.items:
        return []
    from .documents.shots import document_shots

    return _save_shots(document_shots(window, overview.items[0].case_id), app, outdir, first)


#: The larger window of the agenda with several referents side by side.
WIDE_WINDOW_SIZE = (1400, 820)


def _agenda_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """The agenda: several referents side by side in a wider window, the month, the day;
    back to one referent's week afterwards (the page remembers what it showed)."""
    from .agenda import AgendaPage

    index = next((i for i, p in enumerate(window.pages) if isinstance(p, AgendaPage)), None)
    if index is None:
        return []
    page = window.pages[index]
    referents = [r.id for r in page.referents if r.active]
    if not referents:
        return []
    window.show_page(index)
    shots: list[tuple[str, tuple[int, int], Callable[[], Any]]] = [
        ("agenda-semaine-plusieurs-referents", WIDE_WINDOW_SIZE,
         lambda: (page.set_referents(referents[:3]), page.set_mode("week"))),
        ("agenda-mois", WINDOW_SIZE,
         lambda: (page.set_referents(referents[:1]), page.set_mode("month"))),
    ]
    saved = []
    try:
        for number, (name, size, show) in enumerate(shots, start=first):
            window.resize(*size)
            show()
            app.processEvents()
            saved.append(_save(window, outdir / f"{number:02d}-{name}.png"))
    finally:
        page.set_referents(referents[:1])
        page.set_mode("week")
        window.resize(*WINDOW_SIZE)
        window.show_page(0)
    return saved


#: The number of the first placement view (the README links 18 to 20).
PLACEMENT_VIEWS_FIRST = 18


def _placement_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """The week's call list and a company period with its evaluation, when there are."""
    from sqlalchemy import select

    from ..models import CompanyPeriod
    from .dialogs import CompanyPeriodDialog
    from .placements import CallListDialog

    evaluated = window.desk.read(
        lambda session: session.execute(
            select(CompanyPeriod.id, CompanyPeriod.case_id)
            .where(CompanyPeriod.target_decision.is_not(None))
            .order_by(CompanyPeriod.end_date.desc())
            .limit(1)
        ).first()
    )
    if evaluated is None:
        return []
    calls = CallListDialog(window.desk, parent=window)
    calls.show()
    loaded: list[bool] = []
    calls.loaded.connect(lambda: loaded.append(True))
    from PySide6.QtCore import QDeadlineTimer

    limit = QDeadlineTimer(120_000)
    while not loaded and not limit.hasExpired():
        app.processEvents()
    period_id, case_id = evaluated
    period = CompanyPeriodDialog(window.desk, case_id, period_id, parent=window)
    saved = []
    index = next(i for i, page in enumerate(window.pages) if page.TITLE == "Placements")
    window.resize(*WIDE_WINDOW_SIZE)
    window.show_page(index)
    app.processEvents()
    saved.append(_save(window, outdir / f"{first:02d}-placements-colonnes.png"))
    window.resize(*WINDOW_SIZE)
    window.show_page(0)
    shots = [("suivis-semaine", lambda: calls), ("dialogue-periode-evaluation", lambda: period)]
    return saved + _save_shots(shots, app, outdir, first + 1)


def save_screenshots(outdir: Path, db: str | None = None, *, demo: bool = False) -> list[Path]:
    """Open the window on ``db`` (or a new database in ``outdir``) and save every page."""
    from ..app import open_main_window, prepare_application

    outdir.mkdir(parents=True, exist_ok=True)
    location = resolve_database(db or str(outdir / "screenshots.sqlite"))
    app = prepare_application()
    window, engine = open_main_window(location, demo=demo)
    saved: list[Path] = []
    try:
        window.resize(*WINDOW_SIZE)
        window.show()
        _wait_for_deadlines(window, app)
        for index, page in enumerate(window.pages):
            window.show_page(index)
            _settle(page, app)
            saved.append(_save(window, outdir / f"{index + 1:02d}-{_slug(page.TITLE)}.png"))
        window.show_page(0)
        saved += _extra_views(window, app, outdir, len(window.pages) + 1)
        saved += _agenda_views(window, app, outdir, len(saved) + 1)
        saved += _document_views(window, app, outdir, len(saved) + 1)
        # Numbered after the agenda's and the documents' pictures made apart (14 to 17).
        saved += _placement_views(window, app, outdir, PLACEMENT_VIEWS_FIRST)
        if window.scheduler.overview is not None and window.scheduler.overview.items:
            saved += _reporting_views(window, app, outdir, len(saved) + 1)
        # Last, every form with its refusals shown (movdesk.ui.screenshots_forms).
        from .screenshots_forms import form_views

        saved += form_views(window, app, outdir, len(saved) + 1)
    finally:
        window.close()
        window.deleteLater()
        engine.dispose()
    return saved


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m movdesk.ui.screenshots",
        description="Enregistrer une image PNG de chaque page de la fenêtre principale.",
    )
    parser.add_argument("outdir", metavar="DOSSIER")
    parser.add_argument("--db", metavar="CHEMIN", help="base à ouvrir (défaut : base neuve)")
    parser.add_argument("--demo", action="store_true", help="remplir la base vide en démo")
    args = parser.parse_args(argv)
    try:
        saved = save_screenshots(Path(args.outdir), args.db, demo=args.demo)
    except UserError as error:
        print(f"movdesk : {error}", file=sys.stderr)
        return 1
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
