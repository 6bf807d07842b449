"""X.509 certificates as passive authentication needs them (RFC 5280, ICAO 9303-12 7.1).

A frozen view of one certificate: names, key identifiers, validity, the key and exactly the
bytes its issuer signed. Names are compared as DER after asn1crypto's RFC 5280 7.1
normalisation (case and whitespace folding), because CSCAs and DSCs from different vendors
spell the same name in different string types.

API:
    parse_certificate(der: bytes) -> Certificate
    Certificate.verify_issued_by(issuer: Certificate) -> None   (raises CryptoError)
    Certificate.country / .issuer_country -> str | None         ("VN"; upper case)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, lru_cache

from asn1crypto import algos, x509

from icao.lds._guard import parsing
from icao.pki.countries import normalise_country
from icao.pki.keys import PublicKey, load_public_key
from icao.pki.signature import signature_algorithm, verify_signature


@dataclass(frozen=True)
class Certificate:
    der: bytes = field(repr=False)
    subject: str                      # RFC 4514-ish, for people (no personal data in CSCA/DSC)
    issuer: str
    serial: int
    not_before: datetime
    not_after: datetime
    ski: bytes | None
    aki: bytes | None
    is_ca: bool
    self_issued: bool
    spki: bytes = field(repr=False)
    tbs: bytes = field(repr=False)
    signature: bytes = field(repr=False)
    signature_scheme: str
    signature_hash: str
    pss_params_der: bytes | None = field(repr=False)
    sha256: str                       # fingerprint, hex
    _asn1: x509.Certificate = field(repr=False, compare=False)

    # RFC 5280 7.1 normalisation (LDAP stringprep) is the slowest part of parsing a
    # certificate, so it runs only when a name is actually compared.
    @cached_property
    def subject_key(self) -> bytes:
        """Normalised subject name, for matching."""
        return name_key(self._asn1.subject)

    @cached_property
    def issuer_key(self) -> bytes:
        return name_key(self._asn1.issuer)

    @cached_property
    def country(self) -> str | None:
        """The subject's countryName, upper case (9303-12 7.1.1: the issuing state)."""
        return _country(self._asn1.subject)

    @cached_property
    def issuer_country(self) -> str | None:
        return _country(self._asn1.issuer)

    def public_key(self) -> PublicKey:
        return load_public_key(self.spki)

    def valid_at(self, at: datetime) -> bool:
        return self.not_before <= at <= self.not_after

    def verify_issued_by(self, issuer: Certificate) -> None:
        """RFC 5280 6.1.3 (a)(1): the signature on this certificate under `issuer`'s key."""
        pss = algos.RSASSAPSSParams.load(self.pss_params_der) if self.pss_params_der else None
        verify_signature(issuer.public_key(), self.signature_scheme, self.signature_hash,
                         self.signature, self.tbs, pss=pss)


def _name(n: x509.Name) -> str:
    parts = []
    for rdn in reversed(list(n.chosen)):
        for atv in rdn:
            t = atv["type"]
            key = {"common_name": "CN", "organization_name": "O", "country_name": "C",
                   "organizational_unit_name": "OU", "serial_number": "2.5.4.5",
                   "locality_name": "L", "state_or_province_name": "ST"}.get(t.native, t.dotted)
            value = atv["value"].native
            parts.append(f"{key}={value}")
    return ",".join(parts)


def _country(n: x509.Name) -> str | None:
    """countryName of `n`, None when absent or not a single printable value (a name with two
    countries names none we could trust)."""
    found: list[str] = []
    with parsing("certificate name", step="pki.cert"):
        for rdn in n.chosen:
            for atv in rdn:
                if atv["type"].native == "country_name":
                    value = atv["value"].native
                    found.append(value if isinstance(value, str) else "")
    if len(found) != 1:
        return None
    return normalise_country(found[0])


def name_key(n: x509.Name) -> bytes:
    """RFC 5280 7.1 normalised form, so 'C=gb' matches 'C=GB' and string types don't matter.

    Runs lazily, after `parse_certificate` returned, so it needs its own guard: asn1crypto's
    string preparation raises TypeError on an attribute value that is not a string (an unknown
    attribute type holding an OCTET STRING, found by tests/fuzz) and ValueError on others.
    """
    with parsing("certificate name", step="pki.cert"):
        return n.hashable.encode("utf-8")


@lru_cache(maxsize=2048)
def parse_certificate(der: bytes) -> Certificate:
    """Parse a DER certificate; ParseError when it is not one."""
    data = bytes(der)
    with parsing("certificate", step="pki.cert"):
        c = x509.Certificate.load(data, strict=True)
        tbs = c["tbs_certificate"]
        scheme, hash_name, pss_der = signature_algorithm(c["signature_algorithm"])
        ski = c.key_identifier
        aki = c.authority_key_identifier
        bc = c.basic_constraints_value
        return Certificate(
            der=data,
            subject=_name(c.subject),
            issuer=_name(c.issuer),
            serial=int(tbs["serial_number"].native),
            not_before=tbs["validity"]["not_before"].native,
            not_after=tbs["validity"]["not_after"].native,
            ski=bytes(ski) if ski is not None else None,
            aki=bytes(aki) if aki is not None else None,
            is_ca=bool(bc is not None and bc["ca"].native),
            self_issued=c.self_issued,
            spki=tbs["subject_public_key_info"].dump(),
            tbs=tbs.dump(),
            signature=bytes(c["signature_value"].native),
            signature_scheme=scheme,
            signature_hash=hash_name,
            pss_params_der=pss_der,
            sha256=hashlib.sha256(data).hexdigest(),
            _asn1=c,
        )


