"""Only the windows import Qt: ``movdesk/ui/`` and ``movdesk/app.py`` (STYLE.md, "The house").

The rules, models, store, services, reports and the command line must stay usable
without PySide6, so that scripts start fast and most tests need no display.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import movdesk

PACKAGE = Path(movdesk.__file__).resolve().parent
QT_MODULES = ("PySide6", "shiboken6")


def _may_import_qt(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] == "ui" or relative == Path("app.py")


def _qt_imports(path: Path) -> list[str]:
    """The Qt modules imported anywhere in ``path`` (top level, functions, ``if`` blocks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [n for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_the_walk_sees_the_windows() -> None:
    """Guard against a walk that finds nothing: the window itself must be seen importing Qt."""
    assert _qt_imports(PACKAGE / "ui" / "main_window.py")
    assert _qt_imports(PACKAGE / "app.py")


def test_no_qt_import_outside_the_windows() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): imports
        for path in sorted(PACKAGE.rglob("*.py"))
        if not _may_import_qt(path) and (imports := _qt_imports(path))
    }
    assert offenders == {}, f"PySide6 imported outside movdesk/ui and movdesk/app.py: {offenders}"


def test_importing_the_headless_parts_does_not_load_qt() -> None:
    code = (
        "import sys\n"
        "import movdesk.cli, movdesk.models, movdesk.store, movdesk.store.engine\n"
        "import movdesk.services, movdesk.services.dashboard, movdesk.rules, movdesk.reports\n"
        "import movdesk.config, movdesk.errors\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
