"""Fault injection for the emulated chip, and the names of its hostile modes (issue 10).

Kept apart from the chip and from `icao.chip.hostile` so that options can be validated without
importing the machinery that builds files (no import cycle: hostile imports this, never the
other way round).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Hostile mode name -> one line for `--fault` help and docs/hardening.md.
MODES: dict[str, str] = {
    "tlv-overclaim": "DG1's TLV header claims 4000 bytes; the file has about 100",
    "do87-overclaim": "the protected answers to READ BINARY of DG1 carry a DO87 whose length "
                      "claims 65535 bytes",
    "deep-tlv-dg": "DG13 is 1,000 nested constructed TLVs (valid lengths)",
    "deep-tlv-card-access": "EF.CardAccess is a SET holding 1,000 nested SEQUENCEs",
    "huge-dg": "DG2's header claims 16 MiB (16,777,216 bytes)",
    "endless-61xx": "every READ BINARY and GET RESPONSE answers 16 bytes + 6110, forever",
    "never-answer": "the first protected READ BINARY is never answered (the card goes silent)",
    "downgrade-9000": "after secure messaging starts, READ BINARY is answered a bare 9000",
    "downgrade-data": "after secure messaging starts, READ BINARY is answered in plain "
                      "(file bytes + 9000, no DO87/DO99/DO8E)",
    "replay": "every protected READ BINARY is answered with the previous protected answer "
              "(validly MACed, for an older send sequence counter)",
    "wrong-sw-valid-mac": "READ BINARY of DG1 answers 6A82 inside a correctly MACed response",
    "card-access-unknown-oid": "EF.CardAccess holds only a SecurityInfo with an unknown OID",
    "card-access-unknown-param": "EF.CardAccess offers the chip's PACE OID with parameterId 99",
    "card-access-contradictory": "EF.CardAccess offers PACE-DH-GM on an elliptic curve (13) "
                                 "and PACE-ECDH-GM on a DH group (0)",
    "cert-loop": "EF.SOD is signed by a DS under a CSCA name of the chip's country whose "
                 "certificates (embedded in the SOD) sign each other in a loop",
}


def validate_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"unknown hostile mode {mode!r}; use one of {', '.join(MODES)}")
    return mode


@dataclass(frozen=True)
class Faults:
    """Fault injection for robustness tests and demos (counts are APDUs since power-on).

    drop_after: the card leaves the field while answering APDU number N (1-based), once.
    drop_every: ... and again every N APDUs (a wobbly card).
    corrupt_mac_at: the MAC of the protected answer to APDU number N is corrupted.
    plain_6700_ext: answer a bare 6700 to every extended-length APDU, as a chip without
      extended-length support does, before its SM layer counts the command.
    hostile: one hostile-chip mode of `MODES` (issue 10), e.g. "replay".
    """

    drop_after: int | None = None
    drop_every: int | None = None
    corrupt_mac_at: int | None = None
    plain_6700_ext: bool = False
    hostile: str | None = None

    def __post_init__(self) -> None:
        if self.hostile is not None:
            validate_mode(self.hostile)

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...] | None) -> Faults:
        """'drop-after:N', 'drop-every:N', 'corrupt-mac:N', 'plain-6700-ext', 'hostile:MODE'."""
        values: dict[str, Any] = {}
        for spec in specs or ():
            name, _, arg = spec.partition(":")
            name = name.strip().lower()
            if name == "hostile":
                values["hostile"] = validate_mode(arg.strip().lower())
                continue
            if name == "plain-6700-ext":
                values["plain_6700_ext"] = True
                continue
            key = {"drop-after": "drop_after", "drop-every": "drop_every",
                   "corrupt-mac": "corrupt_mac_at"}.get(name)
            if key is None:
                raise ValueError(f"unknown fault {name!r}; use drop-after:N, drop-every:N, "
                                 "corrupt-mac:N, plain-6700-ext or hostile:MODE")
            if not arg.strip().isdigit() or int(arg) < 1:
                raise ValueError(f"fault {spec!r} needs a positive APDU count, e.g. {name}:12")
            values[key] = int(arg)
        return cls(**values)
