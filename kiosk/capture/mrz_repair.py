"""Turn OCR'd lines into a checked MRZ, repairing only what the field type makes impossible.

Two repairs, both deterministic, neither able to invent a check digit:
1. Filler runs: OCR miscounts long runs of "<". When a line is 1-3 characters off its format's
   length, the single longest "<" run (the unused optional data) is stretched or shrunk. A
   dropped or doubled digit shifts every later field, so check digits then fail: rejected.
2. Character classes by position (9303-3 4.2: numeric fields hold 0-9, alphabetic ones A-Z):
   in a numeric position a letter that looks like one digit (O->0, I->1, B->8, S->5, Z->2,
   G->6 ...) becomes that digit; in an alphabetic position the reverse. A character that is
   possible for the field is never changed, and no alternative is ever tried to make a check
   digit pass: the result must pass every check digit as it stands, or it is rejected.

The name is never taken from OCR (the chip gives it): TD1 line 3 and the TD2/TD3 name field
are replaced by fillers before parsing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from icao.errors import ParseError
from icao.mrz import LAYOUTS, Mrz, parse

# Look-alikes that are impossible in the field they appear in.
_TO_DIGIT = {"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1", "Z": "2", "S": "5",
             "B": "8", "G": "6", "A": "4"}
_TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A"}
# What OCR models print for "<" (and for "<<" at small sizes).
_FILLER_LOOKALIKES = {"«": "<<", "‹": "<", "〈": "<", "く": "<", "＜": "<", "(": "<",
                      "{": "<", "[": "<"}

_NUMERIC, _ALPHA, _FILLER, _ANY = "9", "A", "<", "X"


def normalize(text: str) -> str:
    """Upper-case, drop spaces and punctuation OCR adds, map filler look-alikes to "<"."""
    out = []
    for ch in text.upper():
        ch = _FILLER_LOOKALIKES.get(ch, ch)
        out.append(ch)
    return re.sub(r"[^A-Z0-9<]", "", "".join(out))


def _templates(fmt: str, first_line: str) -> tuple[str, ...]:
    """Per-position character class of the lines that carry data (9303-4/-5/-6 4.2.2)."""
    if fmt == "TD1":
        vn = _apply(first_line[:5], "AAAAA") == "IDVNM"
        # Vietnam: document number = 9 digits; optional data = 12-digit ID, "<<", check digit.
        l1 = "AAAAA" + ("9" * 10 + "9" * 12 + "<<9" if vn else "X" * 9 + "X" + "X" * 15)
        l2 = "999999" "9" "X" "999999" "9" "AAA" + ("<" * 11 if vn else "X" * 11) + "9"
        return (l1, l2)
    if fmt == "TD2":
        return ("AAAAA" + "X" * 31, "X" * 9 + "9" + "AAA" + "9999999" + "X" + "9999999"
                + "X" * 7 + "9")
    return ("AAAAA" + "X" * 39, "X" * 9 + "9" + "AAA" + "9999999" + "X" + "9999999"
            + "X" * 14 + "X" + "9")


def _apply(line: str, template: str) -> str:
    out = []
    for ch, kind in zip(line, template, strict=False):
        if kind == _NUMERIC and ch not in "0123456789<":
            ch = _TO_DIGIT.get(ch, ch)
        elif kind == _ALPHA and ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ<":
            ch = _TO_LETTER.get(ch, ch)
        elif kind == _FILLER and ch != "<":
            ch = "<" if ch in "KC" else ch  # "<" read as K or C: a letter is impossible here
        out.append(ch)
    return "".join(out) + line[len(template):]


def fit_length(line: str, width: int, *, max_delta: int = 3) -> str | None:
    """Stretch or shrink the one longest "<" run so the line is `width` long; None if that
    is not possible or not unambiguous (two runs of the same longest length)."""
    delta = width - len(line)
    if delta == 0:
        return line
    if abs(delta) > max_delta:
        return None
    runs = [(m.end() - m.start(), m.start(), m.end()) for m in re.finditer(r"<{2,}", line)]
    if not runs:
        return None
    runs.sort(reverse=True)
    if len(runs) > 1 and runs[0][0] == runs[1][0]:
        return None
    length, start, end = runs[0]
    if length + delta < 1:
        return None
    return line[:start] + "<" * (length + delta) + line[end:]


def assemble(lines: Sequence[str]) -> Mrz | None:
    """The first window of OCR lines (top to bottom) that forms a fully checked MRZ.

    Returns the parsed Mrz with the name replaced by fillers, or None. Every check in
    `Mrz.checks` must pass; nothing is corrected to make one pass.
    """
    norm = [normalize(t) for t in lines]
    for fmt in ("TD1", "TD3", "TD2"):
        n, width = LAYOUTS[fmt]
        for i in range(len(norm) - 1):
            a = fit_length(norm[i], width)
            b = fit_length(norm[i + 1], width)
            if a is None or b is None:
                continue
            t1, t2 = _templates(fmt, a)
            a, b = _apply(a, t1), _apply(b, t2)
            if fmt == "TD1":
                text = "\n".join((a, b, "<" * width))
            else:
                text = "\n".join((a[:5] + "<" * (width - 5), b))
            try:
                mrz = parse(text, strict=False)
            except ParseError:
                continue
            if mrz.valid:
                return mrz
    return None
