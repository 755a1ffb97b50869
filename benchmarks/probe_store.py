"""Probe the command line and the store as a hostile tester would, from the outside.

Usage::

    python benchmarks/probe_store.py [--db PATH] [--only NAME ...] [--keep]

Every probe runs real ``movdesk`` processes on scratch copies (``--db PATH``, a large
database such as the 50,000-case demo, is copied and never changed; without it the
large-database probes build nothing and are skipped) and checks the outcome from the
outside: exit codes, messages (French, never a traceback), the database's bytes,
``movdesk check``, the files left behind. Probes that need a real full disk (a tmpfs)
or a real read-only folder (``chattr +i``) run only as root on Linux and are reported
as skipped elsewhere. Each probe prints one line: ``ok``, ``ÉCHEC`` or ``sauté`` and
what it saw; the exit code is 1 when one failed.

Not part of the test suite (it takes minutes and kills processes): the tests hold one
fast check per defect; this script is the repeated, whole-program look.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
TODAY = "2026-11-27"


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def movdesk(*argv: str | Path, timeout: float = 900, env: dict[str, str] | None = None) -> Run:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "movdesk", *map(str, argv)],
        capture_output=True, text=True, timeout=timeout, env=env or ENV, check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def start(*argv: str | Path, code: str | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "movdesk"]
    return subprocess.Popen(
        [*command, *map(str, argv)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=ENV,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, table: str = "mov_case") -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def order_numbers(db: Path) -> set[str]:
    with closing(sqlite3.connect(db)) as conn:
        return {n for (n,) in conn.execute("SELECT order_number FROM mov_case")}


class Failed(Exception):
    pass


class Skipped(Exception):
    pass


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise Failed(what)


def french_refusal(run: Run, *words: str, code: int = 1) -> None:
    """Exit ``code``, a French message holding ``words``, no traceback."""
    expect(run.code == code, f"code {run.code} au lieu de {code} : {run.err[-300:]}")
    expect("Traceback" not in run.err, f"trace Python : {run.err[-300:]}")
    for word in words:
        expect(word in run.err, f"« {word} » absent de : {run.err[-300:]}")


def sound(db: Path) -> None:
    run = movdesk("--db", db, "check")
    expect(run.code == 0, f"check échoue : {run.out[-300:]}{run.err[-300:]}")


def partials(folder: Path) -> list[Path]:
    return list(folder.rglob("*.partiel"))


def root_on_linux() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@contextmanager
def tmpfs(where: Path, size_kb: int):  # type: ignore[no-untyped-def]
    if not root_on_linux():
        raise Skipped("tmpfs : root sous Linux seulement")
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                   check=True, capture_output=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


@contextmanager
def immutable(folder: Path):  # type: ignore[no-untyped-def]
    if not root_on_linux() or shutil.which("chattr") is None:
        raise Skipped("dossier en lecture seule réel : root + chattr seulement")
    subprocess.run(["chattr", "+i", str(folder)], check=True, capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False, capture_output=True)


def fill(path: Path) -> None:
    """Take every free byte of the disk of ``path``'s folder."""
    free = shutil.disk_usage(path.parent).free
    with open(path, "wb") as handle:
        while free > 0:
            chunk = min(free, 1 << 20)
            try:
                handle.write(b"\0" * chunk)
                handle.flush()
            except OSError:
                break
            free -= chunk


class Probes:
    """Each ``probe_*`` method is one probe; it raises Failed or Skipped, or returns a
    short description of what it saw."""

    def __init__(self, work: Path, big: Path | None) -> None:
        self.work = work
        self.big = big
        self._base: Path | None = None
        self._cases: Path | None = None

    # --- material ---------------------------------------------------------------------

    def base(self) -> Path:
        """A demo database of 300 cases (built once, copied by each probe)."""
        if self._base is None:
            self._base = self.work / "base.sqlite"
            run = movdesk("--db", self._base, "demo", "--cases", "300", "--today", TODAY)
            expect(run.code == 0, f"démo : {run.err}")
        return self._base

    def copy_of_base(self, where: Path) -> Path:
        where.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.base(), where)
        return where

    def cases_file(self) -> Path:
        """20,000 fictitious cases in the exchange format, order numbers of their own."""
        if self._cases is None:
            from movdesk.demo import generate_cases

            cases = list(generate_cases(20_000, seed=99, today=date(2026, 11, 27)))
            for n, case in enumerate(cases):
                case["order_number"] = f"IMP-{n:06d}"
            self._cases = self.work / "import-20000.json"
            self._cases.write_text(
                json.dumps({"format": "movdesk-cases", "version": 1, "cases": cases}),
                encoding="utf-8",
            )
        return self._cases

    def some_new_cases(self, path: Path, how_many: int) -> Path:
        """``how_many`` cases of the base under order numbers it does not hold."""
        cases = json.loads(movdesk("--db", self.base(), "export", "json").out)["cases"]
        for n, case in enumerate(cases[:how_many]):
            case["order_number"] = f"NEUF-{n:04d}"
        path.write_text(json.dumps({"format": "movdesk-cases", "version": 1,
                                    "cases": cases[:how_many]}), encoding="utf-8")
        return path

    def need_big(self) -> Path:
        if self.big is None:
            raise Skipped("pas de --db (base de démonstration de 50 000 dossiers)")
        return self.big

    # --- 1. exports onto the database ---------------------------------------------------

    def probe_export_onto_database(self) -> str:
        db = self.copy_of_base(self.work / "p1" / "db.sqlite")
        (db.parent / "backups").mkdir()
        before = digest(db)
        targets = ["db.sqlite", "db.sqlite-wal", "db.sqlite-shm", "db.sqlite-journal",
                   "backups/x.csv"]
        for target in targets:
            for command in (["export", "monthly", "--month", "2026-03"], ["export", "json"]):
                french_refusal(movdesk("--db", db, *command, "--out", db.parent / target),
                               "Enregistrement refusé")
        expect(digest(db) == before, "la base a changé")
        sound(db)
        return f"{len(targets) * 2} --out refusés, base intacte"

    # --- 2. restore on a full disk ------------------------------------------------------

    def probe_restore_without_room(self) -> str:
        source = self.big or self.copy_of_base(self.work / "p2" / "source.sqlite")
        size = source.stat().st_size
        with tmpfs(self.work / "p2" / "disk", (self.base().stat().st_size + 4_000_000) // 1024):
            db = self.copy_of_base(self.work / "p2" / "disk" / "db.sqlite")
            sound(db)
            before = digest(db)
            run = movdesk("--db", db, "restore", source)
            french_refusal(run, "le disque est plein", "n'a pas été modifiée")
            expect(digest(db) == before, "la base a changé")
            expect(not partials(db.parent), "fichiers temporaires laissés")
            sound(db)
        return f"sauvegarde de {size / 1e6:.0f} Mo, 4 Mo libres : refus avant écriture"

    def probe_restore_almost_no_room(self) -> str:
        with tmpfs(self.work / "p2b" / "disk", (self.base().stat().st_size + 300_000) // 1024):
            db = self.copy_of_base(self.work / "p2b" / "disk" / "db.sqlite")
            sound(db)
            before = digest(db)
            fill(db.parent / "remplissage")
            run = movdesk("--db", db, "restore", self.base())
            french_refusal(run, "le disque est plein")
            expect(digest(db) == before, "la base a changé")
            expect(not partials(db.parent), "fichiers temporaires laissés")
            (db.parent / "remplissage").unlink()
            sound(db)
        return "disque plein : refus, base intacte, aucun reste"

    # --- 3. restore racing an import ----------------------------------------------------

    def probe_restore_racing_import(self) -> str:
        source_cases = self.cases_file()
        wanted = {f"IMP-{n:06d}" for n in range(20_000)}
        seen = []
        # The import reads and checks for about 15 s, then writes for about 15 s.
        for trial, delay in enumerate((2.0, 12.0, 20.0, 27.0)):
            db = self.copy_of_base(self.work / f"p3-{trial}" / "db.sqlite")
            backup = self.work / f"p3-{trial}" / "sauvegarde.sqlite"
            expect(movdesk("--db", db, "backup", "--out", backup).code == 0, "sauvegarde")
            importer = start("--db", db, "import", source_cases)
            time.sleep(delay)
            restore = movdesk("--db", db, "restore", backup)
            out, err = importer.communicate(timeout=900)
            imported = importer.returncode == 0 and "20000 dossiers importés" in out
            expect("Traceback" not in err + restore.err, f"trace : {err}{restore.err}")
            if restore.code == 0:
                safety = Path(restore.out.split("conservée dans « ")[1].split(" »")[0])
                kept = order_numbers(db) | order_numbers(safety)
            else:
                french_refusal(restore, "Restauration impossible")
                kept = order_numbers(db)
            if imported:
                expect(wanted <= kept, f"essai {trial} : dossiers importés perdus")
            else:
                expect(importer.returncode == 1 and "movdesk :" in err, f"import : {err}")
            sound(db)
            seen.append(f"{delay:g} s : import {'ok' if imported else 'refusé'}, restauration "
                        f"{'ok' if restore.code == 0 else 'refusée'}")
        return " ; ".join(seen)

    # --- 4. restore under a long lock ---------------------------------------------------

    def probe_restore_under_long_lock(self) -> str:
        db = self.copy_of_base(self.work / "p4" / "db.sqlite")
        backup = self.work / "p4" / "sauvegarde.sqlite"
        expect(movdesk("--db", db, "backup", "--out", backup).code == 0, "sauvegarde")
        holder = start(str(db), code=(
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE'); c.execute(\"UPDATE referent SET phone = 'x'\")\n"
            "print('verrou', flush=True); time.sleep(25); c.execute('ROLLBACK')\n"
        ))
        assert holder.stdout is not None
        expect(holder.stdout.readline().strip() == "verrou", "verrou non pris")
        run = movdesk("--db", db, "restore", backup, timeout=60)
        holder.kill()
        holder.wait()
        french_refusal(run, "en cours d'écriture par un autre programme")
        sound(db)
        return f"refus en français après {run.seconds:.1f} s"

    # --- 5. structurally broken candidates ----------------------------------------------

    def probe_restore_broken_files(self) -> str:
        db = self.copy_of_base(self.work / "p5" / "db.sqlite")
        before = digest(db)
        spoilers = {
            "revision seule": None,
            "table absente": "DROP TABLE suspension",
            "références rompues": "UPDATE interview SET case_id = case_id + 1000000 "
                                  "WHERE id IN (SELECT id FROM interview LIMIT 3)",
            "déclencheur absent": "DROP TRIGGER trg_interview_insert_schedule",
        }
        for name, statement in spoilers.items():
            candidate = self.work / "p5" / f"{name}.sqlite"
            if statement is None:
                head = sqlite3.connect(db).execute("SELECT version_num FROM alembic_version")
                revision = head.fetchone()[0]
                with closing(sqlite3.connect(candidate)) as conn:
                    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
                    conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
                    conn.commit()
            else:
                shutil.copyfile(self.base(), candidate)
                with closing(sqlite3.connect(candidate)) as conn:
                    conn.execute(statement)
                    conn.commit()
            french_refusal(movdesk("--db", db, "restore", candidate), "Restauration impossible")
            check = movdesk("--db", candidate, "check")
            expect(check.code == 1 and "aucun problème" not in check.out, f"check {name}")
        expect(digest(db) == before, "la base a changé")
        expect(movdesk("--db", db, "export", "json").code == 0, "export json")
        return f"{len(spoilers)} fichiers refusés, check les signale"

    # --- 6. exports on a full disk ------------------------------------------------------

    def probe_exports_on_full_disk(self) -> str:
        db = self.copy_of_base(self.work / "p6" / "db.sqlite")
        with tmpfs(self.work / "p6" / "cle", 2048) as disk:
            previous = disk / "dossiers.json"
            previous.write_text('{"format": "movdesk-cases", "version": 1, "cases": []}\n')
            csv = disk / "indicateurs.csv"
            csv.write_bytes(b"ancien")
            fill(disk / "remplissage")
            french_refusal(movdesk("--db", db, "export", "json", "--out", previous),
                           "le disque est plein")
            french_refusal(movdesk("--db", db, "export", "monthly", "--month", "2026-03",
                                   "--out", csv), "le disque est plein")
            expect(json.loads(previous.read_text()) ["cases"] == [], "export json abîmé")
            expect(csv.read_bytes() == b"ancien", "CSV abîmé")
            expect(not partials(disk), "fichiers temporaires laissés")
        return "fichiers précédents intacts, cause nommée"

    # --- 7. backups: full disk, concurrent ----------------------------------------------

    def probe_backups_on_full_disk(self) -> str:
        with tmpfs(self.work / "p7" / "disk", (self.base().stat().st_size + 400_000) // 1024):
            db = self.copy_of_base(self.work / "p7" / "disk" / "db.sqlite")
            fill(db.parent / "remplissage")
            french_refusal(movdesk("--db", db, "backup"), "le disque est plein")
            run = movdesk("--db", db, "export", "json")  # the daily backup fails: a warning
            expect(run.code == 0 and "Sauvegarde automatique non faite" in run.err
                   and "n'est pas une base" not in run.err, f"sauvegarde du jour : {run.err}")
            src = self.some_new_cases(self.work / "p7" / "nouveaux.json", 50)
            two = [start("--db", db, "import", src) for _ in range(2)]
            for proc in two:
                _out, err = proc.communicate(timeout=300)
                expect(proc.returncode == 1 and "réessayez" not in err.lower(), err)
                expect("le disque est plein" in err or "refusé" in err, err)
            expect(not partials(db.parent), "fichiers temporaires laissés")
        return "cause nommée (disque plein) pour sauvegarde, sauvegarde du jour, écritures"

    def probe_concurrent_backups(self) -> str:
        db = self.copy_of_base(self.work / "p7c" / "db.sqlite")
        for trial in range(3):
            runs = [start("--db", db, "backup") for _ in range(3)]
            results = [(p.communicate(timeout=300), p.returncode) for p in runs]
            codes = [code for _, code in results]
            expect(codes == [0, 0, 0], f"essai {trial} : {results}")
            files = {out.strip() for (out, _), _ in results}
            expect(len(files) == 3 and all(Path(f).is_file() for f in files), str(files))
        expect(not partials(db.parent), "fichiers temporaires laissés")
        return "3 essais × 3 sauvegardes simultanées : toutes réussies, noms distincts"

    # --- 8. read-only folder ------------------------------------------------------------

    def probe_read_only_folder(self) -> str:
        db = self.copy_of_base(self.work / "p8" / "ro" / "db.sqlite")
        other = self.copy_of_base(self.work / "p8" / "source.sqlite")
        src = self.some_new_cases(self.work / "p8" / "nouveaux.json", 1)
        before = digest(db)
        with immutable(db.parent):
            for argv in (["export", "json"], ["deadlines"], ["payments"], ["check"],
                         ["export", "monthly", "--month", "2026-03"],
                         ["backup", "--out", self.work / "p8" / "copie.sqlite"]):
                run = movdesk("--db", db, *argv)
                expect(run.code == 0 and "Traceback" not in run.err, f"{argv} : {run.err}")
                expect("endommagé" not in run.err, f"{argv} : {run.err}")
            for argv in (["import", src], ["restore", other], ["backup"]):
                run = movdesk("--db", db, *argv)
                french_refusal(run)
                expect(any(w in run.err for w in ("lecture seule", "accès refusé", "ni créé")),
                       f"{argv} : {run.err}")
                expect("endommagé" not in run.err and "n'est pas une base" not in run.err,
                       f"{argv} : {run.err}")
        expect(digest(db) == before, "la base a changé")
        db.chmod(0o444)
        try:
            french_refusal(movdesk("--db", db, "restore", other), "lecture seule")
            expect(db.exists() and digest(db) == before, "base en lecture seule touchée")
        finally:
            db.chmod(0o644)
        return "lecture : ok ; écriture : cause nommée ; fichier en lecture seule gardé"

    # --- 9. mistyped folders ------------------------------------------------------------

    def probe_mistyped_folder(self) -> str:
        typo = self.work / "p9" / "typo" / "dir" / "x.sqlite"
        src = self.work / "p9" / "vide.json"
        src.parent.mkdir(parents=True)
        src.write_text('{"format": "movdesk-cases", "version": 1, "cases": []}')
        for argv in (["import", src], ["export", "json"], ["demo"], ["deadlines"]):
            french_refusal(movdesk("--db", typo, *argv), "n'existe pas")
        expect(not (self.work / "p9" / "typo").exists(), "dossier créé")
        missing = self.work / "p9" / "absente.sqlite"
        for argv in (["export", "json"], ["deadlines"], ["payments"], ["check"], ["backup"]):
            french_refusal(movdesk("--db", missing, *argv), "n'existe pas")
        expect(not missing.exists(), "base créée par une lecture")
        run = movdesk("--db", missing, "import", src)
        expect(run.code == 0 and "nouvelle base créée" in run.err, run.err)
        return "dossier et base refusés ; import crée et le dit"

    # --- 10. tracebacks ---------------------------------------------------------------

    def probe_hostile_arguments(self) -> str:
        db = self.copy_of_base(self.work / "p10" / "db.sqlite")
        folder = self.work / "p10"

        def doc(**case: Any) -> Path:
            base = json.loads(movdesk("--db", db, "export", "json").out)["cases"][0]
            base.update(case, order_number="HOSTILE-1")
            path = folder / f"h{len(list(folder.glob('h*.json')))}.json"
            path.write_text(json.dumps({"format": "movdesk-cases", "version": 1,
                                        "cases": [base]}), encoding="utf-8")
            return path

        deep = folder / "deep.json"
        deep.write_text("[" * 100_000 + "]" * 100_000)
        cases: list[tuple[list[Any], int]] = [
            (["--db", folder, "export", "json"], 1),
            (["--db", db, "deadlines", "--today", "9999-12-31"], 2),
            (["--db", db, "deadlines", "--today", "0001-01-01"], 2),
            (["--db", db, "import", doc(start_date="9999-12-31", end_date=None)], 1),
            (["--db", db, "import", doc(beneficiary={"last_name": "\ud800", "first_name": "A",
                                                     "pe_id": "1234567A"})], 1),
            (["--db", db, "import", deep], 1),
            (["--db", db, "import", folder], 1),
            (["--db", "file:///tmp/x.sqlite", "check"], 1),
            (["--db", "postgresql://serveur/base", "export", "json"], 1),
            (["--db", "sqlite://", "export", "json"], 1),
            (["--db", db, "demo", "--cases", "999999999"], 2),
            (["--db", db, "nosuchcommand"], 2),
            (["--db", "", "check"], 1),
            (["--db", "a" * 300 + ".sqlite", "check"], 1),
            (["--db", db, "import", "a" * 300 + ".json"], 1),
            (["--db", db, "export", "json", "--out", "a" * 300 + ".json"], 1),
            (["--db", db, "restore", folder], 1),
        ]
        if Path("/dev/zero").exists():
            cases.append((["--db", db, "import", "/dev/zero"], 1))
        for argv, code in cases:
            run = movdesk(*argv, timeout=120)
            french_refusal(run, "movdesk :", code=code)
        return f"{len(cases)} entrées hostiles : code 1 ou 2, message français"

    # --- 11. hostile text ---------------------------------------------------------------

    def probe_hostile_text(self) -> str:
        db = self.copy_of_base(self.work / "p11" / "db.sqlite")
        first = json.loads(movdesk("--db", db, "export", "json").out)["cases"][0]
        for n, name in enumerate(["A\x00B", "\x1b[2JX", "B\x07", "C\u202eD", "E" * 1_000_000]):
            case = dict(first, order_number=f"TXT-{n}")
            case["beneficiary"] = dict(first["beneficiary"], last_name=name, pe_id="7654321Z")
            path = self.work / "p11" / f"t{n}.json"
            path.write_text(json.dumps({"format": "movdesk-cases", "version": 1,
                                        "cases": [case]}))
            run = movdesk("--db", db, "import", path)
            french_refusal(run, "beneficiary.last_name : ")
            expect(len(run.err) < 3000, "message trop long")
        with closing(sqlite3.connect(db)) as conn:
            conn.execute("UPDATE beneficiary SET last_name = '=HYPERLINK(\"x\")'")
            conn.execute("UPDATE beneficiary SET first_name = char(27) || '[31m'")
            conn.commit()
        table = movdesk("--db", db, "deadlines", "--today", TODAY)
        expect("\x1b" not in table.out, "caractère ESC brut dans le tableau")
        text = movdesk("--db", db, "deadlines", "--today", TODAY, "--format", "csv").out
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
        expect(not [c for c in cells if c.startswith(("=", "+", "-", "@"))], "formule")
        expect(any(c.startswith("'=HYPERLINK") for c in cells), "nom neutralisé absent")
        return "refus nommant le champ ; terminal et Excel protégés"

    # --- 12. SIGKILL ----------------------------------------------------------------------

    def probe_kill_during_demo(self) -> str:
        db = self.work / "p12" / "demo.sqlite"
        db.parent.mkdir(parents=True)
        proc = start("--db", db, "demo", "--cases", "3000", "--today", TODAY)
        time.sleep(6)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = count(db) if db.exists() else 0
        expect(left == 0, f"{left} dossiers restés")
        run = movdesk("--db", db, "demo", "--cases", "50", "--today", TODAY)
        expect(run.code == 0, run.err)
        sound(db)
        return "0 dossier après SIGKILL, la démo se relance"

    def probe_kill_during_writes(self) -> str:
        """SIGKILL during import, backup, restore and migration: clean states."""
        big = self.big or self.base()
        seen = []
        for kind, after in (("import", 3.0), ("import", 20.0), ("backup", 1.0),
                            ("restore", 2.0), ("restore", 8.0), ("migration", 2.0),
                            ("migration", 8.0)):
            folder = self.work / f"p12-{kind}-{after:g}"
            db = folder / "db.sqlite"
            folder.mkdir(parents=True)
            shutil.copyfile(big if kind != "import" else self.base(), db)
            before = count(db)
            if kind == "import":
                proc = start("--db", db, "import", self.cases_file())
            elif kind == "backup":
                proc = start("--db", db, "backup")
            elif kind == "restore":
                other = folder / "autre.sqlite"
                shutil.copyfile(self.base() if big != self.base() else big, other)
                proc = start("--db", db, "restore", other)
            else:
                self._downgrade(db)
                proc = start("--db", db, "export", "json")
            time.sleep(after)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            sound(db)
            now = count(db)
            if kind == "restore":
                expect(now in (before, count(folder / "autre.sqlite")), f"{kind} : {now}")
            elif kind != "migration":
                expect(now in (before, before + 20_000), f"{kind} : {now} dossiers")
            backups = folder / "backups"
            if backups.exists():
                for path in backups.glob("*.sqlite"):
                    with closing(sqlite3.connect(path)) as conn:
                        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                    expect(ok, f"sauvegarde abîmée sous un nom de sauvegarde : {path.name}")
            seen.append(f"{kind} à {after:g} s : sain")
        return " ; ".join(seen)

    def _downgrade(self, db: Path) -> None:
        code = (
            "import sys\n"
            "from alembic import command\n"
            "from movdesk.store.engine import make_engine\n"
            "from movdesk.store.migrate import alembic_config\n"
            "e = make_engine('sqlite:///' + sys.argv[1])\n"
            "with e.begin() as c:\n"
            "    command.downgrade(alembic_config(c), '-1')\n"
            "e.dispose()\n"
        )
        subprocess.run([sys.executable, "-c", code, str(db)], check=True, env=ENV,
                       capture_output=True)

    # --- 13. the large database ---------------------------------------------------------

    def probe_large_database(self) -> str:
        big = self.need_big()
        db = self.work / "p13" / "db.sqlite"
        db.parent.mkdir(parents=True)
        shutil.copyfile(big, db)
        exported = self.work / "p13" / "tout.json"
        export = movdesk("--db", db, "export", "json", "--out", exported)
        expect(export.code == 0, export.err)
        fresh = self.work / "p13" / "neuve.sqlite"
        imported = movdesk("--db", fresh, "import", exported)
        expect(imported.code == 0 and count(fresh) == count(db), imported.err[-300:])
        backup = self.work / "p13" / "copie.sqlite"
        expect(movdesk("--db", db, "backup", "--out", backup).code == 0, "sauvegarde")
        restore = movdesk("--db", db, "restore", backup)
        expect(restore.code == 0, restore.err)
        check = movdesk("--db", db, "check")
        expect(check.code == 0, check.out)
        return (f"{count(db)} dossiers : export {export.seconds:.0f} s, import "
                f"{imported.seconds:.0f} s, restauration {restore.seconds:.0f} s, check "
                f"{check.seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="grande base à copier (50 000 dossiers)")
    parser.add_argument("--only", nargs="*", default=[], help="noms de sondes (préfixes)")
    parser.add_argument("--keep", action="store_true", help="garder le dossier de travail")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="movdesk-sondes-"))
    big = None
    if args.db:
        big = work / "grande.sqlite"
        with closing(sqlite3.connect(args.db)) as src, closing(sqlite3.connect(big)) as dst:
            src.backup(dst)
    probes = Probes(work, big)
    names = [n for n in dir(probes) if n.startswith("probe_")]
    if args.only:
        names = [n for n in names if any(n[6:].startswith(o) for o in args.only)]
    failed = 0
    for name in names:
        began = time.monotonic()
        method: Callable[[], str] = getattr(probes, name)
        try:
            status, detail = "ok", method()
        except Skipped as why:
            status, detail = "sauté", str(why)
        except Failed as why:
            status, detail = "ÉCHEC", str(why)
            failed += 1
        except Exception as error:  # noqa: BLE001 - a probe that crashes is a failure
            status, detail = "ÉCHEC", f"{type(error).__name__} : {error}"
            failed += 1
        print(f"{status:6} {name[6:]:32} {time.monotonic() - began:6.1f} s  {detail}",
              flush=True)
    if args.keep:
        print(f"dossier de travail : {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
