"""From a case read by :mod:`movdesk.exchange.schema` to plain records.

A record is a :class:`~types.SimpleNamespace` carrying the attribute names of the
entity it stands for (``Case``, ``Beneficiary``, ``Interview``…), so that the rules
(:func:`movdesk.rules.validation.validate_case`, :func:`status_from_facts`) read it like
an entity. Records instead of transient ORM objects because the importer must stay fast
on 50,000 cases: ORM instrumentation and the unit of work cost several times more than
the checks themselves. :func:`row` turns a record into the column values of its table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace as Record
from typing import Any

from ..models import DEFAULT_INTERVIEW_MINUTES, Base
from ..models.enums import ExitReason, InterviewStatus
from ..rules.validation.common import MAX_CASE_DAYS

#: The detail block that each placement reason allows in ``exit``.
EXIT_BLOCKS = {
    "employment": ExitReason.EMPLOYMENT,
    "training": ExitReason.TRAINING,
    "business": ExitReason.BUSINESS,
}


@dataclass
class BuiltCase:
    """A case ready to be checked, with the names the importer still has to resolve."""

    case: Record
    referent_name: str
    #: Employer name of each company period, in order (None when not given).
    employer_names: list[str | None] = field(default_factory=list)


def _block(data: dict[str, Any] | None, key: str) -> dict[str, Any]:
    return (data or {}).get(key) or {}


def build_case(data: dict[str, Any]) -> tuple[BuiltCase, list[tuple[str, str]]]:
    """Records for one well-formed case, and the errors of block/reason mismatch."""
    errors: list[tuple[str, str]] = []
    person = data["beneficiary"]
    contracting = _block(data, "contracting")
    renewal = _block(data, "renewal")
    reports = _block(data, "reports")
    online = _block(data, "online_obligations")
    start = data["start_date"]
    case = Record(
        order_number=data["order_number"],
        beneficiary=Record(**person),
        agency=data["agency"],
        counsellor=data["counsellor"],
        start_date=start,
        end_date=data["end_date"] or start + timedelta(days=MAX_CASE_DAYS - 1),
        contracting_date=contracting.get("date"),
        contracting_result=contracting.get("result"),
        contract_sent_date=contracting.get("contract_sent_date"),
        refusal_notice_date=contracting.get("refusal_notice_date"),
        phase2_start=data["phase2_start"],
        offers_subscription_date=online.get("offers_subscription"),
        online_profile_date=online.get("online_profile"),
        renewal_envisaged=bool(renewal.get("envisaged")),
        renewal_decision_date=renewal.get("decision_date"),
        renewal_new_end_date=renewal.get("new_end_date"),
        intermediate_sent_date=reports.get("intermediate_sent"),
        final_sent_date=reports.get("final_sent"),
        exit=None,
    )
    case.interviews = [
        Record(
            date=item["date"],
            time=item["time"],
            minutes=DEFAULT_INTERVIEW_MINUTES if item["minutes"] is None else item["minutes"],
            kind=item["kind"],
            status=item["status"] or InterviewStatus.PLANNED,
            notes=item["notes"],
        )
        for item in data["interviews"] or []
    ]
    case.suspensions = [
        Record(kind=item["kind"], start_date=item["start"], end_date=item["end"])
        for item in data["suspensions"] or []
    ]
    periods = data["company_periods"] or []
    case.company_periods = [
        Record(
            start_date=item["start"],
            end_date=item["end"],
            job_title=item["job_title"],
            rome=item["rome"],
        )
        for item in periods
    ]
    follow_up = _block(data, "follow_up")
    if data["exit"] is not None:
        case.exit = _build_exit(data["exit"], follow_up, errors)
    elif follow_up.get("retained_at_3_months") is not None:
        errors.append(
            ("follow_up.retained_at_3_months", "le maintien à 3 mois suppose une sortie (exit).")
        )
    built = BuiltCase(case, data["referent"], [item["employer"] for item in periods])
    return built, errors


def _build_exit(
    data: dict[str, Any], follow_up: dict[str, Any], errors: list[tuple[str, str]]
) -> Record:
    reason: ExitReason = data["reason"]
    for key, block_reason in EXIT_BLOCKS.items():
        if data[key] is not None and block_reason is not reason:
            errors.append(
                (
                    f"exit.{key}",
                    f"seul le bloc qui correspond à exit.reason est permis : « {key} » "
                    f"demande exit.reason = {block_reason.value} (ici {reason.value}).",
                )
            )
    job = data["employment"] if reason is ExitReason.EMPLOYMENT and data["employment"] else {}
    course = data["training"] if reason is ExitReason.TRAINING and data["training"] else {}
    firm = data["business"] if reason is ExitReason.BUSINESS and data["business"] else {}
    return Record(
        date=data["date"],
        reason=reason,
        notice_sent_date=data["notice_sent_date"],
        employment_contract=job.get("contract"),
        employment_start=job.get("start"),
        employment_end=job.get("end"),
        employment_full_time=job.get("full_time"),
        employment_hours_per_month=job.get("hours_per_month"),
        training_hours_total=course.get("hours_total"),
        training_hours_per_week=course.get("hours_per_week"),
        training_qualifying=course.get("qualifying"),
        training_afpr=course.get("afpr"),
        training_start=course.get("start"),
        training_end=course.get("end"),
        business_auto_entrepreneur=firm.get("auto_entrepreneur"),
        business_start=firm.get("start"),
        retained_at_3_months=follow_up.get("retained_at_3_months"),
        retention_recorded_on=None,
    )


#: Columns the database fills itself (key, creation and change times).
_DATABASE_FILLED = frozenset({"id", "created_at", "updated_at"})
_COLUMNS: dict[type[Base], list[str]] = {}


def row(record: Record, entity: type[Base], **values: Any) -> dict[str, Any]:
    """The column values of ``entity`` taken from ``record``, then from ``values``.

    Every column is present (None when the record does not have it), so that a list of
    rows inserts in one batch.
    """
    keys = _COLUMNS.get(entity)
    if keys is None:
        keys = [a.key for a in entity.__mapper__.column_attrs if a.key not in _DATABASE_FILLED]
        _COLUMNS[entity] = keys
    attributes = vars(record)
    return {key: values[key] if key in values else attributes.get(key) for key in keys}
