"""The agenda's layout: right day and lane, overlaps side by side, groups once, bands, month."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st

from movdesk.rules.agenda_layout import (
    MAX_COLUMNS,
    Appointment,
    Band,
    DayDeadline,
    layout_month,
    layout_week,
    make_blocks,
    month_days,
    stack_rows,
    week_days,
)

MONDAY = date(2026, 5, 11)  # the week of Ascension (Thursday 14 May)
TODAY = date(2026, 5, 12)
_ids = count(1)


def appt(
    day: date,
    at: time | None,
    minutes: int = 45,
    *,
    referent: int = 1,
    kind: str = "individual",
    status: str = "planned",
    case: int | None = None,
    name: str = "DURAND Sophie",
) -> Appointment:
    number = next(_ids)
    return Appointment(
        id=number,
        case_id=case if case is not None else number,
        referent_id=referent,
        day=day,
        start=at,
        minutes=minutes,
        kind=kind,
        status=status,
        beneficiary=name,
        order_number=f"LC-{number}",
    )


def test_week_is_monday_to_saturday_and_month_is_whole_weeks() -> None:
    assert week_days(date(2026, 5, 14)) == [MONDAY + timedelta(days=i) for i in range(6)]
    days = month_days(date(2026, 5, 20))
    assert days[0] == date(2026, 4, 27) and days[-1] == date(2026, 5, 31)
    assert len(days) % 7 == 0 and all(d.weekday() == i % 7 for i, d in enumerate(days))
    # A month starting on a Monday and needing six rows: March 2026 starts on a Sunday.
    march = month_days(date(2026, 3, 1))
    assert march[0] == date(2026, 2, 23) and len(march) == 42


def test_appointment_lands_on_its_day_lane_and_minutes() -> None:
    tuesday = MONDAY + timedelta(days=1)
    item = appt(tuesday, time(9, 30))
    layout = layout_week(week_days(MONDAY), [1], [item], today=TODAY)
    (placed,) = layout.placed
    assert layout.lanes[placed.lane].day == tuesday
    assert (placed.top, placed.bottom) == (9 * 60 + 30, 10 * 60 + 15)
    assert (placed.column, placed.columns) == (0, 1)
    assert layout.days[1].today and not layout.days[0].today


def test_holidays_and_weekends_are_named_and_marked() -> None:
    layout = layout_week(week_days(MONDAY), [1], [], today=TODAY)
    thursday, saturday = layout.days[3], layout.days[5]
    assert thursday.holiday == "Ascension" and thursday.off
    assert saturday.weekend and saturday.holiday is None and saturday.off
    assert not layout.days[0].off
    alsace = layout_week(week_days(date(2026, 4, 3)), [1], [], today=TODAY, alsace_moselle=True)
    assert alsace.days[4].holiday == "Vendredi saint"
    assert layout_week(week_days(date(2026, 4, 3)), [1], [], today=TODAY).days[4].holiday is None


def test_several_referents_side_by_side_day_first() -> None:
    a = appt(MONDAY, time(10, 0), referent=7)
    b = appt(MONDAY, time(10, 0), referent=9)
    layout = layout_week(week_days(MONDAY), [7, 9], [a, b], today=TODAY)
    assert [(lane.day, lane.referent_id) for lane in layout.lanes[:3]] == [
        (MONDAY, 7),
        (MONDAY, 9),
        (MONDAY + timedelta(days=1), 7),
    ]
    lanes = {p.block.first.referent_id: p.lane for p in layout.placed}
    assert lanes == {7: 0, 9: 1}
    # Two referents at the same hour do not share columns: each has its own lane.
    assert all(p.columns == 1 for p in layout.placed)


def test_overlapping_appointments_share_the_width_and_never_overlap() -> None:
    items = [
        appt(MONDAY, time(9, 0), 60),
        appt(MONDAY, time(9, 30), 60),
        appt(MONDAY, time(10, 0), 30),  # free column 0 again at 10:00
        appt(MONDAY, time(14, 0), 45),  # a new cluster
    ]
    layout = layout_week(week_days(MONDAY), [1], items, today=TODAY)
    by_id = {p.block.key: p for p in layout.placed}
    first, second, third, afternoon = (by_id[i.id] for i in items)
    assert (first.column, second.column, third.column) == (0, 1, 0)
    assert first.columns == second.columns == third.columns == 2
    assert (afternoon.column, afternoon.columns) == (0, 1)


def test_more_overlaps_than_columns_are_counted_not_drawn() -> None:
    items = [appt(MONDAY, time(9, 0), 60) for _ in range(MAX_COLUMNS + 3)]
    layout = layout_week(week_days(MONDAY), [1], items, today=TODAY)
    assert len(layout.placed) == MAX_COLUMNS
    (overflow,) = layout.overflows
    assert len(overflow.hidden) == 3 and overflow.top == 9 * 60


def test_group_session_is_one_block_with_its_participants() -> None:
    members = [
        appt(MONDAY, time(14, 0), 120, kind="group", status=s, name=n)
        for s, n in (("planned", "A"), ("planned", "B"), ("excused", "C"))
    ]
    other = appt(MONDAY, time(14, 0), 120, kind="group", referent=2)
    blocks = make_blocks([*members, other])
    assert len(blocks) == 2
    group = next(b for b in blocks if b.referent_id == 1)
    assert [m.beneficiary for m in group.members] == ["A", "B", "C"]
    assert group.is_group and group.status == "mixed"
    layout = layout_week(week_days(MONDAY), [1], members, today=TODAY)
    assert len(layout.placed) == 1 and layout.placed[0].columns == 1


def test_outside_the_day_and_untimed_go_to_the_all_day_list() -> None:
    early = appt(MONDAY, time(7, 0), 30)
    late_start = appt(MONDAY, time(18, 30), 60)  # cut at 19:00, still drawn
    untimed = appt(MONDAY, None)
    layout = layout_week(week_days(MONDAY), [1], [early, late_start, untimed], today=TODAY)
    drawn = {p.block.key: p for p in layout.placed}
    assert set(drawn) == {late_start.id}
    assert drawn[late_start.id].cut_after and drawn[late_start.id].bottom == 19 * 60
    listed = {item.block.key for item in layout.all_day if item.block is not None}
    assert listed == {early.id, untimed.id}


def test_deadlines_go_in_the_lane_of_their_day_and_referent() -> None:
    friday, sunday = MONDAY + timedelta(days=4), MONDAY + timedelta(days=6)
    deadline = DayDeadline(
        5, 2, friday, sunday, "weekly_interview", "Tenir l'entretien", "DURAND Sophie", "soon"
    )
    layout = layout_week(week_days(MONDAY), [1, 2], [], deadlines=[deadline], today=TODAY)
    (item,) = layout.all_day
    lane = layout.lanes[item.lane]
    assert (lane.day, lane.referent_id) == (MONDAY + timedelta(days=4), 2)


def test_bands_are_cut_into_runs_of_lanes_and_stacked() -> None:
    days = week_days(MONDAY)
    long = Band(
        "suspension", 1, 10, 1, MONDAY - timedelta(days=3), MONDAY + timedelta(days=2), "Maladie"
    )
    short = Band(
        "company_period", 2, 11, 1, MONDAY + timedelta(days=1), MONDAY + timedelta(days=8), "PMSMP"
    )
    single = layout_week(days, [1], [], bands=[long, short], today=TODAY)
    pieces = {p.band.row_id: p for p in single.bands}
    assert (pieces[1].first, pieces[1].last, pieces[1].continues_before) == (0, 2, True)
    assert (pieces[2].first, pieces[2].last, pieces[2].continues_after) == (1, 5, True)
    assert pieces[1].row != pieces[2].row and single.band_rows == 2
    # Two referents: lanes alternate, so a band is one piece per day.
    double = layout_week(days, [1, 2], [], bands=[long], today=TODAY)
    assert [(p.first, p.last) for p in double.bands] == [(0, 0), (2, 2), (4, 4)]


def test_month_cells_list_blocks_by_time_with_bands_by_week_row() -> None:
    items = [appt(MONDAY, time(15, 0)), appt(MONDAY, time(9, 0)), appt(MONDAY, None)]
    band = Band("suspension", 1, 10, 1, date(2026, 5, 9), date(2026, 5, 12), "Congés")
    month = layout_month(MONDAY, items, bands=[band], today=TODAY)
    index = month.cell_of(MONDAY)
    assert index is not None
    cell = month.cells[index]
    assert [b.start_minute for b in cell.blocks] == [9 * 60, 15 * 60, None]
    assert month.cells[0].info.day == date(2026, 4, 27) and not month.cells[0].in_month
    assert [(p.first % 7, p.last % 7) for p in month.bands] == [(5, 6), (0, 1)]
    assert month.cells[month.cell_of(date(2026, 5, 14))].info.holiday == "Ascension"  # type: ignore[index]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(8 * 4, 19 * 4 - 1), st.integers(1, 12)),
        min_size=1,
        max_size=25,
    )
)
def test_drawn_blocks_of_a_lane_never_overlap(slots: list[tuple[int, int]]) -> None:
    items = [appt(MONDAY, time(q // 4, q % 4 * 15), n * 15) for q, n in slots]
    layout = layout_week([MONDAY], [1], items, today=TODAY)
    drawn = sorted(layout.placed, key=lambda p: p.top)
    hidden = sum(len(o.hidden) for o in layout.overflows)
    assert len(drawn) + hidden == len(items)
    for a in drawn:
        assert 0 <= a.column < a.columns <= MAX_COLUMNS
        for b in drawn:
            if a is not b and a.column == b.column:
                assert a.bottom <= b.top or b.bottom <= a.top


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 15)), max_size=30))
def test_stacked_spans_sharing_a_day_never_share_a_row(spans: list[tuple[int, int]]) -> None:
    base = date(2026, 1, 1)
    dated = [(base + timedelta(days=s), base + timedelta(days=s + n)) for s, n in spans]
    rows = stack_rows(dated)
    for i, (a_start, a_end) in enumerate(dated):
        for j, (b_start, b_end) in enumerate(dated):
            if i < j and rows[i] == rows[j]:
                assert a_end < b_start or b_end < a_start
