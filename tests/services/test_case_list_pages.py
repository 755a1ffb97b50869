"""The case list read by pages: count, first page and keyset pages against the whole list."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import resolve_database
from movdesk.demo import fill_demo
from movdesk.models import Case, CaseStatus, CaseSummary
from movdesk.services.case_list import (
    CaseListQuery,
    SortKey,
    case_count,
    case_ids,
    case_page,
    first_page,
    referent_choices,
    rows_for,
)
from movdesk.services.summary import refresh_stale
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

from .conftest import TODAY

CASES = 300
#: Small and odd, so that pages end inside runs of equal sort values.
SIZE = 23


@pytest.fixture(scope="module")
def office(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[sessionmaker[Session]]:
    """300 demo cases, summarised but for the first five (listed last, found by name)."""
    path = tmp_path_factory.mktemp("pages") / "office.sqlite"
    shutil.copyfile(migrated_template, path)
    engine = open_database(resolve_database(str(path)), daily_backup=False)
    factory = make_session_factory(engine)
    fill_demo(factory, cases=CASES, seed=2026, today=TODAY)
    refresh_stale(factory, TODAY)
    with factory() as session, session.begin():
        first_five = select(Case.id).order_by(Case.id).limit(5).scalar_subquery()
        session.execute(delete(CaseSummary).where(CaseSummary.case_id.in_(first_five)))
    yield factory
    engine.dispose()


def _queries(factory: sessionmaker[Session]) -> list[CaseListQuery]:
    """Searches and filters of every kind, alone and together."""
    with factory() as session:
        referent = referent_choices(session)[1].id
    return [
        CaseListQuery(),
        CaseListQuery(text="ma"),  # names: index ranges
        CaseListQuery(text="lc-2"),  # inside the order number: nearly every case
        CaseListQuery(text="000 ma"),  # two words: order number and name
        CaseListQuery(text="m j"),  # two words, names only
        CaseListQuery(text="É"),  # folded: names beginning with e
        CaseListQuery(referent_id=referent),
        CaseListQuery(statuses=frozenset({CaseStatus.ACTIVE, CaseStatus.ENDED_TERM})),
        CaseListQuery(phase=1),
        CaseListQuery(late_only=True),
        CaseListQuery(text="lc-2025", statuses=frozenset({CaseStatus.ACTIVE}), phase=2),
    ]


def _paged(session: Session, query: CaseListQuery, size: int = SIZE) -> list[int]:
    """Every page of ``query`` end to end, as the list reads them while scrolling."""
    page = case_page(session, query, TODAY, size=size)
    ids = list(page.ids)
    while page.next is not None:
        assert len(page.ids) == size
        page = case_page(session, query, TODAY, after=page.next, size=size)
        ids.extend(page.ids)
    return ids


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("key", list(SortKey))
def test_pages_end_to_end_are_the_whole_list_in_the_same_order(
    office: sessionmaker[Session], key: SortKey, descending: bool
) -> None:
    for query in _queries(office):
        query = replace(query, sort=key, descending=descending)
        with office() as session:
            whole = case_ids(session, query, TODAY)
            assert _paged(session, query) == whole, query
            assert case_count(session, query, TODAY) == len(whole), query


def test_the_queries_compared_find_something_and_not_everything(
    office: sessionmaker[Session],
) -> None:
    with office() as session:
        found = [len(case_ids(session, query, TODAY)) for query in _queries(office)]
    assert found[0] == CASES
    assert all(0 < count for count in found)
    assert sum(count < CASES for count in found) >= 6
    assert max(found[1:]) > 2 * SIZE  # several pages even when filtered


def test_first_page_counts_every_match_and_holds_the_display_rows(
    office: sessionmaker[Session],
) -> None:
    with office() as session:
        for query in _queries(office):
            whole = case_ids(session, query, TODAY)
            count, page = first_page(session, query, TODAY, size=SIZE)
            assert count == len(whole)
            assert list(page.ids) == whole[:SIZE]
            assert page.rows == rows_for(session, whole[:SIZE], TODAY)
            assert (page.next is None) == (len(whole) <= SIZE)


def test_a_list_that_fits_in_one_page_has_no_next_page(office: sessionmaker[Session]) -> None:
    with office() as session:
        everything = case_ids(session, CaseListQuery(), TODAY)
        count, page = first_page(session, CaseListQuery(), TODAY, size=CASES)
        assert count == CASES and list(page.ids) == everything and page.next is None
        # One more than a page: the page says another follows, holding the last case.
        count, page = first_page(session, CaseListQuery(), TODAY, size=CASES - 1)
        assert count == CASES and page.next is not None
        last = case_page(session, CaseListQuery(), TODAY, after=page.next, size=CASES - 1)
        assert last.ids == (everything[-1],) and last.next is None
        with pytest.raises(ValueError):
            case_page(session, CaseListQuery(), TODAY, size=0)


def test_cases_without_deadline_or_summary_come_last_across_pages(
    office: sessionmaker[Session],
) -> None:
    with office() as session:
        unsummarised = set(
            session.scalars(
                select(Case.id).outerjoin(CaseSummary).where(CaseSummary.case_id.is_(None))
            )
        )
        assert len(unsummarised) == 5
        for descending in (False, True):
            ids = _paged(session, CaseListQuery(sort=SortKey.NEXT_DUE, descending=descending))
            rows = rows_for(session, ids, TODAY)
            dues = [rows[i].next_due for i in ids]
            dated = [d for d in dues if d is not None]
            assert dues[: len(dated)] == sorted(dated, reverse=descending)
            empty = ids[len(dated) :]
            assert unsummarised < set(empty)  # with the cases that have no open deadline
            assert empty == sorted(empty, reverse=descending)  # then by case id


@pytest.mark.parametrize(
    "typed",
    ["%", "_", "   ", "\u0301", "1", "12", "ma", "É", "m j", "le b", "000 ma", "lc-2025-00001"],
)
def test_the_count_is_the_length_of_the_whole_list_whatever_is_typed(
    office: sessionmaker[Session], typed: str
) -> None:
    with office() as session:
        for query in (CaseListQuery(text=typed), CaseListQuery(text=typed, late_only=True)):
            assert case_count(session, query, TODAY) == len(case_ids(session, query, TODAY))
