"""The trust store on disk: CSCA/link certificates and CRLs as DER files plus an index.

`icao.pki` verifies and holds trust material in memory; this package decides where it lives
and makes imports durable (atomic writes, one writer at a time).

API:
    trust_dir(explicit: str | None = None) -> Path          (kiosk.trust.location)
    DiskTrustStore(root).load() -> icao.pki.store.TrustStore (kiosk.trust.disk)
    DiskTrustStore.import_master_list(data, root_der, source) -> ImportReport
    DiskTrustStore.import_csca(der, source) -> ImportReport
    DiskTrustStore.import_crl(der, source) -> ImportReport
    DiskTrustStore.entries() -> tuple[Entry, ...]
    read_certificate_file(data) -> bytes  (DER or PEM)
"""
