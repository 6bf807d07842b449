"""What a read of the chip produced: raw files plus how they were obtained.

Only raw bytes are kept here (ICAO 9303-11 5.1: passive authentication hashes the bytes read,
never a re-encoding); parsed views live in `icao.lds`. The repr of a Document lists file names
and sizes, never their content.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # a type only: icao.document stays a module of plain data
    from icao.lds.security_infos import SecurityInfos

#: Files the reader knows, with their file identifiers and short file identifiers
#: (9303-10 4.6.1 Table 38; EF.CardAccess/EF.CardSecurity in the MF, 9303-10 3.11).
EMRTD_FILES: Mapping[str, tuple[int, int]] = MappingProxyType({
    "COM": (0x011E, 0x1E), "SOD": (0x011D, 0x1D),
    **{f"DG{n}": (0x0100 + n, n) for n in range(1, 17)},
})
MF_FILES: Mapping[str, tuple[int, int]] = MappingProxyType({
    "CardAccess": (0x011C, 0x1C), "CardSecurity": (0x011D, 0x1D),
})

#: The first byte of each file (9303-10 4.6-4.7), checked against what the chip returns.
FILE_TAGS: Mapping[str, int] = MappingProxyType({
    "COM": 0x60, "SOD": 0x77, "DG1": 0x61, "DG2": 0x75, "DG3": 0x63, "DG4": 0x76,
    "DG5": 0x65, "DG6": 0x66, "DG7": 0x67, "DG8": 0x68, "DG9": 0x69, "DG10": 0x6A,
    "DG11": 0x6B, "DG12": 0x6C, "DG13": 0x6D, "DG14": 0x6E, "DG15": 0x6F, "DG16": 0x70,
    "CardAccess": 0x31, "CardSecurity": 0x30,
})


@dataclass(frozen=True)
class AccessInfo:
    """Which protocol opened the chip (no secret, no personal data)."""

    protocol: Literal["PACE", "BAC"]
    password: Literal["can", "mrz"]
    cipher: str  # "3DES", "AES-128", ...
    protocol_oid: str | None = None  # PACE OID (9303-11 9.2.3)
    mapping: str | None = None  # "GM", "IM", "CAM"
    parameter_id: int | None = None  # standardised domain parameters (9303-11 9.5.1)
    curve: str | None = None


@dataclass(frozen=True)
class StepTiming:
    """One step of the read: wall time, APDUs and bytes on the link (both directions)."""

    name: str
    seconds: float
    apdus: int
    link_bytes: int


@dataclass(frozen=True)
class ChipAuthOutcome:
    """Chip authentication (9303-11 6.2) or the CAM check of PACE-CAM (4.4.3.5).

    status "passed": the chip proved it holds the private key of the public key in DG14 or
    EF.CardSecurity; "failed": it could not (a clone, or a damaged chip); "not_performed":
    the card offers none, or the caller did not ask.
    """

    method: Literal["CA", "PACE-CAM"]
    status: Literal["passed", "failed", "not_performed"]
    reason: str
    protocol_oid: str | None = None
    key_source: str | None = None  # "DG14" or "CardSecurity"


@dataclass(frozen=True)
class ActiveAuthOutcome:
    """Active authentication (9303-11 6.1) with the DG15 public key.

    status "passed": the chip signed our challenge with the DG15 key; "failed": it answered,
    under secure messaging, with a signature that does not verify or a refusal (a clone, or
    a damaged chip); "not_possible": the exchange itself could not be completed (the reader
    or the chip refused the APDU's length, the card or its session was lost, twice): nothing
    was proven either way, read again; "not_performed": no DG15, or the caller did not ask.
    """

    status: Literal["passed", "failed", "not_possible", "not_performed"]
    reason: str
    algorithm: str | None = None


#: Where the extended-length decision came from; "probed": nothing announced it, the read
#: tried it and the chip took it.
ExtendedSource = Literal["atr", "ef.atr", "reader profile", "learned", "probed"]


@dataclass(frozen=True)
class Capabilities:
    """What the chip and the reader can do, and where each fact came from (issue 15).

    Extended-length APDUs are sent only when every source allows them: the ATR/ATS
    historical bytes (`atr`), EF.ATR/INFO (`ef_atr_info`, ISO/IEC 7816-4 8.2.1.1) and the
    reader's profile (`reader`: False when the profile forbids it). `extended_length` is
    what the read ended up using and `source` the fact that decided it ("learned": the chip
    or the reader refused an extended APDU during this read). `max_command` /
    `max_response` are the chip's buffer sizes from DO 7F66 of EF.ATR/INFO, when given.
    """

    extended_length: bool
    source: ExtendedSource
    atr: bool | None = None
    ef_atr_info: bool | None = None
    reader: bool | None = None
    max_command: int | None = None
    max_response: int | None = None
    max_read: int = 0  # the largest READ BINARY size the read allowed itself

    def describe(self) -> dict[str, object]:
        """A plain dict for JSON output."""
        return {"extended_length": self.extended_length, "source": self.source,
                "atr": self.atr, "ef_atr_info": self.ef_atr_info, "reader": self.reader,
                "max_command": self.max_command, "max_response": self.max_response,
                "max_read": self.max_read}


@dataclass(frozen=True)
class Document:
    """Raw files read from the chip and the facts of the read."""

    files: Mapping[str, bytes] = field(repr=False)
    access: AccessInfo
    steps: tuple[StepTiming, ...] = ()
    apdu_count: int = 0
    link_bytes: int = 0
    seconds: float = 0.0
    read_size: int = 0  # the READ BINARY size that worked, to reuse for this reader
    reconnects: int = 0
    chip_auth: ChipAuthOutcome | None = None
    active_auth: ActiveAuthOutcome | None = None
    warnings: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()  # asked for but not on the chip (6A82)
    denied: tuple[str, ...] = ()  # present but protected (DG3/DG4: terminal authentication)
    #: Read with BAC although the signed DG14 announces PACE: EF.CardAccess was unreadable or
    #: altered. icao.genuine never calls such a read genuine (issue 10, downgrade).
    downgraded: bool = False
    #: What the chip and the reader could do and where each setting came from.
    capabilities: Capabilities | None = None
    #: Times the chip ended secure messaging and the session was re-established (PACE or BAC
    #: again, 9303-11 9.8) without losing the card; `reconnects` counts lost cards.
    session_restarts: int = 0
    #: DG14 as the read parsed it once (icao.lds.security_infos), for CA, AA and the
    #: downgrade check; None without a parseable DG14. A view of unverified bytes: trust it
    #: only where passive authentication trusts DG14.
    security_infos: SecurityInfos | None = field(default=None, repr=False, compare=False)

    @property
    def bytes_read(self) -> int:
        return sum(len(v) for v in self.files.values())

    def sizes(self) -> dict[str, int]:
        return {name: len(raw) for name, raw in self.files.items()}

    def __repr__(self) -> str:
        return (f"Document(access={self.access.protocol}, files={self.sizes()}, "
                f"apdus={self.apdu_count}, seconds={self.seconds:.3f})")
