"""kiosk.reading.failures and the reader choice without a rig: each typed cause of a failed
read keeps its own Problem (a silent card is not a removed one), every such Problem has words
for the citizen, and a virtual reader is refused by its driver's evidence, not its name."""

from __future__ import annotations

import pytest

from icao import errors as e
from kiosk.problems import Problem
from kiosk.reading import NoReader, ReaderPolicy, ReadFailure, classify
from kiosk.reading.readers import virtual_evidence
from nfc import errors as nfc_errors
from nfc.drivers import DriverEvidence
from nfc.readers import ReaderInfo

RENAMED = "ACS ACR1252 Dual Reader 00 00"
VPCD = DriverEvidence("reader.conf", "/opt/acs/libacsccid.so", True, (
    "configured in pcscd's reader.conf as 'ACS ACR1252 Dual Reader'",
    "driver library /opt/acs/libacsccid.so exports vsmartcard's vicc_* functions (vpcd)"))
CCID = DriverEvidence("hotplug", None, False, ("not in pcscd's reader.conf: hot-plugged",))


@pytest.mark.parametrize(("exc", "expected"), [
    (e.CardSilent("the card does not answer", step="read:DG2"),
     ReadFailure(Problem.CARD_SILENT, "CardSilent step=read:DG2")),
    (e.ReadTimeout("the read did not finish within 8 s", step="read:DG2"),
     ReadFailure(Problem.CARD_SILENT, "ReadTimeout step=read:DG2")),
    (nfc_errors.ApduTimeout("The reader timed out"), ReadFailure(Problem.CARD_SILENT,
                                                                 "ApduTimeout")),
    (nfc_errors.TransmitFailed("The card does not respond", code=0x80100066),
     ReadFailure(Problem.CARD_SILENT, "TransmitFailed")),
    (e.SessionLost("the chip ended the secure session", step="sm", sw=0x6987),
     ReadFailure(Problem.SESSION_LOST, "SessionLost step=sm SW=6987")),
    (e.CardRemoved("card left", step="read:DG2"),
     ReadFailure(Problem.CARD_REMOVED, "step=read:DG2")),
    (nfc_errors.CardRemoved("gone"), ReadFailure(Problem.CARD_REMOVED, "")),
    (nfc_errors.PcscUnavailable("pcscd is not running"),
     ReadFailure(Problem.NO_READER, "PcscUnavailable")),
    (e.AccessDenied("PACE refused", step="pace", sw=0x63C1, tries_left=1),
     ReadFailure(Problem.ACCESS_DENIED, "step=pace SW=63C1", 1)),
    (e.UnsupportedProtocol("no PACE variant", step="pace"),
     ReadFailure(Problem.UNSUPPORTED, "step=pace")),
    (nfc_errors.TransmitFailed("Could not transmit", code=0x8010000F),
     ReadFailure(Problem.READ_FAILED, "TransmitFailed")),
    (e.SecureMessagingError("MAC", step="sm"), ReadFailure(Problem.READ_FAILED, "step=sm")),
    (NoReader(Problem.VIRTUAL_READER, "why"), ReadFailure(Problem.VIRTUAL_READER, "why")),
])
def test_each_cause_keeps_its_problem(exc, expected):
    assert classify(exc) == expected


def test_every_problem_of_a_read_has_words_for_the_citizen():
    from kiosk.problems import ADVICE

    for problem in (Problem.CARD_SILENT, Problem.SESSION_LOST, Problem.CARD_REMOVED,
                    Problem.NO_READER, Problem.VIRTUAL_READER, Problem.READ_FAILED):
        assert problem in ADVICE
    words = {ADVICE[p].en for p in (Problem.CARD_SILENT, Problem.CARD_REMOVED,
                                    Problem.READ_FAILED, Problem.SESSION_LOST)}
    assert len(words) == 4  # a silent card is not told it was removed, nor a failed read


def _reader(name: str, driver: DriverEvidence, card: bool = True) -> ReaderInfo:
    return ReaderInfo(name, driver.virtual, card, None, driver=driver)


def test_a_renamed_vpcd_reader_is_refused_outside_training_with_its_evidence():
    readers = [_reader(RENAMED, VPCD)]
    policy = ReaderPolicy()
    assert policy.choose(readers) is None
    assert policy.problem(readers) is Problem.VIRTUAL_READER
    assert policy.refused(readers) == (virtual_evidence(readers[0]),)
    assert virtual_evidence(readers[0]) == (
        f"{RENAMED}: served by the vpcd driver (configured in pcscd's reader.conf as 'ACS "
        "ACR1252 Dual Reader'; driver library /opt/acs/libacsccid.so exports vsmartcard's "
        "vicc_* functions (vpcd))")
    training = ReaderPolicy(training=True)
    assert training.choose(readers) == RENAMED and training.refused(readers) == ()


def test_a_physical_reader_is_chosen_beside_a_refused_virtual_one():
    physical = "ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader(1)] 00 00"
    readers = [_reader(RENAMED, VPCD), _reader(physical, CCID)]
    assert ReaderPolicy().choose(readers) == physical
    assert ReaderPolicy(pattern="acr1252").choose(readers) == physical
    assert ReaderPolicy().problem(readers) is None
