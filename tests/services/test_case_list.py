"""The case list query: search, filters and sorting in SQL, and the rows it shows."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import Case, CaseStatus, CaseSummary, Civility
from movdesk.rules.timeline import case_end_date, effective_status, phase
from movdesk.services.case_list import (
    JULIAN_DAY_OF_ORDINAL_0,
    CaseListQuery,
    SortKey,
    case_ids,
    referent_choices,
    rows_for,
)
from movdesk.services.context import CASE_LOAD, Desk
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.services.summary import refresh_stale

from .conftest import TODAY


def _register(desk: Desk, number: str, last: str, first: str, pe_id: str) -> int:
    return register_order(
        desk,
        order_number=number,
        referent_id=1,
        start_date=date(2026, 1, 5),
        beneficiary=BeneficiaryInput(
            last_name=last, first_name=first, pe_id=pe_id, civility=Civility.MME
        ),
    )


@pytest.fixture
def office(desk: Desk, session_factory: sessionmaker[Session]) -> dict[str, int]:
    """60 demo cases, Durand Sophie (ZZ-2026-4123) and Lefèvre Hélène, summarised."""
    fill_demo(session_factory, cases=60, seed=2026, today=TODAY)
    durand = _register(desk, "ZZ-2026-4123", "Durand", "Sophie", "1234567a")
    helene = _register(desk, "ZZ-2026-4777", "Lefèvre", "Hélène", "7654321B")
    refresh_stale(session_factory, TODAY)
    return {"durand": durand, "helene": helene}


def _ids(session_factory: sessionmaker[Session], **query: object) -> list[int]:
    with session_factory() as session:
        return case_ids(session, CaseListQuery(**query), TODAY)  # type: ignore[arg-type]


def _rows(session_factory: sessionmaker[Session], **query: object) -> list:
    ids = _ids(session_factory, **query)
    with session_factory() as session:
        found = rows_for(session, ids, TODAY)
    return [found[i] for i in ids]


@pytest.mark.parametrize("typed", ["hel", "Hél", "HELENE", "lef", "LEFÈ", "hélène lef"])
def test_search_finds_a_name_beginning_whatever_the_accents_and_case(
    session_factory: sessionmaker[Session], office: dict[str, int], typed: str
) -> None:
    assert office["helene"] in _ids(session_factory, text=typed)


@pytest.mark.parametrize(
    ("typed", "who"),
    [("dur", "durand"), ("durand sophie", "durand"), ("1234567", "durand"),
     ("1234567a", "durand"), ("4123", "durand"), ("zz-2026-4777", "helene")],
)  # fmt: skip
def test_search_by_pe_identifier_and_order_number(
    session_factory: sessionmaker[Session], office: dict[str, int], typed: str, who: str
) -> None:
    found = _ids(session_factory, text=typed)
    assert office[who] in found
    rows = _rows(session_factory, text=typed)
    assert all(
        r.last_name.lower().startswith(typed.split()[0][:3])
        or r.first_name.lower().startswith(typed.split()[0][:3])
        or r.pe_id.lower().startswith(typed.lower())
        or typed.lower() in r.order_number.lower()
        for r in rows
    )


def test_search_matches_the_beginning_of_names_only_and_takes_wildcards_literally(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    assert office["durand"] not in _ids(session_factory, text="rand")
    assert _ids(session_factory, text="%") == []
    assert _ids(session_factory, text="_") == []
    assert len(_ids(session_factory, text="   ")) == 62


def test_a_case_without_summary_is_listed_and_found_by_its_stored_name(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    with session_factory() as session, session.begin():
        session.execute(delete(CaseSummary).where(CaseSummary.case_id == office["helene"]))
    assert office["helene"] in _ids(session_factory)
    assert office["helene"] in _ids(session_factory, text="Hél")
    assert office["helene"] in _ids(session_factory, text="lef")
    row = _rows(session_factory, text="7654321B")[0]
    assert row.alert_count is None and row.next_due is None


def test_filters_by_referent_status_phase_and_lateness(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    everything = _rows(session_factory)
    assert len(everything) == 62
    with session_factory() as session:
        referents = referent_choices(session)
    some = referents[1]
    mine = _rows(session_factory, referent_id=some.id)
    assert mine and {r.referent for r in mine} == {some.name}
    assert len(mine) == sum(r.referent == some.name for r in everything)

    for status in (CaseStatus.ACTIVE, CaseStatus.ENDED_TERM, CaseStatus.ORDERED):
        kept = _rows(session_factory, statuses=frozenset({status}))
        assert len(kept) == sum(r.status is status for r in everything)
    both = _rows(session_factory, statuses=frozenset({CaseStatus.ACTIVE, CaseStatus.CLOSED}))
    assert {r.status for r in both} <= {CaseStatus.ACTIVE, CaseStatus.CLOSED}

    for wanted in (1, 2):
        kept = _rows(session_factory, phase=wanted)
        assert kept and {r.phase for r in kept} == {wanted}

    late = _rows(session_factory, late_only=True)
    assert late and all(r.late for r in late)
    assert len(late) == sum(r.late for r in everything)
    combined = _rows(session_factory, referent_id=some.id, late_only=True, text="a")
    assert all(r.referent == some.name and r.late for r in combined)


def test_next_deadline_sort_puts_cases_without_one_last_both_ways(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    with session_factory() as session, session.begin():
        session.execute(delete(CaseSummary).where(CaseSummary.case_id == office["helene"]))
    for descending in (False, True):
        rows = _rows(session_factory, sort=SortKey.NEXT_DUE, descending=descending)
        dues = [r.next_due for r in rows]
        with_due = [d for d in dues if d is not None]
        assert dues[: len(with_due)] == sorted(with_due, reverse=descending)
        assert all(d is None for d in dues[len(with_due) :])
        assert rows[-1].next_due is None
        assert office["helene"] in [r.case_id for r in rows[len(with_due) :]]


@pytest.mark.parametrize(
    ("key", "value"),
    [(SortKey.ORDER_NUMBER, lambda r: r.order_number),
     (SortKey.BENEFICIARY, lambda r: (r.last_name.lower(), r.first_name.lower())),
     (SortKey.REFERENT, lambda r: r.referent),
     (SortKey.STATUS, lambda r: list(CaseStatus).index(r.status)),
     (SortKey.PHASE, lambda r: r.phase), (SortKey.DAY, lambda r: r.day),
     (SortKey.LAST_INTERVIEW, lambda r: r.last_interview),
     (SortKey.ALERTS, lambda r: r.alert_count)],
)  # fmt: skip
def test_every_column_sorts_in_sql(
    session_factory: sessionmaker[Session], office: dict[str, int], key: SortKey, value
) -> None:
    for descending in (False, True):
        values = [value(r) for r in _rows(session_factory, sort=key, descending=descending)]
        filled = [v for v in values if v is not None]
        if key is SortKey.BENEFICIARY:  # accents folded in SQL: compare the plain letters
            filled = [tuple(part.replace("è", "e").replace("é", "e") for part in v) for v in filled]
        assert filled == sorted(filled, reverse=descending), key
        assert values[len(filled) :] == [None] * (len(values) - len(filled))


def test_status_phase_and_day_follow_the_rules(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    with session_factory() as session:
        cases = session.scalars(select(Case).options(*CASE_LOAD)).all()
        rows = rows_for(session, [c.id for c in cases], TODAY)
    for case in cases:
        row = rows[case.id]
        status = effective_status(case, TODAY)
        assert row.status is status
        assert row.phase == phase(case)
        last = min(case_end_date(case, TODAY) or TODAY, TODAY)
        day = (last - case.start_date).days + 1
        if status in (CaseStatus.NO_SHOW, CaseStatus.REFUSED) or day < 1:
            assert row.day is None
        else:
            assert row.day == day
    assert {r.status for r in rows.values()} >= {CaseStatus.ACTIVE, CaseStatus.ORDERED}


@settings(max_examples=200)
@given(st.dates())
def test_today_as_a_julian_day_is_what_sqlite_reads(day: date) -> None:
    """The day number is worked out in Python once, then compared by SQLite with its
    own ``julianday()`` of each case's dates: both must count the same."""
    with sqlite3.connect(":memory:") as connection:
        (sqlite_number,) = connection.execute("SELECT julianday(?)", (day.isoformat(),)).fetchone()
    assert day.toordinal() + JULIAN_DAY_OF_ORDINAL_0 == sqlite_number


def test_rows_for_reads_only_the_ids_asked_and_skips_removed_ones(
    session_factory: sessionmaker[Session], office: dict[str, int]
) -> None:
    with session_factory() as session:
        rows = rows_for(session, [office["durand"], 99_999], TODAY)
        assert rows_for(session, [], TODAY) == {}
    assert list(rows) == [office["durand"]]
    row = rows[office["durand"]]
    assert row.beneficiary == "DURAND Sophie"
    assert row.order_number == "ZZ-2026-4123"
    assert row.next_due == date(2026, 1, 12) and row.next_status == "overdue"
    assert row.late
