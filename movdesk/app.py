"""Start the desktop program: Qt application, French locale, database, main window.

Nothing reaches the user as a traceback: a ``UserError`` while opening the database is
shown in a message box (exit code 1), and an unexpected exception raised later inside
the event loop is written to ``movdesk.log`` in the data folder and announced in a
French dialog, instead of the program going on silently in a broken state.

Start-up speed (**decision**): a bare PySide6 window paints in about 0.15 s, while
importing SQLAlchemy, Alembic, the models and the pages takes about a second. So this
module imports only Qt and the configuration at first; :func:`run_gui` paints a small
start screen (« Ouverture de la base… ») at once, and only then imports the database
layers (PEP 562 ``__getattr__`` below), opens the database and builds the main window,
which reads no table in full before its own first paint (the deadline pass follows in a
worker). ``benchmarks/bench_startup.py`` measures both moments on 50,000 cases.
"""

from __future__ import annotations

import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from .config import DatabaseLocation, data_dir
from .errors import UserError
from .ui.icons import APP_ICON, load_icon
from .ui.translations import install_french

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from .ui.main_window import MainWindow

#: Heavy names imported on first use, after the start screen is painted (module notes).
_LAZY = {
    "open_database": ("movdesk.store.migrate", "open_database"),
    "make_session_factory": ("movdesk.store.engine", "make_session_factory"),
    "count_cases": ("movdesk.services.dashboard", "count_cases"),
    "MainWindow": ("movdesk.ui.main_window", "MainWindow"),
}


def __getattr__(name: str) -> Any:
    """The database layers and the main window, imported when first needed."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def _lazy(name: str) -> Any:
    # Through the module's namespace, so that a test may replace the name.
    return globals()[name] if name in globals() else __getattr__(name)

EXIT_USER_ERROR = 1
LOG_FILENAME = "movdesk.log"
DEMO_UNAVAILABLE = (
    "Les données de démonstration ne sont pas disponibles dans cette version : "
    "la base de démonstration reste vide."
)

log = logging.getLogger("movdesk")

#: The exception whose dialog is open, if any.
_reporting: list[BaseException] = []

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path() -> Path:
    return data_dir() / LOG_FILENAME


def setup_logging() -> Path:
    """Send movdesk's log to ``movdesk.log`` in the data folder (replacing an older target)."""
    path = log_path()
    for handler in list(log.handlers):
        if getattr(handler, "_movdesk", False):
            log.removeHandler(handler)
            handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler._movdesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def prepare_application() -> QApplication:
    """The ``QApplication`` (created once), named, with French locale and Qt translations."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("movdesk")
    app.setOrganizationName("movdesk")
    app.setApplicationDisplayName("movdesk")
    app.setWindowIcon(load_icon(APP_ICON))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    # Qt's own buttons, dialogs and key names (« Annuler », « Voir dans : », « Entrée »).
    install_french(app)
    return app


def report_unexpected(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
) -> None:
    """``sys.excepthook`` of the window: log the traceback, then tell the user in French."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, UserError):
        # A user error that escaped a dialog is still only a message to read.
        log.info("Erreur signalée à l'utilisateur : %s", exc)
        if QApplication.instance() is not None:
            QMessageBox.warning(None, "movdesk", str(exc))
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("Erreur inattendue", exc_info=(exc_type, exc, tb))
    sys.stderr.write(details)
    # An error that repeats while its dialog is open (a paint handler, a timer) is only
    # logged: one dialog at a time, never a cascade of them.
    if QApplication.instance() is None or _reporting:
        return
    _reporting.append(exc)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Erreur inattendue",
        "Une erreur inattendue s'est produite ; l'action en cours n'a peut-être pas "
        "abouti.\n\n"
        f"Le rapport complet est enregistré dans :\n« {log_path()} »\n\n"
        "Transmettez ce fichier à votre assistance si l'erreur se reproduit.",
    )
    # Python's own wording is English: it stays behind « Montrer les détails… ».
    box.setDetailedText(details)
    try:
        box.exec()
    finally:
        _reporting.clear()


def _fill_demo_if_empty(session_factory: sessionmaker[Session]) -> str | None:
    """Fill an empty demo database; a status-bar note when nothing could be filled."""
    if _lazy("count_cases")(session_factory):
        return None
    try:
        fill_demo = importlib.import_module("movdesk.demo").fill_demo
    except (ImportError, AttributeError):
        log.warning("movdesk.demo.fill_demo absent : base de démonstration laissée vide")
        return DEMO_UNAVAILABLE
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        created = fill_demo(session_factory)
    finally:
        QApplication.restoreOverrideCursor()
    log.info("Base de démonstration remplie : %s dossiers", created)
    return f"Base de démonstration remplie : {created} dossiers fictifs."


def open_main_window(
    location: DatabaseLocation, *, demo: bool = False
) -> tuple[MainWindow, Engine]:
    """Open (and migrate) the database, fill the demo, build the window; may raise UserError.

    The window's first run is the one place, with ``import`` and ``demo``, that creates a
    database file: the status bar says so, with its path.
    """
    path = location.path
    created = path is not None and (not path.exists() or path.stat().st_size == 0)
    engine = _lazy("open_database")(location)
    try:
        session_factory = _lazy("make_session_factory")(engine)
        note = _fill_demo_if_empty(session_factory) if demo else None
        if created and note is None:
            note = f"Nouvelle base de données créée : « {path} »."
            log.info(note)
        window = _lazy("MainWindow")(session_factory, location=location, demo=demo)
    except BaseException:
        engine.dispose()
        raise
    if note:
        window.statusBar().showMessage(note)
    return window, engine


def show_start_screen(app: QApplication) -> QWidget:
    """A small window painted at once, while the database layers load (module notes)."""
    screen = QLabel(
        "<div style='font-size:15pt; font-weight:bold; color:#15324f'>movdesk</div>"
        "<div style='margin-top:6px'>Ouverture de la base…</div>"
    )
    screen.setObjectName("startScreen")
    screen.setWindowTitle("movdesk")
    screen.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    screen.setAlignment(Qt.AlignmentFlag.AlignCenter)
    screen.setStyleSheet(
        "QLabel#startScreen { background: #f4f7fb; border: 1px solid #9db4cc; padding: 24px; }"
    )
    screen.resize(360, 140)
    screen.show()
    app.processEvents()
    return screen


def run_gui(location: DatabaseLocation, *, demo: bool = False) -> int:
    """The desktop program; returns the process exit code."""
    app = prepare_application()
    setup_logging()
    previous_hook: ExceptHook = sys.excepthook
    sys.excepthook = report_unexpected
    try:
        start_screen = show_start_screen(app)
        try:
            window, engine = open_main_window(location, demo=demo)
        except UserError as error:
            start_screen.close()
            log.info("Ouverture de la base refusée : %s", error)
            QMessageBox.critical(None, "Ouverture de la base impossible", str(error))
            return EXIT_USER_ERROR
        try:
            window.show()
            start_screen.close()
            start_screen.deleteLater()
            window.offer_first_run()
            return app.exec()
        finally:
            window.close()
            window.deleteLater()
            engine.dispose()
    finally:
        sys.excepthook = previous_hook
