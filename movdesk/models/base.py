"""Declarative base shared by every entity, with the constraint naming convention.

The naming convention gives every index and constraint a stable name, so that
Alembic migrations (run in batch mode on SQLite) can find and alter them.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Root of every movdesk entity."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def enum_column(enum_cls: type[enum.Enum], name: str) -> Enum:
    """A portable enum column storing the member *values* as text, checked in the database."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(str(m.value)) for m in enum_cls),
        values_callable=lambda members: [str(m.value) for m in members],
    )


class Timestamped:
    """Creation and last-change times, filled by the database."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime,
        server_default=func.current_timestamp(),
        onupdate=func.current_timestamp(),
        nullable=False,
    )


def column_values(obj: Any) -> dict[str, Any]:
    """The persisted column values of an entity, by attribute name (used by the audit log)."""
    mapper = obj.__mapper__
    return {attr.key: getattr(obj, attr.key) for attr in mapper.column_attrs}
