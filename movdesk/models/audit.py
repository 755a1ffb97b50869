"""The audit log: who changed what, when, with old and new values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, enum_column
from .enums import AuditAction


class AuditEntry(Base):
    """One change to one entity. ``changes`` maps a field to ``[old, new]`` (JSON values).

    ``case_id`` is kept without a foreign key so that the history of a case survives
    the removal of any row it speaks of.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_case_at", "case_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), nullable=False
    )
    user: Mapped[str] = mapped_column(String(200), nullable=False)
    action: Mapped[AuditAction] = mapped_column(
        enum_column(AuditAction, "audit_action"), nullable=False
    )
    entity: Mapped[str] = mapped_column(String(50), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    case_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(String(500))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
