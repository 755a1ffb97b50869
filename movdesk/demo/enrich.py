"""What the exchange format does not carry, added to imported demo cases with the ORM.

Barriers (freins) with the partner in charge, job targets (pistes) with ROME codes,
the three steps of the action plan, the documents of each case (order letter,
contract, reports, placement proofs) and, for older cases, invoiced and paid tranches.
Every row is derived from the case dict and a random source seeded by the case's
order number, so the result does not depend on how cases are split into chunks.
Rows are written with bulk inserts: the demo loads tens of thousands of cases.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import Action, Barrier, CaseDocument, Exit, JobTarget, PaymentTranche
from ..models.enums import (
    ActionStatus,
    ActionStep,
    BarrierCategory,
    BarrierStatus,
    DocumentKind,
    PartnerKind,
    Tranche,
)
from ..rules.calendar import add_months
from .catalog import (
    BARRIER_PARTNER_KINDS,
    BARRIER_WORDING,
    JOB_SEARCH_ACTIONS,
    TRADES,
    TRAININGS,
    Job,
)
from .exits import PLACEMENTS

_ALL_JOBS: tuple[Job, ...] = tuple(job for trade in TRADES for job in trade.jobs)
_POSITIVE = {(p.reason, p.code) for p in PLACEMENTS if p.positive}
_BARRIER_WEIGHTS = {
    BarrierCategory.MOBILITY: 20, BarrierCategory.DIGITAL: 14, BarrierCategory.FAMILY: 14,
    BarrierCategory.HOUSING: 12, BarrierCategory.HEALTH: 10, BarrierCategory.DEBT: 8,
    BarrierCategory.LANGUAGE: 7, BarrierCategory.LEGAL: 5, BarrierCategory.DISABILITY: 5,
    BarrierCategory.OTHER: 5,
}


@dataclass(frozen=True)
class EnrichContext:
    """What every case of a demo load shares."""

    seed: int
    today: date
    price_cents: int
    partners: dict[PartnerKind, list[int]]


@dataclass
class _Rows:
    barriers: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    tranches: list[dict[str, Any]]
    exits: list[dict[str, Any]]


def _d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _positive_placement(case: dict[str, Any]) -> bool:
    """Whether the exit is a positive placement, as the demo builds them."""
    exit = case["exit"]
    if exit is None or exit["reason"] not in ("employment", "training", "business"):
        return False
    block = exit[exit["reason"]]
    if exit["reason"] == "business":
        return not block["auto_entrepreneur"]
    if exit["reason"] == "training":
        return block["afpr"] or (block["qualifying"] and block["hours_total"] >= 160)
    if block["contract"] == "subsidised":
        return True
    hours_ok = block["full_time"] or block["hours_per_month"] > 78
    end = _d(block["end"])
    long_enough = end is None or end >= add_months(_d(block["start"]), 3)
    return bool(hours_ok and long_enough)


class _CaseEnricher:
    """The extra rows of one signed case."""

    def __init__(self, ctx: EnrichContext, case: dict[str, Any], case_id: int) -> None:
        self.ctx = ctx
        self.case = case
        self.case_id = case_id
        self.rng = random.Random(f"{ctx.seed}:{case['order_number']}")
        self.today = ctx.today
        self.start = date.fromisoformat(case["start_date"])
        self.contracted = _d(case["contracting"]["date"])
        self.phase2 = _d(case["phase2_start"])
        exit = case["exit"]
        self.exit_date = _d(exit["date"]) if exit else None
        self.until = min(self.today, self.exit_date or self.today)

    def _partner(self, kinds: Iterable[PartnerKind]) -> int | None:
        ids = [i for kind in kinds for i in self.ctx.partners.get(kind, [])]
        return self.rng.choice(ids) if ids else None

    def _progress(self, due: date) -> tuple[ActionStatus, date | None]:
        if due <= self.until:
            return ActionStatus.DONE, due
        if self.exit_date is not None:
            return ActionStatus.CANCELLED, None
        return (ActionStatus.IN_PROGRESS if due - self.today < timedelta(21)
                else ActionStatus.PLANNED), None

    def barriers(self, rows: _Rows) -> None:
        rng = self.rng
        categories = list(_BARRIER_WEIGHTS)
        weights = list(_BARRIER_WEIGHTS.values())
        chosen = {rng.choices(categories, weights)[0] for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        for category in sorted(chosen):
            description, remedy = rng.choice(BARRIER_WORDING[category])
            identified = min(self.until, self.contracted + timedelta(days=rng.randint(0, 14)))
            lifted = identified + timedelta(days=rng.randint(30, 120))
            status = BarrierStatus.IDENTIFIED
            if lifted <= self.until:
                status = BarrierStatus.LIFTED
            elif (self.until - identified).days > 14:
                status = BarrierStatus.IN_PROGRESS
            partner = self._partner(BARRIER_PARTNER_KINDS[category])
            rows.barriers.append({
                "case_id": self.case_id, "category": category, "description": description,
                "status": status, "partner_id": partner, "identified_on": identified,
                "lifted_on": lifted if status is BarrierStatus.LIFTED else None,
            })
            if self.phase2 is not None:
                due = self.phase2 + timedelta(days=rng.randint(14, 60))
                status, done = self._progress(due)
                rows.actions.append({
                    "case_id": self.case_id, "step": ActionStep.SOCIAL, "description": remedy,
                    "due_date": due, "status": status, "done_on": done, "partner_id": partner,
                })

    def plan(self, rows: _Rows) -> None:
        """Job targets (from the company periods, plus one) and steps 2 and 3."""
        rng = self.rng
        jobs = {(p["job_title"], p["rome"]) for p in self.case["company_periods"]}
        if self.phase2 is not None or rng.random() < 0.5:
            job = rng.choice(_ALL_JOBS)
            jobs.add((job.title, job.rome))
        for title, rome in sorted(jobs):
            rows.targets.append({"case_id": self.case_id, "title": title, "rome": rome,
                                 "notes": None})
        if self.phase2 is None:
            return
        for title, _ in sorted(jobs):
            due = self.phase2 + timedelta(days=rng.randint(7, 45))
            status, done = self._progress(due)
            rows.actions.append({
                "case_id": self.case_id, "step": ActionStep.TARGETS,
                "description": f"Enquête métier et rencontre de professionnels : {title}",
                "due_date": due, "status": status, "done_on": done, "partner_id": None,
            })
        planned = JOB_SEARCH_ACTIONS[: rng.randint(3, len(JOB_SEARCH_ACTIONS))]
        for offset, text in enumerate(planned):
            due = self.phase2 + timedelta(days=7 * offset + rng.randint(3, 10))
            status, done = self._progress(due)
            rows.actions.append({
                "case_id": self.case_id, "step": ActionStep.JOB_SEARCH, "description": text,
                "due_date": due, "status": status, "done_on": done, "partner_id": None,
            })

    def _doc(self, rows: _Rows, kind: DocumentKind, **dates: date | None) -> None:
        kept = {k: (v if v is not None and v <= self.today else None) for k, v in dates.items()}
        rows.documents.append({"case_id": self.case_id, "kind": kind, "printed_on": None,
                               "signed_on": None, "sent_on": None, "received_on": None,
                               "notes": None, **kept})

    def documents(self, rows: _Rows) -> None:
        rng, case = self.rng, self.case
        c = self.contracted
        self._doc(rows, DocumentKind.CONTRACT, printed_on=c, signed_on=c,
                  sent_on=_d(case["contracting"]["contract_sent_date"]))
        for sent_key, report, sheet in (
            ("intermediate_sent", DocumentKind.INTERMEDIATE_REPORT,
             DocumentKind.INTERMEDIATE_ATTENDANCE),
            ("final_sent", DocumentKind.FINAL_REPORT, DocumentKind.FINAL_ATTENDANCE),
        ):
            sent = _d(case["reports"][sent_key])
            if sent is not None:
                signed = sent - timedelta(days=rng.randint(0, 2))
                self._doc(rows, report, printed_on=signed, signed_on=signed, sent_on=sent)
                self._doc(rows, sheet, printed_on=signed, signed_on=signed, sent_on=sent)
        if not _positive_placement(case):
            return
        j = self.exit_date
        reason = case["exit"]["reason"]
        proof = {"employment": DocumentKind.EMPLOYMENT_CONTRACT,
                 "training": DocumentKind.TRAINING_ENTRY_CERTIFICATE,
                 "business": DocumentKind.BUSINESS_CREATION_PROOF}[reason]
        if reason == "employment" and rng.random() < 0.3:
            self._doc(rows, DocumentKind.HIRING_PROMISE,
                      received_on=j - timedelta(days=rng.randint(3, 10)))
        else:
            self._doc(rows, proof, received_on=j + timedelta(days=rng.randint(0, 10)))
        retained = (case["follow_up"] or {}).get("retained_at_3_months")
        if retained:
            kind = (DocumentKind.BUSINESS_SURVIVAL_PROOF if reason == "business"
                    else DocumentKind.PAYSLIP_OR_PRESENCE)
            self._doc(rows, kind, received_on=add_months(j, 3) + timedelta(rng.randint(1, 14)))

    def _invoice(self, rows: _Rows, tranche: Tranche, ready: date, amount: int) -> bool:
        """Invoice a tranche at the end of the month it became ready, if that has passed."""
        invoiced = _month_end(ready)
        if invoiced > self.today or self.rng.random() < 0.15:
            return False
        paid = invoiced + timedelta(days=self.rng.randint(20, 50))
        rows.tranches.append({
            "case_id": self.case_id, "tranche": tranche,
            "invoice_number": f"FA-{invoiced:%Y-%m}", "invoice_date": invoiced,
            "paid_date": paid if paid <= self.today else None, "amount_cents": amount,
        })
        return True

    def tranches(self, rows: _Rows) -> None:
        case, price = self.case, self.ctx.price_cents
        t1 = round(price * 0.30)
        t12 = round(price * 0.90)
        sent = _d(case["reports"]["intermediate_sent"])
        t1_claimed = sent is not None and self._invoice(rows, Tranche.T1, sent, t1)
        exit = case["exit"]
        if _positive_placement(case):
            self._invoice(rows, Tranche.EARLY, self.exit_date, t12 - (t1 if t1_claimed else 0))
            if (case["follow_up"] or {}).get("retained_at_3_months"):
                self._invoice(rows, Tranche.T3, add_months(self.exit_date, 3), price - t12)
        elif exit is not None and exit["reason"] == "term":
            final = _d(case["reports"]["final_sent"])
            if final is not None:
                self._invoice(rows, Tranche.T2, final, t12 - t1)

    def exit_details(self, rows: _Rows) -> None:
        """Job title, training title or business name, and when retention was recorded."""
        exit = self.case["exit"]
        if exit is None or exit["reason"] not in ("employment", "training", "business"):
            return
        rng = self.rng
        values: dict[str, Any] = {}
        if exit["reason"] == "employment":
            values["employment_job_title"] = rng.choice(_ALL_JOBS).title
        elif exit["reason"] == "training":
            title, organisation = rng.choice(TRAININGS)
            values.update(training_title=title, training_organisation=organisation)
        else:
            values["business_name"] = rng.choice((
                "Multiservices du Nord", "Atelier Couture & Retouches", "Nettoyage Pro 59",
                "Food truck Le P'tit Ch'ti", "Jardins et Services", "Coiffure à domicile",
            ))
        retained = (self.case["follow_up"] or {}).get("retained_at_3_months")
        if retained is not None:
            recorded = add_months(self.exit_date, 3) + timedelta(days=rng.randint(0, 7))
            values["retention_recorded_on"] = min(recorded, self.today)
        rows.exits.append({"case_id": self.case_id, **values})


def enrich_cases(
    session: Session, ctx: EnrichContext, cases: list[dict[str, Any]], ids: dict[str, int]
) -> None:
    """Add the extra rows of ``cases`` (already imported; ``ids`` maps order numbers)."""
    rows = _Rows([], [], [], [], [], [])
    for case in cases:
        contracting = case["contracting"]
        if contracting is None or contracting["result"] != "signed":
            continue
        enricher = _CaseEnricher(ctx, case, ids[case["order_number"]])
        enricher.barriers(rows)
        enricher.plan(rows)
        enricher.documents(rows)
        enricher.tranches(rows)
        enricher.exit_details(rows)
    for model, batch in ((Barrier, rows.barriers), (JobTarget, rows.targets),
                         (Action, rows.actions), (CaseDocument, rows.documents),
                         (PaymentTranche, rows.tranches)):
        if batch:
            session.execute(insert(model), batch)
    if rows.exits:
        wanted = [r["case_id"] for r in rows.exits]
        exit_ids = {
            case_id: exit_id
            for case_id, exit_id in session.execute(
                select(Exit.case_id, Exit.id).where(Exit.case_id.in_(wanted))
            )
        }
        session.execute(update(Exit), [
            {"id": exit_ids[r["case_id"]], **{k: v for k, v in r.items() if k != "case_id"}}
            for r in rows.exits
        ])


def order_documents(
    session: Session, today: date, seed: int, cases: list[dict[str, Any]], ids: dict[str, int]
) -> None:
    """The order letter and the convocation of every case, signed or not."""
    rows = []
    for case in cases:
        rng = random.Random(f"{seed}:letter:{case['order_number']}")
        start = date.fromisoformat(case["start_date"])
        received = start - timedelta(days=rng.randint(3, 10))
        if received > today:
            continue
        base = {"case_id": ids[case["order_number"]], "sent_on": None, "notes": None}
        rows.append({**base, "kind": DocumentKind.ORDER_LETTER, "printed_on": None,
                     "signed_on": received + timedelta(days=1) if received < today else None,
                     "received_on": received})
        rows.append({**base, "kind": DocumentKind.CONVOCATION, "printed_on": received,
                     "signed_on": None, "received_on": None})
    if rows:
        session.execute(insert(CaseDocument), rows)
