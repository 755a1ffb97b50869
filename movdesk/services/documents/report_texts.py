"""The free texts of the reports (bilans): drafted from the case file, completed, saved.

Each report has its texts (:data:`TEXT_FIELDS`). Until the referent saves them in the
report editor, a report prints the draft that :func:`draft_texts` writes from the
case file: the plan's actions done or under way, the online obligations and the
company periods (actions taken); the job targets and the jobs tried in a company
(job leads); the barriers lifted or being treated and what the case tried
(achievements); the actions still to take with their date and the barriers still
open (next steps). Saved texts are kept as typed, audited, and stay until changed:
the editor can take a field's draft again from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import (
    Action,
    ActionStatus,
    AuditAction,
    Barrier,
    BarrierCategory,
    BarrierStatus,
    Case,
    CaseReport,
    CompanyPeriod,
    ReportKind,
)
from ...rules.text import text_problem
from ...rules.validation import Problem, fr_date
from .. import audit
from ..context import CASE_LOAD, Desk, fetch
from ..errors import ValidationFailed

#: The texts each report uses, in the order the editor shows them, with their titles.
TEXT_FIELDS: dict[ReportKind, tuple[tuple[str, str], ...]] = {
    ReportKind.INTERMEDIATE: (
        ("actions_taken", "Actions déjà engagées au regard de la recherche d'emploi"),
        ("job_leads", "Pistes d'emploi identifiées"),
        ("observations", "Observations"),
    ),
    ReportKind.FINAL: (
        ("achievements", "Acquis de la prestation"),
        ("next_steps", "Actions à mettre en place et leur calendrier"),
        ("observations", "Observations"),
    ),
}
#: Longest text accepted in one field.
MAX_TEXT = 20_000

#: What the drafts read of a case.
REPORT_LOAD = (
    *CASE_LOAD,
    selectinload(Case.barriers).selectinload(Barrier.partner),
    selectinload(Case.actions).selectinload(Action.partner),
    selectinload(Case.job_targets),
    selectinload(Case.company_periods).selectinload(CompanyPeriod.employer),
)


@dataclass(frozen=True)
class ReportTexts:
    """The texts of one report of one case, and whether they were saved."""

    case_id: int
    kind: ReportKind
    texts: dict[str, str]
    #: The texts come from the report editor (else: the drafts from the case file).
    saved: bool
    drafts: dict[str, str]

    def text(self, field: str) -> str:
        return self.texts.get(field, "")


def _item(text: str) -> str:
    return f"- {' '.join(text.split())}"


def _action_line(action: Action) -> str:
    status = ActionStatus(action.status)
    text = action.description
    if status is ActionStatus.DONE:
        text += f" — réalisée le {fr_date(action.done_on)}" if action.done_on else " — réalisée"
    else:
        text += " — en cours"
    if action.partner is not None:
        text += f", avec {action.partner.name}"
    return _item(text)


def _period_line(period: CompanyPeriod) -> str:
    where = period.employer.name if period.employer is not None else "une entreprise"
    job = f" ({period.job_title})" if period.job_title else ""
    return _item(
        f"Période en entreprise chez {where}{job} du {fr_date(period.start_date)} "
        f"au {fr_date(period.end_date)}"
    )


def _barrier_text(barrier: Barrier) -> str:
    text = BarrierCategory(barrier.category).label
    if barrier.description:
        text += f" : {barrier.description}"
    if barrier.partner is not None:
        text += f" (avec {barrier.partner.name})"
    return text


def _online_lines(case: Case, until: date) -> list[str]:
    lines = []
    if case.offers_subscription_date and case.offers_subscription_date <= until:
        lines.append(
            _item(f"Abonnement aux offres d'emploi le {fr_date(case.offers_subscription_date)}")
        )
    if case.online_profile_date and case.online_profile_date <= until:
        lines.append(_item(f"Profil déposé en ligne le {fr_date(case.online_profile_date)}"))
    return lines


def _started(case: Case, until: date) -> list[CompanyPeriod]:
    return [p for p in case.company_periods if p.start_date <= until]


def _intermediate_drafts(case: Case, until: date) -> dict[str, str]:
    taken = [
        _action_line(a)
        for a in sorted(case.actions, key=lambda a: (a.done_on or a.due_date or until, a.id))
        if ActionStatus(a.status) in (ActionStatus.DONE, ActionStatus.IN_PROGRESS)
    ]
    taken += _online_lines(case, until)
    taken += [_period_line(p) for p in _started(case, until)]
    leads = [
        _item(f"{t.title} (code ROME {t.rome})" if t.rome else t.title) for t in case.job_targets
    ]
    known = {t.title.casefold() for t in case.job_targets}
    for period in _started(case, until):
        if period.job_title and period.job_title.casefold() not in known:
            where = period.employer.name if period.employer is not None else "une entreprise"
            leads.append(_item(f"{period.job_title}, essayé en période en entreprise chez {where}"))
            known.add(period.job_title.casefold())
    return {"actions_taken": "\n".join(taken), "job_leads": "\n".join(leads), "observations": ""}


def _final_drafts(case: Case, until: date) -> dict[str, str]:
    achieved = []
    for barrier in case.barriers:
        status = BarrierStatus(barrier.status)
        if status is BarrierStatus.LIFTED:
            achieved.append(_item(f"Frein levé — {_barrier_text(barrier)}"))
        elif status is BarrierStatus.IN_PROGRESS:
            achieved.append(_item(f"Frein en cours de traitement — {_barrier_text(barrier)}"))
    achieved += [
        _action_line(a)
        for a in sorted(case.actions, key=lambda a: (a.done_on or until, a.id))
        if ActionStatus(a.status) is ActionStatus.DONE
    ]
    achieved += [_period_line(p) for p in _started(case, until)]
    achieved += [_item(f"Piste professionnelle travaillée : {t.title}") for t in case.job_targets]
    achieved += _online_lines(case, until)
    pending = []
    open_actions = [
        a
        for a in case.actions
        if ActionStatus(a.status) in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
    ]
    for action in sorted(open_actions, key=lambda a: (a.due_date or date.max, a.id)):
        when = f"d'ici le {fr_date(action.due_date)}" if action.due_date else "date à fixer"
        who = f", avec {action.partner.name}" if action.partner is not None else ""
        pending.append(_item(f"{action.description} — {when}{who}"))
    for barrier in case.barriers:
        if BarrierStatus(barrier.status) is not BarrierStatus.LIFTED:
            pending.append(_item(f"Poursuivre les démarches — {_barrier_text(barrier)}"))
    return {
        "achievements": "\n".join(achieved),
        "next_steps": "\n".join(pending),
        "observations": "",
    }


def draft_texts(case: Case, kind: ReportKind, until: date) -> dict[str, str]:
    """The texts of ``kind`` written from the case file as it stands on ``until``."""
    if ReportKind(kind) is ReportKind.INTERMEDIATE:
        return _intermediate_drafts(case, until)
    return _final_drafts(case, until)


def _stored(session: Session, case_id: int, kind: ReportKind) -> CaseReport | None:
    return session.scalar(
        select(CaseReport).where(CaseReport.case_id == case_id, CaseReport.kind == kind.value)
    )


def report_texts(session: Session, case: Case, kind: ReportKind, until: date) -> ReportTexts:
    """The texts a report of ``case`` prints: those saved, else the drafts."""
    drafts = draft_texts(case, kind, until)
    row = _stored(session, case.id, kind)
    if row is None:
        return ReportTexts(case.id, kind, dict(drafts), saved=False, drafts=drafts)
    texts = {field: getattr(row, field) or "" for field, _title in TEXT_FIELDS[kind]}
    return ReportTexts(case.id, kind, texts, saved=True, drafts=drafts)


def load_report_texts(desk: Desk, case_id: int, kind: ReportKind) -> ReportTexts:
    """The texts for the report editor, as of today."""

    def read(session: Session) -> ReportTexts:
        case = fetch(session, Case, case_id, options=REPORT_LOAD)
        return report_texts(session, case, kind, desk.today())

    return desk.read(read)


def save_report_texts(desk: Desk, case_id: int, kind: ReportKind, texts: dict[str, str]) -> None:
    """Save the texts typed in the report editor (an unknown field is a programming error)."""
    fields = dict(TEXT_FIELDS[kind])
    unknown = set(texts) - set(fields)
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    problems = [
        Problem(field, why)
        for field, text in texts.items()
        if (why := text_problem(text, max_length=MAX_TEXT, multiline=True)) is not None
    ]
    if problems:
        raise ValidationFailed(problems)
    with desk.action("Enregistrer le texte d'un bilan") as work:
        case = work.get(Case, case_id)
        row = _stored(work.session, case.id, kind)
        created = row is None
        if row is None:
            row = CaseReport(case_id=case.id, kind=kind)
            work.session.add(row)
            work.session.flush()
        before = audit.snapshot(row)
        for field in fields:
            if field in texts:
                setattr(row, field, texts[field].strip() or None)
        work.log(
            AuditAction.CREATE if created else AuditAction.UPDATE,
            row,
            case_id=case.id,
            summary=f"Textes du {ReportKind(kind).label.lower()} enregistrés",
            before=None if created else before,
        )
