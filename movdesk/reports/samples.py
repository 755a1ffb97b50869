"""Write a sample of every printed document from demo data (a tool, not a renderer).

    python -m movdesk.reports.samples OUTDIR [--db PATH] [--today AAAA-MM-JJ] [--png]

Without ``--db``, a demo database of 120 fictitious cases is built in a temporary
folder (fixed seed and date, so the samples are the same from one run to the next);
with it, the cases are taken from that database (the samples are not recorded with
the cases, as a preview is not). Each document
goes through the same services as in the window: the data is built from the
database, rendered, written to OUTDIR. ``--png`` also renders the first page of each
to PNG (pypdfium2), to look at or to put in the documentation.

This script sits above the services that feed the renderers; the renderers of this
package never import the services.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

#: The day the demo samples are made on, and their seed: stable samples.
SAMPLE_TODAY = date(2026, 3, 16)
SAMPLE_SEED = 2026
SAMPLE_CASES = 120


def _choose_cases(session: Any, today: date) -> dict[str, int]:
    """A case for each sample: running with a planned interview, interrupted, positive."""
    from sqlalchemy import select

    from ..models import (
        Case,
        CaseStatus,
        ContractingResult,
        Exit,
        ExitReason,
        Interview,
        InterviewStatus,
    )

    signed = Case.contracting_result == ContractingResult.SIGNED.value
    planned = (
        select(Interview.case_id)
        .where(Interview.status == InterviewStatus.PLANNED.value, Interview.date >= today)
        .distinct()
    )
    active = session.scalars(
        select(Case.id)
        .where(signed, Case.status == CaseStatus.ACTIVE.value, Case.id.in_(planned))
        .where(Case.phase2_start.is_not(None))
        .order_by(Case.start_date)
    ).first()
    interrupted = session.scalars(
        select(Case.id)
        .join(Exit)
        .where(Exit.reason.in_([ExitReason.ABANDON.value, ExitReason.MOVED.value]))
        .order_by(Case.id)
    ).first()
    positive = session.scalars(
        select(Case.id)
        .join(Exit)
        .where(Case.status.in_([CaseStatus.FOLLOW_UP.value, CaseStatus.CLOSED.value]))
        .where(Exit.reason == ExitReason.EMPLOYMENT.value)
        .order_by(Case.id)
    ).first()
    found = {"active": active, "interrupted": interrupted, "positive": positive}
    missing = [name for name, case_id in found.items() if case_id is None]
    if missing:
        raise SystemExit(f"movdesk : aucun dossier pour les exemples : {', '.join(missing)}.")
    return found  # type: ignore[return-value]


def write_samples(factory: Any, out: Path, today: date) -> list[Path]:
    """Every document, from the cases of ``factory``'s database, into ``out``."""
    from ..services.context import Desk
    from ..services.documents.printing import (
        DocumentRequest,
        PrintKind,
        group_document,
        month_sheets,
        render_for_desk,
    )
    from ..services.documents.sheets import group_sessions

    desk = Desk(factory, user="exemples", clock=lambda: today)
    with factory() as session:
        cases = _choose_cases(session, today)
        # The group session with the most participants, to show a full sheet.
        groups = sorted(
            group_sessions(session, date(today.year - 1, 1, 1), today),
            key=lambda g: (-len(g.case_ids), g.day),
        )
    wanted = [
        ("01-contrat.pdf", DocumentRequest(PrintKind.CONTRACT, cases["active"])),
        ("02-convocation.pdf", DocumentRequest(PrintKind.CONVOCATION, cases["active"])),
        ("03-feuille-emargement.pdf", DocumentRequest(PrintKind.ATTENDANCE, cases["active"])),
        ("04-bilan-intermediaire.pdf", DocumentRequest(PrintKind.INTERMEDIATE, cases["active"])),
        ("05-bilan-final.pdf", DocumentRequest(PrintKind.FINAL, cases["positive"])),
        ("06-bilan-final-interruption.pdf", DocumentRequest(PrintKind.FINAL, cases["interrupted"])),
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, request in wanted:
        written.append(out / name)
        written[-1].write_bytes(render_for_desk(desk, request).data)
    if groups:
        written.append(out / "07-feuille-collective.pdf")
        written[-1].write_bytes(group_document(factory, groups[0], today).data)
    month = month_sheets(factory, f"{today:%Y-%m}", today)
    if month is not None:
        written.append(out / "08-feuilles-du-mois.pdf")
        written[-1].write_bytes(month.data)
    return written


def first_page_png(pdf: Path, *, scale: float = 1.2) -> Path:
    """The first page of ``pdf`` as a PNG beside it (pypdfium2)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    target = pdf.with_suffix(".png")
    # A page is mostly text on white: 64 colours keep it sharp and the file small.
    image.convert("RGB").quantize(64).save(target, optimize=True)
    return target


def _demo_factory(folder: Path, today: date) -> Any:
    from ..config import DatabaseLocation
    from ..demo import fill_demo
    from ..store.engine import make_session_factory
    from ..store.migrate import open_database

    path = folder / "exemples.sqlite"
    location = DatabaseLocation(f"sqlite:///{path.as_posix()}", path)
    factory = make_session_factory(open_database(location, daily_backup=False))
    fill_demo(factory, cases=SAMPLE_CASES, seed=SAMPLE_SEED, today=today)
    return factory


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m movdesk.reports.samples",
        description="Écrit un exemple de chaque document imprimé, à partir de données de "
        "démonstration.",
    )
    parser.add_argument("outdir", metavar="DOSSIER")
    parser.add_argument("--db", metavar="CHEMIN", help="lire les dossiers de cette base")
    parser.add_argument("--today", type=date.fromisoformat, metavar="AAAA-MM-JJ")
    parser.add_argument("--png", action="store_true", help="la première page de chaque en PNG")
    args = parser.parse_args(argv)
    out = Path(args.outdir)
    with tempfile.TemporaryDirectory() as scratch:
        if args.db:
            from ..config import resolve_database
            from ..store.engine import make_session_factory
            from ..store.migrate import open_database

            today = args.today or date.today()
            factory = make_session_factory(
                open_database(resolve_database(args.db), daily_backup=False)
            )
        else:
            today = args.today or SAMPLE_TODAY
            factory = _demo_factory(Path(scratch), today)
        written = write_samples(factory, out, today)
        factory.kw["bind"].dispose()
    for path in written:
        print(path)
        if args.png:
            print(first_page_png(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
