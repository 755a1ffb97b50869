"""Read one case file (dossier) for its window: the case with everything, in one session.

:func:`load_case_file` loads the case and all its rows, asks the rules what they mean
as of today (timeline, weekly interviews, deadlines, exit verdict, payments) and
returns a :class:`~.case_file_view.CaseFileView` of plain frozen dataclasses.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..models import (
    Action,
    AuditAction,
    AuditEntry,
    Barrier,
    Case,
    CaseDocument,
    CompanyPeriod,
    ContractingResult,
    ContractType,
    DocumentKind,
    Exit,
    ExitReason,
    OfficeSettings,
    ReferentAssignment,
    Suspension,
)
from ..models.enums import (
    ActionStatus,
    ActionStep,
    BarrierCategory,
    BarrierStatus,
    CaseStatus,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
    TargetDecision,
)
from ..rules.calendar import add_months
from ..rules.case_strip import case_strip
from ..rules.compliance import owed_dispatches
from ..rules.deadlines import MIN_COMPANY_PERIOD_DAYS, case_deadlines, is_open_referral
from ..rules.outcomes import classify_exit, earns_retention_check, french_number
from ..rules.payments import case_tranches
from ..rules.timeline import (
    CLOCK_KINDS,
    WEEKLY_MIN_MINUTES,
    case_timeline,
    current_end,
    effective_gap,
    follow_up_windows,
    is_signed,
    last_clock_interview,
    weekly_compliance,
)
from .case_file_view import (
    SICKNESS_LIMIT_DAYS,
    ActionRow,
    BarrierRow,
    CaseFileView,
    Clock,
    CompanyPeriodRow,
    DeadlineLine,
    DispatchRow,
    DocumentRow,
    ExitBlock,
    FollowUpRow,
    Header,
    HistoryRow,
    InterviewRow,
    JobTargetRow,
    OrderBlock,
    PlanBlock,
    SuspensionRow,
    TrancheRow,
    WeekRow,
)
from .context import CASE_LOAD, fetch
from .milestones import Dispatch

#: How many deadlines the header strip lists.
HEADER_DEADLINES = 3

#: Everything the case file shows beyond what the rules read.
CASE_FILE_LOAD = (
    *CASE_LOAD,
    selectinload(Case.barriers).selectinload(Barrier.partner),
    selectinload(Case.actions).selectinload(Action.partner),
    selectinload(Case.job_targets),
    selectinload(Case.documents),
    selectinload(Case.tranches),
    selectinload(Case.referent_history).selectinload(ReferentAssignment.referent),
    selectinload(Case.status_history),
    selectinload(Case.company_periods).selectinload(CompanyPeriod.employer),
    selectinload(Case.exit).selectinload(Exit.employment_employer),
)

#: What each document owed to France Travail is called in the Documents section.
DISPATCH_NAMES = {
    Dispatch.CONTRACT: "Copie du contrat d'accompagnement signé",
    Dispatch.REFUSAL_NOTICE: "Avis de non-signature du contrat",
    Dispatch.INTERMEDIATE_REPORT: "Bilan intermédiaire",
    Dispatch.FINAL_REPORT: "Bilan final",
    Dispatch.INTERRUPTION_NOTICE: "Avis d'interruption du parcours",
}

SENT = "envoyé"
TO_DO = "à faire"
LATE = "en retard"


def load_case_file(
    session_factory: sessionmaker[Session], case_id: int, today: date
) -> CaseFileView:
    """The case file of ``case_id`` as of ``today``; :class:`NotFound` if there is none."""
    with session_factory() as session:
        case = fetch(session, Case, case_id, options=CASE_FILE_LOAD)
        office = session.get(OfficeSettings, 1)
        price = office.price_per_case_cents if office is not None else 0
        alsace = office.alsace_moselle if office is not None else False
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)
        ).all()
        suspensions = tuple(_suspension(s) for s in case.suspensions)
        return CaseFileView(
            case_id=case.id,
            today=today,
            header=_header(case, today, alsace),
            order=_order(case),
            interviews=_interviews(case, today),
            weeks=tuple(
                WeekRow(w.monday, w.sunday, w.done, w.missed)
                for w in weekly_compliance(case, today)
            ),
            clock=_clock(case, today),
            barriers=tuple(_barrier(b) for b in case.barriers),
            plan=_plan(case),
            company_periods=tuple(_company_period(p) for p in case.company_periods),
            suspensions=suspensions,
            leave_days_used=sum(
                s.days for s in suspensions if s.kind == SuspensionKind.LEAVE.label
            ),
            exit=_exit(case, today) if case.exit is not None else None,
            dispatches=_dispatches(case, today),
            documents=tuple(_document(d) for d in case.documents),
            tranches=_tranches(case, price, today),
            price_cents=price,
            history=_history(entries),
            strip=case_strip(case, today),
        )


# --- Header and order ---------------------------------------------------------------------


def _header(case: Case, today: date, alsace_moselle: bool) -> Header:
    timeline = case_timeline(case, today)
    day = timeline.day_number
    if day is not None and timeline.end_date is not None:
        day = min(day, (timeline.end_date - case.start_date).days + 1)
    deadlines = sorted(
        case_deadlines(case, today, alsace_moselle=alsace_moselle), key=lambda d: d.due
    )
    return Header(
        order_number=case.order_number,
        beneficiary=case.beneficiary.display_name,
        pe_id=case.beneficiary.pe_id,
        referent=case.referent.full_name,
        status=timeline.status,
        status_label=timeline.status.label,
        phase=timeline.phase,
        day_number=day,
        total_days=(current_end(case) - case.start_date).days + 1,
        ended_on=timeline.end_date,
        interview_limit=timeline.next_interview,
        days_left=timeline.days_left,
        next_deadlines=tuple(
            DeadlineLine(d.kind, d.label, d.due, d.practical_due, d.status)
            for d in deadlines[:HEADER_DEADLINES]
        ),
    )


def _renewal_text(case: Case) -> str:
    if case.renewal_decision_date is not None:
        return "Accordé" if case.renewal_new_end_date is not None else "Refusé par France Travail"
    return "Envisagé, décision attendue" if case.renewal_envisaged else "Non envisagé"


def _order(case: Case) -> OrderBlock:
    person = case.beneficiary
    result = case.contracting_result
    return OrderBlock(
        civility=person.civility.label if person.civility is not None else "",
        last_name=person.last_name,
        first_name=person.first_name,
        birth_date=person.birth_date,
        category=person.category,
        phone=person.phone,
        email=person.email,
        address=person.address,
        agency=case.agency,
        counsellor=case.counsellor,
        start_date=case.start_date,
        end_date=case.end_date,
        renewed_end_date=case.renewal_new_end_date,
        renewal=_renewal_text(case),
        contracting_date=case.contracting_date,
        contracting_result=ContractingResult(result).label if result is not None else None,
        referents=tuple(
            (a.referent.full_name, a.start_date, a.end_date) for a in case.referent_history
        ),
        statuses=tuple(
            (s.effective_date, CaseStatus(s.to_status).label) for s in case.status_history
        ),
    )


# --- Interviews and the clocks ------------------------------------------------------------


def _interviews(case: Case, today: date) -> tuple[InterviewRow, ...]:
    """Chronological, each with its weekly flag and its gap on the 14-day clock."""
    previous = case.contracting_date if is_signed(case) else None
    rows = []
    for i in case.interviews:
        attended = i.status == InterviewStatus.ATTENDED
        gap = None
        if attended and i.kind in CLOCK_KINDS and i.date <= today:
            if previous is not None and i.date >= previous:
                gap = effective_gap(previous, i.date, case)
            previous = i.date
        rows.append(
            InterviewRow(
                id=i.id,
                date=i.date,
                time=i.time,
                minutes=i.minutes,
                kind=InterviewKind(i.kind).label,
                status=InterviewStatus(i.status).label,
                attended=attended,
                counts_for_week=attended
                and i.kind == InterviewKind.INDIVIDUAL
                and i.minutes >= WEEKLY_MIN_MINUTES,
                gap_days=gap,
                notes=i.notes,
            )
        )
    return tuple(rows)


def _clock(case: Case, today: date) -> Clock:
    timeline = case_timeline(case, today)
    return Clock(
        last_interview=last_clock_interview(case, today),
        limit=timeline.next_interview,
        days_left=timeline.days_left,
    )


# --- Diagnostic, plan, periods ------------------------------------------------------------


def _barrier(b: Barrier) -> BarrierRow:
    status = BarrierStatus(b.status)
    return BarrierRow(
        id=b.id,
        category=BarrierCategory(b.category).label,
        description=b.description,
        status=status.label,
        lifted=status is BarrierStatus.LIFTED,
        partner=b.partner.name if b.partner is not None else None,
        partner_id=b.partner_id,
        identified_on=b.identified_on,
        lifted_on=b.lifted_on,
        referred_on=b.referred_on,
        follow_up_on=b.follow_up_on,
        referral_closed_on=b.referral_closed_on,
        referral_open=is_open_referral(b),
    )


def _plan(case: Case) -> PlanBlock:
    steps = list(ActionStep)
    actions = sorted(case.actions, key=lambda a: (steps.index(ActionStep(a.step)), a.id))
    return PlanBlock(
        phase2_start=case.phase2_start,
        offers_subscription=case.offers_subscription_date,
        online_profile=case.online_profile_date,
        actions=tuple(
            ActionRow(
                id=a.id,
                step=ActionStep(a.step).label,
                description=a.description,
                due_date=a.due_date,
                status=ActionStatus(a.status).label,
                done=a.status == ActionStatus.DONE,
                done_on=a.done_on,
                partner=a.partner.name if a.partner is not None else None,
            )
            for a in actions
        ),
        job_targets=tuple(JobTargetRow(t.id, t.title, t.rome) for t in case.job_targets),
    )


def _company_period(p: CompanyPeriod) -> CompanyPeriodRow:
    return CompanyPeriodRow(
        id=p.id,
        employer=p.employer.name if p.employer is not None else None,
        start=p.start_date,
        end=p.end_date,
        days=p.days,
        enough=p.days >= MIN_COMPANY_PERIOD_DAYS,
        job_title=p.job_title,
        rome=p.rome,
        evaluation=p.evaluation,
        tutor=" — ".join(t for t in (p.tutor_name, p.tutor_phone) if t) or None,
        decision=TargetDecision(p.target_decision).label if p.target_decision else None,
    )


def _suspension(s: Suspension) -> SuspensionRow:
    kind = SuspensionKind(s.kind)
    days = s.days
    return SuspensionRow(
        id=s.id,
        kind=kind.label,
        start=s.start_date,
        end=s.end_date,
        days=days,
        too_long=kind is SuspensionKind.SICKNESS and days > SICKNESS_LIMIT_DAYS,
        notes=s.notes,
    )


# --- Exit and follow-up -------------------------------------------------------------------


def exit_details(exit: Exit) -> tuple[str, ...]:
    """The placement facts that decided the verdict, one short French line each."""
    reason = ExitReason(exit.reason)
    lines: list[str | None] = []
    if reason is ExitReason.EMPLOYMENT:
        contract = exit.employment_contract
        lines += [
            f"Contrat : {ContractType(contract).label}" if contract else None,
            f"Poste : {exit.employment_job_title}" if exit.employment_job_title else None,
            f"Employeur : {exit.employment_employer.name}" if exit.employment_employer else None,
            "Temps plein" if exit.employment_full_time else None,
            f"{french_number(exit.employment_hours_per_month)} h par mois"
            if exit.employment_hours_per_month and not exit.employment_full_time
            else None,
        ]
    elif reason is ExitReason.TRAINING:
        lines += [
            f"Formation : {exit.training_title}" if exit.training_title else None,
            f"Organisme : {exit.training_organisation}" if exit.training_organisation else None,
            f"{french_number(exit.training_hours_total)} h au total"
            if exit.training_hours_total
            else None,
            "Action de formation préalable au recrutement (AFPR)" if exit.training_afpr else None,
        ]
    elif reason is ExitReason.BUSINESS:
        lines += [
            f"Entreprise : {exit.business_name}" if exit.business_name else None,
            "Statut d'auto-entrepreneur" if exit.business_auto_entrepreneur else None,
        ]
    return tuple(line for line in lines if line)


def _window_state(start: date, due: date, done: bool, today: date) -> str:
    if done:
        return "fait"
    if due < today:
        return "manqué"
    return "en cours" if start <= today else "à venir"


def _exit(case: Case, today: date) -> ExitBlock:
    exit = case.exit
    assert exit is not None
    verdict = classify_exit(exit)
    checked = earns_retention_check(exit)
    return ExitBlock(
        date=exit.date,
        reason=ExitReason(exit.reason).label,
        positive=verdict.positive,
        verdict=verdict.reason,
        details=exit_details(exit),
        follow_up=tuple(
            FollowUpRow(w.number, w.start, w.due, _window_state(w.start, w.due, w.done, today))
            for w in follow_up_windows(case)
        ),
        retention_due=add_months(exit.date, 3) if checked else None,
        retained=exit.retained_at_3_months,
        retention_recorded_on=exit.retention_recorded_on,
        complete=verdict.complete,
    )


# --- Documents, payments, history ---------------------------------------------------------


def _dispatch(what: Dispatch, due: date | None, sent: date | None, today: date) -> DispatchRow:
    state = SENT if sent is not None else LATE if due is not None and due < today else TO_DO
    return DispatchRow(what, DISPATCH_NAMES[what], due, sent, state)


def _dispatches(case: Case, today: date) -> tuple[DispatchRow, ...]:
    """The documents owed to France Travail at this point of the case."""
    return tuple(
        _dispatch(Dispatch[owed.kind.name], owed.due, owed.sent, today)
        for owed in owed_dispatches(case, today)
    )


def _document(d: CaseDocument) -> DocumentRow:
    return DocumentRow(
        id=d.id,
        kind=DocumentKind(d.kind).label,
        printed_on=d.printed_on,
        signed_on=d.signed_on,
        sent_on=d.sent_on,
        received_on=d.received_on,
        notes=d.notes,
        kind_code=DocumentKind(d.kind).value,
        period_start=d.period_start,
        period_end=d.period_end,
        generated_by=d.generated_by,
        sha256=d.sha256,
        pages=d.pages,
        attachment_name=d.attachment_name if d.attachment_file else None,
        attached_on=d.attached_on,
    )


def _tranches(case: Case, price: int, today: date) -> tuple[TrancheRow, ...]:
    return tuple(
        TrancheRow(
            label=t.tranche.label,
            amount_cents=t.amount_cents,
            status=t.status.label,
            status_code=t.status.value,
            due_date=t.due_date,
            missing=tuple(t.missing_documents),
            explanation=t.explanation,
            invoice_number=t.invoice_number,
            invoice_date=t.invoice_date,
            paid_date=t.paid_date,
        )
        for t in case_tranches(case, price, today)
    )


def _history(entries: list[AuditEntry]) -> tuple[HistoryRow, ...]:
    """Newest first, one line per user action.

    An action writes one entry for the row it touches and one for the case, with the
    same summary in the same second: the first (the row's) speaks for both.
    """
    rows: list[HistoryRow] = []
    seen: set[tuple[object, str, str]] = set()
    for entry in entries:
        key = (entry.at, entry.user, entry.summary or "")
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            HistoryRow(
                at=entry.at,
                user=entry.user,
                action=AuditAction(entry.action).label,
                summary=entry.summary or "",
            )
        )
    rows.reverse()
    return tuple(rows)
