"""Passive authentication and the in-memory trust store (ICAO 9303-11 5.1, 9303-12).

Pure: works on bytes and objects; the disk store lives in `kiosk.trust`.

Public API:
    load_public_key(spki_der) -> PublicKey                       (icao.pki.keys)
    TrustStore, Certificate                                      (icao.pki.store)
    parse_master_list(data, root) -> MasterList                  (icao.pki.masterlist)
    parse_crl(der) -> Crl                                        (icao.pki.crl)
    verify(files, trust, at) -> Verification                     (icao.pki.verify)
"""
