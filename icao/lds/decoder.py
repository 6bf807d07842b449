"""Parse each file of one read at most once, and a data group only after its hash verified.

Why a gate and a memo: DG2 (an image for a C decoder) and DG13 (free text) come from the chip,
and until EF.SOD vouches for their bytes they are attacker-controlled input (ICAO 9303-11 5.1;
DESIGN "nothing from the chip is decoded before its hash verifies"). Passive authentication
marks the DGs it verified with `allow()`; asking for any other DG raises `NotVerified`, so
decoding an unverified DG is a programming error caught by tests, not a silent risk. Files
that are never hashed (EF.COM, EF.CardAccess: unsigned and advisory; EF.SOD and
EF.CardSecurity: signed objects whose own signature is what gets verified) decode freely.
Every parser runs under `icao.lds._guard.parsing`, so the only error out of a decode is a typed
`icao.errors.IcaoError` (usually `ParseError`), remembered and raised again on each ask.

API:
    Decoder(files).allow(names); .decode(name) -> object | None; .error(name)
    Decoder.sod() / .com() / .dg1() / .card_security()     typed shortcuts
    Decoder.snapshot() -> ParsedFiles (the verified, decoded views; the refused DGs)
    Decoder.parse_counts: dict[str, int]                    (tests prove "parsed once")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar, cast

from icao.errors import IcaoError
from icao.lds._guard import parsing
from icao.lds.card_security import CardSecurity, parse_card_security
from icao.lds.com import Com, parse_com
from icao.lds.dg1 import Dg1, parse_dg1
from icao.lds.dg2 import Dg2, parse_dg2
from icao.lds.dg11 import Dg11, parse_dg11
from icao.lds.dg12 import Dg12, parse_dg12
from icao.lds.dg13 import Dg13, parse_dg13
from icao.lds.dg15 import Dg15, parse_dg15
from icao.lds.dg16 import Dg16, parse_dg16
from icao.lds.security_infos import SecurityInfos, parse_security_infos
from icao.lds.sod import Sod, parse_sod

#: The one parser of each file (the fuzzed ones in tests/icao/lds, tests/fuzz).
PARSERS: Mapping[str, Callable[[bytes], object]] = MappingProxyType({
    "COM": parse_com, "SOD": parse_sod, "CardAccess": parse_security_infos,
    "CardSecurity": parse_card_security, "DG1": parse_dg1, "DG2": parse_dg2,
    "DG11": parse_dg11, "DG12": parse_dg12, "DG13": parse_dg13, "DG14": parse_security_infos,
    "DG15": parse_dg15, "DG16": parse_dg16,
})
#: Decoded without a hash check: unsigned and advisory, or carrying their own signature.
UNHASHED = frozenset({"COM", "SOD", "CardAccess", "CardSecurity"})


class NotVerified(LookupError):
    """A DG was asked for before passive authentication verified its hash (a caller bug)."""


@dataclass(frozen=True)
class ParsedFiles:
    """The parsed views of one read: only files that decode without a hash check, and DGs whose
    bytes matched a SOD whose signature verified. `errors` holds the typed decode error of
    each such file that is malformed; `refused` the DGs read but never decoded."""

    com: Com | None = None
    sod: Sod | None = None
    card_access: SecurityInfos | None = None
    card_security: CardSecurity | None = None
    dg1: Dg1 | None = None
    dg2: Dg2 | None = None
    dg11: Dg11 | None = None
    dg12: Dg12 | None = None
    dg13: Dg13 | None = None
    dg14: SecurityInfos | None = None
    dg15: Dg15 | None = None
    dg16: Dg16 | None = None
    errors: Mapping[str, IcaoError] = field(default_factory=lambda: MappingProxyType({}))
    refused: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        present = [f for f in ("com", "sod", "card_access", "card_security", "dg1", "dg2", "dg11",
                               "dg12", "dg13", "dg14", "dg15", "dg16") if getattr(self, f)]
        return (f"ParsedFiles(parsed={present}, errors={sorted(self.errors)}, "
                f"refused={sorted(self.refused)})")


_T = TypeVar("_T")


class Decoder:
    def __init__(self, files: Mapping[str, bytes],
                 parsed: Mapping[str, object] | None = None) -> None:
        """`parsed`: views the caller already parsed from these very bytes (the read parses
        DG14 for CA); they are not parsed again, and still wait for `allow` like the rest."""
        self.files: Mapping[str, bytes] = MappingProxyType(dict(files))
        self._allowed: set[str] = set()
        self._done: dict[str, object] = {n: v for n, v in (parsed or {}).items() if n in files}
        self._errors: dict[str, IcaoError] = {}
        self.parse_counts: dict[str, int] = {}

    def allow(self, names: Iterable[str]) -> None:
        """Mark DGs whose raw bytes passive authentication verified."""
        self._allowed.update(names)

    def allowed(self, name: str) -> bool:
        return name in UNHASHED or name in self._allowed

    def decode(self, name: str) -> object | None:
        """The parsed view of `name`; None when it was not read or has no parser. Raises the
        file's typed error (the same one each time), or NotVerified."""
        if name not in self.files or name not in PARSERS:
            return None
        if not self.allowed(name):
            raise NotVerified(f"{name} is decoded only after its hash verified")
        if name in self._errors:
            raise self._errors[name]
        if name not in self._done:
            self.parse_counts[name] = self.parse_counts.get(name, 0) + 1
            try:
                with parsing(name):
                    self._done[name] = PARSERS[name](self.files[name])
            except IcaoError as exc:
                self._errors[name] = exc
                raise
        return self._done[name]

    def error(self, name: str) -> IcaoError | None:
        return self._errors.get(name)

    def sod(self) -> Sod | None:
        return cast("Sod | None", self.decode("SOD"))

    def com(self) -> Com | None:
        return cast("Com | None", self.decode("COM"))

    def dg1(self) -> Dg1 | None:
        return cast("Dg1 | None", self.decode("DG1"))

    def card_security(self) -> CardSecurity | None:
        return cast("CardSecurity | None", self.decode("CardSecurity"))

    def snapshot(self) -> ParsedFiles:
        """Decode every allowed file once (errors kept, never raised) and freeze the views."""
        refused = frozenset(n for n in self.files if n.startswith("DG") and not self.allowed(n))
        return ParsedFiles(
            com=self._view("COM", Com), sod=self._view("SOD", Sod),
            card_access=self._view("CardAccess", SecurityInfos),
            card_security=self._view("CardSecurity", CardSecurity),
            dg1=self._view("DG1", Dg1), dg2=self._view("DG2", Dg2),
            dg11=self._view("DG11", Dg11), dg12=self._view("DG12", Dg12),
            dg13=self._view("DG13", Dg13), dg14=self._view("DG14", SecurityInfos),
            dg15=self._view("DG15", Dg15), dg16=self._view("DG16", Dg16),
            errors=MappingProxyType(dict(self._errors)), refused=refused)

    def _view(self, name: str, kind: type[_T]) -> _T | None:
        if name not in self.files or not self.allowed(name):
            return None
        try:
            value = self.decode(name)
        except IcaoError:
            return None
        return value if isinstance(value, kind) else None


__all__ = ["PARSERS", "UNHASHED", "Decoder", "NotVerified", "ParsedFiles"]
