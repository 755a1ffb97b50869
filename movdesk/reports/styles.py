"""The named stylesheet of every printed document, and its colours and sizes.

``stylesheet()["Body"]`` and the like: one set of paragraph styles, all in the shipped
DejaVu Sans (:mod:`.fonts`), sized for A4 forms read at arm's length and signed by hand.
Colours are chosen to print well on a black-and-white office printer: black text, grey
rules and light grey fills, one dark blue for headings that turns to dark grey.

| name | use |
| --- | --- |
| ``Body`` | running text |
| ``BodyJustified`` | long free texts (contract commitments, report texts) |
| ``Bullet`` | an item of a list (with ``bulletText="•"``) |
| ``Small`` | notes under a table, legal mentions |
| ``Muted`` | oblique grey remarks (« aucun entretien sur la période ») |
| ``Heading1`` / ``Heading2`` | section titles inside a document |
| ``TableHead`` / ``TableCell`` / ``TableCellRight`` / ``TableCellCenter`` | table text |
| ``SignatureLabel`` | the caption at the top of a signature box |
| ``Letter`` | the body of a letter (convocation) |
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm

from .fonts import BOLD, OBLIQUE, REGULAR, register_fonts

#: Headings and the title: dark blue on screen, a dark grey on a laser printer.
ACCENT = colors.HexColor("#1f3a5f")
#: Rules and box borders.
RULE = colors.HexColor("#555555")
#: Light rules between table rows.
HAIRLINE = colors.HexColor("#9a9a9a")
#: Table header and band fills.
FILL = colors.HexColor("#e4e8ee")
#: Secondary text (notes, footers).
MUTED = colors.HexColor("#4d4d4d")

#: Base text size in points.
BODY_SIZE = 9.5


@lru_cache(maxsize=1)
def stylesheet() -> StyleSheet1:
    """The named paragraph styles (see the module table); built once."""
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle(
        "Body",
        fontName=REGULAR,
        # ReportLab draws bullets in Helvetica unless told: it would not be embedded.
        bulletFontName=REGULAR,
        fontSize=BODY_SIZE,
        leading=BODY_SIZE * 1.3,
        spaceAfter=3,
    )
    sheet.add(base)
    sheet.add(ParagraphStyle("BodyJustified", parent=base, alignment=TA_JUSTIFY))
    sheet.add(
        ParagraphStyle(
            "Bullet", parent=base, alignment=TA_JUSTIFY, leftIndent=5 * mm, bulletIndent=1.5 * mm
        )
    )
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8, leading=10, spaceAfter=2))
    sheet.add(
        ParagraphStyle(
            "Muted", parent=base, fontName=OBLIQUE, fontSize=8.5, leading=11, textColor=MUTED
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading1",
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading2",
            parent=base,
            fontName=BOLD,
            fontSize=10,
            leading=12.5,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        )
    )
    cell = ParagraphStyle("TableCell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0)
    sheet.add(cell)
    sheet.add(ParagraphStyle("TableHead", parent=cell, fontName=BOLD))
    sheet.add(ParagraphStyle("TableCellRight", parent=cell, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("TableCellCenter", parent=cell, alignment=TA_CENTER))
    sheet.add(
        ParagraphStyle(
            "SignatureLabel", parent=base, fontName=BOLD, fontSize=8.5, leading=10.5, spaceAfter=0
        )
    )
    sheet.add(ParagraphStyle("Letter", parent=base, fontSize=10.5, leading=14.5, spaceAfter=8))
    return sheet
