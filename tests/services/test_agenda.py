"""What the agenda reads, and moving an appointment: advice, clash, one undoable action."""

from __future__ import annotations

from datetime import date, time

import pytest

from movdesk.models import Interview
from movdesk.rules.working_hours import DEFAULT_HOURS
from movdesk.services.advice import Busy, clash_notes
from movdesk.services.agenda import (
    MOVE_ACTION,
    agenda_referents,
    group_members,
    move_advice,
    move_appointments,
    read_agenda,
)
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.schedule import bring_up_to_date
from movdesk.services.undo import undo_label, undo_last
from tests.agenda_office import MONDAY, TODAY, Office, desk, office

__all__ = ["desk", "office"]


def test_agenda_reads_appointments_bands_deadlines_and_hours(desk: Desk, office: Office) -> None:
    bring_up_to_date(desk.session_factory, TODAY)
    saturday = date(2026, 5, 16)
    data = read_agenda(desk.session_factory, [office.claire], MONDAY, saturday, TODAY)
    assert [r.name for r in data.referents] == ["Claire Martin"]
    by_id = {a.id: a for a in data.appointments}
    planned = by_id[office.durand_planned]
    assert (planned.day, planned.start, planned.status, planned.beneficiary) == (
        TODAY,
        time(9, 30),
        "planned",
        "DURAND Sophie",
    )
    assert office.leroy_planned not in by_id  # Karim's
    assert {a.kind for a in data.appointments if a.id in office.group} == {"group"}
    bands = {(b.kind, b.case_id): b for b in data.bands}
    assert bands[("suspension", office.petit)].label == "Suspension (congés) — PETIT Lucas"
    assert ("company_period", office.durand) not in bands  # starts on the 18th
    assert data.hours == {office.claire: DEFAULT_HOURS}
    # Claire's weekly interviews of this week are open deadlines, drawn on Friday (the
    # practical date of Sunday's due date); the 14-day limits fall within the week too.
    weekly = [d for d in data.deadlines if d.kind == "weekly_interview"]
    assert {d.day for d in weekly} == {date(2026, 5, 15)}
    assert {d.due for d in weekly} == {date(2026, 5, 17)}
    assert all(d.referent_id == office.claire for d in data.deadlines)


def test_contracting_interviews_are_listed_on_their_day(desk: Desk, office: Office) -> None:
    data = read_agenda(
        desk.session_factory, [office.karim], date(2026, 4, 13), date(2026, 4, 18), TODAY
    )
    (contracting,) = [a for a in data.appointments if a.kind == "contracting"]
    assert contracting.id == -office.leroy and contracting.day == date(2026, 4, 15)
    assert contracting.start is None and contracting.status == "attended"


def test_referents_listed_by_name_and_unknown_ids_ignored(desk: Desk, office: Office) -> None:
    assert [r.name for r in agenda_referents(desk.session_factory)] == [
        "Claire Martin",
        "Karim Haddad",
    ]
    data = read_agenda(desk.session_factory, [9999], MONDAY, TODAY, TODAY)
    assert data.referents == () and data.appointments == ()


def test_clash_notes_name_the_overlapped_appointment() -> None:
    busy = [Busy(time(9, 30), 45, "DURAND Sophie"), Busy(time(14, 0), 120, "Groupe", True)]
    assert clash_notes(time(10, 0), 45, busy) == [
        "Chevauche le rendez-vous de DURAND Sophie (09:30–10:15) du même référent"
    ]
    assert clash_notes(time(10, 15), 45, busy) == []  # back to back
    assert "le regroupement" in clash_notes(time(15, 0), 30, busy)[0]


def test_move_advice_says_holiday_clash_and_fourteen_days(desk: Desk, office: Office) -> None:
    # Onto Ascension: a public holiday.
    advice = move_advice(desk, [office.leroy_planned], on=date(2026, 5, 14), at=time(10, 0))
    assert "Jour non travaillé (jour férié)" in advice.lines
    # Onto Claire's 09:30 appointment with DURAND: Karim's own agenda is free then.
    assert not any("Chevauche" in line for line in advice.lines)
    petit_planned = group_members(desk.session_factory, office.group[1])
    assert petit_planned == list(office.group)
    clash = move_advice(desk, [office.group[1]], on=TODAY, at=time(9, 45))
    assert any("Chevauche le rendez-vous de DURAND Sophie" in line for line in clash.lines)
    # After LEROY's 14-day limit (last held 06/05: limit 20/05).
    late = move_advice(desk, [office.leroy_planned], on=date(2026, 5, 21), at=time(9, 30))
    assert "Après la date limite de la règle des 14 jours (20/05/2026)" in late.lines
    # A group session names each participant, each note once.
    group = move_advice(desk, list(office.group), on=date(2026, 5, 16), at=time(14, 0))
    assert "DURAND Sophie : Jour non travaillé (samedi)" in group.lines
    assert "PETIT Lucas : Jour non travaillé (samedi)" in group.lines


def test_moving_a_group_session_is_one_action_undone_at_once(desk: Desk, office: Office) -> None:
    move_appointments(desk, list(office.group), on=date(2026, 5, 19), at=time(15, 0))
    with desk.session_factory() as session:
        moved = [session.get(Interview, i) for i in office.group]
        assert {(i.date, i.time) for i in moved if i} == {(date(2026, 5, 19), time(15, 0))}
    assert undo_label(desk) == MOVE_ACTION
    assert undo_last(desk) == MOVE_ACTION
    with desk.session_factory() as session:
        back = [session.get(Interview, i) for i in office.group]
        assert {(i.date, i.time) for i in back if i} == {(date(2026, 5, 15), time(14, 0))}


def test_a_move_the_rules_refuse_changes_nothing(desk: Desk, office: Office) -> None:
    # Before the start of the case: refused by the rules, for the whole group.
    with pytest.raises(ValidationFailed):
        move_appointments(desk, list(office.group), on=date(2026, 3, 3), at=time(9, 0))
    with desk.session_factory() as session:
        assert {session.get(Interview, i).date for i in office.group} == {date(2026, 5, 15)}  # type: ignore[union-attr]


def test_move_advice_says_when_the_day_falls_in_a_period(desk: Desk, office: Office) -> None:
    during = move_advice(desk, [office.durand_planned], on=date(2026, 5, 19), at=time(9, 30))
    assert "Pendant une période en entreprise (du 18/05/2026 au 29/05/2026)" in during.lines
    leave = move_advice(desk, [office.group[1]], on=date(2026, 5, 12), at=time(15, 0))
    assert "Pendant une suspension (du 11/05/2026 au 13/05/2026)" in leave.lines
