"""The payment request of one invoice (demande de paiement), as a PDF.

On the shared page template (:mod:`.page`): the office's identity and market number at
the top, the invoice number and date, then one line per tranche of the invoice (order
number, beneficiary, start of the case, tranche, amount excluding tax), the total, and
the office's signature. A pure function of :class:`PaymentRequest`: plain data in, PDF
bytes out; « Page x / y » and the invoice on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Table, TableStyle

from ..models.enums import Tranche
from ..rules.payments import T1_PERCENT, T1_T2_PERCENT
from .blocks import gap, para, signature_boxes, table
from .fonts import REGULAR
from .page import DocumentHeader, OfficeIdentity, render_document
from .text import fr_date, fr_money

#: What each tranche is called on the request.
TRANCHE_NAMES = {
    Tranche.T1: f"Tranche 1 ({T1_PERCENT} %)",
    Tranche.T2: f"Tranche 2 ({T1_T2_PERCENT - T1_PERCENT} %)",
    Tranche.T3: f"Tranche 3 ({100 - T1_T2_PERCENT} %, maintien)",
    Tranche.EARLY: "Sortie anticipée (T1 + T2)",
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


def _in_our_font(flowable: Flowable) -> Flowable:
    """The shipped font as the table's own default too: ReportLab's tables otherwise set
    Helvetica on the page, which is not embedded, even when every cell is a paragraph."""
    for part in [flowable, *getattr(flowable, "_content", [])]:
        if isinstance(part, Table):
            part.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR)]))
    return flowable


def render_payment_request(request: PaymentRequest) -> bytes:
    """The PDF bytes of the payment request."""
    number = request.invoice_number
    market = request.office.market_number or "non renseigné"
    count = len(request.lines)
    header = DocumentHeader(
        title="Demande de paiement",
        office=request.office,
        document_date=request.drawn_up,
        subtitle=f"Facture n° {number} du {fr_date(request.invoice_date)}",
        reference=f"Facture n° {number} · {count} tranche{'s' if count > 1 else ''}",
        band_lines=(
            "À l'attention de France Travail — service des paiements",
            f"Prestation « Mobilisation vers l'emploi » — marché n° {market}",
            f"Prix de la prestation : {fr_money(request.price_cents)} HT par dossier",
        ),
    )
    rows = [
        (line.order_number, line.beneficiary, fr_date(line.start_date),
         TRANCHE_NAMES[line.tranche], fr_money(line.amount_cents))
        for line in request.lines
    ]  # fmt: skip
    story = [
        para(
            f"Le prestataire demande le paiement "
            f"{'des ' + str(count) + ' tranches' if count > 1 else 'de la tranche'} "
            f"ci-dessous, au titre de la facture n° {number} du "
            f"{fr_date(request.invoice_date)}. Les tranches sont payées en pourcentage du prix "
            f"de la prestation (T1 {T1_PERCENT} %, T2 {T1_T2_PERCENT - T1_PERCENT} %, "
            f"T3 {100 - T1_T2_PERCENT} % ; jusqu'à {T1_T2_PERCENT} % en une fois après une "
            "sortie positive anticipée)."
        ),
        gap(3),
        _in_our_font(table(
            ("N° de commande", "Bénéficiaire", "Début", "Tranche", "Montant HT"),
            rows,
            (31, 45, 23, 49, 26),
            align=("left", "left", "left", "left", "right"),
            total=("", f"{count} tranche{'s' if count > 1 else ''}", "", "Total HT",
                   fr_money(request.total_cents)),  # fmt: skip
        )),
        gap(4),
        para(
            f"Montant total demandé : {fr_money(request.total_cents)} HT. Les pièces "
            "justificatives de chaque tranche sont tenues à la disposition de France Travail."
        ),
        gap(6),
        _in_our_font(signature_boxes(["Pour le prestataire : nom, qualité et signature"],
                                     width_mm=90, height_mm=28)),  # fmt: skip
    ]
    return render_document(header, story)
