"""The data of each case document, built from the database for its renderer.

One function per document, each given an open session and returning the frozen
dataclass its renderer takes (:mod:`movdesk.reports`): the contract, the intermediate
and final reports with their attendance sheets, the convocation letter. The sheets
themselves are built in :mod:`.sheets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...errors import UserError
from ...models import (
    BarrierCategory,
    BarrierStatus,
    Case,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    ReferentAssignment,
    ReportKind,
)
from ...reports.attendance import AttendanceSheet, period_text
from ...reports.case_tables import BarrierLine, CourseFacts
from ...reports.contract import ContractData
from ...reports.convocation import ConvocationData
from ...reports.final import ExitFacts, FinalReport
from ...reports.intermediate import IntermediateReport
from ...reports.page import DocumentHeader, OfficeIdentity
from ...reports.text import fr_date, fr_long_date
from ...rules.outcomes import classify_exit
from ...rules.text import LINE_MAX_LENGTH, text_problem
from ...rules.timeline import case_end_date, current_end, is_signed
from ...rules.validation import Problem
from ..case_file import exit_details
from ..context import fetch
from ..errors import ValidationFailed
from .identity import SHEET_KINDS, case_identity, office_identity, office_town
from .report_texts import REPORT_LOAD, report_texts
from .settings import DocumentSettingsView, read_document_settings
from .sheets import attendance_sheet, check_period

#: Everything a case document reads.
DOCUMENT_LOAD = (
    *REPORT_LOAD,
    selectinload(Case.referent_history).selectinload(ReferentAssignment.referent),
)

CONTRACT_TITLE = "Contrat d'accompagnement"
INTERMEDIATE_TITLE = "Bilan intermédiaire"
FINAL_TITLE = "Bilan final"
CONVOCATION_TITLE = "Convocation à un entretien"


@dataclass(frozen=True)
class Context:
    """What every builder shares: the office, the settings, today."""

    office: OfficeIdentity
    settings: DocumentSettingsView
    today: date
    town: str


def _header(title: str, case: Case, context: Context, **kwargs: object) -> DocumentHeader:
    return DocumentHeader(
        title=title,
        office=context.office,
        document_date=context.today,
        case=case_identity(case),
        **kwargs,  # type: ignore[arg-type]
    )


def _need_signed(case: Case, what: str) -> None:
    if not is_signed(case):
        raise UserError(
            f"Dossier {case.order_number} : {what} suppose un contrat signé ; l'entretien de "
            "contractualisation n'a pas abouti à une signature."
        )


# --- Contract ------------------------------------------------------------------------------


def contract(case: Case, context: Context, *, copies: int = 2) -> ContractData:
    """The contract of ``case``, dated on its contracting interview when recorded."""
    person = case.beneficiary
    beneficiary: list[tuple[str, str | None]] = [
        ("Nom", case_identity(case).beneficiary),
        ("Né(e) le", fr_date(person.birth_date) or None),
        ("Adresse", person.address),
        ("Identifiant FT", person.pe_id),
        ("Catégorie", str(person.category) if person.category else None),
        ("Téléphone", person.phone),
        ("Courriel", person.email),
    ]
    office = context.office
    referent = case.referent
    provider: list[tuple[str, str | None]] = [
        ("Organisme", office.name),
        ("Adresse", office.address),
        ("SIRET", office.siret),
        ("Marché n°", office.market_number),
        ("Référent", referent.full_name),
        ("Téléphone", referent.phone or office.phone),
        ("Courriel", referent.email or office.email),
    ]
    signed = case.contracting_date if is_signed(case) else None
    return ContractData(
        header=_header(CONTRACT_TITLE, case, context),
        beneficiary=tuple(beneficiary),
        provider=tuple(provider),
        start=case.start_date,
        end=current_end(case),
        agency=case.agency,
        counsellor=case.counsellor,
        beneficiary_commitments=context.settings.beneficiary_commitments,
        provider_commitments=context.settings.provider_commitments,
        place=context.town,
        signed_on=signed,
        copies=copies,
    )


# --- Reports -------------------------------------------------------------------------------


def _course(case: Case, until: date) -> CourseFacts:
    interviews = [i for i in case.interviews if case.start_date <= i.date <= until]
    held = [i for i in interviews if InterviewStatus(i.status) is InterviewStatus.ATTENDED]
    missed = [
        i
        for i in interviews
        if InterviewStatus(i.status) in (InterviewStatus.ABSENT, InterviewStatus.EXCUSED)
    ]
    if case.phase2_start is not None and case.phase2_start <= until:
        phase = f"Phase 2 — plan d'action (depuis le {fr_date(case.phase2_start)})"
    else:
        phase = "Phase 1 — identification et analyse des difficultés"
    return CourseFacts(
        start=case.start_date,
        planned_end=current_end(case),
        phase=phase,
        interviews_held=len(held),
        minutes_held=sum(i.minutes for i in held),
        missed=len(missed),
        offers_subscription=case.offers_subscription_date,
        online_profile=case.online_profile_date,
    )


def _barriers(case: Case) -> tuple[BarrierLine, ...]:
    return tuple(
        BarrierLine(
            category=BarrierCategory(b.category).label,
            description=b.description,
            status=BarrierStatus(b.status).label
            + (f" le {fr_date(b.lifted_on)}" if b.lifted_on else ""),
            partner=b.partner.name if b.partner is not None else None,
        )
        for b in case.barriers
    )


def _sheet_to(case: Case, end: date, context: Context, blank_rows: int) -> AttendanceSheet:
    """The attendance sheet that follows a report: from S to ``end``."""
    return attendance_sheet(
        case,
        case.start_date,
        end,
        office=context.office,
        today=context.today,
        blank_rows=blank_rows,
    )


def latest_report_date(case: Case) -> date:
    """The last day an intermediate report may be dated: the exit, else E (renewed)."""
    return case.exit.date if case.exit is not None else current_end(case)


def report_date_for(case: Case, today: date) -> date:
    """The date of an intermediate report printed ``today``: today, or the end of a case
    that has ended (a report owed late covers the case, not the days after it)."""
    return min(today, latest_report_date(case))


def intermediate(
    session: Session, case: Case, context: Context, *, report_date: date, blank_rows: int = 0
) -> IntermediateReport:
    """The intermediate report as of ``report_date``, with the sheet from S to that date;
    refused after the end of the case."""
    _need_signed(case, "le bilan intermédiaire")
    check_period(case.start_date, report_date, field="report_date")
    last = latest_report_date(case)
    if report_date > last:
        raise ValidationFailed(
            [
                Problem(
                    "report_date",
                    f"le bilan ne peut être daté du {fr_date(report_date)}, après la fin de la "
                    f"prestation ({fr_date(last)}) : datez-le au plus tard ce jour-là.",
                )
            ]
        )
    texts = report_texts(session, case, ReportKind.INTERMEDIATE, report_date)
    return IntermediateReport(
        header=_header(
            INTERMEDIATE_TITLE, case, context, subtitle=period_text(case.start_date, report_date)
        ),
        report_date=report_date,
        course=_course(case, report_date),
        barriers=_barriers(case),
        actions_taken=texts.text("actions_taken"),
        job_leads=texts.text("job_leads"),
        observations=texts.text("observations"),
        sheet=_sheet_to(case, report_date, context, blank_rows),
    )


def final_end(case: Case, today: date) -> tuple[date, bool]:
    """The end of the case for its final report, and whether it has ended (else today)."""
    end = case_end_date(case, today)
    return (end, True) if end is not None else (today, False)


def _exit_facts(case: Case) -> ExitFacts | None:
    exit = case.exit
    if exit is None:
        return None
    reason = ExitReason(exit.reason)
    verdict = classify_exit(exit)
    return ExitFacts(
        date=exit.date,
        reason=reason.label,
        positive=verdict.positive,
        verdict=verdict.reason,
        details=exit_details(exit),
        interrupted=reason.is_interruption,
    )


def final(
    session: Session,
    case: Case,
    context: Context,
    *,
    without_beneficiary_signature: bool | None = None,
    blank_rows: int = 0,
) -> FinalReport:
    """The final report, in two copies, with the sheet from S to the end of the case.

    ``without_beneficiary_signature`` defaults to True for an interrupted case (the
    seed allows it) and is refused for any other.
    """
    _need_signed(case, "le bilan final")
    end, ended = final_end(case, context.today)
    exit = _exit_facts(case)
    interrupted = exit is not None and exit.interrupted
    if without_beneficiary_signature is None:
        without_beneficiary_signature = interrupted
    if without_beneficiary_signature and not interrupted:
        raise UserError(
            f"Dossier {case.order_number} : seul le bilan d'une prestation interrompue peut "
            "être transmis sans la signature du bénéficiaire."
        )
    texts = report_texts(session, case, ReportKind.FINAL, end)
    return FinalReport(
        header=_header(FINAL_TITLE, case, context, subtitle=period_text(case.start_date, end)),
        end_date=end,
        ended=ended,
        course=_course(case, end),
        exit=exit,
        barriers=_barriers(case),
        achievements=texts.text("achievements"),
        next_steps=texts.text("next_steps"),
        observations=texts.text("observations"),
        sheet=_sheet_to(case, end, context, blank_rows),
        without_beneficiary_signature=without_beneficiary_signature,
    )


# --- Convocation ---------------------------------------------------------------------------


def planned_interview(case: Case, on: date | None, today: date) -> Interview:
    """The planned interview a convocation is for: the one on ``on``, else the next one
    from ``today`` on; a French error when there is none."""
    planned = sorted(
        (i for i in case.interviews if InterviewStatus(i.status) is InterviewStatus.PLANNED),
        key=lambda i: (i.date, i.time is None, i.time, i.id),
    )
    if on is not None:
        found = [i for i in planned if i.date == on]
        if not found:
            raise UserError(
                f"Dossier {case.order_number} : aucun entretien prévu le {fr_date(on)} ; "
                "planifiez-le d'abord (ou choisissez une autre date)."
            )
        return found[0]
    coming = [i for i in planned if i.date >= today]
    if not coming:
        raise UserError(
            f"Dossier {case.order_number} : aucun entretien n'est prévu à partir du "
            f"{fr_date(today)} ; planifiez le prochain entretien avant d'imprimer la convocation."
        )
    return coming[0]


def _salutation(case: Case) -> str:
    civility = case.beneficiary.civility
    if civility is None:
        return "Madame, Monsieur"
    return civility.label


def convocation(
    case: Case, context: Context, *, on: date | None = None, place: str | None = None
) -> tuple[ConvocationData, Interview]:
    """The letter for a planned interview of ``case`` (see :func:`planned_interview`);
    ``place`` replaces the usual place (the setting, else the office's address)."""
    if place:
        why = text_problem(place, max_length=LINE_MAX_LENGTH, label="le lieu")
        if why is not None:
            raise ValidationFailed([Problem("other_place", why)])
    interview = planned_interview(case, on, context.today)
    person = case.beneficiary
    identity = case_identity(case)
    addressee = (identity.beneficiary, *(person.address or "").splitlines())
    where = place or context.settings.interview_place or context.office.address or ""
    place_lines = (
        (context.office.name, *where.splitlines()) if not place else tuple(where.splitlines())
    )
    referent = case.referent
    town = context.town
    dated = (
        f"{town}, le {fr_long_date(context.today, weekday=False)}"
        if town
        else (f"Le {fr_long_date(context.today, weekday=False)}")
    )
    kind = SHEET_KINDS[InterviewKind(interview.kind)].lower()
    data = ConvocationData(
        header=_header(CONVOCATION_TITLE, case, context, layout="letter"),
        salutation=_salutation(case),
        addressee=tuple(line for line in addressee if line.strip()),
        place_and_date=dated,
        day=interview.date,
        start=interview.time,
        minutes=interview.minutes,
        kind=f"Entretien {kind}" if interview.kind != InterviewKind.GROUP else "Atelier collectif",
        place=tuple(line.strip() for line in place_lines if line.strip()),
        referent=referent.full_name,
        referent_phone=referent.phone or context.office.phone,
        referent_email=referent.email,
        items=context.settings.items,
    )
    return data, interview


def load_case(session: Session, case_id: int) -> Case:
    """The case with everything a document reads; French error when it is gone."""
    return fetch(session, Case, case_id, options=DOCUMENT_LOAD)


def find_case(session: Session, order_number: str) -> Case:
    """The case of ``order_number``, with everything a document reads."""
    case_id = session.scalar(select(Case.id).where(Case.order_number == order_number.strip()))
    if case_id is None:
        raise UserError(f"Aucun dossier ne porte le n° de commande « {order_number} ».")
    return load_case(session, case_id)


def make_context(session: Session, today: date) -> Context:
    """The office, the settings in force and the town of « Fait à … »."""
    settings = read_document_settings(session)
    return Context(
        office=office_identity(session, settings),
        settings=settings,
        today=today,
        town=office_town(session, settings),
    )
