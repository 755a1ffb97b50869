"""argparse in French: ``movdesk --help`` and every usage error of the command line.

argparse words its help and its errors through the ``gettext`` function it imported as
``argparse._`` (and ``argparse.ngettext``). No French catalogue ships with Python, so
:func:`french_argparse` puts a translating function in their place while the parser is
built and while it reads the arguments, and puts the originals back after: nothing else
in the process is touched. A message without a translation here stays in English rather
than failing.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

#: argparse's messages (Python 3.11 and later) and their French wording.
MESSAGES = {
    "usage: ": "utilisation : ",
    # argparse puts the colon right after a section title; French wants a space first.
    "positional arguments": "arguments positionnels ",
    "options": "options ",
    "optional arguments": "options ",
    "show this help message and exit": "afficher cette aide et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (choix possibles : %(choices)s)"
    ),
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s attendu) : %(value)r",
    "not allowed with argument %s": "interdit avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "valeur %r ignorée",
    "unexpected option string: %s": "option inattendue : %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande inconnue %(parser_name)r (choix possibles : %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}
PLURALS = {
    "expected %s argument": ("%s valeur attendue", "%s valeurs attendues"),
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    french = PLURALS.get(singular)
    if french is None:
        return singular if count == 1 else plural
    return french[0] if count == 1 else french[1]


@contextmanager
def french_argparse() -> Iterator[None]:
    """argparse speaks French inside the block (module notes)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
