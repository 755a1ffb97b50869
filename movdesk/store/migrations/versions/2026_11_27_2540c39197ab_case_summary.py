"""Per-case summary for the case list: next deadline, alerts, last interview, name keys.

The table holds derived data only (``movdesk.services.summary`` computes it from the
rules), so the upgrade creates it empty: existing cases get their rows at the first
refresh, and the list shows them meanwhile through an outer join.

Revision ID: 2540c39197ab
Revises: 13ce70cbfb0c
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "2540c39197ab"
down_revision: str | None = "13ce70cbfb0c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_summary",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("next_due", sa.Date(), nullable=True),
        sa.Column("next_kind", sa.String(length=40), nullable=True),
        sa.Column("next_label", sa.String(length=200), nullable=True),
        sa.Column("last_interview", sa.Date(), nullable=True),
        sa.Column("alert_count", sa.Integer(), nullable=False),
        sa.Column("computed_on", sa.Date(), nullable=False),
        sa.Column("last_name_key", sa.String(length=100), nullable=False),
        sa.Column("first_name_key", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_case_summary_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_summary")),
    )
    with op.batch_alter_table("case_summary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_summary_computed_on"), ["computed_on"])
        batch_op.create_index(batch_op.f("ix_case_summary_first_name_key"), ["first_name_key"])
        batch_op.create_index(batch_op.f("ix_case_summary_last_name_key"), ["last_name_key"])
        batch_op.create_index(batch_op.f("ix_case_summary_next_due"), ["next_due"])


def downgrade() -> None:
    with op.batch_alter_table("case_summary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_summary_next_due"))
        batch_op.drop_index(batch_op.f("ix_case_summary_last_name_key"))
        batch_op.drop_index(batch_op.f("ix_case_summary_first_name_key"))
        batch_op.drop_index(batch_op.f("ix_case_summary_computed_on"))
    op.drop_table("case_summary")
