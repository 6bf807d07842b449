"""The kiosk core without a window: the session's work run inline (kiosk.soak.run_due_work, the
same `perform` / `failed` calls the Qt window makes on its workers) against the emulated chip
in pcscd's virtual reader, a real encrypted SQLite store and the demo camera.

What it proves: the verdict computed after the read is acted on. A cloned or altered chip
stops the citizen before any face work (the face analysis process never even starts) and
leaves nothing in the store; a genuine one goes all the way to a stored submission.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from icao.chip import ChipOptions
from kiosk.capture.keys import key_from_can
from kiosk.core import KioskCore
from kiosk.demo import DEMO_READER
from kiosk.problems import Problem
from kiosk.session import InvalidTransition, Step
from kiosk.soak import run_due_work, run_session, soak_config
from nfc.readers import wait_card_present

pytestmark = pytest.mark.pcsc


@pytest.fixture
def demo_core(pcscd, tmp_path):
    """demo_core(chip_options) -> a KioskCore in demo mode with its chip in vpcd slot 0."""
    made: list[KioskCore] = []

    def make(options: ChipOptions | None = None, *,
             face_threshold: float | None = None) -> KioskCore:
        assert wait_card_present(DEMO_READER, False, 5)
        config = soak_config(tmp_path)
        if face_threshold is not None:  # [face] threshold in the settings
            config = replace(config, face=replace(config.face, threshold=face_threshold))
        core = KioskCore(config, demo=True)
        core.start_demo(options)
        made.append(core)
        assert wait_card_present(DEMO_READER, True, 10)
        return core

    yield make
    for core in made:
        core.shutdown()
    wait_card_present(DEMO_READER, False, 5)


def _to_read(core: KioskCore) -> list[Step]:
    """A citizen up to the read, the work run inline; returns every step the session took."""
    steps: list[Step] = []
    s = core.session
    s.subscribe(lambda sess, what: steps.append(sess.step) if what == "step" else None)
    s.start("vi")
    s.consent(True)
    s.choose_service(core.list_services()[0].code)
    assert core.demo_access is not None
    s.set_access_key(key_from_can(core.demo_access.can))
    run_due_work(core)
    return steps


@pytest.mark.parametrize("options, problem", [
    (ChipOptions(profile="vn-cccd", clone=True), Problem.CLONED),
    (ChipOptions(profile="vn-cccd", tamper_dg=2), Problem.NOT_GENUINE),
])
def test_a_chip_that_fails_its_checks_never_reaches_the_face_check_nor_the_store(
        demo_core, options, problem):
    core = demo_core(options)
    steps = _to_read(core)
    s = core.session
    assert s.step is Step.ERROR and s.error is not None and s.error.code is problem
    assert steps[-3:] == [Step.PLACE_CARD, Step.READING, Step.ERROR]
    assert Step.FACE not in steps and Step.REVIEW not in steps
    assert core.face.analyzer_pid is None  # no face work ever started
    with pytest.raises(InvalidTransition):
        s.staff_override_face("Đã đối chiếu hộ chiếu")
    assert s.personal.draft is None
    assert core.store().list_today() == []
    assert [e.event for e in core.store().audit_entries()
            if e.event.startswith("submission")] == []


def test_a_genuine_chip_ends_in_a_stored_submission(demo_core):
    core = demo_core()
    reference = run_session(core, core.list_services()[0].code)
    assert [r.reference for r in core.store().list_today()] == [reference]
    assert not core.session.personal.holds_anything()


def test_the_place_card_step_says_why_a_virtual_reader_is_refused(pcscd, tmp_path):
    """Outside training mode the rig's vpcd readers are refused at PLACE_CARD; the session's
    error carries the driver evidence for staff (kiosk.problems.staff_detail), never for
    the citizen's screen."""
    from dataclasses import replace

    from kiosk.problems import citizen_text, staff_detail

    config = soak_config(tmp_path)
    core = KioskCore(replace(config, kiosk=replace(config.kiosk, training_mode=False)))
    try:
        s = core.session
        s.start("vi")
        s.consent(True)
        s.choose_service(core.list_services()[0].code)
        s.set_access_key(key_from_can("123456"))
        run_due_work(core)
        assert s.step is Step.ERROR and s.error.code is Problem.VIRTUAL_READER
        assert s.error.retry_step is Step.PLACE_CARD
        evidence = [part for part in s.error.detail.split(" | ")]
        assert [e.split(":")[0] for e in evidence] == ["Virtual PCD 00 00", "Virtual PCD 00 01"]
        assert all(": served by the vpcd driver (" in e for e in evidence)
        line = staff_detail(s.error.code, s.error.detail, s.error.tries_left)
        assert line.startswith("virtual_reader Virtual PCD 00 00: served by the vpcd driver")
        assert "vpcd" not in citizen_text(s.error.code, "en")
    finally:
        core.shutdown()


@pytest.mark.parametrize("threshold, accepted", [(0.6, True), (0.05, False)])
def test_the_face_threshold_setting_decides_the_apps_face_check(demo_core, threshold, accepted):
    """[face] threshold reaches the app's own face check: the demo citizen's face (distance
    about 0.1 from her chip portrait) passes at 0.6 and is a mismatch at 0.05, which stops at
    the face step for staff (the override), never at the review."""
    core = demo_core(face_threshold=threshold)
    steps = _to_read(core)  # the read, then the face check, run inline
    s = core.session
    face = s.personal.declarant.face
    assert face is not None and face.match.threshold == threshold
    assert face.accepted is accepted, face
    assert Step.FACE in steps
    assert (s.step is Step.REVIEW) is accepted, s.step
    assert core.face.threshold_in_force().source == "config"  # face.threshold, not dlib
