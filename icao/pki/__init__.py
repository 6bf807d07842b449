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
"""

from icao.pki.cert import Certificate, parse_certificate
from icao.pki.checks import Check, Status
from icao.pki.countries import alpha2_of
from icao.pki.crl import Crl, parse_crl
from icao.pki.keys import load_public_key
from icao.pki.masterlist import MasterList, parse_master_list
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.pki.verify import Verification, verify

__all__ = ["Certificate", "Check", "Crl", "MasterList", "PkiPolicy", "Status", "TrustStore",
           "Verification", "alpha2_of", "load_public_key", "parse_certificate", "parse_crl",
           "parse_master_list", "verify"]
