"""The directory, company-period evaluation, partner requests and the ROME titles.

* ``employer`` and ``partner``: names are no longer unique (two companies may share a
  name in two towns; duplicates are found on entry by SIRET, or by name and town);
  ``postcode`` and ``town`` get their own columns, taken from the last line of the
  address when it reads ``59000 Lille``; partners get a ``siret``.
* ``directory_contact``: the people to call at an employer or a partner.
* ``company_period``: tutor, objectives and the end-of-period evaluation (skills
  observed, decision about the job target). Batch mode may rebuild the table, which
  loses its triggers: they are created again.
* ``barrier``: the request handed to a partner (date, follow-up date, closed on); the
  barrier becomes a fact of the deadline rules (partner follow-ups), so it gets the
  triggers that drop its case's stored deadline schedule.
* ``rome_job``: the job titles the office knows with their ROME code; the titles and
  codes already typed in job targets and company periods are remembered there.

Revision ID: c26877ec35a6
Revises: fb7d5c551958
Create Date: 2026-11-29
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c26877ec35a6"
down_revision: str | None = "fb7d5c551958"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FORGET = "DELETE FROM deadline_schedule WHERE case_id IN ({});"
_TOWN_LINE = re.compile(r"^\s*(\d{5})\s+(\S.*?)\s*$")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


# The four changed tables, written exactly as the models create them (the schema test
# compares the statements line by line), with the columns they had before.
_EMPLOYER = """
CREATE TABLE employer (
\tid INTEGER NOT NULL,
\tname VARCHAR(200) NOT NULL,
\tsiret VARCHAR(14),
\tsector VARCHAR(200),
\tcontact_name VARCHAR(200),
\tphone VARCHAR(40),
\temail VARCHAR(200),
\taddress TEXT,
\tnotes TEXT,
\tpostcode VARCHAR(10),
\ttown VARCHAR(100),
\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tupdated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tCONSTRAINT pk_employer PRIMARY KEY (id)
)
"""
_EMPLOYER_BEFORE = (
    "id", "name", "siret", "sector", "contact_name", "phone", "email", "address", "notes",
    "created_at", "updated_at",
)  # fmt: skip
_PARTNER = """
CREATE TABLE partner (
\tid INTEGER NOT NULL,
\tname VARCHAR(200) NOT NULL,
\tkind VARCHAR(15) NOT NULL,
\tcontact_name VARCHAR(200),
\tphone VARCHAR(40),
\temail VARCHAR(200),
\taddress TEXT,
\tnotes TEXT,
\tsiret VARCHAR(14),
\tpostcode VARCHAR(10),
\ttown VARCHAR(100),
\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tupdated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tCONSTRAINT pk_partner PRIMARY KEY (id),
\tCONSTRAINT ck_partner_partner_kind CHECK (kind IN ('ccas', 'caf', 'cpam', 'mdph', \
'social_services', 'association', 'training_body', 'other'))
)
"""
_PARTNER_BEFORE = (
    "id", "name", "kind", "contact_name", "phone", "email", "address", "notes",
    "created_at", "updated_at",
)  # fmt: skip
_COMPANY_PERIOD = """
CREATE TABLE company_period (
\tid INTEGER NOT NULL,
\tcase_id INTEGER NOT NULL,
\temployer_id INTEGER,
\tstart_date DATE NOT NULL,
\tend_date DATE NOT NULL,
\tjob_title VARCHAR(200),
\trome VARCHAR(5),
\tjob_target_id INTEGER,
\tevaluation TEXT,
\ttutor_name VARCHAR(200),
\ttutor_phone VARCHAR(40),
\tobjectives TEXT,
\tskills_observed TEXT,
\ttarget_decision VARCHAR(9),
\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tupdated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tCONSTRAINT pk_company_period PRIMARY KEY (id),
\tCONSTRAINT ck_company_period_end_after_start CHECK (end_date >= start_date),
\tCONSTRAINT fk_company_period_case_id_mov_case FOREIGN KEY(case_id) \
REFERENCES mov_case (id) ON DELETE CASCADE,
\tCONSTRAINT fk_company_period_employer_id_employer FOREIGN KEY(employer_id) \
REFERENCES employer (id) ON DELETE RESTRICT,
\tCONSTRAINT fk_company_period_job_target_id_job_target FOREIGN KEY(job_target_id) \
REFERENCES job_target (id) ON DELETE SET NULL,
\tCONSTRAINT ck_company_period_target_decision CHECK (target_decision IN \
('confirmed', 'changed', 'abandoned'))
)
"""
_COMPANY_PERIOD_BEFORE = (
    "id", "case_id", "employer_id", "start_date", "end_date", "job_title", "rome",
    "job_target_id", "evaluation", "created_at", "updated_at",
)  # fmt: skip
_BARRIER = """
CREATE TABLE barrier (
\tid INTEGER NOT NULL,
\tcase_id INTEGER NOT NULL,
\tcategory VARCHAR(10) NOT NULL,
\tdescription TEXT,
\tstatus VARCHAR(11) NOT NULL,
\tpartner_id INTEGER,
\tidentified_on DATE,
\tlifted_on DATE,
\treferred_on DATE,
\tfollow_up_on DATE,
\treferral_closed_on DATE,
\tcreated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tupdated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
\tCONSTRAINT pk_barrier PRIMARY KEY (id),
\tCONSTRAINT fk_barrier_case_id_mov_case FOREIGN KEY(case_id) \
REFERENCES mov_case (id) ON DELETE CASCADE,
\tCONSTRAINT ck_barrier_barrier_category CHECK (category IN ('health', 'disability', \
'debt', 'housing', 'family', 'mobility', 'language', 'digital', 'legal', 'other')),
\tCONSTRAINT ck_barrier_barrier_status CHECK (status IN \
('identified', 'in_progress', 'lifted')),
\tCONSTRAINT fk_barrier_partner_id_partner FOREIGN KEY(partner_id) \
REFERENCES partner (id) ON DELETE SET NULL
)
"""
_BARRIER_BEFORE = (
    "id", "case_id", "category", "description", "status", "partner_id", "identified_on",
    "lifted_on", "created_at", "updated_at",
)  # fmt: skip


def _rebuild(table: str, create: str, columns: Sequence[str]) -> None:
    """Give ``table`` the statement ``create``, keeping its rows (foreign keys are off).

    Batch mode would leave a quoted name and reflected defaults in the stored
    statement, and renaming the table would rewrite the other tables' references to
    it. So the rows are copied aside, the table dropped and created again under its
    own name, and the rows copied back; its indexes and triggers are made again by the
    caller. (An in-memory database, migrated with foreign keys on, is empty.)
    """
    aside = f"_{table}_before_c26877ec35a6"
    listed = ", ".join(columns)
    op.execute(f"CREATE TEMPORARY TABLE {aside} AS SELECT {listed} FROM {table}")
    op.execute(f"DROP TABLE {table}")
    op.execute(create)
    op.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM {aside}")
    op.execute(f"DROP TABLE {aside}")

def _triggers(table: str) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) of one fact table, as the models write them."""
    found = []
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


def _create_triggers(table: str) -> None:
    for name, statement in _triggers(table):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def _drop_triggers(table: str) -> None:
    for name, _statement in _triggers(table):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")


def _fold(text: str) -> str:
    """Lower case, no accents (as ``movdesk.services.summary.fold`` at this revision)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _split_towns(table: str) -> None:
    """Move a last address line ``59000 Lille`` to the postcode and town columns."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, address FROM {table}")).all()
    for row_id, address in rows:
        lines = [line for line in (address or "").splitlines() if line.strip()]
        found = _TOWN_LINE.match(lines[-1]) if lines else None
        if found is None:
            continue
        street = "\n".join(lines[:-1]).strip() or None
        connection.execute(
            sa.text(
                f"UPDATE {table} SET address = :street, postcode = :postcode, town = :town "
                "WHERE id = :id"
            ),
            {"street": street, "postcode": found[1], "town": found[2], "id": row_id},
        )


def _remember_typed_titles() -> None:
    """The (ROME code, title) pairs already typed, as remembered titles."""
    connection = op.get_bind()
    pairs = connection.execute(
        sa.text(
            "SELECT rome, title FROM job_target WHERE rome IS NOT NULL "
            "UNION SELECT rome, job_title FROM company_period "
            "WHERE rome IS NOT NULL AND job_title IS NOT NULL"
        )
    ).all()
    seen: set[tuple[str, str]] = set()
    rows = []
    for code, title in pairs:
        title = " ".join(title.split())[:200]
        key = (code.strip().upper(), _fold(title))
        if not title or key in seen:
            continue
        seen.add(key)
        rows.append({"code": key[0], "title": title, "title_key": key[1], "source": "typed"})
    if rows:
        connection.execute(
            sa.text(
                "INSERT INTO rome_job (code, title, title_key, source) "
                "VALUES (:code, :title, :title_key, :source)"
            ),
            rows,
        )


def upgrade() -> None:
    op.create_table(
        "rome_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=5), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_key", sa.String(length=200), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "imported", "typed", name="rome_source", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rome_job")),
        sa.UniqueConstraint("code", "title_key", "source", name=op.f("uq_rome_job_code")),
    )
    with op.batch_alter_table("rome_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rome_job_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_rome_job_title_key"), ["title_key"], unique=False)

    op.create_table(
        "directory_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.Integer(), nullable=True),
        sa.Column("partner_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.CheckConstraint(
            "(employer_id IS NULL) <> (partner_id IS NULL)",
            name=op.f("ck_directory_contact_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"],
            ["employer.id"],
            name=op.f("fk_directory_contact_employer_id_employer"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_directory_contact_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_contact")),
    )
    with op.batch_alter_table("directory_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_directory_contact_employer_id"), ["employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_directory_contact_partner_id"), ["partner_id"], unique=False
        )

    _rebuild("employer", _EMPLOYER, _EMPLOYER_BEFORE)
    _rebuild("partner", _PARTNER, _PARTNER_BEFORE)
    _rebuild("company_period", _COMPANY_PERIOD, _COMPANY_PERIOD_BEFORE)
    op.execute("CREATE INDEX ix_company_period_case_id ON company_period (case_id)")
    _create_triggers("company_period")
    _rebuild("barrier", _BARRIER, _BARRIER_BEFORE)
    op.execute("CREATE INDEX ix_barrier_case_id ON barrier (case_id)")
    _create_triggers("barrier")

    _split_towns("employer")
    _split_towns("partner")
    _remember_typed_titles()


def _join_towns(table: str) -> None:
    """Put the postcode and town back as the last address line."""
    op.execute(
        f"UPDATE {table} SET address = trim(coalesce(address || char(10), '') || "
        "trim(coalesce(postcode, '') || ' ' || coalesce(town, ''))) "
        "WHERE postcode IS NOT NULL OR town IS NOT NULL"
    )


def downgrade() -> None:
    # Names were unique before: a second entry of the same name keeps its number.
    for table in ("employer", "partner"):
        _join_towns(table)
        op.execute(
            f"UPDATE {table} SET name = name || ' (' || id || ')' WHERE id NOT IN "
            f"(SELECT min(id) FROM {table} GROUP BY name)"
        )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_partner_name"), ["name"])
        batch_op.drop_column("town")
        batch_op.drop_column("postcode")
        batch_op.drop_column("siret")

    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_employer_name"), ["name"])
        batch_op.drop_column("town")
        batch_op.drop_column("postcode")

    with op.batch_alter_table("company_period", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_company_period_target_decision"), type_="check")
        batch_op.drop_column("target_decision")
        batch_op.drop_column("skills_observed")
        batch_op.drop_column("objectives")
        batch_op.drop_column("tutor_phone")
        batch_op.drop_column("tutor_name")
    _create_triggers("company_period")

    _drop_triggers("barrier")
    with op.batch_alter_table("barrier", schema=None) as batch_op:
        batch_op.drop_column("referral_closed_on")
        batch_op.drop_column("follow_up_on")
        batch_op.drop_column("referred_on")

    with op.batch_alter_table("directory_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_directory_contact_partner_id"))
        batch_op.drop_index(batch_op.f("ix_directory_contact_employer_id"))
    op.drop_table("directory_contact")

    with op.batch_alter_table("rome_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rome_job_title_key"))
        batch_op.drop_index(batch_op.f("ix_rome_job_code"))
    op.drop_table("rome_job")
