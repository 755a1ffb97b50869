"""Export of every case in the ``movdesk-cases`` format (EXCHANGE.md).

The document is sorted by order number; optional values are written as ``null``; the
exit carries only the detail block that matches its reason. Importing the output into
an empty database and exporting again gives the same document.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, CompanyPeriod, Exit
from ..models.enums import ExitReason
from ..rules.text import json_safe
from .schema import FORMAT, VERSION


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _t(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _n(value: float | None) -> float | int | None:
    """Whole numbers of hours are written without a decimal part (400, not 400.0)."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _exit(exit: Exit | None) -> dict[str, Any] | None:
    if exit is None:
        return None
    block: dict[str, Any] = {
        "date": _d(exit.date),
        "reason": exit.reason.value,
        "notice_sent_date": _d(exit.notice_sent_date),
    }
    if exit.reason is ExitReason.EMPLOYMENT:
        block["employment"] = {
            "contract": exit.employment_contract.value if exit.employment_contract else None,
            "start": _d(exit.employment_start),
            "end": _d(exit.employment_end),
            "full_time": exit.employment_full_time,
            "hours_per_month": _n(exit.employment_hours_per_month),
        }
    elif exit.reason is ExitReason.TRAINING:
        block["training"] = {
            "hours_total": _n(exit.training_hours_total),
            "hours_per_week": _n(exit.training_hours_per_week),
            "qualifying": exit.training_qualifying,
            "afpr": exit.training_afpr,
            "start": _d(exit.training_start),
            "end": _d(exit.training_end),
        }
    elif exit.reason is ExitReason.BUSINESS:
        block["business"] = {
            "auto_entrepreneur": exit.business_auto_entrepreneur,
            "start": _d(exit.business_start),
        }
    return block


def _period(period: CompanyPeriod) -> dict[str, Any]:
    return {
        "start": _d(period.start_date),
        "end": _d(period.end_date),
        "employer": period.employer.name if period.employer else None,
        "job_title": period.job_title,
        "rome": period.rome,
    }


def case_to_dict(case: Case) -> dict[str, Any]:
    """One case in the exchange format."""
    person = case.beneficiary
    return {
        "order_number": case.order_number,
        "referent": case.referent.full_name,
        "beneficiary": {
            "civility": person.civility.value if person.civility else None,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "birth_date": _d(person.birth_date),
            "pe_id": person.pe_id,
            "category": person.category,
            "phone": person.phone,
            "email": person.email,
            "address": person.address,
        },
        "agency": case.agency,
        "counsellor": case.counsellor,
        "start_date": _d(case.start_date),
        "end_date": _d(case.end_date),
        "contracting": {
            "date": _d(case.contracting_date),
            "result": case.contracting_result.value if case.contracting_result else None,
            "contract_sent_date": _d(case.contract_sent_date),
            "refusal_notice_date": _d(case.refusal_notice_date),
        },
        "phase2_start": _d(case.phase2_start),
        "interviews": [
            {
                "date": _d(i.date),
                "time": _t(i.time),
                "minutes": i.minutes,
                "kind": i.kind.value,
                "status": i.status.value,
                "notes": i.notes,
            }
            for i in case.interviews
        ],
        "suspensions": [
            {"kind": s.kind.value, "start": _d(s.start_date), "end": _d(s.end_date)}
            for s in case.suspensions
        ],
        "company_periods": [_period(p) for p in case.company_periods],
        "online_obligations": {
            "offers_subscription": _d(case.offers_subscription_date),
            "online_profile": _d(case.online_profile_date),
        },
        "renewal": {
            "envisaged": case.renewal_envisaged,
            "decision_date": _d(case.renewal_decision_date),
            "new_end_date": _d(case.renewal_new_end_date),
        },
        "reports": {
            "intermediate_sent": _d(case.intermediate_sent_date),
            "final_sent": _d(case.final_sent_date),
        },
        "exit": _exit(case.exit),
        "follow_up": {
            "retained_at_3_months": case.exit.retained_at_3_months if case.exit else None
        },
    }


def export_cases(session: Session) -> dict[str, Any]:
    """Every case of the database, sorted by order number."""
    query = (
        select(Case)
        .order_by(Case.order_number)
        .options(
            selectinload(Case.beneficiary),
            selectinload(Case.referent),
            selectinload(Case.interviews),
            selectinload(Case.suspensions),
            selectinload(Case.company_periods).selectinload(CompanyPeriod.employer),
            selectinload(Case.exit),
        )
    )
    cases = [case_to_dict(case) for case in session.scalars(query)]
    return {"format": FORMAT, "version": VERSION, "cases": cases}


def dumps(data: dict[str, Any]) -> str:
    """The document as UTF-8 text: indented by 2, accents kept, ending with a newline;
    invisible and control characters escaped (:func:`movdesk.rules.text.json_safe`)."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
