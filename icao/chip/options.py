"""What an emulated chip is: profile, access methods, ciphers, link model and faults.

Frozen and validated at construction so `kiosk chip` flags and test parameters fail early with
a message that names the bad value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from icao.crypto import CipherSpec

PROFILES = ("vn-cccd", "vn-cccd-2024", "td3-passport")
ACCESS = ("pace", "bac", "both")
MAPPINGS = ("gm", "im", "cam")
CIPHERS = ("3des", "aes128", "aes192", "aes256")

#: Standardised domain parameters (9303-11 9.5.1 Table 6): name -> parameter id.
PARAMETER_IDS: dict[str, int] = {
    "modp1024": 0, "modp2048-224": 1, "modp2048-256": 2,
    "secp192r1": 8, "brainpoolP192r1": 9, "secp224r1": 10, "brainpoolP224r1": 11,
    "secp256r1": 12, "brainpoolP256r1": 13, "brainpoolP320r1": 14, "secp384r1": 15,
    "brainpoolP384r1": 16, "brainpoolP512r1": 17, "secp521r1": 18,
}
_ALIASES = {"p-192": "secp192r1", "p-224": "secp224r1", "p-256": "secp256r1",
            "p-384": "secp384r1", "p-521": "secp521r1", "prime256v1": "secp256r1",
            "nist-p256": "secp256r1", "dh1024": "modp1024", "dh2048-224": "modp2048-224",
            "dh2048-256": "modp2048-256"}


def parameter_id(curve: str) -> int:
    """Curve or DH group name (or a number 0..18) to the standardised parameter id."""
    name = curve.strip()
    if name.isdigit():
        value = int(name)
        if value in PARAMETER_IDS.values():
            return value
        raise ValueError(f"unknown standardised domain parameter id {value}")
    key = _ALIASES.get(name.lower(), name)
    for known, pid in PARAMETER_IDS.items():
        if known.lower() == key.lower():
            return pid
    raise ValueError(f"unknown curve or DH group {curve!r}; use one of "
                     f"{', '.join(PARAMETER_IDS)}")


def is_dh(pid: int) -> bool:
    return pid <= 2


@dataclass(frozen=True)
class Faults:
    """Fault injection for robustness tests and demos (counts are APDUs since power-on).

    drop_after: the card leaves the field while answering APDU number N (1-based), once.
    drop_every: ... and again every N APDUs (a wobbly card).
    corrupt_mac_at: the MAC of the protected answer to APDU number N is corrupted.
    plain_6700_ext: answer a bare 6700 to every extended-length APDU, as a chip without
      extended-length support does, before its SM layer counts the command.
    hostile: one hostile-chip mode of `icao.chip.hostile.MODES` (issue 10), e.g. "replay".
    """

    drop_after: int | None = None
    drop_every: int | None = None
    corrupt_mac_at: int | None = None
    plain_6700_ext: bool = False
    hostile: str | None = None

    def __post_init__(self) -> None:
        if self.hostile is not None:
            from icao.chip.hostile import validate

            validate(self.hostile)

    @classmethod
    def parse(cls, specs: list[str] | tuple[str, ...] | None) -> Faults:
        """'drop-after:N', 'drop-every:N', 'corrupt-mac:N', 'plain-6700-ext', 'hostile:MODE'."""
        values: dict[str, object] = {}
        for spec in specs or ():
            name, _, arg = spec.partition(":")
            name = name.strip().lower()
            if name == "hostile":
                from icao.chip.hostile import validate

                values["hostile"] = validate(arg.strip().lower())
                continue
            if name == "plain-6700-ext":
                values["plain_6700_ext"] = True
                continue
            if not arg.strip().isdigit() or int(arg) < 1:
                raise ValueError(f"fault {spec!r} needs a positive APDU count, e.g. {name}:12")
            key = {"drop-after": "drop_after", "drop-every": "drop_every",
                   "corrupt-mac": "corrupt_mac_at"}.get(name)
            if key is None:
                raise ValueError(f"unknown fault {name!r}; use drop-after:N, drop-every:N, "
                                 "corrupt-mac:N, plain-6700-ext or hostile:MODE")
            values[key] = int(arg)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class LinkModel:
    """Contactless link timing: bit rate plus a fixed cost per frame (ISO 14443-4 blocks).

    The chip delays each answer until the modelled time of command + answer has passed, so
    benchmarks through pcscd see the timing of a real 106-848 kbit/s link.
    """

    kbps: float
    frame_overhead_ms: float = 0.0
    frame_size: int = 256

    def seconds(self, command_len: int, response_len: int) -> float:
        frames = -(-command_len // self.frame_size) + -(-response_len // self.frame_size)
        return ((command_len + response_len) * 8 / (self.kbps * 1000.0)
                + frames * self.frame_overhead_ms / 1000.0)


@dataclass(frozen=True)
class ChipOptions:
    """Everything configurable about the emulated chip; defaults come from the profile."""

    profile: Literal["vn-cccd", "vn-cccd-2024", "td3-passport"] = "vn-cccd"
    access: Literal["pace", "bac", "both"] | None = None
    mapping: Literal["gm", "im", "cam"] | None = None
    curve: str | None = None  # name or parameter id; DH groups for DH mappings
    cipher: Literal["3des", "aes128", "aes192", "aes256"] | None = None
    ext_length: bool = True
    max_le: int | None = None  # largest Le honoured: 6Cxx above it (< 256), else 6700
    link: LinkModel | None = None
    faults: Faults = field(default_factory=Faults)
    password_tries: int = 3
    chip_auth: bool = True  # DG14 + CA keys (False: a clone that lacks the chip's key)
    active_auth: bool = True  # DG15 + AA key
    aa_key: Literal["rsa1024", "rsa2048", "ecdsa-p256"] | None = None  # default per profile
    tamper_dg: int | None = None  # change one byte of DGn after signing (issue 4)
    ds_expired: bool = False
    ds_revoked: bool = False
    clone: bool = False  # right data, wrong chip keys: CA/AA/CAM fail

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; use one of {PROFILES}")
        if self.access is not None and self.access not in ACCESS:
            raise ValueError(f"access must be one of {ACCESS}")
        if self.mapping is not None and self.mapping not in MAPPINGS:
            raise ValueError(f"mapping must be one of {MAPPINGS}")
        if self.cipher is not None:
            CipherSpec.parse(self.cipher)
        if self.curve is not None:
            parameter_id(self.curve)
        if self.max_le is not None and not 1 <= self.max_le <= 65536:
            raise ValueError("max Le must be 1..65536")
        if self.aa_key is not None and self.aa_key not in ("rsa1024", "rsa2048", "ecdsa-p256"):
            raise ValueError("AA key must be rsa1024, rsa2048 or ecdsa-p256")
        if self.mapping == "cam" and self.cipher == "3des":
            raise ValueError("PACE-CAM exists only with AES (9303-11 9.2.3)")

    def resolved(self) -> ChipOptions:
        """Fill unset choices from the profile (9303-11 profiles we emulate)."""
        defaults = _PROFILE_DEFAULTS[self.profile]
        return replace(self, **{k: v for k, v in defaults.items() if getattr(self, k) is None})

    @property
    def parameter_id(self) -> int:
        return parameter_id(self.resolved().curve or "13")

    @property
    def spec(self) -> CipherSpec:
        return CipherSpec.parse(self.resolved().cipher or "aes128")


_PROFILE_DEFAULTS: dict[str, dict[str, str]] = {
    # CCCD 2021: EF.CardAccess offers PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1; the
    # chip also answers BAC, which older readers use.
    "vn-cccd": {"access": "both", "mapping": "gm", "curve": "brainpoolP256r1",
                "cipher": "aes128"},
    # Can cuoc 2024: PACE only, with Chip Authentication Mapping.
    "vn-cccd-2024": {"access": "pace", "mapping": "cam", "curve": "brainpoolP256r1",
                     "cipher": "aes128"},
    # An ICAO passport with both BAC and PACE on NIST P-256.
    "td3-passport": {"access": "both", "mapping": "gm", "curve": "secp256r1",
                     "cipher": "aes128"},
}
