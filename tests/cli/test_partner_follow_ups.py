"""Partner follow-ups are the office's reminders: in the table and the CSV, not the JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy.orm import Session

from movdesk.cli import main
from movdesk.config import DatabaseLocation
from movdesk.models import Barrier, BarrierCategory, BarrierStatus, Beneficiary, Partner, Referent

from ..rules.test_timeline import make_case


@pytest.fixture
def referred(session: Session, db_location: DatabaseLocation) -> DatabaseLocation:
    case = make_case(order_number="LC-2026-000009", contract_sent_date=date(2026, 1, 8))
    case.referent = Referent(full_name="Claire Martin")
    case.beneficiary = Beneficiary(last_name="Durand", first_name="Léa", pe_id="1000009A")
    case.barriers.append(
        Barrier(
            category=BarrierCategory.MOBILITY,
            status=BarrierStatus.IN_PROGRESS,
            partner=Partner(name="Association Mobilité Solidaire"),
            referred_on=date(2026, 1, 12),
            follow_up_on=date(2026, 1, 26),
        )
    )
    session.add(case)
    session.commit()
    return db_location


def _run(capsys: pytest.CaptureFixture[str], location: DatabaseLocation, *args: str) -> str:
    code = main(["--db", str(location.path), "deadlines", "--today", "2026-01-27", *args])
    assert code == 0
    return capsys.readouterr().out


def test_the_table_and_the_csv_list_the_follow_up_the_json_does_not(
    capsys: pytest.CaptureFixture[str], referred: DatabaseLocation
) -> None:
    table = _run(capsys, referred)
    assert (
        "Relancer Association Mobilité Solidaire (frein « Mobilité », demande du 12/01/2026)"
        in table
    )
    assert "En retard" in table
    csv = _run(capsys, referred, "--format", "csv")
    assert "Relancer Association Mobilité Solidaire" in csv
    kinds = {item["kind"] for item in json.loads(_run(capsys, referred, "--format", "json"))}
    assert kinds and "partner_follow_up" not in kinds
