"""Saving a referent's working week: checked, audited, default week kept as no rows."""

from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import func, select

from movdesk.models import AuditEntry, WorkingPeriod
from movdesk.rules.working_hours import DEFAULT_HOURS
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.orders import add_referent
from movdesk.services.working_hours import (
    has_own_hours,
    read_working_hours,
    save_working_hours,
)

NONE: list[tuple[time, time]] = []


def test_a_new_referent_works_the_default_week(desk: Desk, referent_id: int) -> None:
    assert read_working_hours(desk.session_factory, [referent_id]) == {referent_id: DEFAULT_HOURS}
    assert not has_own_hours(desk, referent_id)


def test_saving_a_week_replaces_the_old_one_and_is_audited(desk: Desk, referent_id: int) -> None:
    other = add_referent(desk, "Karim Haddad")
    week = [
        [(time(8, 30), time(12, 0)), (time(13, 0), time(16, 0))],
        NONE,
        NONE,
        NONE,
        NONE,
        [(time(9, 0), time(12, 0))],
    ]
    save_working_hours(desk, referent_id, week)
    save_working_hours(desk, referent_id, week)  # saved twice: still three rows
    hours = read_working_hours(desk.session_factory, [referent_id, other])
    assert hours[referent_id].days[0] == ((time(8, 30), time(12, 0)), (time(13, 0), time(16, 0)))
    assert hours[referent_id].days[5] == ((time(9, 0), time(12, 0)),)
    assert hours[other] == DEFAULT_HOURS
    with desk.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(WorkingPeriod)) == 3
        summaries = session.scalars(select(AuditEntry.summary)).all()
    assert any("Horaires de Claire Martin : lundi 08:30–12:00, 13:00–16:00" in s for s in summaries)
    # Back to the default week: no rows left, the office's default applies again.
    save_working_hours(desk, referent_id, DEFAULT_HOURS.days)
    assert not has_own_hours(desk, referent_id)


def test_a_bad_week_is_refused_and_nothing_changes(desk: Desk, referent_id: int) -> None:
    with pytest.raises(ValidationFailed) as refusal:
        save_working_hours(
            desk, referent_id, [[(time(18, 0), time(20, 0))], NONE, NONE, NONE, NONE, NONE]
        )
    assert refusal.value.problems[0].field == "hours.lundi"
    assert not has_own_hours(desk, referent_id)
