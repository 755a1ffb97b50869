"""Save one PNG per page of the main window, to look at the window without a screen.

``python -m movdesk.ui.screenshots OUTDIR [--db PATH] [--demo]``. Without ``--db`` a
fresh database is made in OUTDIR (filled with demo data when ``--demo`` is given and
the demo generator is present), so the office's real database is never touched.

After the pages come, when those parts are installed and the database holds a case:
the case file of the first case with an urgent deadline, the interview dialog for it
and the order dialog (new case), each saved without being run; then every form with
its refusals shown, the program's questions and the month picker.
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


def _extra_views(window: Any, app: Any, outdir: Path, first: int) -> list[Path]:
    """The case file, the interview and the order dialogs, for a case that needs work."""
    overview = window.scheduler.overview
    case_id = overview.items[0].case_id if overview and overview.items else None
    shots: list[tuple[str, Callable[[], Any]]] = []
    from .casefile import open_case_file
    from .dialogs import InterviewDialog, OrderDialog

    if case_id is not None:
        shots.append(("dossier", lambda: open_case_file(window.desk, case_id, window)))
        shots.append(
            ("dialogue-entretien", lambda: InterviewDialog(window.desk, case_id, parent=window))
        )
    shots.append(("dialogue-commande", lambda: OrderDialog(window.desk, window)))
    saved = []
    for number, (name, make) in enumerate(shots, start=first):
        widget = make()
        widget.show()
        app.processEvents()
        saved.append(_save(widget, outdir / f"{number:02d}-{name}.png"))
        widget.close()
        app.processEvents()
    return saved


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
            app.processEvents()
            saved.append(_save(window, outdir / f"{index + 1:02d}-{_slug(page.TITLE)}.png"))
        window.show_page(0)
        saved += _extra_views(window, app, outdir, len(window.pages) + 1)
        # Then every form with its refusals shown (movdesk.ui.screenshots_forms).
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
