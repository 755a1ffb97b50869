"""« Suivis à faire cette semaine »: the referents' call list, printed.

One part per referent (each referent's calls start a page of their own, to hand out),
on the shared page template (:mod:`.page`): the office, the title, the week and the
referent in the band, « Page x / y » at the bottom. The table gives, per call, the due
date (with « en retard » when it has passed), the person and the case, the phone
number, what to do, the job, and an empty column to write down how the call went.

A pure function of plain data (:class:`CallList`, built by
:mod:`movdesk.services.call_list`, in a :class:`CallListDocument`): no Qt, no session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from .blocks import gap, para, table
from .page import DocumentHeader, DocumentPart, OfficeIdentity, render_pdf
from .text import NBSP, fr_date

TITLE = "Suivis à faire cette semaine"
#: Column widths in mm (174 mm of body width).
WIDTHS = (23, 36, 27, 29, 32, 27)
HEADERS = ("Échéance", "Bénéficiaire", "Téléphone", "À faire", "Emploi ou formation",
           "Appel : date et notes")  # fmt: skip
_WHAT = {
    "follow_up_interview": "Entretien de suivi",
    "retention_check": "Maintien à 3 mois",
}
_STATUS = {"overdue": "en retard", "today": "aujourd'hui"}


@dataclass(frozen=True)
class CallLine:
    """One call to make: who, their number, what for, by when."""

    case_id: int
    order_number: str
    beneficiary: str
    phone: str | None
    kind: str
    #: What to do, in French (the deadline's label).
    label: str
    due: date
    #: ``overdue``, ``today``, ``soon`` (within the week) or ``later``.
    status: str
    #: The first day of the job, training or business (J).
    started: date
    #: The job, training or business, in words.
    placement: str


@dataclass(frozen=True)
class CallGroup:
    """The calls of one referent."""

    referent: str
    lines: tuple[CallLine, ...]


@dataclass(frozen=True)
class CallList:
    """The week's calls, by referent (by name)."""

    today: date
    week_start: date
    week_end: date
    groups: tuple[CallGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


@dataclass(frozen=True)
class CallListDocument:
    """The call list and who prints it."""

    office: OfficeIdentity
    calls: CallList
    #: The referent asked for, or None for every referent.
    referent: str | None = None


def _due(line: CallLine) -> str:
    words = _STATUS.get(line.status)
    return f"{fr_date(line.due)}\n{words}" if words else fr_date(line.due)


def _what(line: CallLine) -> str:
    """« 2e entretien de suivi » or « Maintien à 3 mois : toujours en poste ? »."""
    if line.kind == "follow_up_interview":
        ordinal = line.label.removeprefix("Tenir le ").split(" ", 1)[0]
        return f"{ordinal} entretien de suivi"
    return f"{_WHAT.get(line.kind, line.label)} : toujours en poste ?"


def _rows(group: CallGroup) -> list[list[str]]:
    return [
        [
            _due(line),
            f"{line.beneficiary}\n{line.order_number}",
            line.phone.replace(" ", NBSP) if line.phone else "pas de numéro",
            _what(line),
            f"{line.placement or '—'}\ndepuis le {fr_date(line.started)}",
            "",
        ]
        for line in group.lines
    ]


def _part(document: CallListDocument, group: CallGroup | None) -> DocumentPart:
    calls = document.calls
    week = f"Semaine du {fr_date(calls.week_start)} au {fr_date(calls.week_end)}"
    referent = group.referent if group is not None else document.referent
    count = len(group.lines) if group is not None else 0
    band = [f"Référent : {referent or 'tous les référents'}",
            f"{count} appel{'s' if count > 1 else ''} à passer"]  # fmt: skip
    header = DocumentHeader(
        title=TITLE,
        office=document.office,
        document_date=calls.today,
        subtitle=week,
        reference=f"{TITLE} · {referent or 'tous les référents'}",
        band_lines=tuple(band),
    )
    story: list[Flowable] = []
    if group is None or not group.lines:
        story.append(para("Aucun entretien de suivi ni maintien à 3 mois à faire cette "
                          "semaine.", "Muted"))  # fmt: skip
    else:
        story.append(table(HEADERS, _rows(group), WIDTHS))
        story += [
            gap(3),
            para(
                "Entretien de suivi : un dans la première semaine après l'embauche, puis "
                "un chaque mois pendant trois mois. Maintien à 3 mois : noter si la "
                "personne est toujours en poste (ou l'entreprise toujours en activité), "
                "puis l'enregistrer dans movdesk.",
                "Small",
            ),
        ]
    return DocumentPart(header, story)


def render_call_list(document: CallListDocument) -> bytes:
    """The PDF of the call list: one part per referent, or one saying there is nothing."""
    groups = document.calls.groups
    parts = [_part(document, group) for group in groups] or [_part(document, None)]
    return render_pdf(parts, title=f"{TITLE} — {fr_date(document.calls.week_start)}")


def file_name(calls: CallList, referent: str | None = None) -> str:
    """``suivis-semaine-2026-03-02.pdf`` (with the referent's name when there is one)."""
    who = f"-{'-'.join(referent.lower().split())}" if referent else ""
    return f"suivis-semaine-{calls.week_start.isoformat()}{who}.pdf"
