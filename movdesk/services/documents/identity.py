"""Who a document speaks of: the office (header) and the case (band), from the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ...models import Case, InterviewKind, OfficeSettings
from ...reports.page import CaseIdentity, OfficeIdentity
from .settings import DocumentSettingsView, read_document_settings

#: Interview kinds as an attendance sheet writes them (short, to fit their column).
SHEET_KINDS = {
    InterviewKind.CONTRACTING: "Contractualisation",
    InterviewKind.INDIVIDUAL: "Individuel (face à face)",
    InterviewKind.GROUP: "Atelier collectif",
    InterviewKind.PHONE: "Téléphonique",
    InterviewKind.FOLLOW_UP: "Suivi dans l'emploi",
}


def office_identity(
    session: Session, settings: DocumentSettingsView | None = None
) -> OfficeIdentity:
    """The office as every header shows it: its settings and the printed contacts."""
    office = session.get(OfficeSettings, 1)
    printed = settings if settings is not None else read_document_settings(session)
    return OfficeIdentity(
        name=(office.name.strip() if office is not None else "") or "Bureau prestataire",
        address=office.address if office is not None else None,
        siret=office.siret if office is not None else None,
        market_number=office.market_number if office is not None else None,
        phone=printed.phone,
        email=printed.email,
        logo=printed.logo,
    )


def office_town(session: Session, settings: DocumentSettingsView) -> str:
    """The town of « Fait à … »: the setting, else the town in the office's address."""
    if settings.signature_place:
        return settings.signature_place
    office = session.get(OfficeSettings, 1)
    lines = [line.strip() for line in ((office.address if office else None) or "").splitlines()]
    for line in reversed([line for line in lines if line]):
        words = line.split()
        # « 59000 Lille » → Lille: a postcode comes first on the last line of a French address.
        if words and words[0].isdigit() and len(words) > 1:
            return " ".join(words[1:])
        return line
    return ""


def referent_on(case: Case, day: date) -> str:
    """Who followed the case on ``day`` (its history of referents), else its referent."""
    for assignment in sorted(case.referent_history, key=lambda a: a.start_date, reverse=True):
        if assignment.start_date <= day and (
            assignment.end_date is None or day <= assignment.end_date
        ):
            return assignment.referent.full_name
    return case.referent.full_name


def case_identity(case: Case) -> CaseIdentity:
    """The order, the beneficiary and the referent of ``case``."""
    person = case.beneficiary
    return CaseIdentity(
        order_number=case.order_number,
        last_name=person.last_name,
        first_name=person.first_name,
        pe_id=person.pe_id,
        referent=case.referent.full_name,
        civility=person.civility.value if person.civility is not None else None,
    )
