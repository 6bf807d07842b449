"""The verdict acted on, through the kiosk core (KioskCore, its session and reading service, a
real SQLite store) and pyscard -> pcscd -> vpcd -> the emulated chip (issue 14):

- a clone that hides DG2 (so that no face check could run) is not genuine, naming DG2;
- a Vietnamese card whose SOD is signed under a French CSCA that the trust store holds (as a
  master list would bring it) fails passive authentication with the country reason;
either way the session stops at the read: no face work, no form, nothing stored.
- a genuine chip without extended length, behind a reader that cannot carry extended APDUs
  and its calibrated profile, is genuine with active authentication passed and goes on to
  the face check (never "cloned").

The plain clone and the tampered DG2 are tests/kiosk/test_core.py (the demo core) and
tests/ui/test_citizen_flow.py (the window). The chips share one placed card (`chip_slot`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from icao.chip import EmulatedChip
from kiosk.capture.keys import key_from_can
from kiosk.config.schema import ReaderProfile
from kiosk.core import KioskCore
from kiosk.problems import Problem
from kiosk.session import InvalidTransition, Step
from kiosk.soak import run_due_work, soak_config
from kiosk.trust.disk import DiskTrustStore
from kiosk.work import CheckFace
from tests.icao.chip.support import make_chip


@pytest.fixture
def kiosk(chip_slot, tmp_path: Path):
    """kiosk(chip, profile=None) -> a KioskCore (training mode: the virtual reader is allowed)
    reading `chip` from the shared card, with the VN and FR test CSCAs and CRLs trusted."""
    made: list[KioskCore] = []
    disk = DiskTrustStore(tmp_path / "trust")
    for country in (None, "FR"):
        files = make_chip(csca_country=country).files
        disk.import_csca(files.csca_der, f"test CSCA {country or 'VN'}")
        disk.import_crl(files.crl_der, f"test CRL {country or 'VN'}")

    def make(chip: EmulatedChip, *, reader_model: str | None = None,
             profile: ReaderProfile | None = None) -> KioskCore:
        chip_slot.use(chip, reader_model)
        config = soak_config(tmp_path)
        if profile is not None:
            config = replace(config, reader=replace(config.reader,
                                                    profiles={"Virtual PCD": profile}))
        core = KioskCore(config)
        made.append(core)
        return core

    yield make
    for core in made:
        core.shutdown()


def _until_face(core: KioskCore, can: str) -> list[Step]:
    """A citizen up to the end of the read, the work run inline as the window runs it; stops
    before any face work. Returns every step the session took."""
    steps: list[Step] = []
    s = core.session
    s.subscribe(lambda sess, what: steps.append(sess.step) if what == "step" else None)
    s.start("vi")
    s.consent(True)
    s.choose_service(core.list_services()[0].code)
    s.set_access_key(key_from_can(can))
    run_due_work(core, stop_before=CheckFace)
    return steps


@pytest.mark.parametrize(("options", "code", "detail"), [
    ({"clone": True, "hidden_dgs": frozenset({2})}, "dg_withheld", "not_genuine DG2"),
    ({"csca_country": "FR"}, "foreign_signer", "not_genuine"),
], ids=["clone-hiding-dg2", "french-csca"])
def test_a_chip_that_is_not_genuine_stops_the_session_at_the_read(kiosk, options, code,
                                                                  detail):
    chip = make_chip(**options)
    core = kiosk(chip)
    steps = _until_face(core, chip.access_data.can)
    s = core.session
    assert s.step is Step.ERROR and s.error is not None
    assert (s.error.code, s.error.retry_step, s.error.detail) == \
        (Problem.NOT_GENUINE, None, detail)
    assert steps[-3:] == [Step.PLACE_CARD, Step.READING, Step.ERROR]
    assert Step.FACE not in steps and s.due is None
    read = s.personal.read
    assert read is not None and read.verdict.code.value == code
    assert read.portrait_png is None  # nothing from this chip is shown
    with pytest.raises(InvalidTransition):
        s.staff_override_face("Đã đối chiếu hộ chiếu")
    assert s.personal.draft is None
    assert core.face.analyzer_pid is None
    assert core.store().list_today() == []


def test_a_chip_without_extended_length_behind_a_short_apdu_reader_is_genuine(kiosk):
    chip = make_chip(ext_length=False, quirks=frozenset({"ends-sm-on-error"}))
    core = kiosk(chip, reader_model="short-apdu",
                 profile=ReaderProfile(extended_length=False, max_read=224))
    _until_face(core, chip.access_data.can)
    s = core.session
    assert s.step is Step.FACE and isinstance(s.due, CheckFace)
    read = s.personal.read
    assert read is not None and read.verdict.status.value == "genuine"
    assert read.document.active_auth is not None
    assert read.document.active_auth.status == "passed"
    assert read.document.capabilities is not None
    assert read.document.capabilities.reader is False  # the profile said so
    s.cancel()
