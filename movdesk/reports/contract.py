"""Contrat d'accompagnement: the reciprocal commitments signed at the contracting interview.

Both parties (the beneficiary with the France Travail identifier, the provider with its
referent), the object of the service, its dates S and E, the commitments of each side
(the office's own text, from Paramètres), then « Fait à …, le … » and a signature box
for each party with the handwritten mention « Lu et approuvé ». Printed in two copies
on request: one for the beneficiary, one kept by the office (its copy goes to France
Travail within 48 hours).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from .blocks import (
    PageTable,
    ending_with,
    gap,
    heading,
    key_values,
    para,
    rich_text,
    signature_boxes,
    table_style,
)
from .page import DocumentHeader, DocumentPart, copy_subtitle, render_pdf
from .styles import FILL, RULE
from .text import fr_date, quoted

#: The mention each party writes by hand above the signature.
READ_AND_APPROVED = "Lu et approuvé"


@dataclass(frozen=True)
class ContractData:
    """The data of one contract."""

    header: DocumentHeader
    #: Label/value lines of each party.
    beneficiary: tuple[tuple[str, str | None], ...]
    provider: tuple[tuple[str, str | None], ...]
    start: date
    end: date
    agency: str | None
    counsellor: str | None
    beneficiary_commitments: str
    provider_commitments: str
    #: The town of « Fait à … »; the date is the contracting interview's, if recorded.
    place: str
    signed_on: date | None
    #: One copy for the beneficiary and one for the office, in the same PDF.
    copies: int = 2


def _parties(data: ContractData) -> Table:
    left = [heading("Le bénéficiaire", 2), key_values(data.beneficiary, (28, 55))]
    right = [heading("Le prestataire", 2), key_values(data.provider, (28, 55))]
    table = PageTable([[left, right]], colWidths=[87 * mm, 87 * mm], hAlign="LEFT")
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (0, 0), 0.6, RULE),
                ("BOX", (1, 0), (1, 0), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def contract_story(data: ContractData) -> list[Flowable]:
    """The body of one copy of the contract."""
    service = quoted("Mobilisation vers l'emploi")
    prescription = "prescrite par France Travail"
    if data.agency:
        prescription += f" ({data.agency}"
        prescription += f", conseiller : {data.counsellor})" if data.counsellor else ")"
    story: list[Flowable] = [
        para("Entre les soussignés :"),
        _parties(data),
        heading("Objet"),
        para(
            "Le présent contrat formalise l'engagement réciproque du bénéficiaire et du "
            "prestataire à tout mettre en œuvre pour élaborer et réaliser le projet de retour "
            f"à l'emploi du bénéficiaire, dans le cadre de la prestation {service} "
            f"(MOV) {prescription}. Le bénéficiaire a un référent unique pendant toute la "
            "durée de la prestation.",
            "BodyJustified",
        ),
        heading("Durée"),
        para(
            f"La prestation commence le {fr_date(data.start)} et se termine au plus tard le "
            f"{fr_date(data.end)} (180 jours au plus), sans report possible de cette date. Elle "
            "se déroule en deux phases obligatoires : l'identification et l'analyse des "
            "difficultés, puis la construction et la mise en œuvre du plan d'action.",
            "BodyJustified",
        ),
        heading("Engagements du bénéficiaire"),
        *rich_text(data.beneficiary_commitments),
    ]
    on = fr_date(data.signed_on, "……/……/…………")
    story += ending_with(
        heading("Engagements du prestataire"),
        rich_text(data.provider_commitments),
        [
            gap(3),
            para(f"Fait à {data.place or '………………………'}, le {on}, en deux exemplaires."),
            gap(2),
            signature_boxes(
                ["Le bénéficiaire", "Le référent, pour le prestataire"],
                mention=READ_AND_APPROVED,
                place_line=False,
                height_mm=34,
            ),
        ],
    )
    return story


def render_contract(data: ContractData) -> bytes:
    """The PDF of the contract, in ``data.copies`` copies (each its own numbered part)."""
    names = ("Exemplaire du bénéficiaire", "Exemplaire du prestataire")
    if data.copies <= 1:
        return render_pdf([DocumentPart(data.header, contract_story(data))])
    parts = [
        DocumentPart(
            replace(data.header, subtitle=copy_subtitle(names[index % 2], data.header)),
            contract_story(data),
        )
        for index in range(data.copies)
    ]
    return render_pdf(parts)
