"""« Suivis à faire cette semaine »: follow-ups and retention checks due, per referent."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import (
    ContractType,
    InterviewKind,
    InterviewStatus,
)
from movdesk.reports.call_list import render_call_list
from movdesk.services import call_list
from movdesk.services.call_list import (
    call_list_document,
    due_from_facts,
    due_from_schedules,
    week_call_list,
)
from movdesk.services.context import Desk
from movdesk.services.directory import EntryKind
from movdesk.services.directory_edit import EntryInput, save_entry
from movdesk.services.orders import add_referent
from movdesk.services.rows import schedule_interview
from movdesk.services.schedule import bring_up_to_date, open_deadlines

from .conftest import TODAY  # Monday 2 March 2026
from .placed import CDI, placed


def test_this_weeks_calls_then_a_recorded_follow_up_closes_its_line(
    desk: Desk, referent_id: int, session_factory: sessionmaker[Session]
) -> None:
    employer = save_entry(
        desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille")
    )
    recent = placed(
        desk,
        referent_id,
        "LC-1",
        "1111111A",
        date(2026, 2, 25),
        employment_employer_id=employer,
        employment_job_title="Vendeuse",
        **CDI,
    )
    older = placed(desk, referent_id, "LC-2", "2222222B", date(2025, 12, 1), **CDI)
    other = add_referent(desk, "Julien Lefort")
    placed(desk, other, "LC-3", "3333333C", date(2026, 2, 26), **CDI)
    # A two-month CDD is not followed.
    placed(
        desk,
        referent_id,
        "LC-4",
        "4444444D",
        date(2026, 2, 24),
        employment_contract=ContractType.CDD,
        employment_end=date(2026, 4, 23),
        employment_full_time=True,
    )

    calls = week_call_list(session_factory, TODAY)
    assert (calls.week_start, calls.week_end) == (date(2026, 3, 2), date(2026, 3, 8))
    assert [g.referent for g in calls.groups] == ["Claire Martin", "Julien Lefort"]
    lines = calls.groups[0].lines
    assert [(c.case_id, c.kind, c.due, c.status) for c in lines] == [
        (older, "retention_check", date(2026, 3, 1), "overdue"),
        (recent, "follow_up_interview", date(2026, 3, 3), "soon"),
    ]
    assert lines[1].phone == "06 39 98 12 34"
    assert lines[1].placement == "CDI — Vendeuse — Boulangerie Petit"
    assert lines[1].label == "Tenir le 1er entretien de suivi dans l'emploi ou la formation"

    only_julien = week_call_list(session_factory, TODAY, referent_id=other)
    assert [g.referent for g in only_julien.groups] == ["Julien Lefort"]

    schedule_interview(
        desk,
        recent,
        on=TODAY,
        kind=InterviewKind.FOLLOW_UP,
        status=InterviewStatus.ATTENDED,
        notes="En poste, tout va bien",
    )
    after = week_call_list(session_factory, TODAY)
    assert [c.case_id for c in after.groups[0].lines] == [older]
    deadlines = open_deadlines(session_factory, TODAY)
    assert not [d for d in deadlines if d.case_id == recent and d.kind == "follow_up_interview"]


def test_the_stored_schedules_and_the_rules_give_the_same_calls(
    session_factory: sessionmaker[Session],
) -> None:
    fill_demo(session_factory, cases=300, seed=5, today=TODAY)
    for day in (TODAY, date(2026, 3, 11), date(2026, 4, 20)):
        bring_up_to_date(session_factory, day)
        with session_factory() as session:
            stored = due_from_schedules(session, day, None)
            worked_out = due_from_facts(session, day, None)
        assert stored and sorted(stored) == sorted(worked_out)


def test_the_printed_list_has_one_part_per_referent(
    desk: Desk, referent_id: int, session_factory: sessionmaker[Session]
) -> None:
    placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    document = call_list_document(desk, TODAY)
    pages = PdfReader(io.BytesIO(render_call_list(document))).pages
    # Words as a reader sees them, whatever the cells' line breaks.
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Suivis à faire cette semaine" in text
    assert "Semaine du 02/03/2026 au 08/03/2026" in text
    assert "NOM1 Léa" in text and "LC-1" in text and "03/03/2026" in text
    assert "1er entretien de suivi" in text
    assert "Page 1 / 1" in text
    nobody = add_referent(desk, "Nadia Benali")
    empty = call_list_document(desk, TODAY, referent_id=nobody)
    nothing = PdfReader(io.BytesIO(render_call_list(empty))).pages[0].extract_text()
    assert "Aucun entretien de suivi ni maintien" in " ".join(nothing.split())
    assert "Référent : Nadia Benali" in nothing


def test_on_a_weekend_the_list_is_the_coming_weeks(
    desk: Desk, referent_id: int, session_factory: sessionmaker[Session]
) -> None:
    placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    saturday = week_call_list(session_factory, date(2026, 3, 7))
    assert (saturday.week_start, saturday.week_end) == (date(2026, 3, 9), date(2026, 3, 15))
    friday = week_call_list(session_factory, date(2026, 3, 6))
    assert (friday.week_start, friday.week_end) == (date(2026, 3, 2), date(2026, 3, 8))


def test_a_file_that_cannot_be_written_still_gives_the_list(
    desk: Desk,
    referent_id: int,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)

    def read_only(*_args: object, **_kwargs: object) -> int:
        raise OperationalError("UPDATE …", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(call_list, "bring_up_to_date", read_only)
    calls = week_call_list(session_factory, TODAY)
    assert [line.kind for line in calls.groups[0].lines] == ["follow_up_interview"]
