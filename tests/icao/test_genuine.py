"""Genuineness: chip proofs combined with passive authentication (against the emulated chip)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.document import ActiveAuthOutcome
from icao.genuine import assess
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from icao.pki.verify import verify
from icao.reader import read


def _read(**kw):
    chip = EmulatedChip(ChipOptions(**kw))
    doc = read(ChipTransport(chip), AccessKey.from_can(chip.access_data.can))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    return doc, verify(doc.files, trust, datetime.now(UTC))


def test_genuine_chip_with_ca_on_a_signed_dg14():
    doc, verification = _read(profile="vn-cccd")
    assert verification.trusts("DG14")
    g = assess(doc, verification)
    assert (g.status, g.method) == ("genuine", "CA")


def test_clone_is_reported_as_cloned():
    doc, verification = _read(profile="vn-cccd", clone=True)
    g = assess(doc, verification)
    assert (g.status, g.method) == ("cloned", "CA")
    assert "supervisor" in g.reason


def test_cam_chip_is_genuine_through_its_card_security():
    doc, verification = _read(profile="vn-cccd-2024")
    g = assess(doc, verification)
    assert g.status == "genuine" and g.method in ("PACE-CAM", "AA")


def test_proof_on_an_unsigned_key_is_not_provable():
    doc, _ = _read(profile="vn-cccd")
    g = assess(doc, verify(doc.files, TrustStore(), datetime.now(UTC)))  # unknown CSCA
    assert g.status == "not_provable" and "EF.SOD" in g.reason
    assert assess(doc, None).status == "not_provable"


def test_tampered_dg14_makes_the_chip_not_provable():
    doc, verification = _read(profile="vn-cccd", tamper_dg=14)
    assert not verification.trusts("DG14")
    assert assess(doc, verification).status == "not_provable"


def test_no_proof_at_all_is_not_provable():
    doc, verification = _read(profile="vn-cccd")
    bare = replace(doc, chip_auth=None, active_auth=ActiveAuthOutcome("not_performed", "x"))
    g = assess(bare, verification)
    assert g.status == "not_provable" and "neither" in g.reason
