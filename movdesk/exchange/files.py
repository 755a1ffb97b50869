"""Reading an exchange file from disk, with French errors a user can act on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import UserError


def load_file(path: str | Path) -> Any:
    """The JSON document in ``path``; missing file, bad UTF-8 or bad JSON → UserError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Fichier introuvable : {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} est un dossier, pas un fichier JSON.") from None
    except OSError as error:
        raise UserError(f"Lecture impossible de {path} : {error.strerror}.") from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM left by a Windows editor is harmless
    except UnicodeDecodeError as error:
        raise UserError(
            f"Fichier {path} : le texte n'est pas en UTF-8 (octet invalide à la position "
            f"{error.start}). Enregistrez-le en UTF-8."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(
            f"Fichier {path} : JSON invalide, ligne {error.lineno}, colonne {error.colno} "
            f"({_french_json_message(error.msg)})."
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
