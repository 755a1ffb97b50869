"""Positive-exit classification (MOV-RULES.md section 6): one row per rule and per edge."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from movdesk.models import Exit
from movdesk.models.enums import ContractType, ExitReason
from movdesk.rules.outcomes import (
    classify_exit,
    earns_retention_check,
    french_duration,
    french_number,
    is_employment_or_business,
    is_positive,
)

J = date(2026, 5, 4)

_BLANK: dict[str, Any] = {
    "date": J,
    "employment_contract": None,
    "employment_start": None,
    "employment_end": None,
    "employment_full_time": None,
    "employment_hours_per_month": None,
    "training_hours_total": None,
    "training_hours_per_week": None,
    "training_qualifying": None,
    "training_afpr": None,
    "business_auto_entrepreneur": None,
}


def make_exit(reason: ExitReason, **fields: Any) -> SimpleNamespace:
    return SimpleNamespace(**{**_BLANK, "reason": reason, **fields})


def job(contract: ContractType | None, **fields: Any) -> SimpleNamespace:
    fields.setdefault("employment_start", J)
    return make_exit(ExitReason.EMPLOYMENT, employment_contract=contract, **fields)


def training(**fields: Any) -> SimpleNamespace:
    return make_exit(ExitReason.TRAINING, **fields)


E = ExitReason
C = ContractType
QUALIFYING = {"training_qualifying": True, "training_afpr": False}

CASES = [
    # id, exit, positive, words expected in the reason
    ("cdi-full", job(C.CDI, employment_full_time=True),
     True, "CDI à temps plein : sortie positive"),
    ("cdi-79h", job(C.CDI, employment_full_time=False, employment_hours_per_month=79),
     True, "plus de 78 h"),
    ("cdi-78h", job(C.CDI, employment_full_time=False, employment_hours_per_month=78),
     False, "à 78 h par mois : ni temps plein ni plus de 78 h"),
    ("cdi-78.01h", job(C.CDI, employment_full_time=False, employment_hours_per_month=78.01),
     True, "78,01 h"),
    ("cdi-part-no-hours", job(C.CDI, employment_full_time=False),
     False, "À compléter : CDI à temps partiel : le nombre d'heures par mois"),
    # Neither full time nor hours answered yet: never called part-time.
    ("cdi-time-unknown", job(C.CDI),
     False, "À compléter : CDI à temps plein ou non (sinon, les heures par mois)"),
    ("cdd-2-months", job(C.CDD, employment_end=date(2026, 7, 4), employment_full_time=True),
     False, "CDD de 2 mois et 1 jour (jusqu'au 04/07/2026) : moins de 3 mois (fin au plus "
            "tôt le 04/08/2026), sortie non positive"),
    ("cdd-december-to-january",
     job(C.CDD, employment_start=date(2026, 12, 1), employment_end=date(2027, 1, 31),
         employment_full_time=True),
     False, "CDD de 2 mois (jusqu'au 31/01/2027) : moins de 3 mois"),
    ("cdd-exactly-3-months",
     job(C.CDD, employment_end=date(2026, 8, 4), employment_full_time=True),
     True, "CDD de 3 mois et 1 jour à temps plein : sortie positive"),
    # Three months counting both days, one day short of the contract's own rule.
    ("cdd-3-months-minus-1-day",
     job(C.CDD, employment_end=date(2026, 8, 3), employment_full_time=True),
     False, "CDD de 3 mois (jusqu'au 03/08/2026) : moins de 3 mois (fin au plus tôt le "
            "04/08/2026)"),
    ("cdd-month-end", job(C.CDD, employment_start=date(2026, 1, 31),
                          employment_end=date(2026, 4, 30), employment_full_time=True),
     True, "CDD de 3 mois et 1 jour à temps plein : sortie positive"),
    ("cdd-no-end", job(C.CDD, employment_full_time=True),
     False, "À compléter : la date de fin du CDD"),
    ("cdd-long-part-time", job(C.CDD, employment_end=date(2026, 12, 31),
                               employment_full_time=False, employment_hours_per_month=60),
     False, "ni temps plein ni plus de 78 h"),
    ("cdd-long-80h", job(C.CDD, employment_end=date(2026, 12, 31),
                         employment_hours_per_month=80),
     True, "à 80 h par mois (plus de 78 h) : sortie positive"),
    ("cdd-start-from-exit-date", job(C.CDD, employment_start=None,
                                     employment_end=date(2026, 8, 4), employment_full_time=True),
     True, "CDD de 3 mois"),
    ("interim-1-month", job(C.INTERIM, employment_end=date(2026, 6, 4),
                            employment_full_time=True),
     False, "Mission d'intérim (comptée comme un CDD) de 1 mois et 1 jour"),
    ("interim-4-months", job(C.INTERIM, employment_end=date(2026, 9, 4),
                             employment_full_time=True),
     True, "sortie positive"),
    ("subsidised-few-hours", job(C.SUBSIDISED, employment_hours_per_month=20),
     True, "Contrat aidé : sortie positive"),
    ("employment-no-contract", job(None), False, "À compléter : le type de contrat"),
    ("training-ok", training(**QUALIFYING, training_hours_total=400, training_hours_per_week=35),
     True, "Formation qualifiante de 400 h à 35 h par semaine : sortie positive"),
    ("training-exactly-160-20",
     training(**QUALIFYING, training_hours_total=160, training_hours_per_week=20),
     True, "sortie positive"),
    ("training-159.5h", training(**QUALIFYING, training_hours_total=159.5,
                                 training_hours_per_week=35),
     False, "Formation de 159,5 h au total : moins de 160 heures, sortie non positive"),
    ("training-19.9h-week", training(**QUALIFYING, training_hours_total=400,
                                     training_hours_per_week=19.9),
     False, "Formation à 19,9 h par semaine : moins de 20 heures par semaine"),
    ("training-not-qualifying", training(training_qualifying=False, training_afpr=False,
                                         training_hours_total=400, training_hours_per_week=35),
     False, "ni pré-qualifiante ni certifiante"),
    ("training-afpr-short", training(training_qualifying=False, training_afpr=True,
                                     training_hours_total=80, training_hours_per_week=10),
     True, "AFPR : sortie positive"),
    ("training-no-hours", training(**QUALIFYING), False, "À compléter : les heures"),
    ("training-kind-unknown", training(training_hours_total=400, training_hours_per_week=35),
     False, "À compléter : la formation est-elle pré-qualifiante ou certifiante"),
    ("business", make_exit(E.BUSINESS, business_auto_entrepreneur=False),
     True, "Création ou reprise d'entreprise : sortie positive"),
    ("business-auto-entrepreneur", make_exit(E.BUSINESS, business_auto_entrepreneur=True),
     False, "Création sous le statut d'auto-entrepreneur : jamais une sortie positive"),
    ("business-status-unknown", make_exit(E.BUSINESS),
     False, "À compléter : la création se fait-elle sous le statut d'auto-entrepreneur"),
    ("term", make_exit(E.TERM), False, "Fin à terme : sortie non positive"),
    ("rule-14", make_exit(E.RULE_14_DAYS), False, "plus de 14 jours sans entretien"),
    ("abandon", make_exit(E.ABANDON), False, "abandon : sortie non positive"),
    ("moved", make_exit(E.MOVED), False, "déménagement"),
    ("health", make_exit(E.HEALTH), False, "santé"),
    ("other", make_exit(E.OTHER), False, "autre motif"),
]


@pytest.mark.parametrize(
    ("exit", "positive", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_classify_exit(exit: SimpleNamespace, positive: bool, words: str) -> None:
    verdict = classify_exit(exit)
    assert verdict.positive is positive
    assert words in verdict.reason
    # Waiting for a fact is said so, and is never positive.
    assert verdict.complete is (not words.startswith("À compléter"))


def test_classify_accepts_orm_entity() -> None:
    entity = Exit(
        date=J,
        reason=ExitReason.EMPLOYMENT,
        employment_contract=ContractType.CDI,
        employment_start=J,
        employment_full_time=True,
    )
    assert classify_exit(entity).positive


def test_verdict_is_frozen() -> None:
    verdict = classify_exit(make_exit(E.TERM))
    with pytest.raises(AttributeError):
        verdict.positive = True  # type: ignore[misc]


@pytest.mark.parametrize(
    ("exit", "employment_or_business", "retention"),
    [
        (job(C.CDI, employment_full_time=True), True, True),
        (job(C.CDD, employment_full_time=True), True, False),
        (make_exit(E.BUSINESS, business_auto_entrepreneur=False), True, True),
        (make_exit(E.BUSINESS, business_auto_entrepreneur=True), True, False),
        (training(training_afpr=True), False, False),
        (make_exit(E.TERM), False, False),
        (None, False, False),
    ],
)
def test_helpers(exit: Any, employment_or_business: bool, retention: bool) -> None:
    assert is_employment_or_business(exit) is employment_or_business
    assert earns_retention_check(exit) is retention
    assert is_positive(exit) is (exit is not None and classify_exit(exit).positive)


@pytest.mark.parametrize(
    ("value", "text"), [(159.5, "159,5"), (78.0, "78"), (78.01, "78,01"), (151.67, "151,67")]
)
def test_french_number(value: float, text: str) -> None:
    assert french_number(value) == text


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 1, 1), date(2026, 1, 2), "2 jours"),
        (date(2026, 1, 1), date(2026, 1, 1), "1 jour"),
        (date(2026, 1, 1), date(2026, 1, 20), "20 jours"),
        (date(2026, 1, 1), date(2027, 2, 28), "14 mois"),
        (date(2026, 12, 1), date(2027, 1, 31), "2 mois"),
        (date(2026, 12, 1), date(2027, 1, 15), "1 mois et 15 jours"),
        (date(2026, 2, 1), date(2026, 2, 28), "1 mois"),
    ],
)
def test_french_duration(start: date, end: date, text: str) -> None:
    assert french_duration(start, end) == text


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=400),
)
def test_cdd_positive_iff_three_months(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    exit = job(C.CDD, employment_start=start, employment_end=end, employment_full_time=True)
    assert classify_exit(exit).positive is (end >= start + relativedelta(months=3))


@given(hours=st.floats(min_value=0, max_value=300, allow_nan=False))
def test_cdi_hours_threshold(hours: float) -> None:
    exit = job(C.CDI, employment_full_time=False, employment_hours_per_month=hours)
    assert classify_exit(exit).positive is (hours > 78)
