"""Convocation: the letter that calls the beneficiary to a planned interview.

A letter on the office's letterhead: the addressee placed for a window envelope (DL,
window on the right), the references (order number, France Travail identifier, the
referent and how to reach them), the place and date, then the appointment itself —
day, time, expected length, kind, place, with whom —, what to bring, what to do when
prevented, and the referent's signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Table

from .blocks import PageTable, gap, key_values, para, table_style
from .page import DocumentHeader, DocumentPart, render_pdf
from .styles import FILL, RULE
from .text import fr_duration, fr_long_date, fr_time, markup

#: Left edge of the addressee block, from the left margin (window envelopes: 110 mm
#: from the paper's edge).
ADDRESS_OFFSET_MM = 92
#: Height of the addressee block (the envelope's window).
ADDRESS_HEIGHT_MM = 34


@dataclass(frozen=True)
class ConvocationData:
    """The data of one convocation letter."""

    header: DocumentHeader
    #: « Madame » or « Monsieur » (or « Madame, Monsieur » when unknown).
    salutation: str
    #: Name then address lines of the addressee.
    addressee: tuple[str, ...]
    #: « Lille, le lundi 2 mars 2026 ».
    place_and_date: str
    day: date
    start: time | None
    minutes: int
    kind: str
    place: tuple[str, ...]
    referent: str
    referent_phone: str | None
    referent_email: str | None
    #: What to bring, one item each.
    items: tuple[str, ...]


def _address_block(data: ConvocationData) -> Table:
    """The addressee in the envelope's window; a long address is written smaller so
    that it stays inside it, above the references."""
    lines = "<br/>".join(markup(line) for line in data.addressee if line.strip())
    width = (174 - ADDRESS_OFFSET_MM) * mm
    window = KeepInFrame(
        width - 12, ADDRESS_HEIGHT_MM * mm - 6, [para(lines, "Letter", raw=True)], mode="shrink"
    )
    block = Table(
        [["", window]],
        colWidths=[ADDRESS_OFFSET_MM * mm, width],
        rowHeights=[ADDRESS_HEIGHT_MM * mm],
        hAlign="LEFT",
    )
    block.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return block


def _appointment(data: ConvocationData) -> Table:
    at = fr_time(data.start) if data.start is not None else "à convenir avec votre référent"
    rows = key_values(
        [
            ("Date", fr_long_date(data.day)),
            ("Heure", at),
            ("Durée prévue", fr_duration(data.minutes)),
            ("Entretien", data.kind),
            ("Lieu", "\n".join(data.place) or None),
            ("Avec", data.referent),
        ],
        (34, 128),
    )
    box = PageTable([[rows]], colWidths=[174 * mm], hAlign="LEFT")
    box.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), FILL),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def convocation_story(data: ConvocationData) -> list[Flowable]:
    case = data.header.case
    references = []
    if case is not None:
        references += [
            f"N/Réf. : dossier {case.order_number}",
            f"Identifiant France Travail : {case.pe_id}",
        ]
    contact = data.referent
    if data.referent_phone:
        contact += f", tél. {data.referent_phone}"
    references.append(f"Affaire suivie par : {contact}")
    if data.referent_email:
        references.append(f"Courriel : {data.referent_email}")
    story: list[Flowable] = [
        _address_block(data),
        para("<br/>".join(markup(r) for r in references), "Small", raw=True),
        gap(3),
        para(data.place_and_date, "Letter"),
        para(f"<b>Objet : {markup(data.header.title)}</b>", "Letter", raw=True),
        para(f"{data.salutation},", "Letter"),
        para(
            "Dans le cadre de votre accompagnement « Mobilisation vers l'emploi », nous vous "
            "prions de bien vouloir vous présenter au rendez-vous suivant :",
            "Letter",
        ),
        _appointment(data),
        gap(4),
    ]
    if data.items:
        items = "<br/>".join(f"•&nbsp;{markup(item)}" for item in data.items)
        story += [
            para("<b>Merci d'apporter :</b>", "Letter", raw=True),
            para(items, "Letter", raw=True),
        ]
    prevent = "votre référent"
    if data.referent_phone:
        prevent += f" au {data.referent_phone}"
    story += [
        para(
            f"En cas d'empêchement, prévenez {markup(prevent)} au plus tôt afin de convenir "
            "d'un autre rendez-vous. Nous vous rappelons qu'un entretien individuel a lieu "
            "chaque semaine et que la prestation prend fin au-delà de 14 jours sans entretien "
            "(hors suspension et période en entreprise).",
            "Letter",
            raw=True,
        ),
        para(
            f"Nous vous prions d'agréer, {data.salutation}, l'expression de nos salutations "
            "distinguées.",
            "Letter",
        ),
        gap(6),
        _signature(data),
    ]
    return story


def _signature(data: ConvocationData) -> Table:
    name = para(
        f"{markup(data.referent)}<br/>Référent(e) — {markup(data.header.office.name)}",
        "Letter",
        raw=True,
    )
    block = Table([["", name]], colWidths=[ADDRESS_OFFSET_MM * mm, (174 - ADDRESS_OFFSET_MM) * mm])
    block.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return block


def render_convocation(data: ConvocationData) -> bytes:
    """The PDF of one convocation letter."""
    return render_pdf([DocumentPart(data.header, convocation_story(data))])
