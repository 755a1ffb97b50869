"""The deadline schedule gives, on every day from ``since`` on, the day-by-day deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from movdesk.models import Case
from movdesk.rules.deadlines import open_items
from movdesk.rules.schedule import ScheduledDeadline, deadline_schedule, turning_points

from .test_deadlines import ROWS
from .test_timeline import interview, make_case, make_exit

D = date.fromisoformat


def _open_on(schedule: list[ScheduledDeadline], day: date) -> list[tuple[str, date, str]]:
    return sorted((s.kind, s.due, s.label) for s in schedule if s.is_open(day))


def _assert_same_every_day(case: Any, since: date, days: int) -> None:
    schedule = deadline_schedule(case, since)
    for offset in range(days):
        day = since + timedelta(days=offset)
        assert _open_on(schedule, day) == sorted(open_items(case, day)), day


@pytest.mark.parametrize(("case", "today"), [pytest.param(r[1], r[2], id=r[0]) for r in ROWS])
def test_schedule_matches_every_day_for_every_kind(case: Case, today: str) -> None:
    # From a month before the table's day to well after the case's follow-up.
    _assert_same_every_day(case, D(today) - timedelta(days=30), 420)


def test_weekly_interview_opens_each_monday_and_closes_each_sunday() -> None:
    case = make_case(interviews=[interview("2026-01-14"), interview("2026-01-21")])
    weekly = [s for s in deadline_schedule(case, D("2026-01-12")) if s.kind == "weekly_interview"]
    # The week of the 12th and the next one are done; then one per week up to E's week.
    assert (weekly[0].open_from, weekly[0].open_until) == (D("2026-01-26"), D("2026-02-01"))
    assert weekly[0].due == D("2026-02-01")
    assert "semaine du 26/01/2026" in weekly[0].label
    assert all(s.open_until == s.due and s.open_from == s.due - timedelta(6) for s in weekly[:-1])
    # The last due week ends on Friday 3 July (E): the case is over at the weekend.
    assert (weekly[-1].open_from, weekly[-1].open_until) == (D("2026-06-29"), D("2026-07-03"))


def test_a_no_show_contracting_interview_closes_after_s_plus_7() -> None:
    case = make_case(contracting=None, result="no_show")
    (item,) = deadline_schedule(case, D("2026-01-06"))
    assert (item.kind, item.due, item.open_from, item.open_until) == (
        "contracting_interview",
        D("2026-01-12"),
        None,
        D("2026-01-12"),
    )


def test_the_final_report_opens_the_day_after_the_end_at_term() -> None:
    case = make_case(end="2026-04-30")
    final = next(s for s in deadline_schedule(case, D("2026-04-01")) if s.kind == "final_report")
    assert (final.due, final.open_from, final.open_until) == (
        D("2026-05-07"),
        D("2026-05-01"),
        None,
    )
    # and what needed the case active closes on its last day
    limit = next(s for s in deadline_schedule(case, D("2026-04-01")) if s.kind == "next_interview")
    assert limit.open_until == D("2026-04-30")


def test_follow_up_windows_open_one_after_the_other() -> None:
    case = make_case(exit=make_exit("2026-03-02"))
    windows = [
        (s.due, s.open_from, s.open_until)
        for s in deadline_schedule(case, D("2026-03-02"))
        if s.kind == "follow_up_interview"
    ]
    assert windows == [
        (D("2026-03-08"), None, D("2026-03-08")),
        (D("2026-04-02"), D("2026-03-09"), D("2026-04-02")),
        (D("2026-05-02"), D("2026-04-03"), D("2026-05-02")),
        (D("2026-06-02"), D("2026-05-03"), D("2026-06-02")),
    ]


def test_a_closed_case_has_no_weekly_turning_points() -> None:
    case = make_case(status="closed", exit=make_exit("2026-03-02", "training"))
    points = turning_points(case, D("2026-03-02"))
    assert len(points) <= 6  # S + 8, end + 1 and the four follow-up due dates at most


_day = st.integers(min_value=-10, max_value=200).map(lambda n: D("2026-01-07") + timedelta(n))
_span = st.tuples(_day, st.integers(min_value=0, max_value=30)).map(
    lambda t: (t[0].isoformat(), (t[0] + timedelta(t[1])).isoformat())
)
_interview = st.builds(
    interview,
    _day,
    st.sampled_from(["individual", "group", "phone", "follow_up", "contracting"]),
    st.sampled_from([20, 45]),
    st.sampled_from(["attended", "attended", "planned", "absent"]),
)


@st.composite
def _cases(draw: st.DrawFn) -> Case:
    exit = None
    if draw(st.booleans()):
        reason = draw(st.sampled_from(["employment", "training", "business", "abandon"]))
        exit = make_exit(draw(_day).isoformat(), reason)
    status = draw(st.sampled_from([None, "active", "ended_term", "closed"]))
    return make_case(
        end=draw(st.sampled_from([None, "2026-05-15"])),
        status=status if exit is None or status != "active" else None,
        interviews=draw(st.lists(_interview, max_size=8)),
        suspensions=draw(st.lists(_span, max_size=2)),
        periods=draw(st.lists(_span, max_size=2)),
        exit=exit,
        renewal_envisaged=draw(st.booleans()),
        renewal_new_end_date=draw(st.sampled_from([None, D("2026-08-01")])),
    )


@settings(max_examples=60, deadline=None)
@given(_cases(), _day)
def test_schedule_equals_the_day_by_day_rules(case: Case, since: date) -> None:
    _assert_same_every_day(case, since, 330)
