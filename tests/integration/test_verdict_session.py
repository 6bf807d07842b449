"""The verdict acted on, through the kiosk core (KioskCore, its session and reading service, a
real SQLite store) and pyscard -> pcscd -> vpcd -> the emulated chip (issue 14):

- a clone that hides DG2 (so that no face check could run) is not genuine, naming DG2;
- a Vietnamese card whose SOD is signed under a French CSCA that the trust store holds (as a
  master list would bring it) fails passive authentication with the country reason;
- a tampered DG2 is not genuine naming DG2, and no image decoder ever sees its bytes;
either way the session stops at the read: no face work, no form, nothing stored.
- a card the kiosk cannot prove (no CSCA of its state) stops the citizen or not as
  `trust.require_genuine` says, and staff are told which policy is in force.
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
from icao.pki.store import TrustStore
from kiosk.capture.keys import key_from_can
from kiosk.config.schema import ReaderProfile
from kiosk.core import KioskCore
from kiosk.problems import Problem
from kiosk.reading import ReadingService
from kiosk.session import InvalidTransition, Session, Step
from kiosk.soak import run_due_work, soak_config
from kiosk.staff_panel import Headline, panel_verdict
from kiosk.trust.disk import DiskTrustStore
from kiosk.work import CheckFace, FindCard, ReadCard
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
    ({"tamper_dg": 2}, "dg_hash_mismatch", "not_genuine DG2"),
], ids=["clone-hiding-dg2", "french-csca", "tampered-dg2"])
def test_a_chip_that_is_not_genuine_stops_the_session_at_the_read(kiosk, pillow_opens,
                                                                  options, code, detail):
    chip = make_chip(**options)
    core = kiosk(chip)
    pillow_opens.clear()  # building the chip's portrait is not the kiosk's decoding
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
    if "tamper_dg" in options:  # verify before decode: the altered image never reached
        assert pillow_opens == []  # an image decoder, for display or for anything else
        assert read.document.files["DG2"] == chip.files.emrtd["DG2"]  # though it was read
    with pytest.raises(InvalidTransition):
        s.staff_override_face("Đã đối chiếu hộ chiếu")
    assert s.personal.draft is None
    assert core.face.analyzer_pid is None
    assert core.store().list_today() == []


def test_a_chip_without_extended_length_behind_a_short_apdu_reader_is_genuine(kiosk,
                                                                              pillow_opens):
    chip = make_chip(ext_length=False, quirks=frozenset({"ends-sm-on-error"}))
    core = kiosk(chip, reader_model="short-apdu",
                 profile=ReaderProfile(extended_length=False, max_read=224))
    pillow_opens.clear()
    _until_face(core, chip.access_data.can)
    assert pillow_opens != []  # a verified portrait is decoded (the spy above sees it)
    s = core.session
    assert s.step is Step.FACE and isinstance(s.due, CheckFace)
    read = s.personal.read
    assert read is not None and read.verdict.status.value == "genuine"
    assert read.document.active_auth is not None
    assert read.document.active_auth.status == "passed"
    assert read.document.capabilities is not None
    assert read.document.capabilities.reader is False  # the profile said so
    s.cancel()


@pytest.mark.parametrize("require_genuine", [True, False])
def test_not_provable_follows_trust_require_genuine_and_staff_are_told_the_policy(
        chip_slot, tmp_path, require_genuine):
    """A genuine VNM card read through the rig by a kiosk that holds no Vietnamese CSCA (only
    a French one) is "not provable"; `trust.require_genuine` decides whether the citizen goes on to
    the face check, and the staff panel says which policy is in force. (The kiosk core runs
    this policy off in training mode, and outside training it refuses the rig's virtual
    reader: so the rig's read is judged by a session under each policy here.)"""
    chip = chip_slot.use(make_chip())
    trust = TrustStore()
    fr = make_chip(csca_country="FR").files
    trust.add_csca(fr.csca_der)
    trust.add_crl(fr.crl_der)
    service = ReadingService(soak_config(tmp_path), training=True, trust=lambda: trust)
    read = service.read(key_from_can(chip.access_data.can))
    assert (read.verdict.status.value, read.verdict.code.value) == ("not_provable", "no_csca")
    s = Session(require_genuine=require_genuine)
    s.start("vi")
    s.consent(True)
    s.choose_service("xac-nhan-so-cmnd")
    s.set_access_key(key_from_can(chip.access_data.can))
    find = s.due
    assert isinstance(find, FindCard)
    s.card_search_finished(find, problem=None, present=True)
    work = s.due
    assert isinstance(work, ReadCard)
    s.read_finished(work, read)
    if require_genuine:
        assert s.step is Step.ERROR and s.error is not None
        assert s.error.code is Problem.NOT_PROVABLE and s.due is None
        with pytest.raises(InvalidTransition):
            s.staff_override_face("Đã đối chiếu hộ chiếu")
    else:
        assert s.step is Step.FACE and isinstance(s.due, CheckFace)
    shown = panel_verdict(read, None, error=s.error.code if s.error else None,
                          require_genuine=require_genuine)
    assert shown.kind is Headline.NOT_PROVABLE
    assert shown.because[1] == ("The kiosk lacks the issuing state's root certificate "
                                "(CSCA): call a technician")
    assert shown.policy is not None and shown.policy[1] == (
        "This kiosk goes on only with a card proven genuine (trust.require_genuine)"
        if require_genuine else "This kiosk lets such a card go on (trust.require_genuine off)")
    s.cancel()
