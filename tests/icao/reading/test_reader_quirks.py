"""The reader against the emulated chip's quirk catalogue (icao.chip.quirks, issue 15) and the
rig's reader models (kiosk.demo.ReaderBridge), through pyscard -> pcscd -> vpcd, with the
strict chip ("ends-sm-on-error") under every quirk: every file byte for byte, chip and active
authentication passed, in bounded time."""

from __future__ import annotations

import time

import pytest

from icao.chip import ChipOptions, EmulatedChip
from icao.chip.quirks import QUIRKS
from icao.reader import DEFAULT_FILES, read
from kiosk.demo import ReaderBridge
from nfc.transport import PcscTransport
from tests.icao.chip.support import can_key, chip_file, make_chip, mrz_key

STRICT = "ends-sm-on-error"
#: Quirks that decide the access protocol themselves.
_ACCESS = {"pace-only": ("pace",), "bac-only": ("bac",), "no-card-access": ("bac",)}
_CASES = [(q, a) for q in QUIRKS if q not in (STRICT, "keeps-sm-on-error", "slow-chip")
          for a in _ACCESS.get(q, ("pace", "bac"))]


def _read_through_pcscd(virtual_card, chip: EmulatedChip, key, handler=None, **kw):
    handler = handler or chip
    with virtual_card(handler, slot=0, atr=chip.atr, on_power_on=chip.power_on,
                      on_power_off=chip.power_off, on_reset=chip.reset) as card:
        docs = []
        for _ in range(2):  # and again at once: back-to-back reads of the same card
            with PcscTransport(card.reader, timeout=5) as t:
                t0 = time.perf_counter()
                docs.append(read(t, key, **kw))
                assert time.perf_counter() - t0 < 8.0
        return docs


def _check(docs, chip):
    for doc in docs:
        assert all(doc.files[n] == chip_file(chip, n) for n in DEFAULT_FILES if
                   n in chip.files.emrtd)
        assert doc.chip_auth.status == "passed", doc.chip_auth
        assert doc.active_auth.status == "passed", doc.active_auth


@pytest.mark.parametrize("quirk,access", _CASES, ids=[f"{q}-{a}" for q, a in _CASES])
def test_every_quirk_on_the_strict_chip(virtual_card, quirk, access):
    chip = make_chip(access=None if quirk in _ACCESS else access if access == "bac" else "both",
                     quirks={STRICT, quirk})
    key = mrz_key(chip) if access == "bac" else can_key(chip)
    docs = _read_through_pcscd(virtual_card, chip, key)
    _check(docs, chip)
    assert docs[0].access.protocol == access.upper()


@pytest.mark.parametrize("model", ["short-apdu", "buffer-261", "timeout-6f00"])
@pytest.mark.parametrize("access", ["pace", "bac"])
def test_every_reader_model_with_the_strict_chip(virtual_card, model, access):
    chip = EmulatedChip(ChipOptions(profile="vn-cccd", quirks={STRICT},
                                    access="bac" if access == "bac" else "both"),
                        files=make_chip().files)
    key = mrz_key(chip) if access == "bac" else can_key(chip)
    docs = _read_through_pcscd(virtual_card, chip, key, handler=ReaderBridge(chip, model))
    _check(docs, chip)
