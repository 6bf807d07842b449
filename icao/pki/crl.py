"""Certificate revocation lists issued by a CSCA (ICAO 9303-12 7.1.4, RFC 5280 5).

API:
    parse_crl(der: bytes) -> Crl
    Crl.verify_issued_by(csca: Certificate) -> None    (raises CryptoError)
    Crl.revocation_of(serial: int) -> datetime | None
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import algos, core
from asn1crypto import crl as acrl

from icao.lds._guard import parsing
from icao.pki.cert import Certificate, _name, name_key
from icao.pki.signature import signature_algorithm, verify_signature


@dataclass(frozen=True)
class Crl:
    der: bytes = field(repr=False)
    issuer: str
    issuer_key: bytes = field(repr=False)
    aki: bytes | None
    this_update: datetime
    next_update: datetime | None
    revoked: dict[int, datetime] = field(repr=False)   # serial -> revocation date
    tbs: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    signature_scheme: str
    signature_hash: str
    pss_params_der: bytes | None = field(repr=False)
    sha256: str

    def revocation_of(self, serial: int) -> datetime | None:
        return self.revoked.get(serial)

    def verify_issued_by(self, csca: Certificate) -> None:
        """RFC 5280 6.3.3 (f): the CRL signature under the CSCA key."""
        pss = algos.RSASSAPSSParams.load(self.pss_params_der) if self.pss_params_der else None
        verify_signature(csca.public_key(), self.signature_scheme, self.signature_hash,
                         self.signature, self.tbs, pss=pss)


def parse_crl(der: bytes) -> Crl:
    data = bytes(der)
    with parsing("CRL", step="pki.crl"):
        c = acrl.CertificateList.load(data, strict=True)
        tbs = c["tbs_cert_list"]
        scheme, hash_name, pss_der = signature_algorithm(c["signature_algorithm"])
        revoked: dict[int, datetime] = {}
        entries = tbs["revoked_certificates"]
        if not isinstance(entries, core.Void):
            for entry in entries:
                revoked[int(entry["user_certificate"].native)] = entry["revocation_date"].native
        next_update = tbs["next_update"]
        aki = c.authority_key_identifier
        return Crl(
            der=data,
            issuer=_name(c.issuer),
            issuer_key=name_key(c.issuer),
            aki=bytes(aki) if aki is not None else None,
            this_update=tbs["this_update"].native,
            next_update=None if isinstance(next_update, core.Void) else next_update.native,
            revoked=revoked,
            tbs=tbs.dump(),
            signature=bytes(c["signature"].native),
            signature_scheme=scheme,
            signature_hash=hash_name,
            pss_params_der=pss_der,
            sha256=hashlib.sha256(data).hexdigest(),
        )
