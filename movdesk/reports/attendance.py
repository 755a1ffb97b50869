"""Feuille d'émargement: one row per interview of a period, signed by both sides.

Each row gives the date (JJ/MM/AAAA), the start time, the duration, the kind and the
referent, then a box for the beneficiary's signature and one for the referent's, each
captioned in small grey letters so that nobody signs in the wrong one. Rows never split
across pages and the column heads repeat on each page. Under the table: the interviews
held and their total hours (planned interviews, not held yet, are counted apart), then
the referent's certification with room for the office's stamp.

Blank rows (a setting, and an option of the print dialog) are added at the end to be
filled in by hand. :func:`render_attendance_batch` puts many sheets in one PDF, each
with its own page numbers (« Feuilles d'émargement du mois »).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import partial

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from .blocks import gap, para, signature_boxes, table_style
from .fonts import BOLD, OBLIQUE, REGULAR, register_fonts
from .page import Cancel, DocumentHeader, DocumentPart, Progress, render_pdf
from .styles import FILL, HAIRLINE, MUTED, RULE, stylesheet
from .text import fr_date, fr_duration, fr_time, markup

#: Column widths in mm (174 in all): date, time, duration, kind, referent, two boxes.
COLUMNS_MM = (21, 15, 14, 40, 28, 28, 28)
HEADINGS = (
    "Date",
    "Heure",
    "Durée",
    "Nature de l'entretien",
    "Référent",
    "Signature du bénéficiaire",
    "Signature du référent",
)
#: Height of a row: room for a signature.
ROW_HEIGHT_MM = 11.5
#: The captions written in the corner of each signature box.
BENEFICIARY_BOX = "bénéficiaire"
REFERENT_BOX = "référent"
#: Text size of the rows.
_ROW_SIZE = 8.5


@dataclass(frozen=True)
class AttendanceRow:
    """One interview of the sheet."""

    day: date
    start: time | None
    minutes: int
    #: Short French name of the kind (« Individuel (face à face) »).
    kind: str
    referent: str
    #: Planned, not held yet: printed as « prévu », not counted in the hours held.
    planned: bool = False


@dataclass(frozen=True)
class AttendanceSheet:
    """The data of one attendance sheet."""

    header: DocumentHeader
    period_start: date
    period_end: date
    rows: tuple[AttendanceRow, ...]
    blank_rows: int = 0

    @property
    def held(self) -> tuple[AttendanceRow, ...]:
        return tuple(row for row in self.rows if not row.planned)

    @property
    def held_minutes(self) -> int:
        return sum(row.minutes for row in self.held)

    @property
    def planned_minutes(self) -> int:
        return sum(row.minutes for row in self.rows if row.planned)


def period_text(start: date, end: date) -> str:
    """« Période du 05/01/2026 au 02/03/2026 »."""
    return f"Période du {fr_date(start)} au {fr_date(end)}"


def fitted_cell(text: str, width_mm: float, *, bold: bool = False) -> str | Flowable:
    """Plain text when it fits a column ``width_mm`` wide (fast to lay out), else a
    paragraph that wraps in it (the row grows to hold it)."""
    room = width_mm * mm - 6
    if stringWidth(text, BOLD if bold else REGULAR, _ROW_SIZE) <= room:
        return text
    if bold:
        return Paragraph(f"<b>{markup(text)}</b>", stylesheet()["TableCell"])
    return Paragraph(markup(text), stylesheet()["TableCell"])


def _fitted(text: str, column: int) -> str | Flowable:
    return fitted_cell(text, COLUMNS_MM[column])


def _row_cells(row: AttendanceRow) -> list[str | Flowable]:
    kind = f"{row.kind} (prévu)" if row.planned else row.kind
    return [
        fr_date(row.day),
        fr_time(row.start, "—"),
        fr_duration(row.minutes),
        _fitted(kind, 3),
        _fitted(row.referent, 4),
        BENEFICIARY_BOX,
        REFERENT_BOX,
    ]


def signing_table(
    headings: Sequence[str],
    rows: list[list[str | Flowable]],
    columns_mm: Sequence[float],
    commands: Sequence[tuple[object, ...]],
) -> Table:
    """A ruled table of rows to sign, each tall enough for a signature (taller when a
    long name wraps), never split, the heading repeated on every page; ``commands``
    style the body's columns."""
    head = stylesheet()["TableHead"]
    data: list[list[str | Flowable]] = [[Paragraph(h, head) for h in headings], *rows]
    table = Table(
        data,
        colWidths=[w * mm for w in columns_mm],
        minRowHeights=[0] + [ROW_HEIGHT_MM * mm] * len(rows),
        repeatRows=1,
        hAlign="LEFT",
    )
    ruled: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), FILL),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, HAIRLINE),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
    ]
    table.setStyle(table_style([*ruled, *commands]))
    return table


def sheet_table(rows: Sequence[AttendanceRow], blank_rows: int = 0) -> Table:
    """The table of the sheet: a header row, one row per interview, then blank rows."""
    register_fonts()  # the cells are measured before anything else is laid out
    body = [_row_cells(row) for row in rows]
    body += [["", "", "", "", "", BENEFICIARY_BOX, REFERENT_BOX] for _ in range(blank_rows)]
    return signing_table(
        HEADINGS,
        body,
        COLUMNS_MM,
        [
            ("FONT", (0, 1), (4, -1), REGULAR, _ROW_SIZE),
            ("FONT", (0, 1), (0, -1), BOLD, _ROW_SIZE),
            ("VALIGN", (0, 0), (4, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            *signature_columns(5, 6),
        ],
    )


def _totals(sheet: AttendanceSheet) -> str:
    held = len(sheet.held)
    text = (
        f"<b>Entretiens réalisés : {held}</b> — total des heures réalisées : "
        f"<b>{fr_duration(sheet.held_minutes)}</b>"
    )
    planned = len(sheet.rows) - held
    if planned:
        plural = "s" if planned > 1 else ""
        text += (
            f" · {planned} entretien{plural} prévu{plural} "
            f"({fr_duration(sheet.planned_minutes)}), à faire signer le jour venu"
        )
    return text


def attendance_story(sheet: AttendanceSheet) -> list[Flowable]:
    """The body of the sheet: table, totals, certification."""
    story: list[Flowable] = []
    if not sheet.rows and not sheet.blank_rows:
        story.append(para("Aucun entretien réalisé ou prévu sur la période.", "Muted"))
    else:
        story.append(sheet_table(sheet.rows, sheet.blank_rows))
    # The totals and the certification stay together, under the last rows.
    story.append(
        certification(
            [
                para(_totals(sheet), raw=True),
                para(
                    "Les entretiens absents ou excusés ne figurent pas sur cette feuille. "
                    "Chaque ligne est signée le jour de l'entretien par le bénéficiaire et "
                    "par le référent.",
                    "Small",
                ),
            ]
        )
    )
    return story


def certification(notes: list[Flowable]) -> Flowable:
    """``notes``, then the referent's « certifié exact » and the office's stamp, together."""
    boxes = signature_boxes(
        ["Certifié exact — le référent", "Cachet du prestataire"],
        height_mm=24,
        place_line=(True, False),
    )
    return KeepTogether([gap(3), *notes, gap(3), boxes])


def signature_columns(first: int, last: int) -> list[tuple[object, ...]]:
    """Table commands for signature columns ``first`` to ``last``: a heavier frame, and
    the caption small, grey and in the top corner, leaving the box to the pen."""
    commands: list[tuple[object, ...]] = [
        ("BOX", (column, 0), (column, -1), 0.8, RULE) for column in range(first, last + 1)
    ]
    return commands + [
        ("FONT", (first, 1), (last, -1), OBLIQUE, 5.5),
        ("TEXTCOLOR", (first, 1), (last, -1), MUTED),
        ("VALIGN", (first, 1), (last, -1), "TOP"),
        ("TOPPADDING", (first, 1), (last, -1), 1.5),
    ]


def attendance_part(sheet: AttendanceSheet) -> DocumentPart:
    """The sheet as one document of a PDF (alone, after a report, or in a batch); its
    flowables are made when its turn comes."""
    return DocumentPart(sheet.header, partial(attendance_story, sheet))


def render_attendance(sheet: AttendanceSheet) -> bytes:
    """The PDF of one attendance sheet."""
    return render_pdf([attendance_part(sheet)])


def render_attendance_batch(
    sheets: Sequence[AttendanceSheet],
    *,
    title: str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> bytes:
    """Many sheets in one PDF, each starting on a new page with its own page numbers.

    Each sheet's flowables are made when its turn comes: thousands of sheets never sit
    in memory as flowables at once."""
    return render_pdf(
        [DocumentPart(sheet.header, partial(attendance_story, sheet)) for sheet in sheets],
        title=title,
        progress=progress,
        cancel=cancel,
    )
