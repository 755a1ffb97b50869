"""Feuille d'émargement collective: one group session, one row per participant.

A group session (regroupement, atelier collectif) is recorded as one ``group``
interview in each participant's case, on the same date, at the same time, with the
same referent. Its sheet lists the participants (name, France Travail identifier,
order number) each with a signature box, then the referent's signature. Blank rows
take the participants who came without being planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from reportlab.platypus import Flowable, Table

from .attendance import certification, fitted_cell, signature_columns, signing_table
from .blocks import gap, key_values, para
from .fonts import BOLD, REGULAR
from .page import DocumentHeader, DocumentPart, render_pdf
from .text import fr_duration, fr_long_date, fr_time

#: Column widths in mm: number, name, identifier, order number, signature.
COLUMNS_MM = (10, 58, 26, 36, 44)
#: The caption in the corner of each participant's signature box.
SIGNATURE_BOX = "signature"


@dataclass(frozen=True)
class GroupParticipant:
    """One person expected at the session."""

    last_name: str
    first_name: str
    pe_id: str
    order_number: str
    civility: str | None = None

    @property
    def name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"


@dataclass(frozen=True)
class GroupSheet:
    """The data of the sheet of one group session."""

    header: DocumentHeader
    day: date
    start: time | None
    minutes: int
    referent: str
    participants: tuple[GroupParticipant, ...]
    place: str | None = None
    blank_rows: int = 0


def session_text(day: date, start: time | None) -> str:
    """« Regroupement du jeudi 12 mars 2026 à 09 h 30 »."""
    at = f" à {fr_time(start)}" if start is not None else ""
    return f"Regroupement du {fr_long_date(day)}{at}"


def _table(sheet: GroupSheet) -> Table:
    heads = ("N°", "Nom et prénom", "Identifiant France Travail", "N° de commande", "Signature")
    body: list[list[str | Flowable]] = [
        [
            str(number),
            fitted_cell(person.name, COLUMNS_MM[1], bold=True),
            fitted_cell(person.pe_id, COLUMNS_MM[2]),
            fitted_cell(person.order_number, COLUMNS_MM[3]),
            SIGNATURE_BOX,
        ]
        for number, person in enumerate(sheet.participants, start=1)
    ]
    start = len(sheet.participants) + 1
    body += [[str(start + n), "", "", "", SIGNATURE_BOX] for n in range(sheet.blank_rows)]
    return signing_table(
        heads,
        body,
        COLUMNS_MM,
        [
            ("FONT", (0, 1), (3, -1), REGULAR, 8.5),
            ("FONT", (1, 1), (1, -1), BOLD, 8.5),
            ("VALIGN", (0, 0), (3, -1), "MIDDLE"),
            *signature_columns(4, 4),
        ],
    )


def group_story(sheet: GroupSheet) -> list[Flowable]:
    """The body: the session, the participants' table, the referent's signature."""
    story: list[Flowable] = [
        key_values(
            [
                ("Date", fr_long_date(sheet.day)),
                ("Heure", fr_time(sheet.start, "—")),
                ("Durée", fr_duration(sheet.minutes)),
                ("Animé par", sheet.referent),
                ("Lieu", sheet.place),
                ("Participants prévus", str(len(sheet.participants))),
            ]
        ),
        gap(4),
    ]
    if sheet.participants or sheet.blank_rows:
        story.append(_table(sheet))
    else:
        story.append(para("Aucun participant n'est inscrit à ce regroupement.", "Muted"))
    note = (
        "Chaque participant signe à son arrivée. Le regroupement complète les entretiens "
        "individuels hebdomadaires et ne les remplace pas."
    )
    story.append(certification([para(note, "Small")]))
    return story


def render_group_sheet(sheet: GroupSheet) -> bytes:
    """The PDF of one group session's sheet."""
    return render_pdf([DocumentPart(sheet.header, group_story(sheet))])
