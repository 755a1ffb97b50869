"""Job titles and ROME codes: the referential import, the search as you type, the checks.

**The referential** is the open-data CSV that France Travail publishes with the ROME
(« Répertoire Opérationnel des Métiers et des Emplois », the ``RefRomeCsv`` archive):
``unix_referentiel_code_rome_v460_utf8.csv`` (one line per fiche: ``code_rome``,
``code_fiche_metier``, ``code_ogr``, ``libelle_rome``…) and, better for the search,
``unix_referentiel_appellation_v460_utf8.csv`` (one line per job title, about eleven
thousand: ``code_ogr``, ``libelle_appellation_long``, ``libelle_appellation_court``,
``code_rome``…). Older releases (ROME 3) name the same columns. The columns are found by
their names in the first line, whatever their order and whether the file is separated
by commas or semicolons; one import may take both files, or the downloaded archive
itself (``RefRomeCsv.zip``), whose two referential files are then read.

**All or nothing** (decision): every line of every file is checked before anything is
written; a wrong file (another CSV, a truncated download, a file saved again by a
spreadsheet in another encoding) is refused with a French message naming the file and
the line, and the titles known before stay as they were. Every line has as many
columns as the first (a line cut by an interrupted download, or split by a separator
inside an unquoted title, would otherwise import a wrong title). A file far larger than
the referential (:data:`MAX_FILE_BYTES`, :data:`MAX_LINES`) is refused before it takes
the office PC's memory. A good import replaces the previous one as a whole; the titles
typed at the office are kept.

**Until a referential is imported** titles and codes are typed freely (the code in the
shape of one capital letter and four digits) and remembered, so that the next form
proposes them. **Once one is imported** a new code must be one of its codes
(:func:`check_code`).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import AuditAction, AuditEntry, RomeJob, RomeSource
from ..rules.text import text_problem
from ..rules.validation import Problem
from ..rules.validation.common import ROME_RE
from .context import Desk, Work
from .errors import ValidationFailed
from .summary import fold

#: The code column, and the title columns in order of preference.
CODE_COLUMN = "code_rome"
TITLE_COLUMNS = ("libelle_appellation_long", "libelle_rome", "libelle_appellation_court")
#: Problems listed at most in one refusal.
MAX_PROBLEMS = 10
TITLE_LIMIT = 200
IMPORT_ACTION = "Importer le référentiel ROME"
ROME_SHAPE = "une lettre majuscule suivie de 4 chiffres"
#: The real files weigh about 2 MB and hold about 11,000 titles: far more is not them.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_LINES = 100_000
#: The referential's files in France Travail's archive, by the start of their names.
ARCHIVE_MEMBERS = ("unix_referentiel_appellation", "unix_referentiel_code_rome")
#: What the start of a code looks like: a letter and at least one digit.
_CODE_START = re.compile(r"^[A-Z][0-9]{1,4}$")


@dataclass(frozen=True)
class RomeTitle:
    """One job title and its ROME code, as the forms propose it."""

    code: str
    title: str
    imported: bool


@dataclass(frozen=True)
class RomeStatus:
    """What the office has loaded (shown in Paramètres)."""

    imported_titles: int
    imported_codes: int
    imported_at: datetime | None
    typed_titles: int


@dataclass(frozen=True)
class ImportResult:
    titles: int
    codes: int
    files: tuple[str, ...]


class RomeFileError(UserError):
    """A referential file was refused; nothing was imported. ``problems``: one line each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = self.problems[:MAX_PROBLEMS]
        more = len(self.problems) - len(shown)
        lines = "\n".join(f"• {p}" for p in shown)
        tail = f"\n… et {more} autre(s) problème(s)." if more > 0 else ""
        super().__init__(
            "Le référentiel ROME n'a pas été importé (aucune modification) :\n" + lines + tail
        )


def normalise_code(value: str | None) -> str | None:
    """``ROME`` codes are written in capitals; blank is no code."""
    return (value or "").strip().upper() or None


def code_problem(code: str | None, field: str) -> Problem | None:
    """The shape rule: one capital letter and four digits."""
    if code is not None and not ROME_RE.match(code):
        return Problem(field, f"le code ROME s'écrit {ROME_SHAPE}, comme D1106 ; ici « {code} ».")
    return None


# --- Reading the files -----------------------------------------------------------------------


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RomeFileError(
            [
                f"{name}, ligne {line} : le texte n'est pas en UTF-8. Le référentiel de France "
                "Travail est fourni en UTF-8 : importez le fichier téléchargé tel quel, sans "
                "l'enregistrer à nouveau depuis un tableur."
            ]
        ) from None


def _header(name: str, first: str) -> tuple[str, list[str]]:
    """The separator and the folded column names of the first line."""
    counts = {sep: first.count(sep) for sep in (";", ",", "\t", "|")}
    separator = max(counts, key=lambda sep: counts[sep])
    if counts[separator] == 0:
        separator = ","
    columns = [
        fold(c.strip().strip('"').strip()) for c in next(csv.reader([first], delimiter=separator))
    ]
    return separator, columns


def read_referential(name: str, data: bytes) -> list[tuple[str, str]]:
    """The (code, title) pairs of one referential file; :class:`RomeFileError` when the
    file is not one, naming each line that is wrong (up to the first ten)."""
    text = _decode(name, data)
    # Lines ending in a lone CR (an old Mac export) read like the others.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or not lines[0].strip():
        raise RomeFileError([f"{name}, ligne 1 : le fichier est vide."])
    if len(lines) > MAX_LINES + 2:  # the header, and the empty end after the last line
        most = f"{MAX_LINES:_}".replace("_", "\u202f")
        raise RomeFileError(
            [
                f"{name} : plus de {most} lignes ; le référentiel ROME de France "
                "Travail compte environ 11 000 intitulés : ce fichier n'en est pas un."
            ]
        )
    separator, columns = _header(name, lines[0])
    title_column = next((c for c in TITLE_COLUMNS if c in columns), None)
    if CODE_COLUMN not in columns or title_column is None:
        found = ", ".join(f"« {c} »" for c in columns[:8] if c) or "aucune"
        raise RomeFileError(
            [
                f"{name}, ligne 1 : les colonnes « code_rome » et « libelle_rome » (ou "
                f"« libelle_appellation_long ») manquent (colonnes trouvées : {found}). Ce "
                "fichier n'est pas un fichier du référentiel ROME de France Travail."
            ]
        )
    code_at, title_at = columns.index(CODE_COLUMN), columns.index(title_column)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    pairs: list[tuple[str, str]] = []
    problems: list[str] = []
    try:
        next(reader)
        for fields in reader:
            number = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(columns):
                why = (
                    "la ligne est coupée (fichier incomplet ?) ou le séparateur a changé"
                    if len(fields) < len(columns)
                    else f"un intitulé contient le séparateur « {separator} » sans guillemets"
                )
                problems.append(
                    f"{name}, ligne {number} : {len(fields)} colonne(s) au lieu de "
                    f"{len(columns)} ; {why}."
                )
                continue
            code = fields[code_at].strip().upper()
            # Older releases wrote an apostrophe twice (« d''hygiène »); no title holds two.
            title = " ".join(fields[title_at].replace("''", "'").split())
            if not ROME_RE.match(code):
                problems.append(
                    f"{name}, ligne {number} : le code ROME « {code[:20]} » ne s'écrit pas "
                    f"{ROME_SHAPE} (comme D1106)."
                )
            elif not title:
                problems.append(f"{name}, ligne {number} : l'intitulé du métier est vide.")
            elif why := text_problem(title, max_length=TITLE_LIMIT, label="l'intitulé"):
                problems.append(f"{name}, ligne {number} : {why}")
            else:
                pairs.append((code, title))
            if len(problems) >= MAX_PROBLEMS * 5:
                break
    except csv.Error as error:
        problems.append(f"{name}, ligne {reader.line_num} : ligne illisible ({error}).")
    if problems:
        raise RomeFileError(problems)
    if not pairs:
        raise RomeFileError([f"{name} : le fichier ne contient aucun métier."])
    return pairs


# --- Writing ---------------------------------------------------------------------------------


def _too_large(name: str, size: int) -> str | None:
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"{name} : le fichier pèse plus de {MAX_FILE_BYTES // (1024 * 1024)} Mo ; le "
        "référentiel ROME de France Travail en pèse environ 2 : ce n'en est pas un."
    )


def _archive_files(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The referential files of France Travail's ZIP archive (module notes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and info.filename.rsplit("/", 1)[-1].lower().startswith(ARCHIVE_MEMBERS)
                and info.filename.lower().endswith(".csv")
            ]
            if not members:
                raise RomeFileError(
                    [
                        f"{name} : l'archive ne contient ni unix_referentiel_appellation…csv "
                        "ni unix_referentiel_code_rome…csv : ce n'est pas l'archive du "
                        "référentiel ROME (RefRomeCsv) de France Travail."
                    ]
                )
            found = []
            for info in sorted(members, key=lambda i: i.filename):
                inner = f"{name} › {info.filename.rsplit('/', 1)[-1]}"
                if too_large := _too_large(inner, info.file_size):
                    raise RomeFileError([too_large])
                found.append((inner, archive.read(info)))
            return found
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        raise RomeFileError(
            [f"{name} : l'archive ZIP est abîmée ou incomplète ; téléchargez-la à nouveau."]
        ) from None


def _expanded(files: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The CSV files to read: the files chosen, an archive replaced by its own."""
    found: list[tuple[str, bytes]] = []
    for name, data in files:
        if data.startswith(b"PK\x03\x04"):
            found += _archive_files(name, data)
            continue
        if too_large := _too_large(name, len(data)):
            raise RomeFileError([too_large])
        found.append((name, data))
    return found


def import_referential(desk: Desk, files: Sequence[tuple[str, bytes]]) -> ImportResult:
    """Check every file, then replace the imported titles by theirs (module notes)."""
    if not files:
        raise RomeFileError(["aucun fichier choisi."])
    files = _expanded(files)
    pairs: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for name, data in files:
        try:
            for code, title in read_referential(name, data):
                pairs.setdefault((code, fold(title)), title)
        except RomeFileError as error:
            problems.extend(error.problems)
    if problems:
        raise RomeFileError(problems)
    names = tuple(name for name, _ in files)
    codes = len({code for code, _ in pairs})
    with desk.action(IMPORT_ACTION) as work:
        session = work.session
        session.execute(delete(RomeJob).where(RomeJob.source == RomeSource.IMPORTED))
        session.execute(
            insert(RomeJob),
            [
                {"code": code, "title": title, "title_key": key, "source": RomeSource.IMPORTED}
                for (code, key), title in pairs.items()
            ],
        )
        session.add(
            AuditEntry(
                user=work.user,
                action=AuditAction.CREATE,
                entity="rome_job",
                summary=f"Référentiel ROME importé : {len(pairs)} intitulés, {codes} codes "
                f"({', '.join(names)})"[:500],
                changes={"titles": [None, len(pairs)], "codes": [None, codes]},
            )
        )
        # Announced like any change; an import is not undone (no rows kept for it).
        work.entities.add("rome_job")
    return ImportResult(len(pairs), codes, names)


def remember_title(work: Work, code: str | None, title: str | None) -> None:
    """Keep a typed (code, title) pair for the next forms, once."""
    title = " ".join((title or "").split())[:TITLE_LIMIT]
    if not code or not title:
        return
    key = fold(title)
    known = work.session.scalar(
        select(RomeJob.id).where(RomeJob.code == code, RomeJob.title_key == key).limit(1)
    )
    if known is None:
        work.session.add(RomeJob(code=code, title=title, title_key=key, source=RomeSource.TYPED))


def has_referential(session: Session) -> bool:
    return (
        session.scalar(select(RomeJob.id).where(RomeJob.source == RomeSource.IMPORTED).limit(1))
        is not None
    )


def check_code(session: Session, code: str | None, field: str) -> Problem | None:
    """The shape of ``code``, and, once a referential is imported, that it is one of its
    codes."""
    shape = code_problem(code, field)
    if shape is not None or code is None or not has_referential(session):
        return shape
    found = session.scalar(
        select(RomeJob.id)
        .where(RomeJob.code == code, RomeJob.source == RomeSource.IMPORTED)
        .limit(1)
    )
    if found is None:
        return Problem(
            field,
            f"le code ROME « {code} » n'est pas dans le référentiel importé : choisissez "
            "le métier dans la liste proposée, ou vérifiez le code.",
        )
    return None


def validated_code(
    work: Work, value: str | None, field: str, *, kept: str | None = None
) -> str | None:
    """The code typed, checked (:func:`check_code`), unless it is the one the row already
    had (``kept``): an old code is never refused on an unrelated correction."""
    code = normalise_code(value)
    if code is not None and code == kept:
        return code
    problem = check_code(work.session, code, field)
    if problem is not None:
        raise ValidationFailed([problem])
    return code


# --- Reading for the forms --------------------------------------------------------------------


def _like(word: str) -> str:
    """``word`` for a LIKE pattern, its wildcards escaped with ``\\``."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_titles(desk: Desk, text: str, *, limit: int = 20) -> list[RomeTitle]:
    """Titles holding a word that starts with each typed word (accents and case
    ignored), or whose code starts with what is typed (« D11 »); imported ones first,
    then by title."""
    words = [_like(word) for word in fold(text).split()]
    if not words:
        return []
    starts = [
        or_(
            *(
                RomeJob.title_key.like(f"{before}{word}%", escape="\\")
                for before in ("", "% ", "%-", "%'", "%(")
            )
        )
        for word in words
    ]
    matched: Any = and_(*starts)
    code = "".join(text.split()).upper()
    if _CODE_START.match(code):
        matched = or_(RomeJob.code.like(f"{code}%"), matched)
    query = (
        select(RomeJob.code, RomeJob.title, RomeJob.source)
        .where(matched)
        .order_by(RomeJob.source != RomeSource.IMPORTED, RomeJob.title_key, RomeJob.code)
        .limit(limit * 2)
    )

    def read(session: Session) -> list[RomeTitle]:
        seen: set[tuple[str, str]] = set()
        found: list[RomeTitle] = []
        for found_code, title, source in session.execute(query):
            key = (found_code, fold(title))
            if key in seen:
                continue
            seen.add(key)
            found.append(RomeTitle(found_code, title, source == RomeSource.IMPORTED))
            if len(found) >= limit:
                break
        return found

    return desk.read(read)


def titles_of_code(desk: Desk, code: str | None, *, limit: int = 3) -> list[str]:
    """A few titles known for ``code`` (imported ones first), to say what it is."""
    normal = normalise_code(code)
    if normal is None or not ROME_RE.match(normal):
        return []
    query = (
        select(RomeJob.title)
        .where(RomeJob.code == normal)
        .order_by(RomeJob.source != RomeSource.IMPORTED, func.length(RomeJob.title))
        .limit(limit)
    )
    return desk.read(lambda session: list(session.scalars(query)))


def rome_status(desk: Desk) -> RomeStatus:
    def read(session: Session) -> RomeStatus:
        imported = RomeJob.source == RomeSource.IMPORTED
        titles, codes, at = session.execute(
            select(
                func.count(), func.count(func.distinct(RomeJob.code)), func.max(RomeJob.created_at)
            ).where(imported)
        ).one()
        typed = session.scalar(select(func.count()).where(RomeJob.source == RomeSource.TYPED))
        return RomeStatus(titles or 0, codes or 0, at if titles else None, typed or 0)

    return desk.read(read)
