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
    load_trust_store(directory: str | None = None) -> icao.pki.store.TrustStore
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icao.pki.store import TrustStore


def load_trust_store(directory: str | None = None) -> TrustStore:
    """The store at `directory` (else the usual location, see kiosk.trust.location) in memory;
    an absent store is an empty one."""
    from kiosk.trust.disk import DiskTrustStore
    from kiosk.trust.location import trust_dir

    return DiskTrustStore(trust_dir(directory)).load()
