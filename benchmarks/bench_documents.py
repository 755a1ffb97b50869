"""How long the printed documents take, each beside a bare ReportLab canvas, and memory.

Usage::

    python benchmarks/bench_documents.py [--db PATH] [--cases 2000] [--repeat 5]

``--db PATH`` is copied to a temporary folder and used when it holds cases (the copy
is migrated, never the file given); otherwise a demo database of ``--cases`` cases is
built there first. Three measures, each beside a floor measured in the same run:

* **attendance sheet, 30 rows**: :func:`render_attendance` of a 30-row sheet, against
  a bare canvas drawing the same table (the same 30 rows, the same shipped font, lines
  and page breaks, no platypus) — targets: under 50 ms and within 5× the canvas;
* **final report**: a case's final report from its request to the PDF's bytes (reading
  the case, drafting its texts, two copies and the attendance sheet), against the bare
  canvas drawing the same sheet and the report's lines — target: under 150 ms;
* **the month's sheets of 300 active cases as one PDF**: reading the cases, building
  the sheets and rendering the batch, in a process of its own so that its peak
  resident memory is its own, against the bare canvas drawing the same 300 tables —
  targets: under 15 s and under 300 MB.

Times are the best of ``--repeat`` runs. Speed is measured here, never asserted in the
test suite.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

# The benchmarks run as scripts from their folder: the monthly one's helpers are shared.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_monthly import _case_count, best_of  # noqa: E402

SHEET_MS = 50.0
SHEET_RATIO = 5.0
FINAL_MS = 150.0
BATCH_SECONDS = 15.0
BATCH_MB = 300.0
BATCH_CASES = 300


# --- The floor: a bare canvas ---------------------------------------------------------------


def canvas_sheets(tables: Sequence[Sequence[Sequence[str]]], lines: Sequence[str] = ()) -> bytes:
    """The same tables drawn straight on a canvas: each row's cells and box, a new page
    when the page is full, every table on a page of its own, then ``lines`` of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from movdesk.reports.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    widths = [21, 15, 14, 40, 28, 28, 28]
    height = 11.5 * mm
    top, bottom, left = A4[1] - 75 * mm, 24 * mm, 18 * mm

    def header(y: float) -> None:
        canvas.setFont(BOLD, 8.5)
        x = left
        for width, title in zip(widths, ("Date", "Heure", "Durée", "Nature", "Référent",
                                         "Bénéficiaire", "Référent"), strict=True):  # fmt: skip
            canvas.drawString(x + 3, y - 12, title)
            canvas.rect(x, y - 16, width * mm, 16)
            x += width * mm

    for table in tables:
        y = top
        header(y)
        y -= 16
        for row in table:
            if y - height < bottom:
                canvas.showPage()
                y = A4[1] - 30 * mm
                header(y)
                y -= 16
            canvas.setFont(REGULAR, 8.5)
            x = left
            for width, cell in zip(widths, row, strict=True):
                canvas.drawString(x + 3, y - height / 2 - 3, cell)
                canvas.rect(x, y - height, width * mm, height)
                x += width * mm
            y -= height
        canvas.showPage()
    y = A4[1] - 30 * mm
    canvas.setFont(REGULAR, 9.5)
    for line in lines:
        if y < bottom:
            canvas.showPage()
            canvas.setFont(REGULAR, 9.5)
            y = A4[1] - 30 * mm
        canvas.drawString(left, y, line[:110])
        y -= 12.5
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _cells(rows: Sequence[Any]) -> list[list[str]]:
    from movdesk.reports.text import fr_date, fr_duration, fr_time

    return [
        [fr_date(r.day), fr_time(r.start, "—"), fr_duration(r.minutes), r.kind, r.referent,
         "bénéficiaire", "référent"]
        for r in rows
    ]  # fmt: skip


# --- 1. A 30-row sheet ----------------------------------------------------------------------


def thirty_row_sheet() -> Any:
    from movdesk.reports.attendance import AttendanceRow, AttendanceSheet
    from movdesk.reports.page import CaseIdentity, DocumentHeader, OfficeIdentity

    office = OfficeIdentity("Association Tremplin Emploi", "14 rue des Tisserands\n59000 Lille",
                            "73282932000074", "MOV-HDF-2025-LOT 3", "03 20 00 00 00")  # fmt: skip
    case = CaseIdentity("LC-2026-000123", "Durand", "Sophie", "1234567A", "Claire Martin", "Mme")
    start = date(2026, 1, 5)
    rows = tuple(
        AttendanceRow(start + timedelta(days=3 * n), clock_time(9 + n % 8, 30), 45,
                      "Individuel (face à face)", "Claire Martin")
        for n in range(30)
    )  # fmt: skip
    header = DocumentHeader("Feuille d'émargement", office, date(2026, 4, 30), case)
    return AttendanceSheet(header, start, date(2026, 4, 30), rows)


def bench_sheet(repeat: int) -> dict[str, float]:
    from movdesk.reports.attendance import render_attendance

    sheet = thirty_row_sheet()
    render_attendance(sheet)  # fonts loaded, caches warm
    ours = best_of(repeat, lambda: render_attendance(sheet))
    floor = best_of(repeat, lambda: canvas_sheets([_cells(sheet.rows)]))
    return {"sheet_ms": ours * 1000, "sheet_canvas_ms": floor * 1000}


# --- 2. A final report ----------------------------------------------------------------------


def _final_case(factory: Any) -> int:
    from sqlalchemy import func, select

    from movdesk.models import Case, Exit, Interview, InterviewStatus

    with factory() as session:
        held = (
            select(Interview.case_id, func.count().label("n"))
            .where(Interview.status == InterviewStatus.ATTENDED.value)
            .group_by(Interview.case_id)
            .subquery()
        )
        found = session.scalars(
            select(Case.id).join(Exit).join(held, held.c.case_id == Case.id)
            .order_by(held.c.n.desc()).limit(1)
        ).first()  # fmt: skip
    if found is None:
        raise SystemExit("no ended case in the database")
    return found


def bench_final(factory: Any, today: date, repeat: int) -> dict[str, float]:
    from movdesk.reports.text import fr_date
    from movdesk.services.context import Desk
    from movdesk.services.documents import builders
    from movdesk.services.documents.printing import DocumentRequest, PrintKind, render_for_desk

    desk = Desk(factory, user="bench", clock=lambda: today)
    request = DocumentRequest(PrintKind.FINAL, _final_case(factory))
    render_for_desk(desk, request)
    ours = best_of(repeat, lambda: render_for_desk(desk, request))
    with factory() as session:
        case = builders.load_case(session, request.case_id)
        report = builders.final(session, case, builders.make_context(session, today))
    lines = [
        f"Fin de la prestation le {fr_date(report.end_date)}",
        *(report.achievements or "").splitlines(),
        *(report.next_steps or "").splitlines(),
        *(f"{b.category} {b.description or ''} {b.status}" for b in report.barriers),
    ] * 2  # two copies
    floor = best_of(repeat, lambda: canvas_sheets([_cells(report.sheet.rows)], lines))
    return {
        "final_ms": ours * 1000,
        "final_canvas_ms": floor * 1000,
        "final_rows": len(report.sheet.rows),
    }


# --- 3. The month's sheets of 300 active cases ----------------------------------------------


def busiest_month(db: Path) -> str:
    """The month whose interviews (held or planned) concern the most cases."""
    connection = sqlite3.connect(db)
    try:
        row = connection.execute(
            "SELECT substr(date, 1, 7) AS m, count(DISTINCT case_id) FROM interview "
            "WHERE status IN ('attended', 'planned') GROUP BY m ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return row[0]


def batch_in_this_process(db: Path, month: str, today: date) -> dict[str, float]:
    """Read, build and render the month's sheets of 300 cases; the peak memory after."""
    import resource

    from movdesk.config import resolve_database
    from movdesk.reports.attendance import render_attendance_batch
    from movdesk.services.documents import builders
    from movdesk.services.documents.sheets import (
        attendance_sheet,
        cases_with_interviews,
        load_cases,
        month_bounds,
    )
    from movdesk.store.engine import make_session_factory
    from movdesk.store.migrate import open_database

    factory = make_session_factory(open_database(resolve_database(str(db)), daily_backup=False))
    first, last = month_bounds(month)
    start = time.perf_counter()
    with factory() as session:
        ids = cases_with_interviews(session, first, last)[:BATCH_CASES]
        context = builders.make_context(session, today)
        sheets = [
            attendance_sheet(case, first, last, office=context.office, today=today)
            for case in load_cases(session, ids)
        ]
    data = render_attendance_batch(sheets, title="Feuilles du mois")
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tables = [_cells(sheet.rows) for sheet in sheets]
    floor = best_of(1, lambda: canvas_sheets(tables))
    return {
        "batch_s": seconds,
        "batch_mb": peak_kb / 1024,
        "batch_canvas_s": floor,
        "batch_sheets": len(sheets),
        "batch_rows": sum(len(s.rows) for s in sheets),
        "batch_bytes": len(data),
    }


def bench_batch(db: Path, month: str, today: date) -> dict[str, float]:
    """:func:`batch_in_this_process` in a fresh interpreter (its own peak memory)."""
    done = subprocess.run(
        [sys.executable, __file__, "--batch-only", str(db), month, today.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- The run --------------------------------------------------------------------------------


def _open(db: Path, cases: int, today: date) -> Any:
    from movdesk.config import resolve_database
    from movdesk.demo import fill_demo
    from movdesk.store.engine import make_session_factory
    from movdesk.store.migrate import open_database

    factory = make_session_factory(open_database(resolve_database(str(db)), daily_backup=False))
    if _case_count(db) == 0:
        print(f"Filling {db} with {cases} demo cases…", flush=True)
        fill_demo(factory, cases=cases, seed=2026, today=today)
    return factory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database (copied; built when absent)")
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--batch-only", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.batch_only:
        db, month, today = args.batch_only
        print(json.dumps(batch_in_this_process(Path(db), month, date.fromisoformat(today))))
        return 0

    work = Path(tempfile.mkdtemp(prefix="movdesk-bench-"))
    os.environ["MOVDESK_DATA_DIR"] = str(work / "data")
    db = work / "demo.sqlite"
    if args.db is not None and _case_count(args.db):
        print(f"Copying {args.db}…", flush=True)
        shutil.copyfile(args.db, db)
    factory = _open(db, args.cases, args.today)
    month = busiest_month(db)
    figures = bench_sheet(args.repeat)
    figures |= bench_final(factory, args.today, args.repeat)
    factory.kw["bind"].dispose()
    figures |= bench_batch(db, month, args.today)
    ratio = figures["sheet_ms"] / figures["sheet_canvas_ms"]
    print(f"cases: {_case_count(db)}; month of the batch: {month}")
    print(
        f"attendance sheet, 30 rows: {figures['sheet_ms']:.1f} ms "
        f"(target < {SHEET_MS:.0f} ms); bare canvas {figures['sheet_canvas_ms']:.1f} ms; "
        f"ratio {ratio:.2f}x (target < {SHEET_RATIO:.0f}x)"
    )
    print(
        f"final report ({figures['final_rows']} sheet rows, request to bytes): "
        f"{figures['final_ms']:.1f} ms (target < {FINAL_MS:.0f} ms); bare canvas "
        f"{figures['final_canvas_ms']:.1f} ms"
    )
    print(
        f"month's sheets: {figures['batch_sheets']} cases, {figures['batch_rows']} rows, "
        f"{figures['batch_bytes'] / 1e6:.1f} MB of PDF: {figures['batch_s']:.2f} s "
        f"(target < {BATCH_SECONDS:.0f} s), peak memory {figures['batch_mb']:.0f} MB "
        f"(target < {BATCH_MB:.0f} MB); bare canvas {figures['batch_canvas_s']:.2f} s"
    )
    ok = (
        figures["sheet_ms"] < SHEET_MS
        and ratio < SHEET_RATIO
        and figures["final_ms"] < FINAL_MS
        and figures["batch_s"] < BATCH_SECONDS
        and figures["batch_mb"] < BATCH_MB
        and figures["batch_sheets"] == BATCH_CASES
    )
    if figures["batch_sheets"] < BATCH_CASES:
        print(f"only {figures['batch_sheets']} cases that month: give a larger --cases or --db")
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
