"""The placements list: its SQL agrees with the rules on demo data, filters, sorts, pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Date, create_engine, literal, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import resolve_database
from movdesk.demo import fill_demo
from movdesk.models import Case, ContractingResult, ContractType, Exit, ExitReason
from movdesk.rules.calendar import add_months
from movdesk.rules.outcomes import classify_exit, earns_retention_check
from movdesk.rules.placements import PlacementKind, PlacementState, placement_state
from movdesk.rules.timeline import effective_status, follow_up_windows, phase
from movdesk.services import milestones as ms
from movdesk.services.context import CASE_LOAD, Desk
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.services.placement_sql import positive_expression, sql_add_months
from movdesk.services.placements import (
    PlacementQuery,
    PlacementSort,
    cases_without_period,
    first_rows,
    placement_page,
    placement_totals,
)
from movdesk.services.summary import refresh_summaries
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database
from tests.services.placed import CDI

TODAY = date(2026, 3, 2)
EVERYTHING = 100_000


@pytest.fixture(scope="module")
def demo(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[sessionmaker[Session]]:
    """300 demo cases, filled once for the module: these tests only read."""
    path = tmp_path_factory.mktemp("placements") / "demo.sqlite"
    shutil.copyfile(migrated_template, path)
    engine = open_database(resolve_database(str(path)), daily_backup=False)
    factory = make_session_factory(engine)
    fill_demo(factory, cases=300, seed=2026, today=TODAY)
    yield factory
    engine.dispose()


def _all(session: Session, query: PlacementQuery | None = None) -> list:
    return placement_page(session, query or PlacementQuery(), TODAY, size=EVERYTHING)


def _cases(session: Session) -> list[Case]:
    return list(session.scalars(select(Case).options(*CASE_LOAD)))


_PLAIN_SQLITE = create_engine("sqlite://")


@settings(max_examples=300, deadline=None)
@given(day=st.dates(date(2020, 1, 1), date(2030, 12, 31)), months=st.integers(0, 13))
def test_calendar_months_in_sql_are_the_rules_months(day: date, months: int) -> None:
    with _PLAIN_SQLITE.connect() as connection:
        found = connection.scalar(select(sql_add_months(literal(day, Date), months)))
    assert found == add_months(day, months)


def _exit(**values: object) -> SimpleNamespace:
    base = dict.fromkeys(
        ("employment_contract", "employment_start", "employment_end", "employment_full_time",
         "employment_hours_per_month", "training_hours_total", "training_hours_per_week",
         "training_qualifying", "training_afpr", "business_auto_entrepreneur"),
    )  # fmt: skip
    return SimpleNamespace(**{**base, "date": date(2025, 11, 30), **values})


BOUNDARIES = [
    _exit(reason="employment", employment_contract="CDD", employment_end=date(2026, 2, 27),
          employment_full_time=True),  # 30 Nov + 3 months = 28 Feb: one day short
    _exit(reason="employment", employment_contract="CDD", employment_end=date(2026, 2, 28),
          employment_full_time=True),
    _exit(reason="employment", employment_contract="interim", employment_end=date(2026, 3, 31),
          employment_full_time=False, employment_hours_per_month=78.0),
    _exit(reason="employment", employment_contract="CDI", employment_hours_per_month=78.5),
    _exit(reason="employment", employment_contract="CDI"),
    _exit(reason="employment", employment_contract="subsidised", employment_hours_per_month=20),
    _exit(reason="employment"),
    _exit(reason="training", training_qualifying=True, training_hours_total=160,
          training_hours_per_week=20),
    _exit(reason="training", training_qualifying=True, training_hours_total=159.5,
          training_hours_per_week=35),
    _exit(reason="training", training_afpr=True),
    _exit(reason="business", business_auto_entrepreneur=False),
    _exit(reason="business", business_auto_entrepreneur=True),
    _exit(reason="business"),
]  # fmt: skip


@pytest.mark.parametrize("facts", BOUNDARIES, ids=lambda f: classify_exit(f).reason)
def test_the_positive_verdict_in_sql_is_the_rules_verdict(
    session_factory: sessionmaker[Session], case_id: int, facts: SimpleNamespace
) -> None:
    with session_factory() as session:
        values = {k: v for k, v in vars(facts).items()}
        values["reason"] = ExitReason(values["reason"])
        if values["employment_contract"] is not None:
            values["employment_contract"] = ContractType(values["employment_contract"])
        session.add(Exit(case_id=case_id, **values))
        session.flush()
        found = session.scalar(select(positive_expression()).where(Exit.case_id == case_id))
    assert bool(found) is classify_exit(facts).positive


def test_every_demo_placement_agrees_with_the_rules(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        rows = {row.key: row for row in _all(session)}
        expected = {}
        for case in _cases(session):
            for period in case.company_periods:
                state = placement_state(PlacementKind.PERIOD, period.start_date,
                                        period.end_date, None, None, TODAY)  # fmt: skip
                expected[("period", period.id)] = (state, None)
            exit = case.exit
            if exit is None or not ExitReason(exit.reason).is_placement:
                continue
            kind = PlacementKind(exit.reason)
            verdict = classify_exit(exit)
            end = {PlacementKind.EMPLOYMENT: exit.employment_end,
                   PlacementKind.TRAINING: exit.training_end}.get(kind)  # fmt: skip
            state = placement_state(kind, exit.date, end, verdict.positive,
                                    exit.retained_at_3_months, TODAY)  # fmt: skip
            expected[(kind.value, exit.id)] = (state, verdict.reason)
    assert rows.keys() == expected.keys()
    assert {k: (r.state, r.verdict) for k, r in rows.items()} == expected
    # Every state and kind shows up in the demo.
    assert {r.state for r in rows.values()} == set(PlacementState)
    assert {r.kind for r in rows.values()} == set(PlacementKind)


@pytest.mark.parametrize("state", list(PlacementState))
def test_the_state_filter_in_sql_keeps_the_rules_state(
    demo: sessionmaker[Session], state: PlacementState
) -> None:
    with demo() as session:
        every = _all(session)
        kept = _all(session, PlacementQuery(states=frozenset({state})))
    assert kept and {r.key for r in kept} == {r.key for r in every if r.state is state}


def test_totals_agree_with_the_rules_engine(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        totals = placement_totals(session, PlacementQuery(), TODAY)
        exits = [c.exit for c in _cases(session)
                 if c.exit is not None and ExitReason(c.exit.reason).is_placement]  # fmt: skip
        periods = sum(len(c.company_periods) for c in _cases(session))
    measured = [e for e in exits if earns_retention_check(e) and add_months(e.date, 3) <= TODAY]
    assert totals.count == periods + len(exits)
    assert totals.exits == len(exits)
    assert totals.positive == sum(classify_exit(e).positive for e in exits)
    assert totals.measured == len(measured)
    assert totals.retained == sum(e.retained_at_3_months is True for e in measured)
    assert totals.retention_rate == round(100 * totals.retained / totals.measured, 1)


@pytest.mark.parametrize(
    "query",
    [
        PlacementQuery(kinds=frozenset({PlacementKind.EMPLOYMENT})),
        PlacementQuery(kinds=frozenset({PlacementKind.PERIOD, PlacementKind.TRAINING})),
        PlacementQuery(states=frozenset({PlacementState.FOLLOW_UP})),
        PlacementQuery(states=frozenset({PlacementState.RETAINED, PlacementState.LOST})),
        PlacementQuery(referent_id=2),
        PlacementQuery(start_from=date(2025, 10, 1), start_to=date(2025, 10, 31)),
        PlacementQuery(start_from=date(2026, 1, 1)),
    ],
    ids=["emploi", "periodes-formations", "en-suivi", "maintien", "referent", "mois", "depuis"],
)
def test_filters_keep_what_they_say_and_totals_follow(
    demo: sessionmaker[Session], query: PlacementQuery
) -> None:
    with demo() as session:
        every = _all(session)
        referents = dict(session.execute(select(Case.id, Case.referent_id)).all())
        kept = _all(session, query)
        totals = placement_totals(session, query, TODAY)

    def wanted(row) -> bool:
        return (
            (not query.kinds or row.kind in query.kinds)
            and (not query.states or row.state in query.states)
            and (query.referent_id is None or referents[row.case_id] == query.referent_id)
            and (query.start_from is None or row.start >= query.start_from)
            and (query.start_to is None or row.start <= query.start_to)
        )

    assert kept and {r.key for r in kept} == {r.key for r in every if wanted(r)}
    assert totals.count == len(kept)
    assert totals.positive == sum(bool(r.positive) for r in kept)


@pytest.mark.parametrize("sort", list(PlacementSort))
def test_every_column_sorts_both_ways_and_pages_join_up(
    demo: sessionmaker[Session], sort: PlacementSort
) -> None:
    for descending in (False, True):
        _sorts_and_pages(demo, PlacementQuery(sort=sort, descending=descending))


def _sorts_and_pages(demo: sessionmaker[Session], query: PlacementQuery) -> None:
    sort, descending = query.sort, query.descending
    with demo() as session:
        whole = _all(session, query)
        pages = []
        for offset in range(0, len(whole), 97):
            pages += placement_page(session, query, TODAY, offset=offset, size=97)
    assert [r.key for r in pages] == [r.key for r in whole]
    value = {
        PlacementSort.START: lambda r: r.start,
        PlacementSort.ORDER_NUMBER: lambda r: r.order_number,
        PlacementSort.REFERENT: lambda r: r.referent,
        PlacementSort.STATE: lambda r: list(PlacementState).index(r.state),
        PlacementSort.KIND: lambda r: list(PlacementKind).index(r.kind),
    }.get(sort)
    if value is not None:
        shown = [value(r) for r in whole]
        assert shown == sorted(shown, reverse=descending)


def test_first_rows_give_the_totals_and_a_page(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        view = first_rows(session, PlacementQuery(), TODAY, size=50)
        assert len(view.rows) == 50 and view.totals.count > 50
        empty = first_rows(session, PlacementQuery(start_from=date(2030, 1, 1)), TODAY)
        assert (empty.rows, empty.totals.count) == ([], 0)


def test_cases_in_phase_2_without_a_period_are_the_flagged_ones(
    demo: sessionmaker[Session],
) -> None:
    with demo() as session:
        found = {m.case_id for m in cases_without_period(session, TODAY)}
        expected = {
            c.id
            for c in _cases(session)
            if effective_status(c, TODAY).value == "active"
            and phase(c) == 2
            and not any(p.days >= 7 for p in c.company_periods)
        }
    assert found == expected and found


def test_follow_up_windows_are_those_of_the_case_file(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        followed = [r for r in _all(session) if r.positive]
        cases = {c.id: c for c in _cases(session)}
    assert followed
    for row in followed:
        assert list(row.windows) == follow_up_windows(cases[row.case_id])
        if row.retention_due is not None:
            assert row.retention_due == add_months(row.start, 3)
    assert any(w.done for r in followed for w in r.windows)


def test_beneficiaries_sort_as_the_case_list_sorts_them_accents_ignored(
    desk: Desk, referent_id: int, session_factory: sessionmaker[Session]
) -> None:
    """« ÉTIENNE » comes between « DURAND » and « FAURE », not after them."""
    ids = []
    for number, last_name in enumerate(("FAURE", "ÉTIENNE", "DURAND"), start=1):
        ids.append(
            register_order(
                desk,
                order_number=f"LC-{number}",
                referent_id=referent_id,
                start_date=date(2025, 10, 6),
                end_date=date(2026, 4, 3),
                beneficiary=BeneficiaryInput(
                    last_name=last_name, first_name="Léa", pe_id=f"{number}111111A"
                ),
            )
        )
        ms.record_contracting(desk, ids[-1], on=date(2025, 10, 7), result=ContractingResult.SIGNED)
        ms.record_exit(
            desk,
            ids[-1],
            ms.ExitInput(date=date(2026, 1, 5), reason=ExitReason.EMPLOYMENT, **CDI),
        )
    with session_factory() as session:
        refresh_summaries(session, ids, TODAY)
        session.commit()
        for descending in (False, True):
            query = PlacementQuery(sort=PlacementSort.BENEFICIARY, descending=descending)
            names = [r.last_name for r in _all(session, query)]
            expected = ["DURAND", "ÉTIENNE", "FAURE"]
            assert names == (expected[::-1] if descending else expected)
