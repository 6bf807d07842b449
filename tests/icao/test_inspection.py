"""The inspection step (issue 14 item 3, issue 13 item 4): verify before decode, parse once,
typed decode errors, and a tampered DG2 reported by name and never decoded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType

import pytest

import icao.lds.decoder as decoder_module
from icao.chip import ChipOptions, ChipTransport, EmulatedChip
from icao.document import AccessInfo, ChipAuthOutcome, Document
from icao.errors import ParseError
from icao.inspection import inspect
from icao.keys import AccessKey
from icao.lds.decoder import Decoder, NotVerified
from icao.pki.policy import PkiPolicy
from icao.pki.store import TrustStore
from icao.reader import read
from tests.icao.pki.builders import NOW, files, image, pki, store, vn_dgs

POLICY = PkiPolicy.vn_cccd()
ACCESS = AccessInfo("PACE", "can", "AES-128")
CA_PASSED = ChipAuthOutcome("CA", "passed", "the chip proved its key", key_source="DG14")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count every parser call by file name (the decoder looks PARSERS up at call time)."""
    counts: dict[str, int] = {}

    def counting(name, parser):  # type: ignore[no-untyped-def]
        def wrapper(raw: bytes) -> object:
            counts[name] = counts.get(name, 0) + 1
            return parser(raw)
        return wrapper

    monkeypatch.setattr(decoder_module, "PARSERS", MappingProxyType(
        {n: counting(n, p) for n, p in decoder_module.PARSERS.items()}))
    return counts


def _chip_read(**kw) -> tuple[Document, TrustStore]:  # type: ignore[no-untyped-def]
    chip = EmulatedChip(ChipOptions(**kw))
    doc = read(ChipTransport(chip), AccessKey.from_can(chip.access_data.can))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    trust.add_crl(chip.files.crl_der)
    return doc, trust


def test_a_genuine_read_gives_every_view_parsed_exactly_once(
        parses: dict[str, int], pillow_opens: list[int]) -> None:
    doc, trust = _chip_read(profile="vn-cccd")
    result = inspect(doc, trust, datetime.now(UTC), POLICY)
    assert (result.verdict.status, result.verdict.code) == ("genuine", "genuine")
    assert result.verification.covered == {"DG1", "DG2", "DG13", "DG14", "DG15"}
    f = result.files
    assert f.dg1 is not None and f.dg1.mrz.issuing_state == "VNM"
    assert f.dg2 is not None and f.dg2.portrait.format == "jpeg"
    assert f.dg13 is not None and f.dg13.id_number == f.dg1.mrz.id_number
    assert f.dg14 is not None and f.dg15 is not None and f.card_access is not None
    assert f.com is not None and f.sod is not None and f.com.data_groups == (1, 2, 3, 13, 14, 15)
    assert (dict(f.errors), f.refused) == ({}, frozenset())
    # DG14 is not parsed again: the read parsed these very bytes for CA (Document.security_infos)
    assert parses == {"SOD": 1, "DG1": 1, "COM": 1, "CardAccess": 1, "DG2": 1, "DG13": 1,
                      "DG15": 1}
    assert f.dg14 is doc.security_infos
    assert pillow_opens == [len(f.dg2.portrait.data)]  # the verified portrait's header, once
    assert "Nguy" not in repr(result) and doc.files["DG1"][5:15].decode() not in repr(result)


def test_a_tampered_dg2_is_not_genuine_naming_dg2_and_never_decoded(
        parses: dict[str, int], pillow_opens: list[int]) -> None:
    doc, trust = _chip_read(profile="vn-cccd", tamper_dg=2)
    result = inspect(doc, trust, datetime.now(UTC), POLICY)
    v = result.verdict
    assert (v.status, v.code, v.check, v.files) == ("not_genuine", "dg_hash_mismatch",
                                                    "dg_hash.DG2", ("DG2",))
    assert result.files.dg2 is None and result.files.refused == {"DG2"}
    assert "DG2" not in result.files.errors and "DG2" not in parses
    assert pillow_opens == []  # no image decoder ever saw the tampered bytes
    assert result.files.dg1 is not None  # the verified DGs are still there for staff


def test_a_tampered_dg2_that_would_not_decode_is_refused_not_a_decode_error(
        parses: dict[str, int], pillow_opens: list[int]) -> None:
    """The tampered image is a corrupt JPEG: decoding it would give a ParseError (today an
    untyped Pillow OSError); it is refused before that, so the verdict is not_genuine."""
    signer = pki("VN")
    doc_files = files(signer)
    bad = vn_dgs(picture=b"\xff\xd8\xff\xe0" + b"\x00" * 64)   # JPEG magic, then garbage
    doc_files["DG2"] = bad[2]
    doc = Document(files=doc_files, access=ACCESS, chip_auth=CA_PASSED)
    result = inspect(doc, store(signer), NOW, POLICY)
    assert (result.verdict.status, result.verdict.files) == ("not_genuine", ("DG2",))
    assert dict(result.files.errors) == {} and "DG2" not in parses and pillow_opens == []


def test_a_signed_but_corrupt_portrait_is_a_typed_decode_error() -> None:
    signer = pki("VN")
    dgs = vn_dgs(picture=b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    doc = Document(files=files(signer, dgs), access=ACCESS, chip_auth=CA_PASSED)
    result = inspect(doc, store(signer), NOW, POLICY)
    assert result.verdict.status == "genuine"  # the state signed these bytes ...
    error = result.files.errors["DG2"]          # ... which are no image: typed, not OSError
    assert isinstance(error, ParseError) and error.step == "lds.dg2"
    assert result.files.dg2 is None and result.files.dg1 is not None


def test_a_withheld_dg2_is_named_through_the_document(parses: dict[str, int]) -> None:
    doc, trust = _chip_read(profile="vn-cccd")
    hidden = replace(doc, files=MappingProxyType({k: v for k, v in doc.files.items()
                                                  if k != "DG2"}), absent=("DG2",))
    result = inspect(hidden, trust, datetime.now(UTC))  # default policy: refused is enough
    assert (result.verdict.code, result.verdict.files) == ("dg_withheld", ("DG2",))
    assert "DG2" not in parses


def test_nothing_is_decoded_when_the_sod_signature_fails(parses: dict[str, int]) -> None:
    signer, other = pki("VN"), pki("FR")
    doc_files = files(signer)
    doc_files["SOD"] = files(other)["SOD"][:-3] + b"\x00\x00\x00"  # break the signature
    doc = Document(files=doc_files, access=ACCESS, chip_auth=CA_PASSED)
    result = inspect(doc, store(signer), NOW, POLICY)
    assert result.verdict.status == "not_genuine"
    assert result.files.refused == {"DG1", "DG2", "DG13", "DG14", "DG15"}
    assert not any(name.startswith("DG") for name in parses)


def test_the_decoder_refuses_an_unverified_dg_and_remembers_errors() -> None:
    d = Decoder({"DG2": vn_dgs()[2], "COM": b"\x60\x00"})
    with pytest.raises(NotVerified):
        d.decode("DG2")
    with pytest.raises(ParseError) as first:
        d.decode("COM")
    with pytest.raises(ParseError) as again:
        d.decode("COM")
    assert first.value is again.value and d.parse_counts == {"COM": 1}
    d.allow(["DG2"])
    assert d.decode("DG2") is d.decode("DG2") and d.parse_counts["DG2"] == 1
    assert d.decode("DG5") is None and d.decode("DG9") is None


def test_a_large_signed_portrait_decodes_within_the_bound() -> None:
    from icao.lds.portrait import MAX_DECODED_PIXELS, decode_portrait

    signer = pki("VN")
    dgs = vn_dgs(picture=image("JPEG", (2400, 2000)))
    doc = Document(files=files(signer, dgs), access=ACCESS, chip_auth=CA_PASSED)
    result = inspect(doc, store(signer), NOW, POLICY)
    assert result.files.dg2 is not None
    pixels = decode_portrait(result.files.dg2.portrait)
    assert pixels.size == (1200, 1000) and 1200 * 1000 <= MAX_DECODED_PIXELS


def test_the_reads_dg14_view_is_taken_only_for_the_same_bytes(parses: dict[str, int]) -> None:
    doc, trust = _chip_read(profile="vn-cccd")
    assert doc.security_infos is not None
    stale = replace(doc.security_infos, raw=doc.security_infos.raw + b"\x00")
    result = inspect(replace(doc, security_infos=stale), trust, datetime.now(UTC), POLICY)
    assert parses["DG14"] == 1 and result.files.dg14 is not stale
    assert result.files.dg14 == doc.security_infos


def test_a_parsed_view_handed_to_the_decoder_still_waits_for_verification() -> None:
    view = object()
    d = Decoder({"DG14": b"\x6e\x00"}, parsed={"DG14": view, "DG15": object()})
    with pytest.raises(NotVerified):
        d.decode("DG14")
    d.allow(["DG14", "DG15"])
    assert d.decode("DG14") is view and d.parse_counts == {}
    assert d.decode("DG15") is None  # not read: a view without its file is dropped
