"""The inspection step: verify, judge, then decode, once (ICAO 9303-11 5.1; BSI TR-03105-5).

One call takes what the reader produced to what the application may use:

    inspection = inspect(document, trust, at, PkiPolicy.vn_cccd(require_crl=...))
    inspection.verification   passive authentication, every check with its reason code
    inspection.verdict        genuine / not_genuine / cloned / not_provable, code, sentence
    inspection.files          parsed views (icao.lds) of the files that may be decoded

Why in this order: the chip is attacker-controlled until its SOD says otherwise. EF.SOD is
parsed and checked first; a data group is decoded only when its raw bytes matched the SOD
under a signature that verified, so a tampered DG2 (an image for a C decoder) or DG13 (free
text) is reported by name and never decoded. Each file is parsed exactly once, by the one
parser `icao.lds.decoder.PARSERS` names, and every decode error is a typed `IcaoError`
kept in `files.errors`. Pure: no I/O, the clock is the caller's `at`.

API:
    inspect(document, trust, at, policy=None) -> Inspection
    Inspection(verification, verdict, files)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from icao.document import Document
from icao.genuine import Verdict, assess
from icao.lds.decoder import Decoder, ParsedFiles
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.pki.verify import Verification, verify_decoded


@dataclass(frozen=True)
class Inspection:
    verification: Verification
    verdict: Verdict
    files: ParsedFiles

    def __repr__(self) -> str:
        return (f"Inspection(verdict={self.verdict.status.value}/{self.verdict.code.value}, "
                f"pa={self.verification.status.value}, files={self.files!r})")


def inspect(document: Document, trust: TrustStore, at: datetime,
            policy: PkiPolicy | None = None) -> Inspection:
    """Passive authentication, the verdict and the parsed views of one read."""
    policy = policy or PkiPolicy()
    infos = document.security_infos  # DG14 as the read parsed it (CA, AA): not parsed again
    same = infos is not None and infos.raw == document.files.get("DG14")
    decoder = Decoder(document.files, parsed={"DG14": infos} if same else None)
    # 9303-11 5.1: a DG the SOD lists that the chip refused or said it lacks is withheld
    # (DG3/DG4 behind terminal authentication excepted by the policy).
    refused = frozenset(document.absent) | frozenset(document.denied)
    verification = verify_decoded(decoder, trust, at, policy, refused=refused)
    return Inspection(verification, assess(document, verification), decoder.snapshot())


__all__ = ["Inspection", "inspect"]
