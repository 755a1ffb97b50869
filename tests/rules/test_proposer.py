"""Planning help: every proposal respects every constraint, and no two clash (Hypothesis),
plus the preferences on known cases."""

from __future__ import annotations

from datetime import date, time, timedelta
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from movdesk.models import CaseStatus, ContractingResult, InterviewKind, InterviewStatus
from movdesk.rules.calendar import is_working_day, week_monday
from movdesk.rules.proposer import (
    BusySlot,
    PlanningCase,
    Proposal,
    propose,
    usual_slot,
)
from movdesk.rules.timeline import (
    MAX_GAP_DAYS,
    blocked_days,
    current_end,
    effective_gap,
    last_clock_interview,
)
from movdesk.rules.working_hours import (
    DEFAULT_HOURS,
    WeekHours,
    minutes_of,
    slot_starts,
    time_of,
)

ATTENDED, PLANNED = InterviewStatus.ATTENDED, InterviewStatus.PLANNED
INDIVIDUAL = InterviewKind.INDIVIDUAL


def interview(
    day: date,
    at: time | None = time(10, 0),
    status: InterviewStatus = ATTENDED,
    kind: InterviewKind = INDIVIDUAL,
    minutes: int = 45,
) -> SimpleNamespace:
    return SimpleNamespace(date=day, time=at, minutes=minutes, kind=kind, status=status)


def period(start: date, end: date) -> SimpleNamespace:
    return SimpleNamespace(start_date=start, end_date=end)


def case(
    start: date,
    interviews: list[Any],
    *,
    contracting: date | None = None,
    suspensions: list[Any] = (),
    periods: list[Any] = (),
) -> SimpleNamespace:  # type: ignore[assignment]
    return SimpleNamespace(
        start_date=start,
        end_date=start + timedelta(days=179),
        renewal_new_end_date=None,
        status=CaseStatus.ACTIVE,
        contracting_date=contracting or start + timedelta(days=2),
        contracting_result=ContractingResult.SIGNED,
        phase2_start=None,
        interviews=sorted(interviews, key=lambda i: i.date),
        suspensions=list(suspensions),
        company_periods=list(periods),
        exit=None,
    )


# --- Known cases ------------------------------------------------------------------------

TODAY = date(2026, 5, 12)  # a Tuesday; Thursday 14 May is Ascension


def test_usual_weekday_and_time_are_kept_in_the_week_to_cover() -> None:
    # Held on Wednesdays at 14:00; last on Wednesday 6 May: this week is not done yet.
    held = [interview(date(2026, 4, 15) + timedelta(days=7 * n), time(14, 0)) for n in range(4)]
    plan = propose(
        [PlanningCase(1, "DURAND Sophie", case(date(2026, 3, 2), held))],
        today=TODAY,
        hours=DEFAULT_HOURS,
    )
    (proposal,) = plan.proposals
    assert (proposal.day, proposal.start) == (date(2026, 5, 13), time(14, 0))
    assert proposal.usual and proposal.covers_week and proposal.week == date(2026, 5, 11)
    assert proposal.limit == date(2026, 5, 20)
    assert proposal.reason == (
        "Entretien de la semaine du 11/05/2026 ; au plus tard le 20/05/2026 (14 jours) ; "
        "jour et heure habituels"
    )


def test_usual_slot_taken_moves_to_the_nearest_free_time_then_day() -> None:
    held = [interview(date(2026, 4, 15) + timedelta(days=7 * n), time(14, 0)) for n in range(4)]
    busy = [BusySlot(date(2026, 5, 13), time(13, 30), 120)]
    plan = propose(
        [PlanningCase(1, "A", case(date(2026, 3, 2), held))],
        today=TODAY,
        hours=DEFAULT_HOURS,
        busy=busy,
    )
    (proposal,) = plan.proposals
    assert (proposal.day, proposal.start) == (date(2026, 5, 13), time(15, 30))
    assert not proposal.usual


def test_holiday_is_avoided_and_week_done_moves_to_next_week() -> None:
    # Held on Thursdays; this week already done on Monday 11 May: next week's Thursday.
    held = [interview(date(2026, 4, 16) + timedelta(days=7 * n), time(9, 0)) for n in range(3)]
    held.append(interview(date(2026, 5, 11), time(9, 0)))
    plan = propose(
        [PlanningCase(1, "A", case(date(2026, 3, 2), held))], today=TODAY, hours=DEFAULT_HOURS
    )
    (proposal,) = plan.proposals
    assert proposal.week == date(2026, 5, 18) and proposal.day == date(2026, 5, 21)


def test_cases_left_alone_say_why() -> None:
    planned = case(
        date(2026, 3, 2),
        [interview(date(2026, 5, 5)), interview(date(2026, 5, 15), time(9, 0), PLANNED)],
    )
    broken = case(date(2026, 3, 2), [interview(date(2026, 4, 20))])
    ending = case(date(2025, 11, 17), [interview(date(2026, 5, 11))])  # ends on 15/05
    ending.end_date = date(2026, 5, 12)
    plan = propose(
        [PlanningCase(1, "A", planned), PlanningCase(2, "B", broken), PlanningCase(3, "C", ending)],
        today=TODAY,
        hours=DEFAULT_HOURS,
    )
    reasons = {s.case_id: s.reason for s in plan.skipped}
    assert reasons[1] == "Déjà planifié le 15/05/2026 à 09:00"
    assert reasons[2] == "Règle des 14 jours dépassée (limite le 04/05/2026)"
    assert reasons[3] == "La prestation se termine le 12/05/2026"
    assert plan.proposals == ()


def test_a_limit_of_today_is_not_past_and_an_interview_planned_today_counts() -> None:
    # Last held on 28/04: the 14-day limit is today, 12/05 — reachable today, not broken.
    alone = case(date(2026, 3, 2), [interview(date(2026, 4, 28))])
    seen_today = case(
        date(2026, 3, 2),
        [interview(date(2026, 4, 28)), interview(TODAY, time(16, 0), PLANNED)],
    )
    plan = propose(
        [PlanningCase(1, "A", alone), PlanningCase(2, "B", seen_today)],
        today=TODAY,
        hours=DEFAULT_HOURS,
    )
    reasons = {s.case_id: s.reason for s in plan.skipped}
    assert reasons[1] == "Limite des 14 jours aujourd'hui : à recevoir aujourd'hui même"
    assert reasons[2] == "Déjà planifié le 12/05/2026 à 16:00"
    assert plan.proposals == ()


def test_company_period_pushes_the_limit_and_is_avoided() -> None:
    held = [interview(date(2026, 5, 5), time(10, 0))]
    facts = case(date(2026, 3, 2), held, periods=[period(date(2026, 5, 13), date(2026, 5, 22))])
    (proposal,) = propose([PlanningCase(1, "A", facts)], today=TODAY, hours=DEFAULT_HOURS).proposals
    assert proposal.day not in blocked_days(facts)
    assert proposal.limit > date(2026, 5, 22)


def test_usual_slot_is_the_most_frequent_then_the_latest() -> None:
    facts = case(
        date(2026, 3, 2),
        [
            interview(date(2026, 4, 6), time(9, 0)),  # Monday 9:00
            interview(date(2026, 4, 13), time(9, 0)),  # Monday 9:00
            interview(date(2026, 4, 23), time(15, 0)),  # Thursday 15:00
            interview(date(2026, 4, 30), time(15, 0)),  # Thursday 15:00, latest: wins the tie
        ],
    )
    assert usual_slot(facts) == (3, time(15, 0))


# --- Properties -------------------------------------------------------------------------

GRID = [time_of(m) for m in range(8 * 60, 19 * 60, 15)]


@st.composite
def week_hours(draw: st.DrawFn) -> WeekHours:
    days = []
    for _weekday in range(6):
        marks = sorted(draw(st.sets(st.integers(8 * 4, 19 * 4), max_size=4)))
        if len(marks) % 2:
            marks = marks[:-1]
        days.append(
            tuple(
                (time_of(a * 15), time_of(b * 15))
                for a, b in zip(marks[::2], marks[1::2], strict=True)
            )
        )
    return WeekHours(tuple(days))


@st.composite
def planning_case(draw: st.DrawFn, today: date, number: int) -> PlanningCase:
    start = today - timedelta(days=draw(st.integers(10, 175)))
    contracting = start + timedelta(days=draw(st.integers(0, 7)))
    held_days = draw(st.lists(st.integers(1, max(1, (today - contracting).days)), max_size=6))
    interviews = [
        interview(
            contracting + timedelta(days=d),
            draw(st.sampled_from([None, *GRID])),
            kind=draw(st.sampled_from([INDIVIDUAL, InterviewKind.GROUP, InterviewKind.PHONE])),
        )
        for d in held_days
        if contracting + timedelta(days=d) <= today
    ]
    for d in draw(st.lists(st.integers(0, 20), max_size=2)):
        interviews.append(
            interview(
                today + timedelta(days=d),
                draw(st.sampled_from(GRID)),
                PLANNED,
                draw(st.sampled_from([INDIVIDUAL, InterviewKind.GROUP])),
                draw(st.sampled_from([20, 45, 60])),
            )
        )
    spans = [
        (today + timedelta(days=draw(st.integers(-20, 20))), draw(st.integers(0, 20)))
        for _ in range(draw(st.integers(0, 2)))
    ]
    blocked = [period(s, s + timedelta(days=n)) for s, n in spans]
    split = draw(st.integers(0, len(blocked)))
    facts = case(
        start,
        interviews,
        contracting=contracting,
        suspensions=blocked[:split],
        periods=blocked[split:],
    )
    return PlanningCase(number, f"Personne {number}", facts)


@st.composite
def planning_inputs(draw: st.DrawFn) -> dict[str, Any]:
    today = draw(st.dates(date(2025, 12, 1), date(2027, 1, 31)))
    count = draw(st.integers(1, 10))
    cases = [draw(planning_case(today, n)) for n in range(count)]
    busy = [
        BusySlot(
            today + timedelta(days=draw(st.integers(0, 20))),
            draw(st.sampled_from(GRID)),
            draw(st.sampled_from([30, 45, 60, 120])),
        )
        for _ in range(draw(st.integers(0, 25)))
    ]
    return {
        "cases": cases,
        "today": today,
        "hours": draw(st.one_of(st.just(DEFAULT_HOURS), week_hours())),
        "busy": busy,
        "alsace_moselle": draw(st.booleans()),
    }


def _overlap(a: tuple[date, int, int], b: tuple[date, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _check(proposal: Proposal, facts: Any, inputs: dict[str, Any]) -> None:
    today, hours = inputs["today"], inputs["hours"]
    day = proposal.day
    assert today < day <= current_end(facts)
    anchor = last_clock_interview(facts, today)
    assert anchor is not None
    assert effective_gap(anchor, day, facts) <= MAX_GAP_DAYS
    assert day <= proposal.limit
    assert is_working_day(day, alsace_moselle=inputs["alsace_moselle"])
    assert day not in blocked_days(facts)
    assert hours.fits(day, proposal.start, proposal.minutes)
    if proposal.week is not None and proposal.covers_week:
        assert week_monday(day) == proposal.week


@settings(max_examples=200, deadline=None)
@given(planning_inputs())
def test_every_proposal_respects_every_constraint_and_none_clash(inputs: dict[str, Any]) -> None:
    plan = propose(**inputs)
    facts = {c.case_id: c.facts for c in inputs["cases"]}
    answered = [p.case_id for p in plan.proposals] + [s.case_id for s in plan.skipped]
    assert sorted(answered) == sorted(facts)
    taken = [(b.day, minutes_of(b.start), minutes_of(b.start) + b.minutes) for b in inputs["busy"]]
    for proposal in plan.proposals:
        _check(proposal, facts[proposal.case_id], inputs)
        slot = (proposal.day, minutes_of(proposal.start), proposal.end_minute)
        assert not any(_overlap(slot, other) for other in taken)
        taken.append(slot)


@settings(max_examples=120, deadline=None)
@given(planning_inputs())
def test_a_week_to_cover_is_covered_whenever_a_free_slot_allows(inputs: dict[str, Any]) -> None:
    """One case alone: when its proposal leaves its week uncovered, no slot of that week
    was allowed (brute force over every slot of the week)."""
    single = {**inputs, "cases": inputs["cases"][:1]}
    plan = propose(**single)
    if not plan.proposals:
        return
    (proposal,) = plan.proposals
    if proposal.week is None or proposal.covers_week:
        return
    facts = single["cases"][0].facts
    busy = [(b.day, minutes_of(b.start), minutes_of(b.start) + b.minutes) for b in inputs["busy"]]
    for n in range(7):
        day = proposal.week + timedelta(days=n)
        for stretch in single["hours"].stretches(day):
            for start in slot_starts(stretch, proposal.minutes, 15):
                candidate = Proposal(
                    proposal.case_id,
                    "",
                    day,
                    start,
                    proposal.minutes,
                    proposal.limit,
                    proposal.week,
                    True,
                    False,
                    "",
                )
                slot = (day, minutes_of(start), candidate.end_minute)
                try:
                    _check(candidate, facts, single)
                except AssertionError:
                    continue
                assert any(_overlap(slot, other) for other in busy), (day, start)
