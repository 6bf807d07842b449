"""Identity from a full read of the emulated vn-cccd chip (PACE, secure messaging, PA)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from icao.chip import ChipOptions, ChipTransport, EmulatedChip, Person
from icao.keys import AccessKey
from icao.pki.store import TrustStore
from icao.reader import read
from kiosk.identity import PartialDate, Source
from kiosk.reading import inspect

from .conftest import CARD_2021


def test_identity_from_an_emulated_vn_cccd_read_with_passive_authentication():
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"), person=Person.from_mapping(CARD_2021))
    doc = read(ChipTransport(chip), AccessKey.from_can(chip.access_data.can))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    judged = inspect(doc, trust, datetime.now(UTC))
    assert judged.verification is not None and judged.verification.passed

    ident = judged.identity
    assert ident is not None and ident.pa_passed is True
    assert ident.discrepancies == ()  # DG1 (built by the chip from the record) agrees
    assert ident.full_name == "Nguyễn Thị Ánh Tuyết"
    assert ident.id_number == "001190012345" and ident.old_id_number == "013456789"
    assert ident.date_of_birth == PartialDate(1990, 9, 5)
    assert ident.residence_2025 == ("Số 12 ngõ 34 phố Hàng Bạc, Phường Hoàn Kiếm, "
                                    "Thành phố Hà Nội")
    assert ident.source("residence") is Source.CHIP_DG13


def test_tampered_dg13_fails_pa_and_is_never_decoded():
    chip = EmulatedChip(ChipOptions(profile="vn-cccd"), person=Person.from_mapping(CARD_2021))
    doc = read(ChipTransport(chip), AccessKey.from_can(chip.access_data.can))
    trust = TrustStore()
    trust.add_certificate(chip.files.csca_der)
    files = dict(doc.files)
    files["DG13"] = files["DG13"].replace("Tuyết".encode(), "Tuyền".encode())
    judged = inspect(dataclasses.replace(doc, files=files), trust, datetime.now(UTC))
    assert judged.verification is not None and judged.verification.passed is False
    assert judged.verdict.status == "not_genuine" and judged.verdict.files == ("DG13",)
    # verify before decode (issue 14): the altered DG13 text never reaches the identity; what
    # is left comes from DG1, whose hash verified, and says PA failed
    assert judged.views.dg13 is None and "DG13" in judged.views.refused
    ident = judged.identity
    assert ident is not None and ident.pa_passed is False
    assert ident.full_name == "NGUYEN THI ANH TUYET"
