"""Working hours of each referent (horaires de travail), read by the planning help.

A new table only: a referent without rows keeps the office's default hours, so the
upgrade writes nothing.

Revision ID: 249c53ceaaa3
Revises: 97a446b5521b
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "249c53ceaaa3"
down_revision: str | None = "97a446b5521b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "working_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.CheckConstraint(
            "end_time > start_time", name=op.f("ck_working_period_end_after_start")
        ),
        sa.CheckConstraint(
            "weekday >= 0 AND weekday <= 5", name=op.f("ck_working_period_monday_to_saturday")
        ),
        sa.ForeignKeyConstraint(
            ["referent_id"],
            ["referent.id"],
            name=op.f("fk_working_period_referent_id_referent"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_period")),
    )
    with op.batch_alter_table("working_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_working_period_referent_id"), ["referent_id"])


def downgrade() -> None:
    with op.batch_alter_table("working_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_period_referent_id"))
    op.drop_table("working_period")
