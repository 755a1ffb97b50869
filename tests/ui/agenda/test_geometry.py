"""Pixels and back: what the agenda draws where is what a click finds (no widget needed)."""

from __future__ import annotations

from datetime import date, time, timedelta

from movdesk.rules.agenda_layout import (
    Appointment,
    Band,
    DayDeadline,
    layout_month,
    layout_week,
    week_days,
)
from movdesk.ui.agenda.geometry import Metrics, MonthGeometry, WeekGeometry
from movdesk.ui.agenda.tooltips import item_text

MONDAY = date(2026, 5, 11)
METRICS = Metrics(line=16, axis=60)


def _appt(
    number: int, day: date, at: time | None, minutes: int = 45, referent: int = 1
) -> Appointment:
    return Appointment(
        number,
        number,
        referent,
        day,
        at,
        minutes,
        "individual",
        "planned",
        f"NOM{number} Prénom",
        f"LC-{number}",
    )


def test_every_block_is_found_where_it_is_drawn_and_slots_map_back() -> None:
    items = [
        _appt(1, MONDAY, time(9, 0), 60),
        _appt(2, MONDAY, time(9, 30)),
        _appt(3, MONDAY + timedelta(days=2), time(14, 0), 90, referent=2),
    ]
    layout = layout_week(week_days(MONDAY), [1, 2], items, today=MONDAY)
    geom = WeekGeometry(layout, 1200, 800, METRICS)
    for placed in layout.placed:
        rect = geom.block_rect(placed)
        hit = geom.hit(rect.x + rect.w / 2, rect.y + rect.h / 2)
        assert hit.kind == "block" and hit.block is placed.block
    # A free slot: Wednesday, Claire's lane (the fifth: two lanes a day), 10:30.
    lane = layout.lane_of(MONDAY + timedelta(days=2), 1)
    assert lane is not None
    y = geom.y_of(10 * 60 + 37)
    hit = geom.hit(geom.lane_x(lane.index) + 5, y)
    assert (hit.kind, hit.lane, hit.minute, hit.day) == (
        "slot",
        lane.index,
        10 * 60 + 30,
        MONDAY + timedelta(days=2),
    )
    # The hours fill the height below the header, the all-day list and the bands.
    assert geom.y_of(layout.last_minute) == 800
    assert geom.hit(10, y).kind == "none"  # the time axis


def test_all_day_lines_and_more() -> None:
    deadlines = [
        DayDeadline(i, 1, MONDAY, MONDAY, "weekly_interview", "Tenir l'entretien", f"P{i}", "soon")
        for i in range(6)
    ]
    layout = layout_week([MONDAY], [1], [_appt(9, MONDAY, None)], deadlines=deadlines, today=MONDAY)
    geom = WeekGeometry(layout, 600, 600, METRICS)
    shown, rest = geom.all_day_rects(0)
    assert len(shown) + len(rest) == 7 and rest
    first_rect, first_item = shown[0]
    assert first_item.block is not None  # the untimed appointment comes first
    hit = geom.hit(first_rect.x + 3, first_rect.y + 3)
    assert hit.kind == "all_day" and hit.block is first_item.block
    more = geom.more_rect(0)
    assert geom.hit(more.x + 3, more.y + 3).hidden == tuple(rest)


def test_month_cells_lines_and_more() -> None:
    day = date(2026, 5, 13)
    items = [_appt(n, day, time(8 + n % 10, 0)) for n in range(1, 15)]
    layout = layout_month(day, items, today=day)
    geom = MonthGeometry(layout, 700, 600, METRICS)
    index = layout.cell_of(day)
    assert index is not None
    shown, rest = geom.item_rects(index)
    assert shown and rest and len(shown) + len(rest) == 14
    rect, entry = shown[0]
    hit = geom.hit(rect.x + 10, rect.y + 3)
    assert hit.kind == "block" and hit.block is entry and hit.day == day
    more = geom.more_rect(index)
    assert geom.hit(more.x + 5, more.y + 3).kind == "more"
    empty = geom.cell_rect(index + 1)
    assert geom.hit(empty.x + empty.w / 2, empty.bottom - 3).kind == "cell"


def _bands(count: int) -> list[Band]:
    return [
        Band(
            "company_period",
            number,
            100 + number,
            1,
            MONDAY,
            MONDAY + timedelta(days=4),
            f"Période en entreprise — NOM{number} Prénom",
        )
        for number in range(count)
    ]


def test_bands_beyond_the_rows_drawn_are_counted_on_their_own_line_and_listed() -> None:
    layout = layout_week(week_days(MONDAY), [1], [], bands=_bands(5), today=MONDAY)
    geom = WeekGeometry(layout, 1200, 800, METRICS)
    drawn = [r for p in layout.bands if (r := geom.band_rect(p)) is not None]
    assert len(drawn) == 3
    hidden = geom.hidden_bands(0)
    assert len(hidden) == 2
    # The count has a line of its own, under the bands drawn and above the hours.
    more = geom.band_more_rect(0)
    assert all(more.y >= r.bottom for r in drawn) and more.bottom <= geom.grid.y
    hit = geom.hit(more.x + 3, more.y + 3)
    assert hit.kind == "more" and hit.hidden == hidden
    assert item_text(hidden[0]) == (
        "Période en entreprise — NOM3 Prénom (du 11/05/2026 au 15/05/2026)"
    )
    # The hours still fill the height below.
    assert abs(geom.y_of(layout.last_minute) - 800) < 1e-6


def test_month_counts_the_bands_it_cannot_draw_in_the_cells_more() -> None:
    layout = layout_month(MONDAY, [_appt(1, MONDAY, time(9, 0))], bands=_bands(4), today=MONDAY)
    geom = MonthGeometry(layout, 700, 600, METRICS)
    index = layout.cell_of(MONDAY)
    assert index is not None
    shown, rest = geom.item_rects(index)
    assert [entry.first.id for _rect, entry in shown] == [1]  # type: ignore[union-attr]
    assert [p.band.row_id for p in rest] == [2, 3]  # type: ignore[attr-defined]
    more = geom.more_rect(index)
    hit = geom.hit(more.x + 5, more.y + 3)
    assert hit.kind == "more" and len(hit.hidden) == 2
