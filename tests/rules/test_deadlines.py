"""Open deadlines of a case, one row per kind and "open while" condition of EXCHANGE.md.

Figures checked by hand: S = Monday 5 January 2026, E = S + 179 = 3 July 2026, contract
signed on Wednesday 7 January, unless a row says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from movdesk.models import Barrier, BarrierCategory, BarrierStatus, Case, Partner
from movdesk.rules.deadlines import (
    CONTRACT_KINDS,
    KINDS,
    all_deadlines,
    case_deadlines,
    deadline_status,
)

from .test_timeline import interview, make_case, make_exit

D = date.fromisoformat

_ABANDON = make_exit("2026-03-02", "abandon")


def _referral(
    follow_up: str | None = "2026-03-16",
    *,
    status: BarrierStatus = BarrierStatus.IN_PROGRESS,
    closed: str | None = None,
) -> Barrier:
    """A mobility barrier handed to a partner on 2 March 2026."""
    return Barrier(
        category=BarrierCategory.MOBILITY,
        status=status,
        partner=Partner(name="Association Mobilité Solidaire"),
        referred_on=D("2026-03-02"),
        follow_up_on=D(follow_up) if follow_up else None,
        referral_closed_on=D(closed) if closed else None,
    )


def _open(case: Case, today: str, kind: str) -> list[tuple[str, str]]:
    return [(d.due.isoformat(), d.status) for d in case_deadlines(case, D(today)) if d.kind == kind]


ROWS = [
    # contracting_interview: S + 7 while no contracting interview attended
    (
        "ordered",
        make_case(result=None, contracting=None),
        "2026-01-06",
        "contracting_interview",
        [("2026-01-12", "soon")],
    ),
    (
        "ordered-due-today",
        make_case(result=None, contracting=None),
        "2026-01-12",
        "contracting_interview",
        [("2026-01-12", "today")],
    ),
    (
        "ordered-overdue",
        make_case(result=None, contracting=None),
        "2026-01-13",
        "contracting_interview",
        [("2026-01-12", "overdue")],
    ),
    (
        "no-show-can-reschedule",
        make_case(result="no_show"),
        "2026-01-10",
        "contracting_interview",
        [("2026-01-12", "soon")],
    ),
    ("no-show-after-S+7", make_case(result="no_show"), "2026-01-13", "contracting_interview", []),
    ("signed", make_case(), "2026-01-08", "contracting_interview", []),
    ("refused", make_case(result="refused"), "2026-01-08", "contracting_interview", []),
    # contract_to_pe / refusal_notice: + 2 days until recorded as sent
    ("contract-copy", make_case(), "2026-01-08", "contract_to_pe", [("2026-01-09", "soon")]),
    (
        "contract-copy-sent",
        make_case(contract_sent_date=D("2026-01-08")),
        "2026-01-08",
        "contract_to_pe",
        [],
    ),
    (
        "refusal-notice",
        make_case(result="refused"),
        "2026-01-12",
        "refusal_notice",
        [("2026-01-09", "overdue")],
    ),
    (
        "refusal-notice-sent",
        make_case(result="refused", refusal_notice_date=D("2026-01-08")),
        "2026-01-12",
        "refusal_notice",
        [],
    ),
    # weekly_interview: only the current due week, by its Sunday
    (
        "weekly-current-week",
        make_case(),
        "2026-01-14",
        "weekly_interview",
        [("2026-01-18", "soon")],
    ),
    ("weekly-on-sunday", make_case(), "2026-01-18", "weekly_interview", [("2026-01-18", "today")]),
    (
        "weekly-done",
        make_case(interviews=[interview("2026-01-13")]),
        "2026-01-14",
        "weekly_interview",
        [],
    ),
    ("weekly-contracting-week", make_case(), "2026-01-09", "weekly_interview", []),
    (
        "weekly-missed-week-not-shown",
        make_case(interviews=[interview("2026-01-20")]),
        "2026-01-21",
        "weekly_interview",
        [],
    ),
    (
        "weekly-company-period-week",
        make_case(periods=[("2026-01-12", "2026-01-18")]),
        "2026-01-14",
        "weekly_interview",
        [],
    ),
    # next_interview: the 14-day limit, while active and not after the end date
    ("next-interview", make_case(), "2026-01-10", "next_interview", [("2026-01-21", "later")]),
    ("next-interview-soon", make_case(), "2026-01-14", "next_interview", [("2026-01-21", "soon")]),
    (
        "next-interview-overdue",
        make_case(),
        "2026-01-22",
        "next_interview",
        [("2026-01-21", "overdue")],
    ),
    (
        "next-interview-after-E",
        make_case(interviews=[interview("2026-06-25")]),
        "2026-06-28",
        "next_interview",
        [],
    ),
    (
        "next-interview-on-E",
        make_case(interviews=[interview("2026-06-19")]),
        "2026-06-28",
        "next_interview",
        [("2026-07-03", "soon")],
    ),
    ("next-interview-ended", make_case(exit=_ABANDON), "2026-03-03", "next_interview", []),
    # intermediate_report: S + 2 months
    ("intermediate", make_case(), "2026-02-20", "intermediate_report", [("2026-03-05", "later")]),
    (
        "intermediate-leap-year",
        make_case("2028-01-31", contracting="2028-02-02"),
        "2028-03-01",
        "intermediate_report",
        [("2028-03-31", "later")],
    ),
    (
        "intermediate-sent",
        make_case(intermediate_sent_date=D("2026-03-04")),
        "2026-02-20",
        "intermediate_report",
        [],
    ),
    (
        "intermediate-ended-before",
        make_case(exit=make_exit("2026-03-04", "abandon")),
        "2026-03-10",
        "intermediate_report",
        [],
    ),
    (
        "intermediate-ended-on-due",
        make_case(exit=make_exit("2026-03-05", "abandon")),
        "2026-03-10",
        "intermediate_report",
        [("2026-03-05", "overdue")],
    ),
    (
        "intermediate-not-signed",
        make_case(result="refused"),
        "2026-02-20",
        "intermediate_report",
        [],
    ),
    # company_period: S + 4 months while no period of at least 7 days
    ("company-period", make_case(), "2026-04-30", "company_period", [("2026-05-05", "soon")]),
    (
        "company-period-6-days",
        make_case(periods=[("2026-03-02", "2026-03-07")]),
        "2026-04-30",
        "company_period",
        [("2026-05-05", "soon")],
    ),
    (
        "company-period-7-days",
        make_case(periods=[("2026-03-02", "2026-03-08")]),
        "2026-04-30",
        "company_period",
        [],
    ),
    ("company-period-ended", make_case(exit=_ABANDON), "2026-04-30", "company_period", []),
    # online_obligations: phase-2 start + 28 while one is missing
    (
        "online",
        make_case(phase2_start=D("2026-02-16")),
        "2026-03-01",
        "online_obligations",
        [("2026-03-16", "later")],
    ),
    (
        "online-one-missing",
        make_case(phase2_start=D("2026-02-16"), offers_subscription_date=D("2026-02-20")),
        "2026-03-01",
        "online_obligations",
        [("2026-03-16", "later")],
    ),
    (
        "online-both",
        make_case(
            phase2_start=D("2026-02-16"),
            offers_subscription_date=D("2026-02-20"),
            online_profile_date=D("2026-02-20"),
        ),
        "2026-03-01",
        "online_obligations",
        [],
    ),
    ("online-phase-1", make_case(), "2026-03-01", "online_obligations", []),
    # renewal_contact: E − 15 while envisaged and undecided
    (
        "renewal",
        make_case(renewal_envisaged=True),
        "2026-06-15",
        "renewal_contact",
        [("2026-06-18", "soon")],
    ),
    (
        "renewal-decided",
        make_case(renewal_envisaged=True, renewal_decision_date=D("2026-06-10")),
        "2026-06-15",
        "renewal_contact",
        [],
    ),
    ("renewal-not-envisaged", make_case(), "2026-06-15", "renewal_contact", []),
    # final_report: end date + 7 while not sent
    ("final-at-term-no-exit", make_case(), "2026-07-05", "final_report", [("2026-07-10", "soon")]),
    ("final-running", make_case(), "2026-07-03", "final_report", []),
    (
        "final-after-exit",
        make_case(exit=_ABANDON),
        "2026-03-03",
        "final_report",
        [("2026-03-09", "soon")],
    ),
    (
        "final-sent",
        make_case(exit=_ABANDON, final_sent_date=D("2026-03-05")),
        "2026-03-06",
        "final_report",
        [],
    ),
    # interruption_notice: interruption date + 2 while not sent
    (
        "interruption",
        make_case(exit=_ABANDON),
        "2026-03-03",
        "interruption_notice",
        [("2026-03-04", "soon")],
    ),
    (
        "interruption-sent",
        make_case(exit=make_exit("2026-03-02", "rule_14_days", notice_sent_date=D("2026-03-03"))),
        "2026-03-03",
        "interruption_notice",
        [],
    ),
    (
        "interruption-positive-exit",
        make_case(exit=make_exit("2026-03-02")),
        "2026-03-03",
        "interruption_notice",
        [],
    ),
    # follow_up_interview: the current window only (J = Monday 2 March)
    (
        "follow-up-first-week",
        make_case(exit=make_exit("2026-03-02")),
        "2026-03-05",
        "follow_up_interview",
        [("2026-03-08", "soon")],
    ),
    (
        "follow-up-first-week-done",
        make_case(exit=make_exit("2026-03-02"), interviews=[interview("2026-03-03", "follow_up")]),
        "2026-03-05",
        "follow_up_interview",
        [],
    ),
    (
        "follow-up-month-1",
        make_case(exit=make_exit("2026-03-02")),
        "2026-03-09",
        "follow_up_interview",
        [("2026-04-02", "later")],
    ),
    (
        "follow-up-month-3-due-today",
        make_case(exit=make_exit("2026-03-02")),
        "2026-06-02",
        "follow_up_interview",
        [("2026-06-02", "today")],
    ),
    (
        "follow-up-over",
        make_case(exit=make_exit("2026-03-02")),
        "2026-06-03",
        "follow_up_interview",
        [],
    ),
    (
        "follow-up-training",
        make_case(exit=make_exit("2026-03-02", "training")),
        "2026-03-05",
        "follow_up_interview",
        [("2026-03-08", "soon")],
    ),
    (
        "follow-up-not-positive",
        make_case(exit=make_exit("2026-03-02", "business", business_auto_entrepreneur=True)),
        "2026-03-05",
        "follow_up_interview",
        [],
    ),
    # retention_check: J + 3 months, job or business only
    (
        "retention-job",
        make_case(exit=make_exit("2026-03-02")),
        "2026-05-30",
        "retention_check",
        [("2026-06-02", "soon")],
    ),
    (
        "retention-business",
        make_case(exit=make_exit("2026-03-02", "business")),
        "2026-03-05",
        "retention_check",
        [("2026-06-02", "later")],
    ),
    (
        "retention-recorded",
        make_case(exit=make_exit("2026-03-02", retained_at_3_months=True)),
        "2026-06-05",
        "retention_check",
        [],
    ),
    (
        "retention-training-never",
        make_case(exit=make_exit("2026-03-02", "training")),
        "2026-05-30",
        "retention_check",
        [],
    ),
    # partner_follow_up: by the follow-up date, while active, not lifted, not answered
    (
        "partner-follow-up",
        make_case(barriers=[_referral()]),
        "2026-03-10",
        "partner_follow_up",
        [("2026-03-16", "soon")],
    ),
    (
        "partner-follow-up-overdue",
        make_case(barriers=[_referral()]),
        "2026-03-20",
        "partner_follow_up",
        [("2026-03-16", "overdue")],
    ),
    (
        "partner-answered",
        make_case(barriers=[_referral(closed="2026-03-12")]),
        "2026-03-20",
        "partner_follow_up",
        [],
    ),
    (
        "partner-barrier-lifted",
        make_case(barriers=[_referral(status=BarrierStatus.LIFTED)]),
        "2026-03-20",
        "partner_follow_up",
        [],
    ),
    (
        "partner-no-follow-up-date",
        make_case(barriers=[_referral(None)]),
        "2026-03-20",
        "partner_follow_up",
        [],
    ),
    (
        "partner-after-exit",
        make_case(barriers=[_referral()], exit=_ABANDON),
        "2026-03-20",
        "partner_follow_up",
        [],
    ),
]


@pytest.mark.parametrize(
    ("case", "today", "kind", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_open_deadlines(case: Case, today: str, kind: str, expected: list[tuple[str, str]]) -> None:
    assert _open(case, today, kind) == expected


def test_every_kind_has_a_row() -> None:
    assert {row[3] for row in ROWS} == set(KINDS)


def test_partner_follow_up_names_the_partner_and_the_request() -> None:
    found = case_deadlines(make_case(barriers=[_referral()]), D("2026-03-10"))
    (item,) = [d for d in found if d.kind == "partner_follow_up"]
    assert item.label == (
        "Relancer Association Mobilité Solidaire (frein « Mobilité », demande du 02/03/2026)"
    )
    assert "partner_follow_up" not in CONTRACT_KINDS


def test_ended_at_term_keeps_only_what_follows_the_end() -> None:
    found = case_deadlines(
        make_case(intermediate_sent_date=D("2026-03-05"), contract_sent_date=D("2026-01-08")),
        D("2026-07-05"),
    )
    assert [d.kind for d in found] == ["final_report"]


@pytest.mark.parametrize(
    ("due", "status"),
    [
        ("2026-03-09", "overdue"),
        ("2026-03-10", "today"),
        ("2026-03-11", "soon"),
        ("2026-03-17", "soon"),
        ("2026-03-18", "later"),
    ],
)
def test_deadline_status(due: str, status: str) -> None:
    assert deadline_status(D(due), D("2026-03-10")) == status


@pytest.mark.parametrize(
    ("case", "today", "kind", "alsace_moselle", "due", "practical"),
    [
        pytest.param(
            make_case("2026-05-14", contracting="2026-05-15"),
            "2026-06-01",
            "intermediate_report",
            False,
            "2026-07-14",
            "2026-07-13",
            id="14-july",
        ),
        pytest.param(
            make_case(),
            "2026-01-10",
            "next_interview",
            False,
            "2026-01-21",
            "2026-01-21",
            id="working-day",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-04")], contracting="2026-01-04"),
            "2026-01-10",
            "next_interview",
            False,
            "2026-01-18",
            "2026-01-16",
            id="sunday",
        ),
        pytest.param(
            make_case("2026-02-06", contracting="2026-02-06"),
            "2026-03-01",
            "intermediate_report",
            False,
            "2026-04-06",
            "2026-04-03",
            id="easter-monday",
        ),
        pytest.param(
            make_case("2026-02-06", contracting="2026-02-06"),
            "2026-03-01",
            "intermediate_report",
            True,
            "2026-04-06",
            "2026-04-02",
            id="easter-monday-alsace-moselle",
        ),
        pytest.param(
            make_case("2025-10-26", contracting="2025-10-27"),
            "2025-12-01",
            "intermediate_report",
            False,
            "2025-12-26",
            "2025-12-26",
            id="26-december",
        ),
        pytest.param(
            make_case("2025-10-26", contracting="2025-10-27"),
            "2025-12-01",
            "intermediate_report",
            True,
            "2025-12-26",
            "2025-12-24",
            id="26-december-alsace-moselle",
        ),
    ],
)
def test_practical_due(
    case: Case, today: str, kind: str, alsace_moselle: bool, due: str, practical: str
) -> None:
    found = [
        d for d in case_deadlines(case, D(today), alsace_moselle=alsace_moselle) if d.kind == kind
    ]
    assert [(d.due, d.practical_due) for d in found] == [(D(due), D(practical))]


def test_labels_say_what_to_do_in_french() -> None:
    found = case_deadlines(make_case(phase2_start=D("2026-02-16")), D("2026-03-04"))
    labels = {d.kind: d.label for d in found}
    assert labels["intermediate_report"] == "Envoyer le bilan intermédiaire à France Travail"
    assert "abonnement aux offres et le profil en ligne" in labels["online_obligations"]
    assert all(d.label[0].isupper() for d in found)


def test_all_deadlines_sorted_and_filtered_by_referent() -> None:
    cases = [
        make_case(order_number="LC-2", referent="Claire Martin"),
        make_case(order_number="LC-1", referent="Paul Morel"),
        make_case(order_number="LC-3", result=None, contracting=None, referent="Paul Morel"),
    ]
    today = D("2026-01-08")
    found = all_deadlines(cases, today)
    keys = [(d.due, d.order_number) for d in found]
    assert keys == sorted(keys)
    assert found[0].order_number == "LC-1" and found[0].kind == "contract_to_pe"
    mine = all_deadlines(cases, today, referent="Paul Morel")
    assert {d.order_number for d in mine} == {"LC-1", "LC-3"}
    assert all_deadlines(cases, today, referent="Personne") == []
