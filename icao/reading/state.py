"""What a read keeps across session restarts and reconnects: bytes read so far, the read
size and capabilities learned, counters, the outcomes of the chip's proofs, and the files
parsed once (DG14 feeds the downgrade check, CA and AA; issue 13: one parse per read)."""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.document import AccessInfo, ActiveAuthOutcome, ChipAuthOutcome, StepTiming
from icao.errors import ParseError
from icao.lds.com import parse_com
from icao.lds.security_infos import SecurityInfos, parse_security_infos
from icao.pace.result import PaceResult
from icao.reading.capabilities import CapabilityState
from icao.reading.channel import Counters
from icao.reading.files import Partial, ReadSizes


@dataclass
class ReadState:
    capabilities: CapabilityState
    parts: dict[str, Partial] = field(default_factory=dict)
    done: dict[str, bytes] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    steps: list[StepTiming] = field(default_factory=list)
    sizes: ReadSizes = field(default_factory=ReadSizes)
    counters: Counters = field(default_factory=Counters)
    access: AccessInfo | None = None
    pace_result: PaceResult | None = None
    chip_auth: ChipAuthOutcome | None = None
    active_auth: ActiveAuthOutcome | None = None
    reconnects: int = 0
    session_restarts: int = 0
    key_known_good: bool = False  # the key opened the chip once during this read
    _com_dgs: frozenset[str] | None = None
    _dg14: SecurityInfos | None = None
    _dg14_error: bool = False

    def listed(self, name: str) -> bool | None:
        """Whether EF.COM lists data group `name` (None: no parseable EF.COM, or not a DG).
        Advisory (EF.COM is not signed, 9303-10 4.6.1): it only decides whether a 6A82 needs
        a SELECT to confirm it."""
        if self._com_dgs is None and "COM" in self.done:
            try:
                self._com_dgs = frozenset(f"DG{n}" for n in parse_com(self.done["COM"])
                                          .data_groups)
            except ParseError:
                self._com_dgs = frozenset({"?"})  # unparseable: nothing is known
        if self._com_dgs is None or "?" in self._com_dgs or not name.startswith("DG"):
            return None
        return name in self._com_dgs

    def dg14(self) -> SecurityInfos | None:
        """DG14's SecurityInfos, parsed once; None when absent or malformed (warned once)."""
        if self._dg14 is None and not self._dg14_error and "DG14" in self.done:
            try:
                self._dg14 = parse_security_infos(self.done["DG14"])
            except ParseError:
                self._dg14_error = True
                self.warnings.append("DG14 could not be parsed")
        return self._dg14
