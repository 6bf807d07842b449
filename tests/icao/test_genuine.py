"""The verdict (issue 14 item 1): genuine, not_genuine (which DG, which check), cloned, or
not_provable (and why), from reads of the strict emulated chip and passive authentication."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType

import pytest

from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.document import ActiveAuthOutcome, ChipAuthOutcome, Document
from icao.genuine import Verdict, VerdictStatus, assess
from icao.keys import AccessKey
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.pki.verify import Verification, verify
from icao.reader import read
from icao.reasons import VERDICT_OF, Reason

POLICY = PkiPolicy.vn_cccd()


def _read(with_crl: bool = True, **kw) -> tuple[Document, TrustStore]:  # type: ignore[no-untyped-def]
    chip = EmulatedChip(ChipOptions(**kw))
    doc = read(ChipTransport(chip), AccessKey.from_can(chip.access_data.can))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    if with_crl and chip.files.crl_der:
        trust.add_crl(chip.files.crl_der)
    return doc, trust


def _verify(doc: Document, trust: TrustStore, policy: PkiPolicy = POLICY) -> Verification:
    return verify(doc.files, trust, datetime.now(UTC), policy,
                  refused=(*doc.absent, *doc.denied))


def _judge(doc: Document, trust: TrustStore, policy: PkiPolicy = POLICY) -> Verdict:
    return assess(doc, _verify(doc, trust, policy))


def _summary(v: Verdict) -> tuple[str, str, str | None, str | None, tuple[str, ...]]:
    assert VERDICT_OF[v.code] == v.status  # every code leads to the verdict it documents
    return v.status.value, v.code.value, v.method, v.check, v.files


def test_genuine_chip_with_ca_on_a_signed_dg14() -> None:
    doc, trust = _read(profile="vn-cccd")
    assert _summary(_judge(doc, trust)) == ("genuine", "genuine", "CA", None, ())


def test_without_a_crl_the_chip_is_genuine_with_revocation_not_checked() -> None:
    doc, trust = _read(with_crl=False, profile="vn-cccd")
    v = _judge(doc, trust)
    assert _summary(v) == ("genuine", "genuine_revocation_not_checked", "CA", None, ())
    assert v.reason.endswith("revocation was not checked (no current CRL).")
    # ... and with trust.require_crl the same card cannot be proven
    v = _judge(doc, trust, PkiPolicy.vn_cccd(require_crl=True))
    assert _summary(v) == ("not_provable", "revocation_not_checked", None, "ds.revocation", ())


def test_clone_is_reported_as_cloned() -> None:
    doc, trust = _read(profile="vn-cccd", clone=True)
    v = _judge(doc, trust)
    assert _summary(v) == ("cloned", "chip_proof_failed", "CA", None, ())
    assert "supervisor" in v.reason


def test_a_clone_hiding_dg2_is_not_genuine_naming_dg2() -> None:
    """Issue 14: a clone that withholds DG2 (so no face check can run) must not pass PA."""
    doc, trust = _read(profile="vn-cccd", clone=True)
    hidden = replace(doc, files=MappingProxyType({k: v for k, v in doc.files.items()
                                                  if k != "DG2"}), absent=("DG2",))
    v = _judge(hidden, trust)
    assert _summary(v) == ("not_genuine", "dg_withheld", None, "dg_read.DG2", ("DG2",))
    assert v.reason.startswith("The chip hides DG2, which its signed security object lists")
    assert v.final and not v.acceptable(require_genuine=False)


def test_cam_chip_is_genuine_through_its_card_security() -> None:
    doc, trust = _read(profile="vn-cccd-2024")
    v = _judge(doc, trust)
    assert (v.status, v.code) == (VerdictStatus.GENUINE, Reason.GENUINE)
    assert v.method in ("PACE-CAM", "AA")


def test_unknown_csca_is_not_provable_for_want_of_the_states_csca() -> None:
    doc, _ = _read(profile="vn-cccd")
    v = _judge(doc, TrustStore())
    assert _summary(v) == ("not_provable", "no_csca", None, "ds.chain", ())
    assert "import the master list" in v.reason
    assert _summary(assess(doc, None)) == ("not_provable", "not_verified", None, None, ())


def test_tampered_dg14_is_not_genuine_naming_dg14() -> None:
    doc, trust = _read(profile="vn-cccd", tamper_dg=14)
    v = _judge(doc, trust)
    assert _summary(v) == ("not_genuine", "dg_hash_mismatch", None, "dg_hash.DG14", ("DG14",))
    assert v.reason == ("DG14 on the chip differs from what the issuing state signed: the card "
                        "was altered. Do not accept this card; call a supervisor.")


def test_a_cross_country_signer_is_not_genuine() -> None:
    from tests.icao.pki.builders import NOW, files, pki, store

    fr = pki("FR")
    doc = Document(files=files(fr), access=_read(profile="vn-cccd")[0].access,
                   chip_auth=ChipAuthOutcome("CA", "passed", "ok", key_source="DG14"))
    v = assess(doc, verify(doc.files, store(fr), NOW, POLICY))
    assert _summary(v) == ("not_genuine", "foreign_signer", None, "ds.country", ())


def test_no_proof_at_all_is_not_provable() -> None:
    doc, trust = _read(profile="vn-cccd")
    bare = replace(doc, chip_auth=None, active_auth=ActiveAuthOutcome("not_performed", "x"))
    v = _judge(bare, trust)
    assert _summary(v) == ("not_provable", "no_chip_proof", None, None, ())
    assert "neither" in v.reason


@pytest.mark.parametrize("status", ["not_possible", "retry", "interrupted"])
def test_an_interrupted_proof_is_never_cloned(status: str) -> None:
    """wp-reader's "not possible, retry" AA status (transport refusal, lost session), or any
    other status than passed/failed, is no proof: not provable, never cloned."""
    doc, trust = _read(profile="vn-cccd", chip_auth=False)
    aa_only = replace(doc, active_auth=ActiveAuthOutcome(status, "the chip ended SM"))  # type: ignore[arg-type]
    v = _judge(aa_only, trust, PkiPolicy(required_dgs=frozenset({"DG1", "DG2", "DG13"})))
    assert _summary(v) == ("not_provable", "proof_interrupted", "AA", None, ())
    assert v.reason.endswith("Read the card again.")
    # with a passed chip authentication beside it, the chip is still genuine
    doc, trust = _read(profile="vn-cccd")
    both = replace(doc, active_auth=ActiveAuthOutcome(status, "the chip ended SM"))  # type: ignore[arg-type]
    assert _judge(both, trust).status is VerdictStatus.GENUINE


def test_a_failed_proof_on_an_unsigned_key_is_not_cloned() -> None:
    doc, trust = _read(profile="vn-cccd", clone=True)
    v = assess(doc, verify(doc.files, TrustStore(), datetime.now(UTC)))
    assert v.status is VerdictStatus.NOT_PROVABLE  # without the CSCA, a failure proves nothing


def test_downgraded_read_is_not_provable() -> None:
    doc, trust = _read(profile="vn-cccd")
    v = _judge(replace(doc, downgraded=True), trust)
    assert _summary(v) == ("not_provable", "downgraded", None, None, ())


@pytest.mark.parametrize(("status", "require", "acceptable"), [
    (VerdictStatus.GENUINE, True, True), (VerdictStatus.GENUINE, False, True),
    (VerdictStatus.NOT_PROVABLE, True, False), (VerdictStatus.NOT_PROVABLE, False, True),
    (VerdictStatus.NOT_GENUINE, False, False), (VerdictStatus.CLONED, False, False),
])
def test_acceptable_follows_trust_require_genuine(status: VerdictStatus, require: bool,
                                                  acceptable: bool) -> None:
    v = Verdict(status, "x")
    assert v.acceptable(require_genuine=require) is acceptable
    assert v.final is (status in (VerdictStatus.NOT_GENUINE, VerdictStatus.CLONED))


def test_every_reason_code_has_a_documented_verdict() -> None:
    assert set(VERDICT_OF) == set(Reason)
    assert set(VERDICT_OF.values()) == {s.value for s in VerdictStatus}
    assert len({r.value for r in Reason}) == len(Reason)
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs/security.md").read_text()
    missing = [r.value for r in Reason if f"`{r.value}`" not in doc]
    assert missing == []
