"""Issue 4 through the real stack: passive authentication, chip and active authentication of
the emulated vn-cccd read through pyscard -> pcscd -> vpcd, each way a chip can be wrong.

The chips share one placed card (tests/integration/conftest.py `chip_slot`). Run under the rig
lock:  flock /tmp/kiosk-pcsc.lock .venv/bin/python -m pytest tests/integration
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from icao.genuine import assess
from icao.pki import TrustStore, verify
from icao.reader import read
from tests.icao.chip.support import can_key, make_chip

pytestmark = pytest.mark.pcsc


def _read_and_verify(chip_slot, **chip_options):
    from nfc.transport import PcscTransport

    chip = chip_slot.use(make_chip(**chip_options))
    trust = TrustStore()
    trust.add_csca(chip.files.csca_der)
    if chip.files.crl_der:
        trust.add_crl(chip.files.crl_der)
    with PcscTransport(chip_slot.reader) as transport:
        doc = read(transport, can_key(chip))
    verification = verify(doc.files, trust, datetime.now(UTC))
    return doc, verification, assess(doc, verification)


def _failed(verification) -> set[str]:
    return {c.name for c in verification.failed()}


def test_genuine_card_passes_pa_and_chip_authentication(chip_slot):
    doc, v, g = _read_and_verify(chip_slot)
    assert v.passed and _failed(v) == set()
    assert doc.chip_auth.status == "passed"
    assert g.status == "genuine"


def test_tampered_dg2_fails_pa_naming_dg2(chip_slot):
    _doc, v, g = _read_and_verify(chip_slot, tamper_dg=2)
    assert not v.passed
    assert _failed(v) == {"dg_hash.DG2"}
    assert (g.status, g.code, g.files) == ("not_genuine", "dg_hash_mismatch", ("DG2",))


@pytest.mark.parametrize(("option", "check"), [("ds_expired", "ds.validity"),
                                                ("ds_revoked", "ds.revocation")])
def test_expired_and_revoked_document_signers_are_flagged(chip_slot, option, check):
    _doc, v, _g = _read_and_verify(chip_slot, **{option: True})
    assert not v.passed
    assert _failed(v) == {check}


def test_clone_fails_chip_authentication(chip_slot):
    doc, v, g = _read_and_verify(chip_slot, clone=True)
    assert v.passed  # the data is the real, signed data...
    assert doc.chip_auth.status == "failed"  # ...but the chip does not hold the key
    assert g.status == "cloned"


@pytest.mark.parametrize("aa_key", ["rsa1024", "rsa2048", "ecdsa-p256"])
def test_active_authentication_with_rsa_and_ecdsa(chip_slot, aa_key):
    doc, v, _g = _read_and_verify(chip_slot, aa_key=aa_key)
    assert v.passed
    assert doc.active_auth.status == "passed", doc.active_auth
