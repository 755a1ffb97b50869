"""Paramètres › Horaires de travail: shown, saved, refused with the day and the rule."""

from __future__ import annotations

from datetime import time

import pytest
from pytestqt.qtbot import QtBot

from movdesk.rules.working_hours import DEFAULT_HOURS
from movdesk.services.context import Desk
from movdesk.services.working_hours import read_working_hours
from movdesk.ui.agenda.hours_group import WorkingHoursGroup
from tests.agenda_office import Office, desk, office

__all__ = ["desk", "office"]

pytestmark = pytest.mark.gui


@pytest.fixture
def group(qtbot: QtBot, desk: Desk, office: Office) -> WorkingHoursGroup:
    shown = WorkingHoursGroup(desk)
    qtbot.addWidget(shown)
    shown.referent.setCurrentIndex(shown.referent.findData(office.karim))
    return shown


def test_default_week_shown_then_a_week_of_his_own_saved(
    group: WorkingHoursGroup, desk: Desk, office: Office
) -> None:
    assert group.origin.text() == "<i>Horaires habituels du bureau</i>"
    assert [f.value() for f in group.fields[0]] == [
        time(9),
        time(12, 30),
        time(13, 30),
        time(17, 30),
    ]
    assert [f.value() for f in group.fields[5]] == [None] * 4
    monday, saturday = group.fields[0], group.fields[5]
    monday[0].set_value(time(8, 30))
    monday[1].set_value(time(12, 0))
    monday[2].set_value(None)
    monday[3].set_value(None)
    saturday[0].set_value(time(9, 0))
    saturday[1].set_value(time(12, 0))
    assert group.save()
    week = read_working_hours(desk.session_factory, [office.karim])[office.karim]
    assert week.days[0] == ((time(8, 30), time(12, 0)),)
    assert week.days[5] == ((time(9, 0), time(12, 0)),)
    assert group.saved.text() == "Horaires de Karim Haddad enregistrés."
    assert group.origin.text() == ""
    # Back to the office's usual week.
    group.default_button.click()
    assert group.save()
    assert read_working_hours(desk.session_factory, [office.karim])[office.karim] == DEFAULT_HOURS


def test_bad_hours_are_refused_naming_the_day(
    group: WorkingHoursGroup, desk: Desk, office: Office
) -> None:
    group.fields[1][2].set_value(time(18, 0))
    group.fields[1][3].set_value(time(19, 45))
    assert not group.save()
    assert "Mardi : les horaires se situent entre 08:00 et 19:00" in group.problems.text()
    assert "Rien n'a été enregistré." in group.problems.text()
    group.fields[1][3].set_value(None)
    assert not group.save()
    assert group.problems.text().startswith(
        "Mardi, après-midi : indiquez l'heure de début et l'heure de fin"
    )
    # Text that is not a time is said, never taken for an empty field.
    group.fields[1][3].setText("25h99")
    assert not group.save()
    assert group.problems.text().startswith("Mardi, après-midi : ")
    assert read_working_hours(desk.session_factory, [office.karim])[office.karim] == DEFAULT_HOURS
