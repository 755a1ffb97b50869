"""Stored deadline schedule of each case, dropped by triggers when its facts change.

Both tables hold derived data (``movdesk.services.schedule`` computes them from the
rules), so the upgrade creates them empty: every case is worked out at the first read.
The triggers delete a case's ``deadline_schedule`` row on any change of its case row,
interviews, suspensions, company periods or exit; its ``scheduled_deadline`` rows go
with it by cascade.

Revision ID: 97a446b5521b
Revises: 2540c39197ab
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "97a446b5521b"
down_revision: str | None = "2540c39197ab"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FACT_TABLES = ("interview", "suspension", "company_period", "case_exit")
_FORGET = "DELETE FROM deadline_schedule WHERE case_id IN ({});"


def _triggers() -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement), as the models wrote them at this revision."""
    found = [
        (
            "trg_mov_case_update_schedule",
            "CREATE TRIGGER trg_mov_case_update_schedule AFTER UPDATE ON mov_case\n"
            f"BEGIN {_FORGET.format('NEW.id')} END",
        )
    ]
    for table in _FACT_TABLES:
        for event, ids in (
            ("insert", "NEW.case_id"),
            ("update", "OLD.case_id, NEW.case_id"),
            ("delete", "OLD.case_id"),
        ):
            name = f"trg_{table}_{event}_schedule"
            found.append(
                (
                    name,
                    f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table}\n"
                    f"BEGIN {_FORGET.format(ids)} END",
                )
            )
    return found


def upgrade() -> None:
    op.create_table(
        "deadline_schedule",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_deadline_schedule_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_deadline_schedule")),
    )
    op.create_table(
        "scheduled_deadline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("open_from", sa.Date(), nullable=True),
        sa.Column("open_until", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["deadline_schedule.case_id"],
            name=op.f("fk_scheduled_deadline_case_id_deadline_schedule"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_deadline")),
    )
    with op.batch_alter_table("scheduled_deadline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduled_deadline_case_id"), ["case_id"])
    for _name, statement in _triggers():
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in _triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("scheduled_deadline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduled_deadline_case_id"))
    op.drop_table("scheduled_deadline")
    op.drop_table("deadline_schedule")
