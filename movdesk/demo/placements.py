"""Placement details of the demo cases that the exchange format does not carry.

Company periods get a tutor, objectives and, once over, an evaluation (skills observed,
decision about the job target); barriers in the hands of a partner get the request
date, the follow-up date and, for many, the partner's answer; a job exit gets its
employer, often the company of the case's last period. Each row's values come
from a random source seeded by the row's own facts, so the result does not depend on
how cases are split into chunks. Rows are updated in bulk, by primary key.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import (
    Barrier,
    BarrierStatus,
    CompanyPeriod,
    Employer,
    Exit,
    ExitReason,
    RomeJob,
    RomeSource,
    TargetDecision,
)
from ..services.summary import fold
from .catalog import TRADES
from .identity import fictitious_phone

_TUTORS = (
    "Mme Lefebvre", "M. Dubois", "Mme Martin", "M. Lambert", "Mme Roussel", "M. Caron",
    "Mme Vasseur", "M. Leroy", "Mme Delattre", "M. Hennion", "Mme Mercier", "M. Duhamel",
)  # fmt: skip
_OBJECTIVES = (
    "Découvrir le métier « {job} » et ses conditions de travail.",
    "Vérifier l'intérêt et les capacités pour le métier « {job} ».",
    "Confirmer le projet professionnel « {job} » avant une candidature.",
    "Acquérir une première expérience récente : « {job} ».",
)
_SKILLS = (
    "Ponctualité et assiduité ; respect des consignes de sécurité ; bonne intégration "
    "dans l'équipe.",
    "Gestes professionnels acquis rapidement ; autonomie à renforcer sur les tâches nouvelles.",
    "Bon contact avec la clientèle ; organisation du poste à améliorer.",
    "Rythme soutenu tenu sur toute la période ; port de charges difficile.",
)
_APPRAISALS = {
    TargetDecision.CONFIRMED: "Période concluante : le tuteur propose de recevoir une candidature.",
    TargetDecision.CHANGED: "Le métier plaît mais les horaires posent problème : piste "
    "voisine à explorer.",
    TargetDecision.ABANDONED: "Le métier ne correspond pas aux attentes : autre piste à "
    "construire.",
}
_DECISIONS = (
    (TargetDecision.CONFIRMED,) * 6 + (TargetDecision.CHANGED,) * 3 + (TargetDecision.ABANDONED,)
)


def _period_values(row: Any, seed: int, today: date) -> dict[str, Any]:
    period_id, case_id, start, end, job = row
    rng = random.Random(f"{seed}:period:{case_id}:{start.isoformat()}")
    title = job or "emploi visé"
    values: dict[str, Any] = {
        "id": period_id,
        "tutor_name": rng.choice(_TUTORS),
        "tutor_phone": fictitious_phone(rng, mobile=False),
        "objectives": rng.choice(_OBJECTIVES).format(job=title),
        "skills_observed": None,
        "target_decision": None,
        "evaluation": None,
    }
    if end < today:
        decision = rng.choice(_DECISIONS)
        values.update(
            skills_observed=rng.choice(_SKILLS),
            target_decision=decision,
            evaluation=_APPRAISALS[decision],
        )
    return values


def _barrier_values(row: Any, seed: int, today: date) -> dict[str, Any] | None:
    barrier_id, case_id, category, status, identified, lifted = row
    if identified is None:
        return None
    rng = random.Random(f"{seed}:referral:{case_id}:{category}")
    if rng.random() < 0.3:
        return None  # followed by the partner without a formal request
    referred = identified + timedelta(days=rng.randint(0, 10))
    if referred > today or (lifted is not None and referred > lifted):
        return None
    follow_up = referred + timedelta(days=rng.choice((14, 14, 21, 28)))
    closed = None
    if status == BarrierStatus.LIFTED:
        closed = lifted
    elif rng.random() < 0.35:
        answered = referred + timedelta(days=rng.randint(7, 30))
        closed = answered if answered <= today else None
    return {"id": barrier_id, "referred_on": referred, "follow_up_on": follow_up,
            "referral_closed_on": closed}  # fmt: skip


def _hiring_employers(session: Session, seed: int, case_ids: list[int]) -> list[dict[str, Any]]:
    """The employer of each job exit: often the company of the case's last period."""
    employers = sorted(session.scalars(select(Employer.id)))
    if not employers:
        return []
    last_periods: dict[int, int] = {}
    for case_id, employer_id in session.execute(
        select(CompanyPeriod.case_id, CompanyPeriod.employer_id)
        .where(CompanyPeriod.case_id.in_(case_ids), CompanyPeriod.employer_id.is_not(None))
        .order_by(CompanyPeriod.start_date)
    ):
        last_periods[case_id] = employer_id
    found = []
    for exit_id, case_id in session.execute(
        select(Exit.id, Exit.case_id).where(
            Exit.case_id.in_(case_ids), Exit.reason == ExitReason.EMPLOYMENT
        )
    ):
        rng = random.Random(f"{seed}:hired:{case_id}")
        known = last_periods.get(case_id)
        chosen = known if known is not None and rng.random() < 0.6 else rng.choice(employers)
        found.append({"id": exit_id, "employment_employer_id": chosen})
    return found


def remember_demo_titles(session: Session) -> None:
    """The demo's job titles with their ROME codes, as titles typed at the office."""
    known = {(code, key) for code, key in session.execute(select(RomeJob.code, RomeJob.title_key))}
    rows = []
    for trade in TRADES:
        for job in trade.jobs:
            key = (job.rome, fold(job.title))
            if key not in known:
                known.add(key)
                rows.append({"code": job.rome, "title": job.title, "title_key": key[1],
                             "source": RomeSource.TYPED})  # fmt: skip
    if rows:
        session.execute(insert(RomeJob), rows)


def enrich_placements(session: Session, seed: int, today: date, case_ids: list[int]) -> None:
    """Tutors, objectives and evaluations of the periods, requests of the barriers, and
    the employer of each job exit."""
    if not case_ids:
        return
    remember_demo_titles(session)
    hires = _hiring_employers(session, seed, case_ids)
    if hires:
        session.execute(update(Exit), hires)
    periods = session.execute(
        select(CompanyPeriod.id, CompanyPeriod.case_id, CompanyPeriod.start_date,
               CompanyPeriod.end_date, CompanyPeriod.job_title)
        .where(CompanyPeriod.case_id.in_(case_ids))
    ).all()  # fmt: skip
    if periods:
        session.execute(update(CompanyPeriod), [_period_values(r, seed, today) for r in periods])
    barriers = session.execute(
        select(Barrier.id, Barrier.case_id, Barrier.category, Barrier.status,
               Barrier.identified_on, Barrier.lifted_on)
        .where(Barrier.case_id.in_(case_ids), Barrier.partner_id.is_not(None))
    ).all()  # fmt: skip
    referrals = [v for r in barriers if (v := _barrier_values(r, seed, today)) is not None]
    if referrals:
        session.execute(update(Barrier), referrals)
