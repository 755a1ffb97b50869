"""Health check of a database file (``movdesk check``), with its French report.

Everything is read through a read-only connection: checking never changes the file.
The check reads SQLite's integrity check, the broken references between tables, the
schema revision, and compares the structure (tables, columns, indexes, triggers) with
the one the migrations build at that revision (:mod:`.structure`): a file holding only
the revision table, or missing one table, is a damaged database, not a sound one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from ..config import DatabaseLocation
from ..errors import UserError
from .migrate import head_revision, is_known_revision
from .sqlite_file import (
    DatabaseFileError,
    NotADatabase,
    error_code,
    integrity_problems,
    is_content_error,
    probe,
    read_only,
    sqlite_cause,
)
from .structure import structure_problems

#: How many problems of one kind the report lists before summing up the rest.
MAX_LISTED = 20


class SchemaState(Enum):
    CURRENT = "current"
    OLDER = "older"  # migrated at the next opening
    NEWER = "newer"  # written by a newer movdesk
    MISSING = "missing"  # no movdesk revision: not a movdesk database


@dataclass(frozen=True)
class BrokenReference:
    """A row whose foreign key points at a row that does not exist."""

    table: str
    rowid: int | None
    parent: str


@dataclass(frozen=True)
class CheckReport:
    database: str
    revision: str | None
    head: str
    integrity: list[str] = field(default_factory=list)
    broken_references: list[BrokenReference] = field(default_factory=list)
    case_count: int | None = None
    #: How the tables, indexes and triggers depart from the migrations' (module notes).
    structure: list[str] = field(default_factory=list)

    @property
    def schema_state(self) -> SchemaState:
        if self.revision is None:
            return SchemaState.MISSING
        if self.revision == self.head:
            return SchemaState.CURRENT
        return SchemaState.OLDER if is_known_revision(self.revision) else SchemaState.NEWER

    @property
    def problem_count(self) -> int:
        schema_bad = self.schema_state in (SchemaState.NEWER, SchemaState.MISSING)
        return (
            len(self.integrity)
            + len(self.broken_references)
            + len(self.structure)
            + int(schema_bad)
        )

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def render(self) -> str:
        """The report in French, one fact a line."""
        lines = [f"Contrôle de la base « {self.database} »"]
        if self.integrity:
            lines.append(f"Intégrité SQLite : {len(self.integrity)} anomalie(s)")
            lines += _listed(f"  - {message}" for message in self.integrity)
        else:
            lines.append("Intégrité SQLite : correcte")
        if self.broken_references:
            lines.append(
                f"Références entre tables : {len(self.broken_references)} référence(s) rompue(s)"
            )
            lines += _listed(
                f"  - table « {ref.table} », ligne {ref.rowid} : renvoie à une ligne "
                f"absente de « {ref.parent} »"
                for ref in self.broken_references
            )
        else:
            lines.append("Références entre tables : correctes")
        lines.append(f"Version du schéma : {self._schema_text()}")
        if self.structure:
            lines.append(
                f"Structure des tables : {len(self.structure)} différence(s) avec celle de "
                "movdesk"
            )
            lines += _listed(f"  - {line}" for line in self.structure)
        elif self.schema_state in (SchemaState.CURRENT, SchemaState.OLDER):
            lines.append("Structure des tables : conforme")
        if self.case_count is not None:
            lines.append(f"Dossiers : {self.case_count}")
        if self.ok:
            lines.append("Résultat : aucun problème trouvé.")
        else:
            lines.append(
                f"Résultat : {self.problem_count} problème(s) trouvé(s). Restaurez une "
                "sauvegarde (movdesk restore FICHIER) ou faites appel à votre support."
            )
        return "\n".join(lines) + "\n"

    def _schema_text(self) -> str:
        state = self.schema_state
        if state is SchemaState.MISSING:
            return "absente (ce n'est pas une base movdesk)"
        if state is SchemaState.NEWER:
            return (
                f"{self.revision}, plus récente que ce programme ({self.head}) : "
                "mettez movdesk à jour"
            )
        if state is SchemaState.OLDER:
            return f"{self.revision}, sera mise à jour ({self.head}) à la prochaine ouverture"
        return f"{self.revision} (à jour)"


def _listed(lines: Iterable[str]) -> list[str]:
    items = list(lines)
    if len(items) <= MAX_LISTED:
        return items
    return items[:MAX_LISTED] + [f"  … et {len(items) - MAX_LISTED} autre(s)"]


def check_database(location: DatabaseLocation) -> CheckReport:
    """Integrity, foreign keys, schema revision and number of cases of the database."""
    path = location.path
    if path is None:
        raise UserError(
            f"Contrôle impossible : « {location.url} » n'est pas une base SQLite locale."
        )
    if not path.is_file():
        raise UserError(f"Contrôle impossible : la base « {path} » n'existe pas.")
    head = head_revision()
    try:
        found = probe(path)
        with read_only(path) as conn:
            integrity = integrity_problems(conn)
            broken = [
                BrokenReference(table=row[0], rowid=row[1], parent=row[2])
                for row in conn.execute("PRAGMA foreign_key_check").fetchall()
            ]
            count = None
            if "mov_case" in found.tables:
                count = conn.execute("SELECT count(*) FROM mov_case").fetchone()[0]
            structure: list[str] = []
            if found.revision is not None and is_known_revision(found.revision):
                structure = structure_problems(conn, found.revision)
    except DatabaseFileError as error:
        raise UserError(
            f"Contrôle impossible : « {path} » ne peut pas être lu : {error}."
        ) from None
    except (NotADatabase, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.DatabaseError) and not _is_damage(error):
            raise UserError(
                f"Contrôle impossible : « {path} » ne peut pas être lu : {sqlite_cause(error)}."
            ) from None
        raise UserError(
            f"Contrôle : « {path} » n'est pas une base SQLite lisible (fichier d'un autre "
            "type ou gravement endommagé)."
        ) from None
    return CheckReport(
        database=str(path),
        revision=found.revision,
        head=head,
        integrity=integrity,
        broken_references=broken,
        case_count=count,
        structure=structure,
    )


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    return is_content_error(error) or not error_code(error)
