"""The fast loader reads only the interviews the deadlines from a day on depend on."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.rules.deadlines import all_deadlines
from movdesk.services.case_facts import load_facts, may_have_open_deadlines

DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture
def demo(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    fill_demo(session_factory, cases=150, seed=7, today=DEMO_TODAY)
    return session_factory


@pytest.mark.parametrize(
    "today",
    [date(2026, 1, 14), date(2026, 5, 31), date(2026, 9, 7), DEMO_TODAY, date(2027, 2, 1)],
)
def test_reduced_read_gives_the_same_deadlines(demo: sessionmaker[Session], today: date) -> None:
    with demo() as session:
        wanted = may_have_open_deadlines(today)
        full = load_facts(session, wanted)
        reduced = load_facts(session, wanted, deadlines_on=today)
    assert reduced.keys() == full.keys()
    expected = all_deadlines(full.values(), today)
    assert expected  # the demo has open deadlines on every one of these days
    assert all_deadlines(reduced.values(), today) == expected
    if today < DEMO_TODAY:
        return  # on a past day, the interviews "still to come" are most of the history
    # and the reduction is real: far fewer interviews than the whole history
    assert 3 * sum(len(c.interviews) for c in reduced.values()) < sum(
        len(c.interviews) for c in full.values()
    )
