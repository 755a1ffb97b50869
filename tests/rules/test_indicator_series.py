"""The figures behind the Indicateurs page: the cases one count counts, and the ``cumul``
row of many months at once, each held to :func:`monthly_indicators` itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from movdesk.models.enums import ContractingResult, ContractType, ExitReason
from movdesk.rules.indicators import (
    COUNT_COLUMNS,
    CUMUL,
    cumul_series,
    indicator_members,
    monthly_indicators,
)
from tests.rules.test_indicators import SCENARIOS, case
from tests.rules.test_payments import make_exit

ALL_SCENARIO_CASES = [the_case for _label, the_case, _expected in SCENARIOS]


def months(first: str, last: str) -> list[str]:
    out = [first]
    while out[-1] < last:
        year, month = map(int, out[-1].split("-"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        out.append(f"{year:04d}-{month:02d}")
    return out


def assert_series_matches(cases: list[Any], first: str, last: str) -> None:
    series = cumul_series(cases, first, last)
    assert [row.cohorte for row in series] == months(first, last)
    for row in series:
        expected = monthly_indicators(cases, row.cohorte)[-1]
        assert row.values()[1:] == expected.values()[1:], row.cohorte


@pytest.mark.parametrize(
    ("label", "the_case"), [(s[0], s[1]) for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_series_equals_the_cumul_row_of_every_month(label: str, the_case: Any) -> None:
    assert_series_matches([the_case], "2025-08", "2026-12")


def test_series_of_many_cases_and_an_empty_range() -> None:
    assert_series_matches(ALL_SCENARIO_CASES, "2025-06", "2027-02")
    assert cumul_series(ALL_SCENARIO_CASES, "2026-03", "2026-02") == []
    assert [r.entres for r in cumul_series([], "2026-01", "2026-02")] == [0, 0]


_REASONS = [r for r in ExitReason]
_RESULTS = [None, ContractingResult.SIGNED, ContractingResult.REFUSED, ContractingResult.NO_SHOW]


@st.composite
def random_case(draw: st.DrawFn) -> Any:
    start = date(2025, 9, 1) + timedelta(days=draw(st.integers(0, 400)))
    result = draw(st.sampled_from(_RESULTS))
    contracted = None
    if result is not None and draw(st.booleans()):
        contracted = start + timedelta(days=draw(st.integers(0, 40)))
    exit = None
    if draw(st.booleans()):
        reason = draw(st.sampled_from(_REASONS))
        when = start + timedelta(days=draw(st.integers(1, 260)))
        retained = draw(st.sampled_from([None, True, False]))
        fields: dict[str, Any] = {"retained_at_3_months": retained}
        if reason is ExitReason.EMPLOYMENT:
            fields.update(employment_contract=draw(st.sampled_from(list(ContractType))),
                          employment_full_time=draw(st.booleans()),
                          employment_end=when + timedelta(days=draw(st.integers(10, 200))))
        elif reason is ExitReason.TRAINING:
            fields.update(training_qualifying=True, training_hours_total=400,
                          training_hours_per_week=draw(st.sampled_from([10, 35])))
        elif reason is ExitReason.BUSINESS:
            fields.update(business_auto_entrepreneur=draw(st.booleans()))
        exit = make_exit(reason, when, **fields)
    renewal: dict[str, Any] = {}
    if draw(st.booleans()):
        renewal["renewal_new_end_date"] = start + timedelta(days=draw(st.integers(180, 360)))
        renewal["renewal_decision_date"] = draw(
            st.one_of(st.none(), st.just(start + timedelta(days=draw(st.integers(30, 300)))))
        )
    return case(start, result, contracted, exit, **renewal)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(random_case(), min_size=1, max_size=6))
def test_series_equals_monthly_indicators_on_random_cases(cases: list[Any]) -> None:
    assert_series_matches(cases, "2025-08", "2027-01")


def test_members_are_exactly_the_cases_counted() -> None:
    cases = ALL_SCENARIO_CASES
    for month in ("2026-01", "2026-03", "2026-06"):
        for row in monthly_indicators(cases, month):
            for column in COUNT_COLUMNS:
                found = indicator_members(cases, month, row.cohorte, column)
                assert len(found) == getattr(row, column), (month, row.cohorte, column)
                if row.cohorte != CUMUL:
                    assert all(f"{c.start_date:%Y-%m}" == row.cohorte for c in found)


def test_members_of_the_negative_exits() -> None:
    positive = case(exit=make_exit(ExitReason.EMPLOYMENT, date(2026, 2, 2),
                                   employment_contract=ContractType.CDI,
                                   employment_full_time=True))  # fmt: skip
    negative = case(exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20)))
    running = case()
    found = indicator_members([positive, negative, running], "2026-03", CUMUL, "sorties_negatives")
    assert found == [negative]


def test_members_refuse_a_rate_column() -> None:
    with pytest.raises(ValueError):
        indicator_members(ALL_SCENARIO_CASES, "2026-03", CUMUL, "taux_reprise_emploi")
