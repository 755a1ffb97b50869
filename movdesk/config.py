"""Where movdesk keeps its files, and how a database location is chosen.

The office's database lives in the user data folder (``%LOCALAPPDATA%\\movdesk`` on
Windows); ``--db PATH`` or the ``MOVDESK_DB`` variable point elsewhere, and ``--db``
also takes an SQLAlchemy URL. The demo database is a separate file beside it, so demo
data can never mix with the office's real cases.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

from platformdirs import user_data_path

from .errors import UserError

APP_NAME = "movdesk"
DB_FILENAME = "movdesk.sqlite"
DEMO_DB_FILENAME = "movdesk-demo.sqlite"
ENV_DB = "MOVDESK_DB"
ENV_DATA_DIR = "MOVDESK_DATA_DIR"

_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*://")


def data_dir() -> Path:
    """The folder of movdesk's own files (database, backups, settings)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return user_data_path(APP_NAME, appauthor=False)


def resources_dir() -> Path:
    """Icons, fonts and translations: inside the installed package, or the checkout's top."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def is_network_path(path: str) -> bool:
    """True for a UNC path (``\\\\server\\share``) or its forward-slash form."""
    return path.startswith(("\\\\", "//")) or PureWindowsPath(path).drive.startswith("\\\\")


@dataclass(frozen=True)
class DatabaseLocation:
    """A resolved database: its SQLAlchemy URL and, for a SQLite file, its path."""

    url: str
    path: Path | None

    @property
    def is_sqlite_file(self) -> bool:
        return self.path is not None


def _refuse_network(path: str) -> None:
    if is_network_path(path):
        raise UserError(
            f"Base de données : « {path} » est sur un partage réseau. SQLite ne doit pas "
            "être placé sur un partage (risque de corruption quand plusieurs postes "
            "écrivent) ; choisissez un dossier local de ce poste."
        )


def _sqlite_file_of_url(url: str) -> str:
    """The file of a ``sqlite:///PATH`` URL; any other URL is refused in French.

    movdesk keeps its data in one local SQLite file (backups, restore and the checks
    work on that file): an in-memory database would keep nothing, and other database
    servers are not supported.
    """
    prefix = "sqlite:///"
    raw = url[len(prefix) :] if url.startswith(prefix) else ""
    if not raw or raw == ":memory:" or "?" in raw:
        raise UserError(
            f"Base de données : l'adresse « {url} » n'est pas prise en charge. movdesk "
            "travaille sur un fichier SQLite local : donnez son chemin (--db "
            "C:\\Bureau\\movdesk.sqlite) ou une URL « sqlite:///CHEMIN » sans paramètres."
        )
    return raw


def resolve_database(db: str | None = None, *, demo: bool = False) -> DatabaseLocation:
    """Choose the database from ``--db``, then ``MOVDESK_DB``, then the default file."""
    if db is not None and not db.strip():
        raise UserError("Base de données : le chemin donné à --db est vide.")
    chosen = db or os.environ.get(ENV_DB)
    if chosen and _URL_RE.match(chosen):
        raw = _sqlite_file_of_url(chosen)
        _refuse_network(raw)
        return DatabaseLocation(chosen, Path(raw))
    if chosen:
        _refuse_network(chosen)
        path = Path(chosen).expanduser()
    else:
        path = data_dir() / (DEMO_DB_FILENAME if demo else DB_FILENAME)
    return DatabaseLocation(f"sqlite:///{path.as_posix()}", path)


def require_usable_folder(location: DatabaseLocation) -> None:
    """Refuse a database path that is a folder, or whose folder does not exist.

    Only movdesk's own data folder is created when missing (first start): a mistyped
    ``--db`` folder must not silently become a new, empty database.
    """
    path = location.path
    if path is None:
        return
    if path.is_dir():
        raise UserError(
            f"Base de données : « {path} » est un dossier. Indiquez le fichier de la base "
            f"(par exemple « {path / DB_FILENAME} »)."
        )
    folder = path.parent
    if folder.is_dir() or _same_folder(folder, data_dir()):
        return
    if folder.exists():
        raise UserError(
            f"Base de données : « {folder} » n'est pas un dossier ; vérifiez le chemin "
            "donné à --db (ou à MOVDESK_DB)."
        )
    raise UserError(
        f"Base de données : le dossier « {folder} » n'existe pas. Vérifiez le chemin donné "
        "à --db (ou à MOVDESK_DB) ; movdesk ne crée pas de dossier ailleurs que dans son "
        "dossier de données."
    )


def _same_folder(a: Path, b: Path) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))
