"""A placed beneficiary, as the placement and call-list tests need one."""

from __future__ import annotations

from datetime import date

from movdesk.models import Civility, ContractingResult, ContractType, ExitReason
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, register_order

#: A full-time CDI: a positive exit.
CDI = {"employment_contract": ContractType.CDI, "employment_full_time": True}


def placed(
    desk: Desk,
    referent: int,
    number: str,
    pe_id: str,
    j: date | None,
    *,
    phase2: date | None = None,
    **job: object,
) -> int:
    """A case from 6 October 2025 (contract signed on the 7th, phone number known) with a
    job exit on ``j`` (None: still running), in phase 2 from ``phase2`` if given."""
    case = register_order(
        desk,
        order_number=number,
        referent_id=referent,
        start_date=date(2025, 10, 6),
        end_date=date(2026, 4, 3),
        beneficiary=BeneficiaryInput(
            last_name=f"Nom{number[-1]}",
            first_name="Léa",
            pe_id=pe_id,
            civility=Civility.MME,
            phone="06 39 98 12 34",
        ),
    )
    ms.record_contracting(desk, case, on=date(2025, 10, 7), result=ContractingResult.SIGNED)
    if phase2 is not None:
        ms.start_phase2(desk, case, on=phase2)
    if j is not None:
        ms.record_exit(desk, case, ms.ExitInput(date=j, reason=ExitReason.EMPLOYMENT, **job))
    return case
