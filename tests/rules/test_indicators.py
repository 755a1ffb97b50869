"""Monthly indicators (MOV-RULES.md section 7): one tiny scenario per column and edge.

Report month M = 2026-03, so L (the last day of M) = 31/03/2026 and every event dated
after it is ignored. Each row is one case; the expected counts were worked out by hand
from the table of section 7 (columns not named are 0).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from movdesk.models.enums import CaseStatus, ContractingResult, ContractType, ExitReason
from movdesk.rules.calendar import add_months
from movdesk.rules.indicators import (
    COUNT_COLUMNS,
    CUMUL,
    INDICATOR_COLUMNS,
    case_detail_rows,
    month_bounds,
    monthly_indicators,
    percent,
    retention_reached,
)
from tests.rules.test_payments import business, cdi, make_exit, training

M = "2026-03"
SIGNED = ContractingResult.SIGNED
REFUSED = ContractingResult.REFUSED
NO_SHOW = ContractingResult.NO_SHOW


def case(start: date = date(2026, 1, 5), result: ContractingResult | None = SIGNED,
         contracted: date | None = None, exit: Any = None, **fields: Any) -> Any:  # fmt: skip
    base: dict[str, Any] = {
        "order_number": f"LC-{start.isoformat()}",
        "end_date": start + timedelta(days=179),
        "renewal_new_end_date": None,
        "renewal_decision_date": None,
    }
    if contracted is None and result is not None:
        contracted = start + timedelta(days=2)
    return SimpleNamespace(
        start_date=start, contracting_result=result, contracting_date=contracted, exit=exit,
        **{**base, **fields},
    )  # fmt: skip


ENTERED_RUNNING = {"recus": 1, "entres": 1, "en_cours": 1}
ENTERED_ENDED = {"recus": 1, "entres": 1, "sortis": 1}
OCT = date(2025, 10, 1)
CDD_2_MONTHS = {"employment_contract": ContractType.CDD, "employment_full_time": True,
                "employment_end": date(2026, 4, 1)}  # fmt: skip

SCENARIOS: list[tuple[str, Any, dict[str, int]]] = [
    ("not yet seen, S + 7 passed", case(date(2026, 3, 20), None), {"non_presentes": 1}),
    ("not yet seen, S + 7 is L itself", case(date(2026, 3, 24), None), {}),
    ("no-show recorded", case(result=NO_SHOW), {"non_presentes": 1}),
    ("refused", case(result=REFUSED), {"recus": 1, "refus": 1}),
    ("refused after L, S + 7 passed by L",
     case(date(2026, 3, 2), REFUSED, date(2026, 4, 2)), {"non_presentes": 1}),
    ("refused after L, S + 7 not passed", case(date(2026, 3, 30), REFUSED, date(2026, 4, 2)), {}),
    ("signed, running", case(), ENTERED_RUNNING),
    ("signed without a date", case(contracted=None, result=SIGNED), ENTERED_RUNNING),
    ("signed after L", case(date(2026, 3, 30), SIGNED, date(2026, 4, 1)), {}),
    ("interrupted", case(exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20))),
     {**ENTERED_ENDED, "abandons": 1}),
    ("interrupted after L: still running on L",
     case(exit=make_exit(ExitReason.MOVED, date(2026, 4, 10))), ENTERED_RUNNING),
    ("ended at term: E before L, no exit", case(date(2025, 9, 1)), ENTERED_ENDED),
    ("ended at term: E is L", case(date(2025, 10, 3)), ENTERED_ENDED),
    ("E the day after L: running", case(date(2025, 10, 4)), ENTERED_RUNNING),
    ("exit 'term' recorded", case(exit=make_exit(ExitReason.TERM, date(2026, 3, 1))),
     ENTERED_ENDED),
    ("renewed on or before L: running",
     case(date(2025, 9, 1), renewal_new_end_date=date(2026, 8, 27),
          renewal_decision_date=date(2026, 2, 10)), ENTERED_RUNNING),
    ("renewal decided after L: ended at the old E on L",
     case(date(2025, 9, 1), renewal_new_end_date=date(2026, 8, 27),
          renewal_decision_date=date(2026, 4, 5)), ENTERED_ENDED),
    ("positive CDI, J + 3 months after L", case(exit=cdi(when=date(2026, 2, 2))),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1}),
    ("positive CDI exit after L: ignored", case(exit=cdi(when=date(2026, 4, 2))),
     ENTERED_RUNNING),
    ("positive CDI, retained at 3 months",
     case(OCT, exit=cdi(when=date(2025, 12, 15), retained_at_3_months=True)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1,
      "maintien_mesures": 1, "maintien_emploi": 1}),
    ("positive CDI, not retained",
     case(OCT, exit=cdi(when=date(2025, 12, 15), retained_at_3_months=False)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1,
      "maintien_mesures": 1}),
    ("positive CDI, retention not recorded",
     case(OCT, exit=cdi(when=date(2025, 12, 15))),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1,
      "maintien_mesures": 1}),
    ("positive CDI, J + 3 months is L",
     case(OCT, exit=cdi(when=date(2025, 12, 31), retained_at_3_months=True)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1,
      "maintien_mesures": 1, "maintien_emploi": 1}),
    ("CDD of 2 months: a job exit, not positive",
     case(exit=make_exit(ExitReason.EMPLOYMENT, date(2026, 2, 2), **CDD_2_MONTHS)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1}),
    ("positive training: never a job, never measured",
     case(OCT, exit=training(when=date(2025, 12, 15), retained_at_3_months=True)),
     {**ENTERED_ENDED, "sorties_positives": 1}),
    ("auto-entrepreneur: a business exit, not positive",
     case(exit=make_exit(ExitReason.BUSINESS, date(2026, 2, 2), business_auto_entrepreneur=True)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1}),
    ("positive business, survived 3 months",
     case(OCT, exit=business(when=date(2025, 12, 15), retained_at_3_months=True)),
     {**ENTERED_ENDED, "reprises_emploi_en_cours": 1, "sorties_positives": 1,
      "maintien_mesures": 1, "maintien_emploi": 1}),
]  # fmt: skip


def row_dict(row: Any) -> dict[str, Any]:
    return dict(zip(INDICATOR_COLUMNS, row.values(), strict=True))


@pytest.mark.parametrize(
    ("label", "the_case", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_one_case_per_situation(label: str, the_case: Any, expected: dict[str, int]) -> None:
    rows = monthly_indicators([the_case], M)
    cohort = f"{the_case.start_date:%Y-%m}"
    by_cohort = {r.cohorte: row_dict(r) for r in rows}
    counts = {k: v for k, v in by_cohort[cohort].items() if k in COUNT_COLUMNS and v}
    expected = dict(expected)
    negatives = expected.get("sortis", 0) - expected.get("sorties_positives", 0)
    if negatives:
        expected["sorties_negatives"] = negatives
    assert counts == expected
    assert {k: v for k, v in by_cohort[CUMUL].items() if k != "cohorte"} == {
        k: v for k, v in by_cohort[cohort].items() if k != "cohorte"
    }


def test_rows_run_from_the_earliest_cohort_to_m_with_empty_months() -> None:
    rows = monthly_indicators([case(date(2026, 3, 2)), case(date(2025, 11, 3))], M)
    assert [r.cohorte for r in rows] == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        CUMUL,
    ]
    assert row_dict(rows[1]) == {
        "cohorte": "2025-12", **dict.fromkeys(INDICATOR_COLUMNS[1:], 0),
        "taux_reprise_emploi": None, "taux_sorties_positives": None,
        "taux_sorties_negatives": None, "taux_maintien_emploi": None,
    }  # fmt: skip
    assert rows[-1].entres == 2


def test_cases_starting_after_m_are_left_out() -> None:
    rows = monthly_indicators([case(date(2026, 2, 2)), case(date(2026, 4, 1))], M)
    assert [r.cohorte for r in rows] == ["2026-02", "2026-03", CUMUL]
    assert rows[-1].entres == 1


def test_no_case_gives_a_zero_cumul_row_only() -> None:
    rows = monthly_indicators([case(date(2026, 4, 1))], M)
    assert [r.cohorte for r in rows] == [CUMUL]
    assert rows[0].entres == 0 and rows[0].taux_reprise_emploi is None


def test_columns_in_the_order_of_the_contract() -> None:
    assert INDICATOR_COLUMNS == (
        "cohorte", "recus", "non_presentes", "entres", "refus", "abandons", "sortis",
        "en_cours", "reprises_emploi_en_cours", "taux_reprise_emploi", "sorties_positives",
        "taux_sorties_positives", "sorties_negatives", "taux_sorties_negatives",
        "maintien_mesures", "maintien_emploi", "taux_maintien_emploi",
    )  # fmt: skip


def test_rates_of_a_cohort() -> None:
    # 11 entered: 5 job exits (4 positive CDI, 1 CDD of 2 months), 1 interruption, 5 running.
    jobs = [case(exit=cdi(when=date(2026, 2, 2))) for _ in range(4)]
    jobs.append(case(exit=make_exit(ExitReason.EMPLOYMENT, date(2026, 2, 2), **CDD_2_MONTHS)))
    stop = [case(exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20)))]
    running = [case() for _ in range(5)]
    (row, _cumul) = monthly_indicators(jobs + stop + running, "2026-01")
    assert (row.entres, row.reprises_emploi_en_cours, row.sortis) == (11, 0, 0)
    (row, *_rest) = monthly_indicators(jobs + stop + running, M)
    assert (row.entres, row.reprises_emploi_en_cours, row.sortis) == (11, 5, 6)
    assert row.taux_reprise_emploi == Decimal("45.5")  # 5 / 11 = 45,45… → 45,5
    assert row.taux_sorties_positives == Decimal("66.7")  # 4 / 6
    assert row.taux_sorties_negatives == Decimal("33.3")  # 2 / 6
    assert row.taux_maintien_emploi is None  # no exit measured at 3 months yet


@pytest.mark.parametrize(
    ("num", "den", "rate"),
    [(5, 11, "45.5"), (1, 3, "33.3"), (2, 3, "66.7"), (1, 16, "6.3"), (1, 1, "100.0"),
     (0, 4, "0.0"), (1, 2000, "0.1"), (1, 2001, "0.0"), (0, 0, None), (3, 0, None)],
)  # fmt: skip
def test_percent(num: int, den: int, rate: str | None) -> None:
    expected = Decimal(rate) if rate is not None else None
    assert percent(num, den) == expected
    if expected is not None:
        assert str(percent(num, den)) == rate  # always one decimal


@given(
    st.dates(date(2020, 1, 1), date(2030, 12, 31)), st.dates(date(2020, 1, 1), date(2030, 12, 31))
)
def test_retention_reached_is_j_plus_3_months_on_or_before_the_month_end(j: date, d: date) -> None:
    _, month_end = month_bounds(f"{d:%Y-%m}")
    exit = SimpleNamespace(date=j)
    assert retention_reached(exit, month_end) == (add_months(j, 3) <= month_end)


# --- Property: the cumul row is the sum of the cohort rows -------------------------------

_REASONS = list(ExitReason)


@st.composite
def random_case(draw: st.DrawFn) -> Any:
    start = date(2025, 6, 1) + timedelta(days=draw(st.integers(0, 400)))
    result = draw(st.sampled_from([None, SIGNED, SIGNED, REFUSED, NO_SHOW]))
    contracted = start + timedelta(days=draw(st.integers(0, 9)))
    exit = None
    if result is SIGNED and draw(st.booleans()):
        when = contracted + timedelta(days=draw(st.integers(1, 180)))
        reason = draw(st.sampled_from(_REASONS))
        exit = make_exit(
            reason, when, employment_contract=ContractType.CDI, employment_full_time=True,
            training_qualifying=True, training_hours_total=200, training_hours_per_week=30,
            business_auto_entrepreneur=draw(st.booleans()),
            retained_at_3_months=draw(st.sampled_from([None, True, False])),
        )  # fmt: skip
    return case(start, result, contracted, exit)


@settings(max_examples=60, deadline=None)
@given(st.lists(random_case(), max_size=25), st.sampled_from(["2025-08", "2026-01", "2026-07"]))
def test_cumul_is_the_sum_of_the_cohorts(cases: list[Any], month: str) -> None:
    rows = monthly_indicators(cases, month)
    cohorts, cumul = rows[:-1], rows[-1]
    assert cumul.cohorte == CUMUL
    for column in COUNT_COLUMNS:
        assert getattr(cumul, column) == sum(getattr(r, column) for r in cohorts), column
    assert cumul.sortis + cumul.en_cours == cumul.entres
    assert cumul.entres + cumul.refus == cumul.recus


# --- Per-case detail ---------------------------------------------------------------------


def test_detail_lists_the_cases_active_during_m() -> None:
    cases = [
        case(date(2026, 1, 5)),  # running
        case(date(2026, 1, 6), exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20))),
        case(date(2026, 1, 7), exit=make_exit(ExitReason.HEALTH, date(2026, 3, 10))),
        case(date(2025, 9, 17)),  # E = 15/03/2026: ended at term during M
        case(date(2026, 1, 8), exit=cdi(when=date(2026, 3, 5))),
        case(date(2026, 3, 30), SIGNED, date(2026, 4, 1)),  # signed after M
        case(date(2026, 3, 2), REFUSED),
        case(OCT, exit=cdi(when=date(2025, 12, 15), retained_at_3_months=True)),
    ]
    rows = case_detail_rows(cases, M)
    assert [(r.start_date, r.status, r.positive) for r in rows] == [
        (date(2025, 9, 17), CaseStatus.ENDED_TERM, None),
        (date(2026, 1, 5), CaseStatus.ACTIVE, None),
        (date(2026, 1, 7), CaseStatus.INTERRUPTED, False),
        (date(2026, 1, 8), CaseStatus.FOLLOW_UP, True),
    ]
    assert rows[0].end_date == date(2026, 3, 15) and rows[0].cohort == "2025-09"
    assert rows[2].exit_reason is ExitReason.HEALTH and rows[2].decision
