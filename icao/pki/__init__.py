"""Passive authentication and the in-memory trust store (ICAO 9303-11 5.1, 9303-12).

Pure: works on bytes and objects; the disk store lives in `kiosk.trust`.

Public API:
    verify(files, trust, at, policy=None, *, refused=()) -> Verification  (icao.pki.verify)
    Check(name, status, reason, detail, code, files); Status        (icao.pki.checks)
    PkiPolicy(required_dgs, require_crl, protected_dgs)             (icao.pki.policy)
    alpha2_of(icao_code) -> frozenset[str]                          (icao.pki.countries)
    TrustStore (add_certificate / add_csca, add_crl, find_chain)    (icao.pki.store)
    parse_master_list(data, root) -> MasterList                     (icao.pki.masterlist)
    parse_certificate(der) -> Certificate                           (icao.pki.cert)
    parse_crl(der) -> Crl                                           (icao.pki.crl)
    load_public_key(spki_der) -> PublicKey                          (icao.pki.keys)

The names are loaded on first use (PEP 562): `icao.lds.dg15` needs `icao.pki.keys`, and
`icao.pki.verify` needs `icao.lds`, so importing everything here would make a cycle.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Certificate": "cert", "parse_certificate": "cert", "Check": "checks", "Status": "checks",
    "alpha2_of": "countries", "Crl": "crl", "parse_crl": "crl", "load_public_key": "keys",
    "MasterList": "masterlist", "parse_master_list": "masterlist", "PkiPolicy": "policy",
    "TrustStore": "store", "Verification": "verify", "verify": "verify",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'icao.pki' has no attribute {name!r}")
    return getattr(import_module(f"icao.pki.{module}"), name)


__all__ = sorted(_EXPORTS)
