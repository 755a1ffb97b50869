"""Development tool: write a new migration from the difference between the models and
the schema of the latest migration. No ``alembic.ini`` is involved.

    python -m movdesk.store.revision "ajout du champ X"

The new file lands in ``movdesk/store/migrations/versions/``; read and tidy it before
committing it (see ``movdesk/store/migrations/README.md``).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

from alembic import command

from .migrate import alembic_config, upgrade_to_head


def make_revision(message: str, *, autogenerate: bool = True) -> list[Path]:
    """Write a revision; with ``autogenerate``, against a scratch database at head."""
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{(Path(scratch) / 'scratch.sqlite').as_posix()}"
        upgrade_to_head(url)
        cfg = alembic_config(url=url)
        # Date first, so the files list in the order they were written.
        cfg.set_main_option(
            "file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s"
        )
        written = command.revision(cfg, message=message, autogenerate=autogenerate)
    scripts = written if isinstance(written, list) else [written]
    return [Path(script.path) for script in scripts if script is not None]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m movdesk.store.revision")
    parser.add_argument("message", help="what the migration does, in a few words")
    parser.add_argument("--empty", action="store_true", help="no autogenerate")
    args = parser.parse_args(argv)
    for path in make_revision(args.message, autogenerate=not args.empty):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
