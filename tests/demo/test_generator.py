"""The demo generator alone: deterministic, well-shaped, every lifecycle state, some late."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from movdesk.demo import generate_cases
from movdesk.demo.exits import PLACEMENTS, placement_exit
from movdesk.demo.identity import fictitious_siret
from movdesk.exchange.build import build_case
from movdesk.exchange.schema import CASE, Reader
from movdesk.rules.outcomes import classify_exit
from movdesk.rules.validation import errors_only, validate_case

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return list(generate_cases(400, seed=2026, today=TODAY))


def test_same_seed_and_today_give_the_same_cases(cases: list[dict]) -> None:
    assert list(generate_cases(400, seed=2026, today=TODAY)) == cases


def test_another_seed_gives_other_cases(cases: list[dict]) -> None:
    other = list(generate_cases(400, seed=7, today=TODAY))
    assert [c["beneficiary"] for c in other] != [c["beneficiary"] for c in cases]


def test_every_case_is_well_formed_and_breaks_no_rule(cases: list[dict]) -> None:
    for raw in cases:
        reader = Reader()
        parsed = reader.read(raw, CASE, "")
        assert reader.errors == [], raw["order_number"]
        built, mismatches = build_case(parsed)
        assert mismatches == []
        assert errors_only(validate_case(built.case)) == [], raw["order_number"]


def test_identifiers_are_unique_and_shaped(cases: list[dict]) -> None:
    numbers = [c["order_number"] for c in cases]
    pe_ids = [c["beneficiary"]["pe_id"] for c in cases]
    assert len(set(numbers)) == len(numbers)
    assert len(set(pe_ids)) == len(pe_ids)
    assert all(re.fullmatch(r"LC-20[0-9]{2}-[0-9]{6}", n) for n in numbers)
    assert all(re.fullmatch(r"[0-9]{7}[0-9A-Z]", p) for p in pe_ids)


def test_people_and_dates_are_plausible(cases: list[dict]) -> None:
    referents = {c["referent"] for c in cases}
    assert 6 <= len(referents) <= 8
    for case in cases:
        person = case["beneficiary"]
        start = date.fromisoformat(case["start_date"])
        end = date.fromisoformat(case["end_date"])
        born = date.fromisoformat(person["birth_date"])
        assert person["civility"] in ("Mme", "M.")
        assert person["category"] in (1, 2, 3)
        assert 18 <= relativedelta(start, born).years <= 62
        assert re.fullmatch(r"[0-9]{5} .+", person["address"].splitlines()[-1])
        assert TODAY - timedelta(days=440) <= start <= TODAY + timedelta(days=14)
        assert start < end <= start + timedelta(days=179)
    assert Counter(c["end_date"] == (date.fromisoformat(c["start_date"]) + timedelta(179))
                   .isoformat() for c in cases)[True] > len(cases) * 0.7


def _state(case: dict) -> str:
    contracting = case["contracting"]
    if contracting is None:
        return "ordered"
    if contracting["result"] != "signed":
        return contracting["result"]
    return "active" if case["exit"] is None else case["exit"]["reason"]


def test_every_state_and_exit_reason_appears(cases: list[dict]) -> None:
    states = Counter(_state(c) for c in cases)
    assert set(states) >= {
        "ordered", "no_show", "refused", "active", "employment", "training", "business",
        "term", "rule_14_days", "abandon", "moved", "health", "other",
    }
    assert any(date.fromisoformat(c["start_date"]) > TODAY for c in cases)


def test_histories_hold_interviews_periods_and_renewals(cases: list[dict]) -> None:
    kinds = Counter((i["kind"], i["status"]) for c in cases for i in c["interviews"])
    for pair in [("individual", "attended"), ("individual", "planned"), ("group", "attended"),
                 ("phone", "attended"), ("follow_up", "attended"), ("follow_up", "planned")]:
        assert kinds[pair] > 0, pair
    assert {s["kind"] for c in cases for s in c["suspensions"]} == {"sickness", "leave"}
    assert sum(len(c["company_periods"]) for c in cases) > 50
    renewals = [c["renewal"] for c in cases]
    assert any(r["new_end_date"] for r in renewals)
    assert any(r["decision_date"] and not r["new_end_date"] for r in renewals)
    assert any(r["envisaged"] and not r["decision_date"] for r in renewals)
    assert any(c["follow_up"] and c["follow_up"]["retained_at_3_months"] is True for c in cases)
    assert any(c["follow_up"] and c["follow_up"]["retained_at_3_months"] is False for c in cases)


def test_some_cases_are_late_on_purpose(cases: list[dict]) -> None:
    overdue_contracting = [
        c for c in cases
        if c["contracting"] is None
        and date.fromisoformat(c["start_date"]) + timedelta(days=7) < TODAY
    ]
    assert overdue_contracting
    gaps = []
    for case in cases:
        if _state(case) != "active":
            continue
        held = [i["date"] for i in case["interviews"] if i["status"] == "attended"]
        last = date.fromisoformat(max(held, default=case["contracting"]["date"]))
        if not case["suspensions"] and not case["company_periods"]:
            gaps.append((TODAY - last).days)
    assert any(gap > 14 for gap in gaps)
    signed_long_ago = [
        c["contracting"] for c in cases
        if c["contracting"] and c["contracting"]["result"] == "signed"
        and date.fromisoformat(c["contracting"]["date"]) < TODAY - timedelta(days=5)
    ]
    assert any(c["contract_sent_date"] is None for c in signed_long_ago)


@pytest.mark.parametrize("kind", PLACEMENTS, ids=[p.code for p in PLACEMENTS])
def test_placement_kinds_have_the_verdict_they_claim(kind) -> None:
    raw = {"exit": placement_exit(kind, date(2026, 5, 4)), **{k: None for k in CASE.fields
                                                                if k != "exit"}}
    raw.update(order_number="LC-1", referent="X", start_date="2026-01-05",
               beneficiary={"last_name": "A", "first_name": "B", "pe_id": "1234567A"},
               contracting={"date": "2026-01-06", "result": "signed"})
    reader = Reader()
    built, _ = build_case(reader.read(raw, CASE, ""))
    assert reader.errors == []
    assert classify_exit(built.case.exit).positive is kind.positive


def test_siret_passes_the_luhn_check() -> None:
    import random

    siret = fictitious_siret(random.Random(3))
    total = sum(
        (lambda v: v - 9 if v > 9 else v)(int(ch) * (2 if i % 2 else 1))
        for i, ch in enumerate(reversed(siret))
    )
    assert len(siret) == 14 and total % 10 == 0


@pytest.mark.parametrize(
    ("seed", "today"), [(1, date(2026, 1, 1)), (99, date(2027, 6, 13)), (5, date(2028, 2, 29))]
)
def test_other_seeds_and_days_break_no_rule_either(seed: int, today: date) -> None:
    for raw in generate_cases(150, seed=seed, today=today):
        reader = Reader()
        built, mismatches = build_case(reader.read(raw, CASE, ""))
        assert reader.errors == [] and mismatches == []
        assert validate_case(built.case) == [], raw["order_number"]
