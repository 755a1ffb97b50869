"""Reading an exchange file from disk, with French errors a user can act on.

Hostile files end in a message, never in a traceback or an exhausted memory: only a
regular file is read (not ``/dev/zero``, a pipe or a folder), at most
:data:`MAX_FILE_BYTES` of it; JSON nested deeper than Python can walk is refused.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..store.files import megabytes, os_error_cause

#: The largest exchange file read (**decision**): 50,000 demo cases export to about
#: 220 MB; this holds four times that, and a larger file would not fit in the memory
#: of an office PC once parsed.
MAX_FILE_BYTES = 1_000_000_000
_CHUNK = 16 * 1024 * 1024


def _read_bounded(path: Path) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else or anything huge."""
    try:
        with path.open("rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise UserError(
                    f"{path} n'est pas un fichier ordinaire (périphérique, tube…) : "
                    "indiquez un fichier JSON."
                )
            chunks: list[bytes] = []
            size = 0
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise UserError(
                        f"Fichier {path} : trop volumineux (plus de "
                        f"{megabytes(MAX_FILE_BYTES)}) pour un fichier d'échange movdesk."
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except FileNotFoundError:
        raise UserError(f"Fichier introuvable : {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} est un dossier, pas un fichier JSON.") from None
    except OSError as error:
        raise UserError(f"Lecture impossible de {path} : {os_error_cause(error)}.") from None


def load_file(path: str | Path) -> Any:
    """The JSON document in ``path``; missing file, bad UTF-8 or bad JSON → UserError."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path} est un dossier, pas un fichier JSON.")
    raw = _read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")  # a BOM left by a Windows editor is harmless
    except UnicodeDecodeError as error:
        raise UserError(
            f"Fichier {path} : le texte n'est pas en UTF-8 (octet invalide à la position "
            f"{error.start}). Enregistrez-le en UTF-8."
        ) from None
    try:
        return json.loads(text)
    except MemoryError:
        raise UserError(
            f"Fichier {path} : la mémoire de l'ordinateur ne suffit pas pour le lire ; "
            "découpez-le en plusieurs fichiers."
        ) from None
    except RecursionError:
        raise UserError(
            f"Fichier {path} : JSON imbriqué trop profondément pour un fichier d'échange "
            "movdesk (des milliers de crochets ou d'accolades les uns dans les autres)."
        ) from None
    except json.JSONDecodeError as error:
        raise UserError(
            f"Fichier {path} : JSON invalide, ligne {error.lineno}, colonne {error.colno} "
            f"({_french_json_message(error.msg)})."
        ) from None
    except ValueError:
        # Python refuses integers of thousands of digits (a defence of its own).
        raise UserError(
            f"Fichier {path} : JSON invalide, un nombre y compte des milliers de chiffres."
        ) from None


_JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Unterminated string starting at": "chaîne non terminée",
    "Extra data": "données en trop après la fin du document",
    "Invalid control character at": "caractère de contrôle interdit",
}


def _french_json_message(message: str) -> str:
    return _JSON_MESSAGES.get(message, message)
