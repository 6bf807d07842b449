"""What an inspection system demands of a document beyond the cryptography (BSI TR-03105-5,
ICAO 9303-11 5.1 and 9303-12).

The rules that always hold (the issuing state in DG1 = the DS country = the CSCA country; every
DG read or offered by EF.COM is in the SOD) are not options. The policy holds what differs
between deployments: which DGs this read needs signed, and whether a missing or stale CRL
blocks. The kiosk builds it from `trust.require_crl` and its document profile.

API:
    PkiPolicy(required_dgs=frozenset(), require_crl=False, protected_dgs=TA_PROTECTED)
    PkiPolicy.vn_cccd(require_crl=False) -> PkiPolicy     DG1, DG2, DG13, DG14 required
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: 9303-11 7.1: DG3 (fingerprints) and DG4 (iris) are read only after terminal authentication,
#: so a chip may list them in its SOD and refuse to give them, and a kiosk never asks.
TA_PROTECTED = frozenset({"DG3", "DG4"})
#: The Vietnamese chip ID read: MRZ, portrait, citizen details (DG13) and the CA key (DG14).
VN_CCCD_REQUIRED = frozenset({"DG1", "DG2", "DG13", "DG14"})

_DG = re.compile(r"^DG([1-9]|1[0-6])$")


def _dg_set(names: Iterable[str], what: str) -> frozenset[str]:
    out = frozenset(names)
    bad = sorted(n for n in out if not _DG.match(n))
    if bad:
        raise ValueError(f"{what} must be data group names DG1..DG16, not {bad}")
    return out


@dataclass(frozen=True)
class PkiPolicy:
    #: DGs the read needs: each must be in the SOD's hash list and given by the chip.
    required_dgs: frozenset[str] = field(default_factory=frozenset)
    #: A missing or out-of-date CRL makes passive authentication "not possible" (blocks)
    #: instead of "passed, revocation not checked".
    require_crl: bool = False
    #: DGs the SOD may list that the chip may refuse without suspicion (terminal authentication).
    protected_dgs: frozenset[str] = TA_PROTECTED

    def __post_init__(self) -> None:
        object.__setattr__(self, "required_dgs", _dg_set(self.required_dgs, "required_dgs"))
        object.__setattr__(self, "protected_dgs", _dg_set(self.protected_dgs, "protected_dgs"))

    @classmethod
    def vn_cccd(cls, *, require_crl: bool = False) -> PkiPolicy:
        """The policy of the kiosk's Vietnamese chip ID read."""
        return cls(required_dgs=VN_CCCD_REQUIRED, require_crl=require_crl)


__all__ = ["TA_PROTECTED", "VN_CCCD_REQUIRED", "PkiPolicy"]
