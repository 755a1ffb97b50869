"""What an audit looks at (conformité), on hand-built cases: one test per obligation.

S = 05/01/2026 (a Monday), contract signed on 07/01/2026, E = S + 179 = 03/07/2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from movdesk.models import CompanyPeriod, ExitReason
from movdesk.rules.compliance import (
    ComplianceKind,
    DispatchKind,
    compliance_events,
    owed_dispatches,
    rule_14_breaches,
)
from movdesk.rules.indicators import month_bounds
from tests.rules.test_timeline import interview, make_case, make_exit

D = date.fromisoformat
K = ComplianceKind


def events(case: object, month: str, today: str) -> dict[ComplianceKind, list[tuple[str, str]]]:
    first, last = month_bounds(month)
    found: dict[ComplianceKind, list[tuple[str, str]]] = {}
    for event in compliance_events(case, first, last, D(today)):
        found.setdefault(event.kind, []).append((event.day.isoformat(), event.detail))
    return found


def days(found: dict[ComplianceKind, list[tuple[str, str]]], kind: ComplianceKind) -> list[str]:
    return [day for day, _detail in found.get(kind, [])]


def test_weekly_interviews_due_held_and_missed() -> None:
    case = make_case(
        interviews=[
            interview("2026-02-03"),
            interview("2026-02-10", minutes=20),  # under 30 minutes: does not count
            interview("2026-02-17", kind="group"),  # a group session never replaces it
            interview("2026-02-25"),
            interview("2026-02-26"),  # a second one the same week counts once
        ],
        suspensions=[("2026-03-02", "2026-03-06")],  # Monday to Friday: not a due week
    )
    found = events(case, "2026-02", "2026-03-20")
    assert days(found, K.WEEK_DUE) == ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]
    assert days(found, K.WEEK_HELD) == ["2026-02-02", "2026-02-23"]
    assert days(found, K.WEEK_MISSED) == ["2026-02-09", "2026-02-16"]
    assert found[K.WEEK_MISSED][0][1] == "Semaine du 09/02/2026 au 15/02/2026"
    march = events(case, "2026-03", "2026-03-20")
    # 02/03 is suspended; 09/03 is over; 16/03 is still running on 20/03.
    assert days(march, K.WEEK_DUE) == ["2026-03-09"]


def test_weeks_belong_to_the_month_of_their_monday() -> None:
    case = make_case(interviews=[interview("2026-03-01", kind="phone")])
    # The week of Monday 23/02 ends on Sunday 01/03: it is February's.
    assert "2026-02-23" in days(events(case, "2026-02", "2026-03-20"), K.WEEK_DUE)
    assert "2026-02-23" not in days(events(case, "2026-03", "2026-03-20"), K.WEEK_DUE)


def february_on(case: object, today: str) -> list[tuple[date, date, date | None]]:
    """The breaches after the first interview of February (January is left without any)."""
    return [b for b in rule_14_breaches(case, D(today)) if b[0] >= D("2026-02-01")]


def test_a_gap_of_15_days_breaks_the_rule_on_the_15th_day() -> None:
    case = make_case(interviews=[interview("2026-02-02"), interview("2026-02-17")])
    assert february_on(case, "2026-02-18") == [(D("2026-02-02"), D("2026-02-17"),
                                                D("2026-02-17"))]  # fmt: skip
    found = events(case, "2026-02", "2026-02-18")
    assert found[K.RULE_14_DAYS] == [
        ("2026-02-17", "Aucun entretien du 02/02/2026 au 17/02/2026 (limite du 16/02/2026 "
                       "dépassée)")
    ]  # fmt: skip


def test_a_gap_of_14_days_is_allowed() -> None:
    case = make_case(interviews=[interview("2026-02-02"), interview("2026-02-16")])
    assert february_on(case, "2026-02-16") == []


def test_suspended_days_push_the_limit() -> None:
    case = make_case(
        interviews=[interview("2026-02-02"), interview("2026-02-20")],
        suspensions=[("2026-02-05", "2026-02-08")],
    )
    # 18 days apart, 4 of them suspended: an effective gap of 14, allowed.
    assert february_on(case, "2026-03-01") == []


def test_an_open_gap_breaks_once_the_limit_has_passed() -> None:
    case = make_case(interviews=[interview("2026-02-20", kind="phone")])
    assert february_on(case, "2026-03-06") == []
    assert february_on(case, "2026-03-07") == [(D("2026-02-20"), D("2026-03-07"), None)]
    found = events(case, "2026-03", "2026-03-20")
    assert found[K.RULE_14_DAYS][0][1].startswith("Aucun entretien depuis le 20/02/2026")


def test_the_contracting_interview_starts_the_clock_and_the_end_stops_it() -> None:
    # Signed on 07/01, nothing after: the limit is 21/01, broken on 22/01.
    case = make_case()
    assert rule_14_breaches(case, D("2026-02-01")) == [(D("2026-01-07"), D("2026-01-22"), None)]
    ended = make_case(exit=make_exit("2026-01-15", "abandon"))
    assert rule_14_breaches(ended, D("2026-02-01")) == []
    assert rule_14_breaches(make_case(result="refused", status="refused"), D("2026-02-01")) == []


def test_documents_sent_late_or_not_at_all() -> None:
    case = make_case(contract_sent_date=D("2026-01-12"))
    owed = {o.kind: o for o in owed_dispatches(case, D("2026-03-20"))}
    assert owed[DispatchKind.CONTRACT].due == D("2026-01-09")
    assert owed[DispatchKind.INTERMEDIATE_REPORT].due == D("2026-03-05")
    january = events(case, "2026-01", "2026-03-20")
    assert days(january, K.DISPATCH_DUE) == ["2026-01-09"]
    assert january[K.DISPATCH_LATE] == [
        ("2026-01-09", "Copie du contrat d'accompagnement signé, dû le 09/01/2026 : envoyé le "
                       "12/01/2026 (3 jours de retard)")
    ]  # fmt: skip
    march = events(case, "2026-03", "2026-03-20")
    assert march[K.DISPATCH_MISSING] == [
        ("2026-03-05", "Bilan intermédiaire, dû le 05/03/2026 : non envoyé")
    ]
    # Due tomorrow: not a breach yet.
    assert events(case, "2026-03", "2026-03-05").get(K.DISPATCH_DUE) is None


def test_documents_sent_on_time_only_count_as_due() -> None:
    case = make_case(contract_sent_date=D("2026-01-09"), intermediate_sent_date=D("2026-03-02"))
    found = {**events(case, "2026-01", "2026-04-01"), **events(case, "2026-03", "2026-04-01")}
    assert days(found, K.DISPATCH_DUE) == ["2026-03-05"]
    assert K.DISPATCH_LATE not in found and K.DISPATCH_MISSING not in found


def test_refusal_and_interruption_notices() -> None:
    refused = make_case(result="refused", status="refused")
    assert days(events(refused, "2026-01", "2026-02-01"), K.DISPATCH_MISSING) == ["2026-01-09"]
    stopped = make_case(exit=make_exit("2026-02-10", "abandon"), intermediate_sent_date=None)
    found = events(stopped, "2026-02", "2026-03-01")
    details = [detail for _day, detail in found[K.DISPATCH_MISSING]]
    assert "Avis d'interruption du parcours, dû le 12/02/2026 : non envoyé" in details
    assert "Bilan final, dû le 17/02/2026 : non envoyé" in details
    # Ended before S + 2 months without it: the intermediate report is not owed.
    assert all(o.kind is not DispatchKind.INTERMEDIATE_REPORT
               for o in owed_dispatches(stopped, D("2026-03-20")))  # fmt: skip


@pytest.mark.parametrize(
    ("periods", "missing"),
    [
        ([], "S + 4 mois le 05/05/2026 : aucune période en entreprise de 7 jours ou plus"),
        ([("2026-04-27", "2026-05-06")], None),
        ([("2026-04-27", "2026-05-01")], "S + 4 mois le 05/05/2026 : aucune période en "
                                         "entreprise de 7 jours ou plus"),
        ([("2026-05-06", "2026-05-15")], "S + 4 mois le 05/05/2026 : première période de 7 "
                                         "jours ou plus le 06/05/2026"),
    ],
    ids=["none", "in time", "too short", "late"],
)
def test_company_period_at_s_plus_4_months(
    periods: list[tuple[str, str]], missing: str | None
) -> None:
    case = make_case(periods=periods)
    found = events(case, "2026-05", "2026-06-01")
    assert found.get(K.COMPANY_PERIOD_MISSING) == ([("2026-05-05", missing)] if missing else None)


def test_company_period_not_counted_for_a_case_over_or_not_yet_there() -> None:
    over = make_case(exit=make_exit("2026-04-10", "abandon"))
    assert K.COMPANY_PERIOD_MISSING not in events(over, "2026-05", "2026-06-01")
    assert K.COMPANY_PERIOD_MISSING not in events(make_case(), "2026-05", "2026-05-05")
    case = make_case()
    case.company_periods.append(CompanyPeriod(start_date=D("2026-03-02"), end_date=D("2026-03-13")))
    assert K.COMPANY_PERIOD_MISSING not in events(case, "2026-05", "2026-06-01")


def test_nothing_is_audited_before_the_contract() -> None:
    ordered = make_case(result=None, contracting=None)
    assert compliance_events(ordered, D("2026-01-01"), D("2026-12-31"), D("2026-12-31")) == []
    assert ExitReason.ABANDON.is_interruption
