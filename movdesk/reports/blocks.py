"""Building blocks of the documents' bodies: tables, label/value blocks, signature boxes.

Every block takes plain text (escaped here) and sizes in mm, and returns ReportLab
flowables in the named styles of :mod:`.styles`. A table row never splits across two
pages (ReportLab breaks tables only between rows) and the header row repeats on each
page the table continues on — except a row taller than a whole page (a description of
some thousand characters, a long address), which :class:`PageTable` splits across pages
instead of stopping the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from .fonts import REGULAR
from .page import body_height
from .styles import FILL, HAIRLINE, RULE, stylesheet
from .text import markup

#: Alignment of a column: left, right or centre.
Align = str


class PageTable(Table):
    """A table whose rows go whole to the next page, but a row taller than a page splits.

    ReportLab can place such a row nowhere and stops the document; so, only when the
    table holds one, its rows may split inside (``splitInRow``) while every other table
    keeps its rows whole."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self._calc(available_width, available_height)
        tallest = max(self._rowHeights[self.repeatRows :], default=0)
        self.splitInRow = int(tallest > body_height(first=False))
        if self.splitInRow:
            # A split row starts on this page: its short cells stand at its top, by
            # the start of the long one, not in its middle pages further.
            self.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
        return list(super().split(available_width, available_height))


def table_style(commands: Sequence[tuple[object, ...]]) -> TableStyle:
    """A table style whose cells all default to the shipped font.

    A cell given as a plain string (even an empty one) is drawn in the table's default
    font, Helvetica, which is not embedded: every table starts from this style.
    """
    return TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5), *commands])


def para(text: str | None, style: str = "Body", *, raw: bool = False) -> Paragraph:
    """A paragraph of ``text`` in the named style; ``raw`` keeps ReportLab markup."""
    return Paragraph((text or "") if raw else markup(text), stylesheet()[style])


def gap(height_mm: float) -> Spacer:
    """Vertical space, in mm."""
    return Spacer(1, height_mm * mm)


def heading(text: str, level: int = 1) -> Paragraph:
    """A section title inside a document (kept with what follows)."""
    return para(text, "Heading1" if level == 1 else "Heading2")


def free_text(text: str | None, *, empty: str = "Non renseigné.") -> Paragraph:
    """A free text typed by a referent, justified; ``empty`` in grey when blank."""
    if not text or not text.strip():
        return para(empty, "Muted")
    return para(text, "BodyJustified")


def _cell_style(align: Align) -> str:
    return {"right": "TableCellRight", "center": "TableCellCenter"}.get(align, "TableCell")


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    widths_mm: Sequence[float],
    *,
    align: Sequence[Align] | None = None,
    row_height_mm: float | None = None,
    total: Sequence[str] | None = None,
) -> Table:
    """A ruled table with a grey header row repeated on every page.

    Cells given as text are escaped and wrapped in the column's width; ``row_height_mm``
    gives every body row at least that height (room for a signature). ``total`` adds a
    bold last row.
    """
    aligns = list(align or ["left"] * len(headers))
    sheet = stylesheet()
    data: list[list[str | Flowable]] = [[Paragraph(markup(h), sheet["TableHead"]) for h in headers]]
    for row in rows:
        data.append(
            [
                cell
                if isinstance(cell, Flowable)
                else Paragraph(markup(cell), sheet[_cell_style(a)])
                for cell, a in zip(row, aligns, strict=False)
            ]
        )
    heights: list[float | None] = [None] * len(data)
    if row_height_mm is not None:
        heights = [None] + [row_height_mm * mm] * len(rows)
    if total is not None:
        data.append(
            [
                Paragraph(f"<b>{markup(cell)}</b>", sheet[_cell_style(a)])
                for cell, a in zip(total, aligns, strict=False)
            ]
        )
        heights.append(None)
    result = PageTable(
        data,
        colWidths=[w * mm for w in widths_mm],
        rowHeights=heights,
        repeatRows=1,
        hAlign="LEFT",
    )
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), FILL),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("INNERGRID", (0, 1), (-1, -1), 0.4, HAIRLINE),
        ("LINEAFTER", (0, 0), (-1, 0), 0.4, HAIRLINE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if total is not None:
        commands += [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
            ("BACKGROUND", (0, -1), (-1, -1), FILL),
        ]
    result.setStyle(table_style(commands))
    return result


def key_values(
    pairs: Sequence[tuple[str, str | None]], widths_mm: tuple[float, float] = (45, 129)
) -> Table:
    """Label / value lines (« Date de début : 05/01/2026 »), without a frame."""
    sheet = stylesheet()
    data = [
        [
            Paragraph(markup(label), sheet["TableHead"]),
            Paragraph(markup(value or "—"), sheet["TableCell"]),
        ]
        for label, value in pairs
    ]
    result = PageTable(data, colWidths=[w * mm for w in widths_mm], hAlign="LEFT")
    result.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return result


def signature_boxes(
    captions: Sequence[str],
    *,
    width_mm: float = 174,
    height_mm: float = 32,
    mention: str | None = None,
    place_line: bool | Sequence[bool] = True,
) -> Flowable:
    """Blank boxes side by side, one per signatory, each with its caption, a place and
    date line (``place_line``: for all boxes, or box by box) and, when asked, the
    handwritten mention to copy (« Lu et approuvé »). One table row: never split.

    Not wrapped in a ``KeepTogether``: ReportLab moves a ``KeepTogether`` holding another
    one to the next page even when it fits, so callers wrap it with what goes with it."""
    sheet = stylesheet()
    cells: list[list[Flowable]] = []
    places = [place_line] * len(captions) if isinstance(place_line, bool) else list(place_line)
    for caption, place in zip(captions, places, strict=True):
        lines = [Paragraph(markup(caption), sheet["SignatureLabel"])]
        if place:
            lines.append(Paragraph("Fait à ……………………… le ……/……/…………", sheet["Small"]))
        if mention:
            lines.append(
                Paragraph(f"Mention manuscrite : <i>{markup(mention)}</i>", sheet["Small"])
            )
        cells.append(lines)
    column = width_mm / max(len(captions), 1)
    boxes = Table(
        [cells],
        colWidths=[column * mm] * len(captions),
        rowHeights=[height_mm * mm],
        hAlign="LEFT",
    )
    boxes.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.8, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return boxes


def ending_with(
    title: Flowable, text: Sequence[Flowable], closing: Sequence[Flowable]
) -> list[Flowable]:
    """A last section — its ``title``, its ``text`` —, then ``closing`` (the signatures)
    kept on one page with the last paragraph of ``text`` (and the title when that is
    the only one): a page of signatures never stands alone, apart from what was signed,
    and a title never ends a page. (A title's ``keepWithNext`` does not hold to a
    ``KeepTogether``: it goes inside.)"""
    if len(text) <= 1:
        return [KeepTogether([title, *text, *closing])]
    return [title, *text[:-1], KeepTogether([text[-1], *closing])]


#: Line starts that make a line of free text a bullet item.
_BULLETS = ("- ", "• ", "* ", "– ")


def rich_text(text: str | None, *, empty: str = "Non renseigné.") -> list[Flowable]:
    """Free text as paragraphs and bullet lists: a blank line starts a new paragraph,
    a line starting with « - » or « • » is a bullet item."""
    if not text or not text.strip():
        return [para(empty, "Muted")]
    sheet = stylesheet()
    out: list[Flowable] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            out.append(Paragraph(markup("\n".join(lines)), sheet["BodyJustified"]))
            lines.clear()

    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(_BULLETS):
            flush()
            item = line[2:].strip()
            out.append(Paragraph(markup(item), sheet["Bullet"], bulletText="•"))
        else:
            lines.append(line)
    flush()
    return out
