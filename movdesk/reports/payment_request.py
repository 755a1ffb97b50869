"""The payment request of one invoice (demande de paiement), as a PDF.

The office's identity and market number, the invoice number and date, one line per
tranche of the invoice (order number, beneficiary, start of the case, tranche, amount
excluding tax) and the total; a pure function of :class:`PaymentRequest`, A4, with
« Page x / y » and the invoice number on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..models.enums import Tranche
from ..rules.payments import T1_PERCENT, T1_T2_PERCENT
from .pdf_base import FONT_BOLD, FONT_REGULAR, OfficeIdentity, fr_date, office_lines, pdf_text

MARGIN = 18 * mm
#: What each tranche is called on the request.
TRANCHE_NAMES = {
    Tranche.T1: f"Tranche 1 ({T1_PERCENT} %)",
    Tranche.T2: f"Tranche 2 ({T1_T2_PERCENT - T1_PERCENT} %)",
    Tranche.T3: f"Tranche 3 ({100 - T1_T2_PERCENT} %, maintien à 3 mois)",
    Tranche.EARLY: "Sortie positive anticipée (T1 + T2)",
}


@dataclass(frozen=True)
class RequestLine:
    """One tranche of the invoice."""

    order_number: str
    beneficiary: str
    start_date: date
    tranche: Tranche
    amount_cents: int


@dataclass(frozen=True)
class PaymentRequest:
    """What the payment request shows."""

    office: OfficeIdentity
    invoice_number: str
    invoice_date: date
    drawn_up: date
    price_cents: int
    lines: Sequence[RequestLine]

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


def money_text(cents: int) -> str:
    """``1 850,00 €`` with no-break spaces (they never split at the end of a line)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", "\u00a0") + f",{rest:02d}\u00a0€"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("Body", fontName=FONT_REGULAR, fontSize=9.5, leading=12.5)
    return {
        "body": base,
        "office": ParagraphStyle("Office", parent=base, fontName=FONT_BOLD, fontSize=12,
                                 leading=15),
        "small": ParagraphStyle("Small", parent=base, fontSize=8.5, leading=11,
                                textColor=colors.HexColor("#4d4d4d")),
        "title": ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=15,
                                leading=19, textColor=colors.HexColor("#1f3a5f"),
                                spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("Cell", parent=base, fontSize=8.5, leading=10.5),
    }  # fmt: skip


def _escape(text: str) -> str:
    return pdf_text(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _lines_table(request: PaymentRequest, styles: dict[str, ParagraphStyle]) -> Table:
    head = ["N° de commande", "Bénéficiaire", "Début", "Tranche", "Montant HT"]
    body: list[list[Any]] = [
        [
            line.order_number,
            Paragraph(_escape(line.beneficiary), styles["cell"]),
            fr_date(line.start_date),
            Paragraph(_escape(TRANCHE_NAMES[line.tranche]), styles["cell"]),
            money_text(line.amount_cents),
        ]
        for line in request.lines
    ]
    count = len(body)
    total = ["", f"{count} tranche{'s' if count > 1 else ''}", "", "Total HT",
             money_text(request.total_cents)]  # fmt: skip
    widths = [32 * mm, 46 * mm, 20 * mm, 50 * mm, 26 * mm]
    table = Table([head, *body, total], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
                ("FONT", (0, 1), (-1, -1), FONT_REGULAR, 8.5),
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, 9.5),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f3f6")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#555555")),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor("#555555")),
                ("LINEBELOW", (0, 1), (-1, -2), 0.25, colors.HexColor("#bbbbbb")),
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555")),
            ]
        )
    )
    return table


class _NumberedCanvas(Canvas):
    """Draws « Page x / y » once every page is known (ReportLab's two-pass recipe)."""

    footer_text = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT_REGULAR, 7.5)
            self.setFillColor(colors.HexColor("#4d4d4d"))
            self.drawString(MARGIN, 10 * mm, self.footer_text)
            self.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {self._pageNumber} / {total}")
            super().showPage()
        super().save()


def render_payment_request(request: PaymentRequest) -> bytes:
    """The PDF bytes of the payment request."""
    styles = _styles()
    office = request.office
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=20 * mm, title=f"Demande de paiement — facture n° {request.invoice_number}",
        author=office.name or "movdesk", invariant=1,
    )  # fmt: skip
    market = office.market_number or "non renseigné"
    price = money_text(request.price_cents)
    story = [
        Paragraph(_escape(office.name or "Bureau non configuré"), styles["office"]),
        *(Paragraph(_escape(line), styles["small"]) for line in office_lines(office)),
        Spacer(0, 8 * mm),
        Paragraph("À l'attention de France Travail — service des paiements", styles["body"]),
        Paragraph(
            _escape(f"Demande de paiement — facture n° {request.invoice_number} "
                    f"du {fr_date(request.invoice_date)}"),
            styles["title"],
        ),
        Paragraph(
            _escape(f"Prestation « Mobilisation vers l'emploi » (MOV) — marché n° {market}. "
                    f"Prix de la prestation : {price} HT par dossier, payé en tranches "
                    f"(T1 {T1_PERCENT} %, T2 {T1_T2_PERCENT - T1_PERCENT} %, "
                    f"T3 {100 - T1_T2_PERCENT} % ; jusqu'à {T1_T2_PERCENT} % en une fois "
                    "après une sortie positive anticipée)."),
            styles["body"],
        ),
        Spacer(0, 5 * mm),
        _lines_table(request, styles),
        Spacer(0, 5 * mm),
        Paragraph(
            _escape(f"Montant total demandé : {money_text(request.total_cents)} HT. Les "
                    "pièces justificatives de chaque tranche sont tenues à disposition."),
            styles["body"],
        ),
        Spacer(0, 12 * mm),
        Paragraph(_escape(f"Établie le {fr_date(request.drawn_up)}, pour le prestataire :"),
                  styles["body"]),
        Paragraph("Nom, qualité et signature :", styles["small"]),
    ]  # fmt: skip

    class Numbered(_NumberedCanvas):
        footer_text = pdf_text(
            f"{office.name} — demande de paiement, facture n° {request.invoice_number}"
        )

    document.build(story, canvasmaker=Numbered)
    return buffer.getvalue()
