"""The 54 ethnic groups of Viet Nam with their official codes (QĐ 121-TCTK/PPCĐ, 1979).

Back-office systems (population, BHYT) exchange the code, not the text, and the chip prints a
name whose spelling varies ("H'Mông", "Mông", "HMông"), so the kiosk maps the text to the code.
Ethnicity is sensitive personal data (Law 91/2025 and Decree 356/2025 Art. 4, which replaced
Decree 13/2023): matching is done in memory and nothing is logged. The list lives in
data/ethnic_groups.json with its source.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class EthnicGroup:
    code: int
    name: str
    aliases: tuple[str, ...]


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def _exact(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFC", text.lower()) if c.isalnum())


@lru_cache(maxsize=1)  # public reference data, not personal data
def ethnic_groups() -> tuple[EthnicGroup, ...]:
    raw = resources.files("kiosk.identity").joinpath("data/ethnic_groups.json").read_text("utf-8")
    return tuple(EthnicGroup(g["code"], g["name"], tuple(g["aliases"]))
                 for g in json.loads(raw)["groups"])


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, EthnicGroup], dict[str, EthnicGroup]]:
    exact: dict[str, EthnicGroup] = {}
    loose: dict[str, EthnicGroup] = {}
    for g in ethnic_groups():
        for name in (g.name, *g.aliases):
            exact[_exact(name)] = g
            loose.setdefault(_key(name), g)
    return exact, loose


def lookup_ethnicity(text: str | None) -> EthnicGroup | None:
    """The group for a name as printed (diacritics first, then without), else None."""
    if not text:
        return None
    exact, loose = _indexes()
    return exact.get(_exact(text)) or loose.get(_key(text))


def by_code(code: int) -> EthnicGroup | None:
    return next((g for g in ethnic_groups() if g.code == code), None)
