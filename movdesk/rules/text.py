"""Which characters a text may hold, and how stored text is shown on a terminal.

Names, numbers and notes come from people and from files. Some characters have no
place in them and can do harm: control characters (NUL cuts a text short in other
programs, ESC drives the terminal that prints it, BEL rings), the invisible marks that
reverse the direction of the text (U+202E makes « lanigiro » read « original »), the
lone halves of UTF-16 surrogate pairs that no file can hold, and the line separators
U+2028/U+2029. A text holding one of them, or absurdly long, is refused where it comes
in (the exchange file, the forms: :mod:`movdesk.rules.validation`), with a French
message naming the field and the character.

Multi-line texts (addresses, notes) may hold line breaks and tabs; everything else is
one line. Text already stored before these rules goes out through :func:`printable`
on a terminal, where each such character is shown as its escape (``\\x1b``).
"""

from __future__ import annotations

import re
import unicodedata

#: Longest multi-line text (an address, the notes of an interview): some pages of text.
MULTILINE_MAX_LENGTH = 10_000
#: Longest single-line text without a column size of its own.
LINE_MAX_LENGTH = 200

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ALWAYS = f"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff"
_ONE_LINE_RE = re.compile(f"[{_ALWAYS}\t\n\r]")
_MULTILINE_RE = re.compile(f"[{_ALWAYS}]")

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x09: "tabulation",
    0x0A: "saut de ligne",
    0x0D: "retour chariot",
    0x1B: "ESC",
    0x7F: "DEL",
    0x2028: "séparateur de ligne",
    0x2029: "séparateur de paragraphe",
}


def forbidden_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character of ``text`` that has no place in it, or None."""
    found = (_MULTILINE_RE if multiline else _ONE_LINE_RE).search(text)
    return found.group() if found else None


def describe_character(char: str) -> str:
    """« le caractère de contrôle U+001B (ESC) »: what a refused character is, in French."""
    code = ord(char)
    point = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"un demi-caractère Unicode isolé ({point})"
    if re.match(f"[{_BIDI}]", char):
        return f"une marque invisible de sens d'écriture ({point})"
    name = _NAMES.get(code)
    if unicodedata.category(char) == "Cc":
        return f"le caractère de contrôle {point}" + (f" ({name})" if name else "")
    return f"le caractère {point}" + (f" ({name})" if name else "")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def text_problem(
    text: str, *, max_length: int, multiline: bool = False, label: str = "le texte"
) -> str | None:
    """Why ``text`` is refused, as a French sentence about ``label`` (« le nom »), or None.

    The sentences never make a verb agree with ``label`` (« dans les notes », « dans
    l'agence »), so that any label fits.
    """
    if len(text) > max_length:
        return (
            f"trop de caractères dans {label} : {_count(len(text))} pour "
            f"{_count(max_length)} au plus."
        )
    char = forbidden_character(text, multiline=multiline)
    if char is not None:
        where = text.index(char) + 1
        return (
            f"caractère interdit dans {label}, en position {where} : "
            f"{describe_character(char)}. Retirez-le."
        )
    return None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = True) -> str:
    """``text`` safe to print on a terminal: every refused character shown as an escape.

    With ``multiline`` line breaks and tabs stay (messages of several lines); without,
    they are escaped too (a cell of a table).
    """
    return (_MULTILINE_RE if multiline else _ONE_LINE_RE).sub(_escape, text)


#: What JSON may carry raw but a terminal or an editor would act on: DEL and the C1
#: controls, direction marks, line separators, lone surrogates (JSON escapes C0 itself).
_JSON_UNSAFE_RE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029\ud800-\udfff]")


def json_safe(encoded: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with the characters above
    written as ``\\uXXXX`` escapes: the same data for any reader, harmless to print.

    Only valid on JSON text, where such characters can only stand inside strings.
    """
    return _JSON_UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
