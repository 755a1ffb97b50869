"""Initial schema: every table of the movdesk data model.

Enum columns are stored as text with a CHECK constraint listing their values, named
``ck_<table>_<enum name>`` by ``movdesk.models.base.NAMING_CONVENTION`` (which Alembic
takes from the target metadata); every other constraint and index carries its final
name here (``op.f``), so later batch migrations can find them.

Revision ID: 13ce70cbfb0c
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "13ce70cbfb0c"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("entity", sa.String(length=50), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(length=500), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_case_at", ["case_id", "at"], unique=False)

    op.create_table(
        "beneficiary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "civility",
            sa.Enum("Mme", "M.", name="civility", native_enum=False, create_constraint=True),
            nullable=True,
        ),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("pe_id", sa.String(length=8), nullable=False),
        sa.Column("category", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
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
        sa.CheckConstraint("category IN (1, 2, 3)", name=op.f("ck_beneficiary_category_1_2_3")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beneficiary")),
        sa.UniqueConstraint("pe_id", name=op.f("uq_beneficiary_pe_id")),
    )
    with op.batch_alter_table("beneficiary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beneficiary_last_name"), ["last_name"], unique=False)

    op.create_table(
        "employer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("sector", sa.String(length=200), nullable=True),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
        sa.UniqueConstraint("name", name=op.f("uq_employer_name")),
    )
    op.create_table(
        "office_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("siret", sa.String(length=14), nullable=True),
        sa.Column("market_number", sa.String(length=100), nullable=True),
        sa.Column("price_per_case_cents", sa.Integer(), nullable=False),
        sa.Column("alsace_moselle", sa.Boolean(), nullable=False),
        sa.Column("configured", sa.Boolean(), nullable=False),
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
        sa.CheckConstraint("id = 1", name=op.f("ck_office_settings_single_row")),
        sa.CheckConstraint(
            "price_per_case_cents >= 0", name=op.f("ck_office_settings_price_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_settings")),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "ccas",
                "caf",
                "cpam",
                "mdph",
                "social_services",
                "association",
                "training_body",
                "other",
                name="partner_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("name", name=op.f("uq_partner_name")),
    )
    op.create_table(
        "referent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referent")),
        sa.UniqueConstraint("full_name", name=op.f("uq_referent_full_name")),
    )
    op.create_table(
        "mov_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=50), nullable=False),
        sa.Column("beneficiary_id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=True),
        sa.Column("counsellor", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ordered",
                "no_show",
                "refused",
                "active",
                "follow_up",
                "ended_term",
                "interrupted",
                "closed",
                name="case_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("contracting_date", sa.Date(), nullable=True),
        sa.Column(
            "contracting_result",
            sa.Enum(
                "signed",
                "refused",
                "no_show",
                name="contracting_result",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("contract_sent_date", sa.Date(), nullable=True),
        sa.Column("refusal_notice_date", sa.Date(), nullable=True),
        sa.Column("phase2_start", sa.Date(), nullable=True),
        sa.Column("offers_subscription_date", sa.Date(), nullable=True),
        sa.Column("online_profile_date", sa.Date(), nullable=True),
        sa.Column("renewal_envisaged", sa.Boolean(), nullable=False),
        sa.Column("renewal_decision_date", sa.Date(), nullable=True),
        sa.Column("renewal_new_end_date", sa.Date(), nullable=True),
        sa.Column("intermediate_sent_date", sa.Date(), nullable=True),
        sa.Column("final_sent_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_mov_case_end_after_start")),
        sa.CheckConstraint(
            "renewal_new_end_date IS NULL OR renewal_decision_date IS NOT NULL",
            name=op.f("ck_mov_case_renewal_needs_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["beneficiary_id"],
            ["beneficiary.id"],
            name=op.f("fk_mov_case_beneficiary_id_beneficiary"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["referent_id"],
            ["referent.id"],
            name=op.f("fk_mov_case_referent_id_referent"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mov_case")),
        sa.UniqueConstraint("order_number", name=op.f("uq_mov_case_order_number")),
    )
    with op.batch_alter_table("mov_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mov_case_beneficiary_id"), ["beneficiary_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mov_case_referent_id"), ["referent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mov_case_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_mov_case_status"), ["status"], unique=False)

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "step",
            sa.Enum(
                "social",
                "targets",
                "job_search",
                name="action_step",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "in_progress",
                "done",
                "cancelled",
                name="action_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_action_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_action_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_case_id"), ["case_id"], unique=False)

    op.create_table(
        "barrier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "health",
                "disability",
                "debt",
                "housing",
                "family",
                "mobility",
                "language",
                "digital",
                "legal",
                "other",
                name="barrier_category",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "identified",
                "in_progress",
                "lifted",
                name="barrier_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("identified_on", sa.Date(), nullable=True),
        sa.Column("lifted_on", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_barrier_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_barrier_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barrier")),
    )
    with op.batch_alter_table("barrier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_barrier_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
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
                name="document_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("printed_on", sa.Date(), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_case_document_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_document")),
    )
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_document_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_exit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column(
            "reason",
            sa.Enum(
                "employment",
                "training",
                "business",
                "term",
                "rule_14_days",
                "abandon",
                "moved",
                "health",
                "other",
                name="exit_reason",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("notice_sent_date", sa.Date(), nullable=True),
        sa.Column(
            "employment_contract",
            sa.Enum(
                "CDI",
                "CDD",
                "interim",
                "subsidised",
                name="contract_type",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("employment_start", sa.Date(), nullable=True),
        sa.Column("employment_end", sa.Date(), nullable=True),
        sa.Column("employment_full_time", sa.Boolean(), nullable=True),
        sa.Column("employment_hours_per_month", sa.Float(), nullable=True),
        sa.Column("employment_employer_id", sa.Integer(), nullable=True),
        sa.Column("employment_job_title", sa.String(length=200), nullable=True),
        sa.Column("training_hours_total", sa.Float(), nullable=True),
        sa.Column("training_hours_per_week", sa.Float(), nullable=True),
        sa.Column("training_qualifying", sa.Boolean(), nullable=True),
        sa.Column("training_afpr", sa.Boolean(), nullable=True),
        sa.Column("training_start", sa.Date(), nullable=True),
        sa.Column("training_end", sa.Date(), nullable=True),
        sa.Column("training_title", sa.String(length=200), nullable=True),
        sa.Column("training_organisation", sa.String(length=200), nullable=True),
        sa.Column("business_auto_entrepreneur", sa.Boolean(), nullable=True),
        sa.Column("business_start", sa.Date(), nullable=True),
        sa.Column("business_name", sa.String(length=200), nullable=True),
        sa.Column("retained_at_3_months", sa.Boolean(), nullable=True),
        sa.Column("retention_recorded_on", sa.Date(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_case_exit_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employment_employer_id"],
            ["employer.id"],
            name=op.f("fk_case_exit_employment_employer_id_employer"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_exit")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_exit_case_id")),
    )
    op.create_table(
        "interview",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "contracting",
                "individual",
                "group",
                "phone",
                "follow_up",
                name="interview_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "attended",
                "absent",
                "excused",
                name="interview_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("employer_id", sa.Integer(), nullable=True),
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
            "minutes > 0 AND minutes <= 600", name=op.f("ck_interview_minutes_range")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_interview_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_interview_employer_id_employer"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_interview_partner_id_partner"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview")),
    )
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.create_index("ix_interview_case_date", ["case_id", "date"], unique=False)

    op.create_table(
        "job_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("rome", sa.String(length=5), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_job_target_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_target")),
    )
    with op.batch_alter_table("job_target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_target_case_id"), ["case_id"], unique=False)

    op.create_table(
        "payment_tranche",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "tranche",
            sa.Enum(
                "T1", "T2", "T3", "early", name="tranche", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("invoice_number", sa.String(length=50), nullable=True),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("paid_date", sa.Date(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_payment_tranche_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_tranche")),
        sa.UniqueConstraint("case_id", "tranche", name="uq_payment_tranche_case"),
    )
    with op.batch_alter_table("payment_tranche", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_tranche_case_id"), ["case_id"], unique=False)

    op.create_table(
        "referent_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("referent_id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_referent_assignment_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referent_id"],
            ["referent.id"],
            name=op.f("fk_referent_assignment_referent_id_referent"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referent_assignment")),
    )
    with op.batch_alter_table("referent_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referent_assignment_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "ordered",
                "no_show",
                "refused",
                "active",
                "follow_up",
                "ended_term",
                "interrupted",
                "closed",
                name="from_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "ordered",
                "no_show",
                "refused",
                "active",
                "follow_up",
                "ended_term",
                "interrupted",
                "closed",
                name="to_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(),
            server_default=sa.func.current_timestamp(),
            nullable=False,
        ),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_status_change_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_change")),
    )
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_change_case_id"), ["case_id"], unique=False)

    op.create_table(
        "suspension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "sickness",
                "leave",
                name="suspension_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
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
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_suspension_end_after_start")),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_suspension_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspension")),
    )
    with op.batch_alter_table("suspension", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_suspension_case_id"), ["case_id"], unique=False)

    op.create_table(
        "company_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("job_title", sa.String(length=200), nullable=True),
        sa.Column("rome", sa.String(length=5), nullable=True),
        sa.Column("job_target_id", sa.Integer(), nullable=True),
        sa.Column("evaluation", sa.Text(), nullable=True),
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
            "end_date >= start_date", name=op.f("ck_company_period_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["mov_case.id"],
            name=op.f("fk_company_period_case_id_mov_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_company_period_employer_id_employer"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["job_target_id"],
            ["job_target.id"],
            name=op.f("fk_company_period_job_target_id_job_target"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_period")),
    )
    with op.batch_alter_table("company_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_company_period_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("company_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_company_period_case_id"))

    op.drop_table("company_period")
    with op.batch_alter_table("suspension", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suspension_case_id"))

    op.drop_table("suspension")
    with op.batch_alter_table("status_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_change_case_id"))

    op.drop_table("status_change")
    with op.batch_alter_table("referent_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referent_assignment_case_id"))

    op.drop_table("referent_assignment")
    with op.batch_alter_table("payment_tranche", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_tranche_case_id"))

    op.drop_table("payment_tranche")
    with op.batch_alter_table("job_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_target_case_id"))

    op.drop_table("job_target")
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_index("ix_interview_case_date")

    op.drop_table("interview")
    op.drop_table("case_exit")
    with op.batch_alter_table("case_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_document_case_id"))

    op.drop_table("case_document")
    with op.batch_alter_table("barrier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_barrier_case_id"))

    op.drop_table("barrier")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_case_id"))

    op.drop_table("action")
    with op.batch_alter_table("mov_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mov_case_status"))
        batch_op.drop_index(batch_op.f("ix_mov_case_start_date"))
        batch_op.drop_index(batch_op.f("ix_mov_case_referent_id"))
        batch_op.drop_index(batch_op.f("ix_mov_case_beneficiary_id"))

    op.drop_table("mov_case")
    op.drop_table("referent")
    op.drop_table("partner")
    op.drop_table("office_settings")
    op.drop_table("employer")
    with op.batch_alter_table("beneficiary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beneficiary_last_name"))

    op.drop_table("beneficiary")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_case_at")

    op.drop_table("audit_log")
