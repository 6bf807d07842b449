"""Issue 15 item 4: `kiosk diag calibrate` finds the right profile on each reader model of the
rig (kiosk.demo.reader_models), the strict chip behind it, through pcscd + vpcd.

The right profile is the one the reader can carry: extended length off where the reader
cannot send extended APDUs, a READ BINARY length whose secure-messaging answer fits a
261-byte buffer, and the largest reads where nothing limits them. The profile found must
then read the card (the calibration's own verification runs).
"""

from __future__ import annotations

import pytest

from kiosk.diag.calibrate import Candidates, calibrate
from tests.icao.chip.support import can_key, make_chip

pytestmark = pytest.mark.pcsc

CANDIDATES = Candidates(max_reads=(65536, 1024, 224, 160), fallback_reads=(128,),
                        timeouts=(1.0,), retries=(0, 2))


def _calibrated(chip_slot, model: str):
    chip = chip_slot.use(make_chip(access="both", quirks=set()), model)
    return calibrate(chip_slot.reader, can_key(chip), runs=2, candidates=CANDIDATES)


#: model -> (extended length, what the read size must be) of the profile calibration must
#: find. SHORT: a read whose secure-messaging answer fits a short APDU and a 261-byte buffer:
#: 223 at most (223 + padding + DO87/DO99/DO8E + SW = 245 bytes; reads settle on 223, the
#: reader's own short-Le step-down), where an extended read of 1024 does not fit. EXTENDED:
#: a read longer than a short APDU carries. Within each, calibration takes the faster size
#: (224 or 160; 1024 or 65536), which timing decides on a loaded machine: not asserted.
SHORT, EXTENDED = "short", "extended"
EXPECTED = {"ideal": (True, EXTENDED), "short-apdu": (False, SHORT),
            "buffer-261": (False, SHORT), "timeout-6f00": (True, EXTENDED)}


def test_every_reader_model_of_the_rig_has_an_expectation():
    from kiosk.demo import READER_MODELS

    assert set(EXPECTED) == set(READER_MODELS)


@pytest.mark.parametrize("model", sorted(EXPECTED))
def test_calibration_finds_the_profile_the_reader_can_carry(chip_slot, model):
    cal = _calibrated(chip_slot, model)
    extended, max_read = EXPECTED[model]
    assert cal.profile.extended_length is extended
    if max_read == EXTENDED:
        assert cal.profile.max_read > 256, cal.profile  # needs extended length
    else:
        assert cal.profile.max_read <= 223, cal.profile
    assert cal.ok, cal.verification  # the profile found reads the card, 2 runs of 2
    refused = chip_slot.bridge.failed
    if extended:
        assert refused == 0 and cal.reasons[0].startswith("extended length works")
    else:  # found by trying: the extended reads failed in the reader, none reached the chip
        assert refused > 0 and cal.reasons[0].startswith("extended length off")
