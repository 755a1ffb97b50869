"""No session writes a text the rules refuse, whatever form or service it comes from."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.models import Partner, Referent
from movdesk.models.enums import PartnerKind
from movdesk.services.context import Desk
from movdesk.services.orders import add_referent
from movdesk.store.engine import unit_of_work


def _names(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(Referent.full_name)))


def test_a_control_character_from_any_form_is_refused(
    session_factory: sessionmaker[Session],
) -> None:
    words = "dans le nom, en position 7 : le caractère de contrôle U\\+001B"
    with pytest.raises(UserError, match=words) as e:
        add_referent(Desk(session_factory), "Claire\x1b[2J Martin")
    assert e.value.field == "full_name"
    assert _names(session_factory) == []


def test_too_long_for_its_column(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(UserError, match="trop de caractères dans le téléphone : 41 pour 40"):
        with unit_of_work(session_factory) as session:
            session.add(Referent(full_name="Claire Martin", phone="0" * 41, active=True))
    assert _names(session_factory) == []


def test_multi_line_columns_take_line_breaks(session_factory: sessionmaker[Session]) -> None:
    with unit_of_work(session_factory) as session:
        session.add(Partner(name="CCAS de Lille", kind=PartnerKind.CCAS,
                            address="2 place Augustin-Laurent\n59000 Lille"))
    words = "dans le nom, en position 4 : le caractère de contrôle U\\+000A"
    with pytest.raises(UserError, match=words):
        with unit_of_work(session_factory) as session:
            session.add(Partner(name="CAF\nNord", kind=PartnerKind.CAF))


def test_old_text_does_not_block_an_unrelated_change(
    engine: Engine, db_location: DatabaseLocation, session_factory: sessionmaker[Session]
) -> None:
    """A name stored before the rules stays editable around: only what changes is checked."""
    assert db_location.path is not None
    with closing(sqlite3.connect(db_location.path)) as conn:
        conn.execute("INSERT INTO referent (full_name, active) VALUES ('Ancien\x07', 1)")
        conn.commit()
    with unit_of_work(session_factory) as session:
        referent = session.scalars(select(Referent)).one()
        referent.phone = "03 20 00 00 00"
    with pytest.raises(UserError, match="BEL"):
        with unit_of_work(session_factory) as session:
            session.scalars(select(Referent)).one().full_name = "Nouveau\x07"
