"""The data model: every entity round-trips, and the database enforces its constraints."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from movdesk import models as m


def _case(order: str = "LC-2026-000001", pe_id: str = "1234567A") -> m.Case:
    return m.Case(
        order_number=order,
        beneficiary=m.Beneficiary(
            civility=m.Civility.MME,
            last_name="Durand",
            first_name="Sophie",
            birth_date=date(1985, 4, 12),
            pe_id=pe_id,
            category=1,
        ),
        referent=m.Referent(full_name=f"Claire Martin {order}"),
        agency="Agence Lille Centre",
        counsellor="M. Bernard",
        start_date=date(2026, 1, 5),
        end_date=date(2026, 7, 3),
    )


def test_full_case_round_trips(session: Session) -> None:
    case = _case()
    case.status = m.CaseStatus.FOLLOW_UP
    case.contracting_date = date(2026, 1, 7)
    case.contracting_result = m.ContractingResult.SIGNED
    case.phase2_start = date(2026, 2, 16)
    partner = m.Partner(name="CCAS de Lille", kind=m.PartnerKind.CCAS)
    employer = m.Employer(name="Boulangerie Petit", siret="12345678901234")
    target = m.JobTarget(title="Vendeur en boulangerie", rome="D1106")
    case.job_targets.append(target)
    case.interviews.append(
        m.Interview(
            date=date(2026, 1, 14),
            time=time(9, 30),
            minutes=45,
            kind=m.InterviewKind.INDIVIDUAL,
            status=m.InterviewStatus.ATTENDED,
            partner=partner,
        )
    )
    case.suspensions.append(
        m.Suspension(
            kind=m.SuspensionKind.SICKNESS, start_date=date(2026, 3, 2), end_date=date(2026, 3, 10)
        )
    )
    case.company_periods.append(
        m.CompanyPeriod(
            employer=employer,
            start_date=date(2026, 4, 6),
            end_date=date(2026, 4, 17),
            job_title="Vendeur",
            rome="D1106",
            job_target=target,
        )
    )
    case.barriers.append(
        m.Barrier(category=m.BarrierCategory.HOUSING, partner=partner, description="Hébergé")
    )
    case.actions.append(m.Action(step=m.ActionStep.SOCIAL, description="Dossier FSL"))
    case.exit = m.Exit(
        date=date(2026, 5, 4),
        reason=m.ExitReason.EMPLOYMENT,
        employment_contract=m.ContractType.CDI,
        employment_start=date(2026, 5, 4),
        employment_full_time=True,
        employment_hours_per_month=151.67,
        employment_employer=employer,
    )
    case.documents.append(m.CaseDocument(kind=m.DocumentKind.CONTRACT, signed_on=date(2026, 1, 7)))
    case.tranches.append(m.PaymentTranche(tranche=m.Tranche.T1, invoice_number="F-2026-001"))
    case.status_history.append(
        m.StatusChange(to_status=m.CaseStatus.ACTIVE, effective_date=date(2026, 1, 7))
    )
    case.referent_history.append(
        m.ReferentAssignment(referent=case.referent, start_date=date(2026, 1, 5))
    )
    session.add(case)
    session.add(
        m.AuditEntry(
            user="claire",
            action=m.AuditAction.CREATE,
            entity="case",
            case_id=None,
            changes={"status": [None, "active"]},
        )
    )
    session.commit()
    session.expunge_all()

    loaded = session.scalars(select(m.Case)).one()
    assert loaded.status is m.CaseStatus.FOLLOW_UP
    assert loaded.phase == 2
    assert loaded.beneficiary.display_name == "DURAND Sophie"
    assert loaded.interviews[0].time == time(9, 30)
    assert loaded.interviews[0].partner.name == "CCAS de Lille"
    assert loaded.suspensions[0].days == 9
    assert loaded.company_periods[0].days == 12
    assert loaded.company_periods[0].job_target.rome == "D1106"
    assert loaded.exit is not None and loaded.exit.employment_hours_per_month == 151.67
    assert loaded.exit.employment_employer.name == "Boulangerie Petit"
    assert loaded.tranches[0].tranche is m.Tranche.T1
    assert loaded.status_history[0].recorded_at is not None
    audit = session.scalars(select(m.AuditEntry)).one()
    assert audit.changes == {"status": [None, "active"]}
    # Enums are stored as their stable codes, which the exchange format also uses.
    raw = session.execute(text("SELECT status, contracting_result FROM mov_case")).one()
    assert tuple(raw) == ("follow_up", "signed")


def test_order_number_is_unique(session: Session) -> None:
    session.add(_case("LC-1", "1111111A"))
    session.commit()
    session.add(_case("LC-1", "2222222B"))
    with pytest.raises(IntegrityError):
        session.commit()


@pytest.mark.parametrize(
    ("sql", "constraint"),
    [
        ("UPDATE mov_case SET end_date = '2025-01-01'", "end_after_start"),
        ("UPDATE mov_case SET status = 'lost'", "case_status"),
        ("UPDATE beneficiary SET category = 4", "category_1_2_3"),
        ("UPDATE mov_case SET referent_id = 999", "FOREIGN KEY"),
        ("UPDATE mov_case SET renewal_new_end_date = '2027-01-01'", "renewal_needs_decision"),
    ],
)
def test_database_refuses_broken_rows(session: Session, sql: str, constraint: str) -> None:
    session.add(_case())
    session.commit()
    with pytest.raises(IntegrityError) as error:
        session.execute(text(sql))
    assert constraint in str(error.value)


def test_unknown_enum_value_refused_before_sql(session: Session) -> None:
    case = _case()
    case.status = "lost"  # type: ignore[assignment]
    session.add(case)
    with pytest.raises(StatementError):
        session.flush()


def test_office_settings_is_a_single_row(session: Session) -> None:
    session.add(m.OfficeSettings(name="Bureau", price_per_case_cents=185000))
    session.commit()
    session.add(m.OfficeSettings(id=2, name="Autre"))
    with pytest.raises(IntegrityError):
        session.commit()


def test_phase_and_current_end_date() -> None:
    case = _case()
    assert case.phase is None
    case.contracting_result = m.ContractingResult.SIGNED
    assert case.phase == 1
    case.phase2_start = date(2026, 2, 1)
    assert case.phase == 2
    assert case.current_end_date == date(2026, 7, 3)
    case.renewal_decision_date = date(2026, 6, 20)
    case.renewal_new_end_date = date(2027, 1, 3)
    assert case.current_end_date == date(2027, 1, 3)


@pytest.mark.parametrize(
    "enum_cls",
    [
        m.Civility,
        m.CaseStatus,
        m.ContractingResult,
        m.InterviewKind,
        m.InterviewStatus,
        m.BarrierCategory,
        m.BarrierStatus,
        m.PartnerKind,
        m.ActionStep,
        m.ActionStatus,
        m.SuspensionKind,
        m.ExitReason,
        m.ContractType,
        m.Tranche,
        m.DocumentKind,
        m.AuditAction,
    ],
)
def test_every_enum_member_has_a_french_label(enum_cls: type[m.enums.LabelledEnum]) -> None:
    for member in enum_cls:
        assert member.label and member.label != "", member


def test_interruption_reasons() -> None:
    assert {r for r in m.ExitReason if r.is_interruption} == set(m.INTERRUPTION_REASONS)
    assert {r for r in m.ExitReason if r.is_placement} == {
        m.ExitReason.EMPLOYMENT,
        m.ExitReason.TRAINING,
        m.ExitReason.BUSINESS,
    }
    assert not m.ExitReason.TERM.is_interruption
