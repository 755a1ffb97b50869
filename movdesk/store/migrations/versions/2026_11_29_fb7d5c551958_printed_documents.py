"""Printed documents: what was printed and the attached scans, report texts, settings.

* ``case_document`` gains the period a printed document covers, when and by whom it was
  printed, the SHA-256 and page count of the PDF, and the attached scan (its file in
  the attachments folder beside the database, the name it had, the day attached); its
  kind may now be ``attendance`` (an attendance sheet printed on its own). Existing
  rows keep their meaning: every new column is empty for them.
* ``case_report`` holds the free texts of a case's intermediate and final reports.
* ``document_settings`` (one row) holds the logo, the printed contact details, the
  contract's commitments, the convocation's texts and the blank rows of the sheets.

Revision ID: fb7d5c551958
Revises: 249c53ceaaa3
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "fb7d5c551958"
down_revision: str | None = "249c53ceaaa3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    "order_letter",
    "contract",
    "convocation",
    "intermediate_report",
    "intermediate_attendance",
    "final_report",
    "final_attendance",
    "employment_contract",
    "hiring_promise",
    "payslip_or_presence",
    "business_creation_proof",
    "business_survival_proof",
    "training_entry_certificate",
    "other",
)
NEW_KINDS = (*OLD_KINDS, "attendance")

#: The columns added to ``case_document``, in order.
DOCUMENT_COLUMNS = (
    ("period_start", sa.Date()),
    ("period_end", sa.Date()),
    ("generated_at", sa.DateTime()),
    ("generated_by", sa.String(length=200)),
    ("sha256", sa.String(length=64)),
    ("pages", sa.Integer()),
    ("attachment_file", sa.String(length=120)),
    ("attachment_name", sa.String(length=255)),
    ("attached_on", sa.Date()),
)


def _kind(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(
        *values,
        name="document_kind",
        native_enum=False,
        create_constraint=True,
        length=26,
    )


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
    ]


def _rebuild_case_document(
    kinds: Sequence[str], extra: Sequence[tuple[str, sa.types.TypeEngine]]
) -> None:
    """Build ``case_document`` again with ``kinds`` and the ``extra`` columns, rows kept.

    SQLite cannot change a CHECK constraint in place. The table is built afresh under
    its own name (as the models would create it) and the rows copied across, rather than
    through batch mode, whose renamed table and reflected defaults read differently from
    a table the models create.
    """
    base = ["id", "case_id", "kind", "printed_on", "signed_on", "sent_on", "received_on"]
    base += ["notes", "created_at", "updated_at"]
    op.drop_index("ix_case_document_case_id", table_name="case_document")
    op.rename_table("case_document", "_case_document_old")
    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(kinds), nullable=False),
        sa.Column("printed_on", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *(sa.Column(name, column_type, nullable=True) for name, column_type in extra),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_case_document_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_document")),
    )
    op.create_index(op.f("ix_case_document_case_id"), "case_document", ["case_id"], unique=False)
    columns = ", ".join(base)
    op.execute(f"INSERT INTO case_document ({columns}) SELECT {columns} FROM _case_document_old")
    op.drop_table("_case_document_old")


def upgrade() -> None:
    op.create_table(
        "document_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_name", sa.String(length=255), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("signature_place", sa.String(length=100), nullable=True),
        sa.Column("beneficiary_commitments", sa.Text(), nullable=True),
        sa.Column("provider_commitments", sa.Text(), nullable=True),
        sa.Column("convocation_items", sa.Text(), nullable=True),
        sa.Column("interview_place", sa.Text(), nullable=True),
        sa.Column("blank_rows", sa.Integer(), nullable=False),
        *_timestamps(),
        sa.CheckConstraint(
            "blank_rows >= 0 AND blank_rows <= 30",
            name=op.f("ck_document_settings_blank_rows_range"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_document_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_settings")),
    )
    op.create_table(
        "case_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "intermediate",
                "final",
                name="report_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("report_date", sa.Date(), nullable=True),
        sa.Column("actions_taken", sa.Text(), nullable=True),
        sa.Column("job_leads", sa.Text(), nullable=True),
        sa.Column("achievements", sa.Text(), nullable=True),
        sa.Column("next_steps", sa.Text(), nullable=True),
        sa.Column("observations", sa.Text(), nullable=True),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_case_report_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_report")),
        sa.UniqueConstraint("case_id", "kind", name="uq_case_report_case_kind"),
    )
    with op.batch_alter_table("case_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_report_case_id"), ["case_id"], unique=False)

    _rebuild_case_document(NEW_KINDS, DOCUMENT_COLUMNS)


def downgrade() -> None:
    # Sheets printed on their own were not known before: they go with the revision.
    op.execute("DELETE FROM case_document WHERE kind = 'attendance'")
    _rebuild_case_document(OLD_KINDS, ())

    with op.batch_alter_table("case_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_report_case_id"))
    op.drop_table("case_report")
    op.drop_table("document_settings")
