"""The three-month forecast of payments: when each tranche not yet due should fall due.

Price P = 1 850,00 €; S = 05/01/2026, E = 03/07/2026 (before S + 6 months = 05/07).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from movdesk.models.enums import ExitReason, Tranche
from movdesk.rules.forecast import ForecastTranche, forecast_end, forecast_tranches
from movdesk.rules.payments import case_tranches
from tests.rules.test_payments import E, P, S, cdi, make_exit, training
from tests.rules.test_payments import case as make_case

D = date.fromisoformat


def forecast(case: Any, today: str, until: str = "2026-12-31") -> list[tuple[Tranche, str, int]]:
    states = case_tranches(case, P, D(today))
    found = forecast_tranches(case, states, D(today), D(until))
    return [(f.tranche, f.expected.isoformat(), f.amount_cents) for f in found]


def test_the_forecast_ends_with_the_second_month_after_today() -> None:
    assert forecast_end(D("2026-11-29")) == D("2027-01-31")
    assert forecast_end(D("2026-01-31")) == D("2026-03-31")
    assert forecast_end(D("2026-12-01")) == D("2027-02-28")


def test_a_running_case_earns_t1_at_s_plus_2_months_then_t2_at_its_end() -> None:
    case = make_case()
    assert forecast(case, "2026-02-10") == [
        (Tranche.T1, "2026-03-05", 55_500),
        (Tranche.T2, E.isoformat(), 111_000),
    ]
    # Only what falls in the window.
    assert forecast(case, "2026-02-10", "2026-04-30") == [(Tranche.T1, "2026-03-05", 55_500)]


def test_a_late_intermediate_report_is_expected_today() -> None:
    assert forecast(make_case(), "2026-03-20")[0] == (Tranche.T1, "2026-03-20", 55_500)


def test_no_t1_for_a_case_ended_before_its_intermediate_report() -> None:
    stopped = make_case(exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20)))
    assert forecast(stopped, "2026-02-25") == []


def test_t3_counts_on_retention_unless_recorded_as_no() -> None:
    j = date(2026, 4, 15)
    case = make_case(intermediate_sent_date=date(2026, 3, 5), exit=cdi(when=j))
    assert (Tranche.T3, "2026-07-15", 18_500) in forecast(case, "2026-06-01")
    lost = make_case(exit=cdi(when=j, retained_at_3_months=False))
    assert all(t is not Tranche.T3 for t, _d, _a in forecast(lost, "2026-06-01"))
    unknown = make_case(exit=cdi(when=j))
    assert (Tranche.T3, "2026-08-01", 18_500) in forecast(unknown, "2026-08-01")
    # Training never earns T3.
    assert forecast(make_case(exit=training(when=j)), "2026-06-01") == []


def test_an_exit_dated_after_today_brings_the_merged_tranche() -> None:
    later = S + timedelta(days=100)
    case = make_case(exit=cdi(when=later))
    assert forecast(case, "2026-03-01")[0] == (Tranche.EARLY, later.isoformat(), 166_500)


def test_tranches_already_due_are_not_forecast() -> None:
    case = make_case(intermediate_sent_date=date(2026, 3, 5))
    states = case_tranches(case, P, D("2026-03-10"))
    found = forecast_tranches(case, states, D("2026-03-10"), D("2026-12-31"))
    assert [f.tranche for f in found] == [Tranche.T2]
    assert isinstance(found[0], ForecastTranche) and found[0].month == "2026-07"


def test_a_case_never_signed_forecasts_nothing() -> None:
    assert forecast(make_case(contracting_result=None), "2026-02-10") == []
