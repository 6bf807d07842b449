"""What a completed PACE run hands to secure messaging and to the genuineness verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from icao.crypto import CipherSpec
from icao.ec import Curve


@dataclass(frozen=True)
class CamResult:
    """Chip Authentication Mapping data (9303-11 4.4.3.5), kept until PK_IC is known.

    ca_ic is FE2OS(CA_IC) at the width of the group order; chip_mapping_public is PK_Map,IC.
    Neither is secret nor personal, but they are kept out of repr to keep logs short.
    """

    curve: Curve
    ca_ic: bytes = field(repr=False)
    chip_mapping_public: bytes = field(repr=False)


@dataclass(frozen=True)
class PaceResult:
    """Session keys and facts of a successful PACE (SSC starts at 0 after PACE, 9303-11 9.8.2)."""

    spec: CipherSpec
    ks_enc: bytes = field(repr=False)
    ks_mac: bytes = field(repr=False)
    protocol_oid: str
    parameter_id: int | None
    mapping: str  # "GM", "IM" or "CAM"
    chip_ephemeral_public: bytes = field(repr=False)  # PK_IC as sent (for TA's ID_IC, 9303-11 7.1)
    cam: CamResult | None = None
    car: tuple[bytes, ...] = ()  # Certification Authority References (DO87/DO88) if sent
    tries_left: int | None = None  # from a 63Cx warning at MSE:Set AT: earlier wrong attempts
