"""Read a folder of raw EF files for offline verification.

Names accepted (case-insensitive, optional "EF." / "EF_" prefix, optional .bin/.der/.dat):
SOD, COM, DG1..DG16, CardAccess, CardSecurity; e.g. EF.SOD.bin, DG1.bin, EF_COM.dat. These are
the names used by vectors/lds and by `kiosk chip` exports.
"""

from __future__ import annotations

import re
from pathlib import Path

_NAME = re.compile(
    r"^(?:ef[._])?(sod|com|dg(?:[1-9]|1[0-6])|cardaccess|cardsecurity)(?:\.(?:bin|der|dat))?$",
    re.IGNORECASE)
_CANON = {"sod": "SOD", "com": "COM", "cardaccess": "CardAccess", "cardsecurity": "CardSecurity"}


def ef_key(filename: str) -> str | None:
    """'EF.SOD.bin' -> 'SOD', 'dg2.bin' -> 'DG2'; None for anything else."""
    m = _NAME.match(filename)
    if not m:
        return None
    word = m.group(1).lower()
    return _CANON.get(word, word.upper())


def read_ef_folder(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(Path(folder).iterdir()):
        key = ef_key(path.name) if path.is_file() else None
        if key is not None:
            files[key] = path.read_bytes()
    return files
