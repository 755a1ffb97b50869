"""Print a document: build its data, render the PDF, say what to record when it leaves.

:func:`render_case_document` turns a :class:`DocumentRequest` (which document of which
case, with the print dialog's options) into a :class:`RenderedDocument`: the PDF's
bytes, a title, a file name to suggest and the records to write once the PDF leaves
the program (:func:`deliver`, :func:`save_pdf`). The batches (the month's sheets, the
intermediate reports due this week, a group session's sheet) give the same.

Rendering only reads: previewing a document records nothing. Everything here is plain
Python, run in a worker thread by the window and directly by the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from enum import StrEnum
from functools import partial

from sqlalchemy.orm import Session, sessionmaker

from ...errors import UserError
from ...models import DocumentKind, ExitReason, InterviewKind, InterviewStatus, Referent
from ...reports.attendance import attendance_part, render_attendance, render_attendance_batch
from ...reports.contract import render_contract
from ...reports.convocation import render_convocation
from ...reports.final import render_final
from ...reports.group_attendance import render_group_sheet
from ...reports.intermediate import IntermediateReport, intermediate_story, render_intermediate
from ...reports.page import Cancel, Cancelled, DocumentPart, Progress, render_pdf
from ...reports.text import fr_date, fr_long_date, fr_month, fr_time
from ...rules.timeline import current_end, is_signed
from ..batches import batches
from ..context import Desk
from ..exports import write_file
from ..schedule import open_deadlines
from . import builders
from .identity import SHEET_KINDS
from .records import RecordSpec, record_printed
from .settings import MAX_BLANK_ROWS
from .sheets import (
    GroupSession,
    attendance_sheet,
    cases_with_interviews,
    check_period,
    group_sheet,
    load_cases,
    month_bounds,
)


class PrintKind(StrEnum):
    """The documents of one case (the ``KIND`` of ``movdesk print``)."""

    CONTRACT = "contract"
    ATTENDANCE = "attendance"
    INTERMEDIATE = "intermediate"
    FINAL = "final"
    CONVOCATION = "convocation"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def file_stem(self) -> str:
        return _LABELS[self][1]


_LABELS = {
    PrintKind.CONTRACT: ("Contrat d'accompagnement", "contrat"),
    PrintKind.ATTENDANCE: ("Feuille d'émargement", "feuille-emargement"),
    PrintKind.INTERMEDIATE: ("Bilan intermédiaire", "bilan-intermediaire"),
    PrintKind.FINAL: ("Bilan final", "bilan-final"),
    PrintKind.CONVOCATION: ("Convocation", "convocation"),
}

#: What each kind records: the document, then its companion in the same PDF.
RECORDED_KINDS: dict[PrintKind, tuple[DocumentKind, ...]] = {
    PrintKind.CONTRACT: (DocumentKind.CONTRACT,),
    PrintKind.ATTENDANCE: (DocumentKind.ATTENDANCE,),
    PrintKind.INTERMEDIATE: (
        DocumentKind.INTERMEDIATE_REPORT,
        DocumentKind.INTERMEDIATE_ATTENDANCE,
    ),
    PrintKind.FINAL: (DocumentKind.FINAL_REPORT, DocumentKind.FINAL_ATTENDANCE),
    PrintKind.CONVOCATION: (DocumentKind.CONVOCATION,),
}


@dataclass(frozen=True)
class DocumentRequest:
    """Which document of which case, with the options of the print dialog.

    ``start``/``end``: the period of an attendance sheet (default: S to today); ``end``
    is also the date of an intermediate report (default: today). ``on``: the day of
    the planned interview of a convocation (default: the next one); ``place`` another
    place for it. ``blank_rows``: None takes the setting.
    """

    kind: PrintKind
    case_id: int
    start: date | None = None
    end: date | None = None
    on: date | None = None
    place: str | None = None
    blank_rows: int | None = None
    without_beneficiary_signature: bool | None = None
    copies: int = 2


@dataclass(frozen=True)
class RenderedDocument:
    """A PDF ready to preview, print or save, and what it records once it leaves."""

    data: bytes
    title: str
    file_name: str
    records: tuple[RecordSpec, ...] = field(default_factory=tuple)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def pages(self) -> int:
        return page_count(self.data)


_PAGE = re.compile(rb"/Type /Page[^s]")


def page_count(data: bytes) -> int:
    """How many pages a PDF written by ReportLab holds (its page objects)."""
    return len(_PAGE.findall(data))


def safe_name(text: str) -> str:
    """A file-name-safe form of an order number or a name (Windows included)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return cleaned or "document"


def checked_blank_rows(rows: int) -> int:
    """``rows`` blank rows for a sheet, or a French refusal outside 0 to 30."""
    if not 0 <= rows <= MAX_BLANK_ROWS:
        raise UserError(f"Lignes vierges : de 0 à {MAX_BLANK_ROWS} (ici {rows}).")
    return rows


def _blank_rows(request: DocumentRequest, context: builders.Context) -> int:
    return checked_blank_rows(
        context.settings.blank_rows if request.blank_rows is None else request.blank_rows
    )


def render_case_document(
    session: Session, request: DocumentRequest, today: date
) -> RenderedDocument:
    """Build and render one document of one case, in an open session (reads only)."""
    case = builders.load_case(session, request.case_id)
    context = builders.make_context(session, today)
    kind = PrintKind(request.kind)
    who = (
        f"{case.beneficiary.last_name.upper()} {case.beneficiary.first_name} ({case.order_number})"
    )
    period: tuple[date | None, date | None] = (None, None)
    notes: str | None = None
    if kind is PrintKind.ATTENDANCE:
        start = request.start or case.start_date
        end = request.end or today
        sheet = attendance_sheet(
            case,
            start,
            end,
            office=context.office,
            today=today,
            blank_rows=_blank_rows(request, context),
        )
        data = render_attendance(sheet)
        period = (start, end)
    elif kind is PrintKind.CONTRACT:
        data = render_contract(builders.contract(case, context, copies=request.copies))
        period = (case.start_date, current_end(case))
    elif kind is PrintKind.INTERMEDIATE:
        report_date = request.end or builders.report_date_for(case, today)
        report = builders.intermediate(
            session,
            case,
            context,
            report_date=report_date,
            blank_rows=_blank_rows(request, context),
        )
        data = render_intermediate(report)
        period = (case.start_date, report_date)
    elif kind is PrintKind.FINAL:
        report = builders.final(
            session,
            case,
            context,
            without_beneficiary_signature=request.without_beneficiary_signature,
            blank_rows=_blank_rows(request, context),
        )
        data = render_final(report)
        period = (case.start_date, report.end_date)
        if report.without_beneficiary_signature:
            notes = "Transmis sans la signature du bénéficiaire (prestation interrompue)."
    else:
        letter, interview = builders.convocation(case, context, on=request.on, place=request.place)
        data = render_convocation(letter)
        period = (interview.date, interview.date)
        notes = f"Entretien du {fr_date(interview.date)}"
    suffix = (
        f"-{period[1]:%Y%m%d}"
        if kind in (PrintKind.ATTENDANCE, PrintKind.CONVOCATION) and period[1]
        else ""
    )
    return RenderedDocument(
        data=data,
        title=f"{kind.label} — {who}",
        file_name=f"{kind.file_stem}-{safe_name(case.order_number)}{suffix}.pdf",
        records=(RecordSpec(case.id, RECORDED_KINDS[kind], period[0], period[1], notes),),
    )


@dataclass(frozen=True)
class PlannedInterview:
    """A planned interview a convocation can be for."""

    day: date
    start: time | None
    label: str


@dataclass(frozen=True)
class PrintFacts:
    """What the print dialog of a case offers: its dates, planned interviews, options."""

    case_id: int
    title: str
    start: date
    today: date
    signed: bool
    interrupted: bool
    planned: tuple[PlannedInterview, ...]
    blank_rows: int
    usual_place: str
    #: The date an intermediate report takes by default (today, or the case's end).
    report_date: date


def print_facts(desk: Desk, case_id: int) -> PrintFacts:
    """The facts the print dialog of ``case_id`` shows, as of the desk's today."""
    today = desk.today()

    def read(session: Session) -> PrintFacts:
        case = builders.load_case(session, case_id)
        context = builders.make_context(session, today)
        planned = sorted(
            (
                i
                for i in case.interviews
                if InterviewStatus(i.status) is InterviewStatus.PLANNED and i.date >= today
            ),
            key=lambda i: (i.date, i.time or time(0), i.id),
        )
        exit = case.exit
        place = context.settings.interview_place or context.office.address or ""
        return PrintFacts(
            case_id=case.id,
            title=f"{case.beneficiary.last_name.upper()} {case.beneficiary.first_name} "
            f"({case.order_number})",
            start=case.start_date,
            today=today,
            signed=is_signed(case),
            interrupted=exit is not None and ExitReason(exit.reason).is_interruption,
            planned=tuple(
                PlannedInterview(
                    i.date,
                    i.time,
                    f"{fr_long_date(i.date)}"
                    + (f" à {fr_time(i.time)}" if i.time else "")
                    + f" — {SHEET_KINDS[InterviewKind(i.kind)].lower()}",
                )
                for i in planned
            ),
            blank_rows=context.settings.blank_rows,
            usual_place=" ".join(place.split()),
            report_date=builders.report_date_for(case, today),
        )

    return desk.read(read)


def render_for_desk(desk: Desk, request: DocumentRequest) -> RenderedDocument:
    """:func:`render_case_document` in a short session of the desk, as of its today."""
    return desk.read(lambda session: render_case_document(session, request, desk.today()))


# --- Leaving the program ---------------------------------------------------------------------


def deliver(
    desk: Desk, document: RenderedDocument, how: str, then: Callable[[], object] | None = None
) -> list[int]:
    """Record the documents of ``document``: it was printed, saved or opened (``how``);
    ``then`` runs in the same transaction (see :func:`.records.record_printed`)."""
    return record_printed(
        desk, document.records, sha256=document.sha256, pages=document.pages, how=how, then=then
    )


def save_pdf(desk: Desk, document: RenderedDocument, path: str) -> None:
    """Write the PDF to ``path`` and record it, both or neither.

    The file is written (whole or not at all) inside the transaction that records it:
    a file that cannot be written records nothing. Should the record then fail to
    commit, a file that did not exist before is removed again."""
    existed = os.path.exists(path)
    try:
        deliver(
            desk,
            document,
            f"enregistré en PDF ({path})",
            then=lambda: write_file(path, document.data),
        )
    except Exception:
        if not existed:
            with contextlib.suppress(OSError):
                os.remove(path)
        raise


# --- Batches ---------------------------------------------------------------------------------


def _referent_name(session: Session, referent_id: int | None) -> str | None:
    if referent_id is None:
        return None
    referent = session.get(Referent, referent_id)
    if referent is None:
        raise UserError(f"Référent introuvable (n° {referent_id}).")
    return referent.full_name


def _scope(referent: str | None) -> str:
    """The end of a batch's file name: the referent, or the whole office."""
    return safe_name(referent) if referent else "bureau"


def month_sheets(
    factory: sessionmaker[Session],
    month: str,
    today: date,
    *,
    referent_id: int | None = None,
    blank_rows: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RenderedDocument | None:
    """« Feuilles d'émargement du mois »: one sheet per case with an interview (held or
    planned) in ``month`` (``AAAA-MM``), of the office or one referent, in one PDF;
    None when no case has one."""
    first, last = month_bounds(month)
    if blank_rows is not None:
        checked_blank_rows(blank_rows)
    with factory() as session:
        who = _referent_name(session, referent_id)
        ids = cases_with_interviews(session, first, last, referent_id)
        if not ids:
            return None
        context = builders.make_context(session, today)
        rows = context.settings.blank_rows if blank_rows is None else blank_rows
        sheets = []
        for batch in batches(ids):
            # Reading thousands of cases takes a while: the user may stop it meanwhile.
            if cancel is not None and cancel():
                raise Cancelled
            sheets += [
                attendance_sheet(
                    case, first, last, office=context.office, today=today, blank_rows=rows
                )
                for case in load_cases(session, batch)
            ]
            # The sheets are plain data: the rows read for them can go.
            session.expunge_all()
    title = f"Feuilles d'émargement — {fr_month(first.year, first.month)}"
    if who:
        title += f" — {who}"
    data = render_attendance_batch(sheets, title=title, progress=progress, cancel=cancel)
    plural = "s" if len(sheets) > 1 else ""
    note = f"{title} ({len(sheets)} feuille{plural} dans le même PDF)."
    return RenderedDocument(
        data=data,
        title=title,
        file_name=f"feuilles-emargement-{first:%Y-%m}-{_scope(who)}.pdf",
        records=tuple(
            RecordSpec(case_id, (DocumentKind.ATTENDANCE,), first, last, note) for case_id in ids
        ),
    )


def week_bounds(today: date) -> tuple[date, date]:
    """Monday and Sunday of ``today``'s week."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def due_intermediate_cases(
    factory: sessionmaker[Session], today: date, referent_id: int | None = None
) -> list[int]:
    """Cases whose intermediate report is due by the end of this week and not sent yet
    (late ones included), soonest due first."""
    _monday, sunday = week_bounds(today)
    items = open_deadlines(factory, today, referent_id=referent_id)
    wanted = [i for i in items if i.kind == "intermediate_report" and i.due <= sunday]
    wanted.sort(key=lambda i: (i.due, i.order_number))
    return list(dict.fromkeys(i.case_id for i in wanted))


def due_intermediate_reports(
    factory: sessionmaker[Session],
    today: date,
    *,
    referent_id: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RenderedDocument | None:
    """« Bilans intermédiaires dus cette semaine »: each report (with its sheet) of the
    cases due by Sunday and not sent, in one PDF; None when there is none."""
    ids = due_intermediate_cases(factory, today, referent_id)
    if not ids:
        return None
    parts: list[DocumentPart] = []
    records: list[RecordSpec] = []
    with factory() as session:
        who = _referent_name(session, referent_id)
        context = builders.make_context(session, today)
        for case_id in ids:
            case = builders.load_case(session, case_id)
            dated = builders.report_date_for(case, today)
            report: IntermediateReport = builders.intermediate(
                session, case, context, report_date=dated, blank_rows=context.settings.blank_rows
            )
            # Plain data now, flowables when the part is reached (as the month's
            # sheets): hundreds of late reports never sit in memory laid out at once.
            parts += [
                DocumentPart(report.header, partial(intermediate_story, report)),
                attendance_part(report.sheet),
            ]
            records.append(
                RecordSpec(case.id, RECORDED_KINDS[PrintKind.INTERMEDIATE], case.start_date, dated)
            )
            session.expunge_all()
    title = "Bilans intermédiaires dus cette semaine"
    if who:
        title += f" — {who}"
    data = render_pdf(parts, title=title, progress=progress, cancel=cancel)
    return RenderedDocument(
        data=data,
        title=title,
        file_name=f"bilans-intermediaires-{today:%Y-%m-%d}-{_scope(who)}.pdf",
        records=tuple(records),
    )


def group_document(
    factory: sessionmaker[Session],
    group: GroupSession,
    today: date,
    *,
    blank_rows: int | None = None,
    place: str | None = None,
) -> RenderedDocument:
    """The sheet of one group session; recorded with each participant's case."""
    if blank_rows is not None:
        checked_blank_rows(blank_rows)
    with factory() as session:
        context = builders.make_context(session, today)
        rows = context.settings.blank_rows if blank_rows is None else blank_rows
        where = place or context.settings.interview_place or context.office.address
        sheet = group_sheet(
            session, group, office=context.office, today=today, place=where, blank_rows=rows
        )
    note = f"Feuille collective du regroupement du {fr_date(group.day)}"
    return RenderedDocument(
        data=render_group_sheet(sheet),
        title=f"Feuille d'émargement collective — {fr_date(group.day)}",
        file_name=f"emargement-regroupement-{group.day:%Y-%m-%d}-{safe_name(group.referent)}.pdf",
        records=tuple(
            RecordSpec(case_id, (DocumentKind.ATTENDANCE,), group.day, group.day, note)
            for case_id in group.case_ids
        ),
    )


def check_range(start: date | None, end: date | None) -> None:
    """``--from`` after ``--to`` is a French refusal."""
    if start is not None and end is not None:
        check_period(start, end)


__all__: Sequence[str] = (
    "DocumentRequest",
    "PrintKind",
    "RenderedDocument",
    "deliver",
    "due_intermediate_reports",
    "group_document",
    "month_sheets",
    "render_case_document",
    "render_for_desk",
    "save_pdf",
)
