"""Trust material shared by the PKI tests, parsed once per session (master lists are ~1.5 MB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from icao.pki.masterlist import MasterList, parse_master_list
from icao.pki.store import TrustStore

MASTER_LISTS = {
    "DE": ("pki/DE_ML_2026-05-28-08-28-45.ml", "pki/DE_ROOT_CA_CSCA07.cer"),
    "NL": ("pki/NL_ML_2026-07-22.ml", "pki/NL_ROOT_CA.cer"),
}


@pytest.fixture(scope="session")
def master_lists(vectors: Path) -> dict[str, MasterList]:
    return {
        country: parse_master_list((vectors / ml).read_bytes(), (vectors / root).read_bytes())
        for country, (ml, root) in MASTER_LISTS.items()
    }


@pytest.fixture(scope="session")
def world_trust(vectors: Path, master_lists: dict[str, MasterList]) -> TrustStore:
    """DE + NL master lists, the Indonesian CSCA series and the GB CSCA (as the expected
    results JSON was computed)."""
    store = TrustStore()
    for ml in master_lists.values():
        for cert in ml.certificates:
            store.add_certificate(cert, require_ca=False)
    for path in sorted((vectors / "lds/gmrtd_real_documents_sod/ID").glob("*.cer")):
        store.add_certificate(path.read_bytes())
    store.add_certificate(
        (vectors / "lds/gmrtd_GB_expired_passport_consistent/CSCA_GB_UKKPA_2010-2026.der")
        .read_bytes())
    return store
