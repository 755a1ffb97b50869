"""The scheduler's groups: ruptures to come on top, then by urgency, per referent; the
planned interview said beside the deadline it will close."""

from __future__ import annotations

from datetime import date, time, timedelta

from movdesk.services.context import Desk
from movdesk.services.dashboard import (
    GROUPS,
    PlannedInterview,
    group_deadlines,
    planned_for,
    read_deadline_overview,
)
from movdesk.services.schedule import DeadlineItem
from tests.agenda_office import TODAY, Office, desk, office

__all__ = ["desk", "office"]


def _item(kind: str, due: date, status: str, referent: str = "Claire Martin", case: int = 1):  # type: ignore[no-untyped-def]
    return DeadlineItem(case, f"LC-{case}", "DURAND Sophie", referent, kind, due, due, status, "x")


def test_ruptures_within_three_days_come_first_and_are_listed_once() -> None:
    today = date(2026, 5, 12)
    items = [
        _item("next_interview", today - timedelta(days=1), "overdue", case=1),  # broken
        _item("next_interview", today, "today", case=2),
        _item("next_interview", today + timedelta(days=3), "soon", case=3),
        _item("next_interview", today + timedelta(days=4), "soon", case=4),
        _item("final_report", today + timedelta(days=1), "soon", case=5),
        _item("company_period", today + timedelta(days=40), "later", "Karim Haddad", case=6),
    ]
    groups = {g.key: [i.case_id for i in g.items] for g in group_deadlines(items, today)}
    assert list(groups) == [key for key, _title in GROUPS]
    assert groups == {
        "rupture": [2, 3],
        "overdue": [1],
        "today": [],
        "soon": [4, 5],
        "later": [6],
    }
    karim = group_deadlines(items, today, referent="Karim Haddad")
    assert [(g.key, len(g.items)) for g in karim if g.items] == [("later", 1)]


def test_planned_interview_that_closes_the_deadline() -> None:
    due = date(2026, 5, 17)
    group = PlannedInterview(date(2026, 5, 13), time(14, 0), "group", 120)
    short = PlannedInterview(date(2026, 5, 14), time(9, 0), "individual", 20)
    fine = PlannedInterview(date(2026, 5, 15), time(10, 0), "individual", 45)
    planned = {1: (group, short, fine)}
    assert planned_for(_item("weekly_interview", due, "soon"), planned) is fine
    assert planned_for(_item("next_interview", due, "soon"), planned) is group
    assert planned_for(_item("weekly_interview", date(2026, 5, 14), "soon"), planned) is None
    assert planned_for(_item("final_report", due, "soon"), planned) is None
    assert fine.text() == "rendez-vous prévu le 15/05/2026 à 10:00"


def test_overview_holds_every_open_deadline_and_the_planned_ones(
    desk: Desk, office: Office
) -> None:
    overview = read_deadline_overview(desk.session_factory, TODAY)
    statuses = {i.status for i in overview.items}
    assert statuses == {"overdue", "soon", "later"}
    assert overview.overdue == 4 and overview.this_week == 3
    assert [p.kind for p in overview.planned[office.petit]] == ["group"]
    weekly = next(
        i for i in overview.items if i.case_id == office.durand and i.kind == "weekly_interview"
    )
    assert planned_for(weekly, overview.planned) == PlannedInterview(
        TODAY, time(9, 30), "individual", 45
    )
