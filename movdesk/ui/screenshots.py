"""Save one PNG per page of the main window, to look at the window without a screen.

``python -m movdesk.ui.screenshots OUTDIR [--db PATH] [--demo]``. Without ``--db`` a
fresh database is made in OUTDIR (filled with demo data when ``--demo`` is given and
the demo generator is present), so the office's real database is never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# Before Qt is imported: no display is needed, nor wanted, to take the pictures.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ..config import resolve_database  # noqa: E402 - after the platform choice
from ..errors import UserError  # noqa: E402

WINDOW_SIZE = (1100, 720)


def _slug(text: str) -> str:
    replacements = str.maketrans("éèêàâîôûç ", "eeeaaiouc-")
    return text.lower().translate(replacements)


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
        for index, page in enumerate(window.pages):
            window.show_page(index)
            app.processEvents()
            target = outdir / f"{index + 1:02d}-{_slug(page.TITLE)}.png"
            if not window.grab().save(str(target)):
                raise UserError(f"Impossible d'enregistrer l'image « {target} ».")
            saved.append(target)
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
