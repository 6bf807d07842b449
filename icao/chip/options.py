"""What an emulated chip is: profile, access methods, ciphers, quirks, link model and faults.

Frozen and validated at construction so `kiosk chip` flags and test parameters fail early with
a message that names the bad value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from icao.chip.faults import Faults
from icao.chip.link import LinkModel
from icao.chip.quirks import Quirks, access_for
from icao.chip.quirks import validate as validate_quirks
from icao.crypto import CipherSpec
from icao.ecparams import PARAMETER_NAMES, STANDARD_DOMAIN_PARAMETERS, Curve, DhGroup

__all__ = ["ACCESS", "CIPHERS", "MAPPINGS", "PARAMETER_IDS", "PROFILES", "ChipOptions",
           "Faults", "LinkModel", "is_dh", "parameter_id"]

PROFILES = ("vn-cccd", "vn-cccd-2024", "td3-passport")
ACCESS = ("pace", "bac", "both")
MAPPINGS = ("gm", "im", "cam")
CIPHERS = ("3des", "aes128", "aes192", "aes256")

#: Standardised domain parameters (9303-11 9.5.1 Table 6): name -> parameter id. The curves
#: by the names icao.ecparams gives them; the RFC 5114 groups by short `--curve` names.
PARAMETER_IDS: dict[str, int] = {
    "modp1024": 0, "modp2048-224": 1, "modp2048-256": 2,
    **{name: pid for pid, name in PARAMETER_NAMES.items()
       if isinstance(STANDARD_DOMAIN_PARAMETERS[pid], Curve)},
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
    return isinstance(STANDARD_DOMAIN_PARAMETERS.get(pid), DhGroup)


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
    #: Field behaviours to copy (icao.chip.quirks: `kiosk chip --list-quirks`).
    quirks: frozenset[str] = frozenset()
    #: Data groups the chip withholds (6A82) although EF.SOD lists them (issue 14: a clone
    #: hiding DG2); EF.COM, which is not signed, drops them too.
    hidden_dgs: frozenset[int] = frozenset()
    #: Country of the test CSCA and DS that sign EF.SOD (None: VN). Another country than the
    #: document's gives the cross-country signer of issue 14.
    csca_country: str | None = None

    def __post_init__(self) -> None:
        # Accept any iterable for the set-valued options; store them normalised and frozen.
        object.__setattr__(self, "quirks", validate_quirks(self.quirks))
        object.__setattr__(self, "hidden_dgs", _dg_numbers(self.hidden_dgs))
        if self.csca_country is not None:
            country = self.csca_country.strip().upper()
            if not (len(country) == 2 and country.isalpha() and country.isascii()):
                raise ValueError("the CSCA country is an ISO 3166-1 alpha-2 code, e.g. FR")
            object.__setattr__(self, "csca_country", country)
        forced = access_for(self.quirks)
        if forced is not None and self.access is not None and self.access != forced:
            raise ValueError(f"quirk {sorted(self.quirks)} needs access {forced!r}, "
                             f"not {self.access!r}")
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
        """Fill unset choices from the quirks, then the profile (9303-11 profiles we emulate)."""
        defaults: dict[str, Any] = dict(_PROFILE_DEFAULTS[self.profile])
        forced = access_for(self.quirks)
        if forced is not None:
            defaults["access"] = forced
        return replace(self, **{k: v for k, v in defaults.items() if getattr(self, k) is None})

    @property
    def quirk_set(self) -> Quirks:
        """The quirks as the chip checks them (one attribute per behaviour)."""
        return Quirks.of(self.quirks)

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


def _dg_numbers(values: Iterable[int | str]) -> frozenset[int]:
    """Data group numbers from 2, "2" or "DG2"; 1..16."""
    numbers = set()
    for value in values:
        text = str(value).strip().upper().removeprefix("DG")
        if not text.isdigit() or not 1 <= int(text) <= 16:
            raise ValueError(f"{value!r} is not a data group (DG1..DG16)")
        numbers.add(int(text))
    return frozenset(numbers)
