"""The Conformité view through the services: counts per referent and for the office, the
events behind each count, who held the case on each date, and the CSV files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from movdesk.errors import UserError
from movdesk.models import ContractingResult, InterviewKind, InterviewStatus
from movdesk.reports.csv_export import EXCEL, MACHINE
from movdesk.rules.compliance import ComplianceKind
from movdesk.services import milestones as ms
from movdesk.services.compliance import (
    OFFICE,
    compliance_csv,
    export_compliance,
    read_compliance,
)
from movdesk.services.context import Desk
from movdesk.services.orders import add_referent, change_referent
from movdesk.services.rows import schedule_interview

K = ComplianceKind


def held(desk: Desk, case_id: int, *days: str, kind: InterviewKind = InterviewKind.INDIVIDUAL,
         minutes: int = 45) -> None:  # fmt: skip
    for day in days:
        schedule_interview(desk, case_id, on=date.fromisoformat(day), kind=kind,
                           minutes=minutes, status=InterviewStatus.ATTENDED,
                           accept_warnings=True)  # fmt: skip


@pytest.fixture
def february(desk: Desk, case_id: int) -> tuple[int, int]:
    """The case signed on 07/01, seen weekly to 23/01, then on 09/02 and 27/02 only; handed
    to a second referent on 16/02. Returns the two referents' ids (Claire, then Marc)."""
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    held(desk, case_id, "2026-01-13", "2026-01-20", "2026-01-26", "2026-02-09", "2026-02-27")
    ms.mark_sent(desk, case_id, ms.Dispatch.CONTRACT, on=date(2026, 1, 12))
    marc = add_referent(desk, "Marc Petit")
    change_referent(desk, case_id, marc, on=date(2026, 2, 16))
    return 1, marc


def test_counts_per_referent_follow_who_held_the_case(
    desk: Desk, case_id: int, february: tuple[int, int]
) -> None:
    claire, marc = february
    report = read_compliance(desk, "2026-02")
    rows = {row.referent: row for row in report.rows}
    assert list(rows) == ["Claire Martin", "Marc Petit", OFFICE]
    # Weeks of 02/02 and 09/02 were Claire's, 16/02 and 23/02 Marc's.
    for name in ("Claire Martin", "Marc Petit"):
        assert (rows[name].count(K.WEEK_DUE), rows[name].count(K.WEEK_HELD)) == (2, 1)
    assert rows[OFFICE].count(K.WEEK_MISSED) == 2
    assert rows[OFFICE].weekly_rate == 50.0
    # 26/01 → 09/02 is 14 days (allowed); 09/02 → 27/02 breaks on 24/02, Marc's.
    assert rows["Marc Petit"].count(K.RULE_14_DAYS) == 1
    assert rows["Claire Martin"].count(K.RULE_14_DAYS) == 0
    breach = report.events_of(marc, K.RULE_14_DAYS)[0]
    assert (breach.case_id, breach.order_number, breach.event.day) == (
        case_id, "LC-2026-000123", date(2026, 2, 24))
    assert report.events_of(None, K.WEEK_MISSED) == [
        e for e in report.events if e.event.kind is K.WEEK_MISSED
    ]
    assert all(row.count(K.COMPANY_PERIOD_MISSING) == 0 for row in report.rows)


def test_late_documents_and_the_office_line(
    desk: Desk, case_id: int, february: tuple[int, int]
) -> None:
    january = read_compliance(desk, "2026-01")
    office = january.rows[-1]
    assert (office.count(K.DISPATCH_DUE), office.count(K.DISPATCH_LATE)) == (1, 1)
    late = january.events_of(None, K.DISPATCH_LATE)[0]
    assert late.event.detail.endswith("envoyé le 12/01/2026 (3 jours de retard)")
    # Claire held the case then; the office line sums the referents'.
    for kind in K:
        assert office.count(kind) == sum(row.count(kind) for row in january.rows[:-1])


def test_a_month_without_cases_lists_the_referents_with_zeros(desk: Desk, referent_id: int) -> None:
    report = read_compliance(desk, "2025-06")
    assert [row.referent for row in report.rows] == ["Claire Martin", OFFICE]
    assert all(row.count(kind) == 0 for row in report.rows for kind in K)
    assert report.rows[0].weekly_rate is None
    with pytest.raises(UserError, match="(?i)n'est pas un mois valide"):
        read_compliance(desk, "2026-2")


def test_the_csv_files(desk: Desk, case_id: int, february: tuple[int, int], tmp_path: Path) -> None:
    report = read_compliance(desk, "2026-02")
    text = compliance_csv(report, EXCEL).decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == (
        "mois;referent;week_due;week_held;week_missed;rule_14_days;dispatch_due;dispatch_late;"
        "dispatch_missing;company_period_missing;taux_semaines_tenues"
    )
    assert lines[1] == "2026-02;Claire Martin;2;1;1;0;0;0;0;0;50,0"
    assert lines[3] == "2026-02;Tout le bureau;4;2;2;1;0;0;0;0;50,0"
    out = tmp_path / "detail.csv"
    export_compliance(desk, str(out), "2026-02", MACHINE, detail=True)
    detail = out.read_text(encoding="utf-8").splitlines()
    assert detail[0] == "mois,referent,numero_commande,indicateur,date,detail"
    breach = "2026-02,Marc Petit,LC-2026-000123,Ruptures des 14 jours,2026-02-24,"
    assert breach in "\n".join(detail)
    assert len(detail) == 1 + len(report.events)
