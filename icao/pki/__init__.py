"""Passive authentication and the in-memory trust store (ICAO 9303-11 5.1, 9303-12).

Pure: works on bytes and objects; the disk store lives in `kiosk.trust`.

Public API:
    verify(files, trust, at) -> Verification; Check; Status       (icao.pki.verify)
    TrustStore (add_certificate / add_csca, add_crl, find_chain)    (icao.pki.store)
    parse_master_list(data, root) -> MasterList                     (icao.pki.masterlist)
    parse_certificate(der) -> Certificate                           (icao.pki.cert)
    parse_crl(der) -> Crl                                           (icao.pki.crl)
    load_public_key(spki_der) -> PublicKey                          (icao.pki.keys)
"""

from icao.pki.cert import Certificate, parse_certificate
from icao.pki.crl import Crl, parse_crl
from icao.pki.keys import load_public_key
from icao.pki.masterlist import MasterList, parse_master_list
from icao.pki.store import TrustStore
from icao.pki.verify import Check, Status, Verification, verify

__all__ = ["Certificate", "Check", "Crl", "MasterList", "Status", "TrustStore", "Verification",
           "load_public_key", "parse_certificate", "parse_crl", "parse_master_list", "verify"]
