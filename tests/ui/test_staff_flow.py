"""A counter's whole case through the real rig (pcscd + vpcd + the emulated chip + a file
camera showing someone else): the face does not match, a named staff member logs in, sees
the verdict and both pictures, accepts with a reason, takes over the form and submits it; the
store holds a submission naming that person and carrying the verdict, the face result, the
override and the citizen's consent, and the audit log names them at every step."""

from __future__ import annotations

import pytest

from kiosk.session import Step
from tests.ui.conftest import drive_to_place_card, log_in, wait_step

pytestmark = pytest.mark.pcsc

PIN = "739164"
REASON = "Ảnh trên thẻ chụp từ lâu; đã đối chiếu hộ chiếu"


def test_a_named_staff_member_accepts_a_face_mismatch_and_the_store_says_who(
        make_kiosk, qtbot, faces_dir):
    import cv2

    from kiosk.accounts import Accounts
    from kiosk.config import KdfParams

    biden = cv2.imread(str(faces_dir / "biden.jpg"))  # a full-length photo: his head and
    head = cv2.imencode(".jpg", biden[:biden.shape[1]])[1].tobytes()  # shoulders, square
    core, window, _clock = make_kiosk(camera_image=head)
    accounts = Accounts(core.store(), kdf=KdfParams(memory_kib=1024, iterations=1))
    accounts.add("kt01", "technician", "482913", by=None)
    accounts.add("nv01", "staff", PIN,
                 by=accounts.login("kt01", "482913", role="technician"))
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.ERROR, Step.REVIEW, timeout_ms=90000)
    assert core.session.step is Step.ERROR and core.session.error.code == "face_failed"
    consent_id = core.session.personal.consent_id
    assert consent_id is not None

    window.error.staff_button.click()
    log_in(window, qtbot, "nv01", PIN, expect=window.staff)
    staff = window.staff
    assert staff.who.text().endswith("nv01")
    assert (staff.banner.title.text(), staff.banner.second.text()) == (
        "KHUÔN MẶT KHÔNG KHỚP", "FACE DOES NOT MATCH")
    assert not staff.portrait.pixmap().isNull() and not staff.captured.pixmap().isNull()
    distance = core.session.personal.face.match.distance
    assert distance > staff.score.scale.threshold
    assert staff.override_box.isVisibleTo(staff)
    staff.override_reason.insert(REASON)
    staff.override_button.click()
    assert core.session.step is Step.REVIEW
    staff.edit_button.click()  # staff take the form over: the submission is theirs
    core.session.edit_field("kinh_gui", "Công an phường Hoàn Kiếm")
    window.review.show_form()
    window.review.confirm_button.click()
    wait_step(core, qtbot, Step.RECEIPT, Step.ERROR)
    reference = core.session.reference
    assert reference is not None, core.session.error

    store = core.store()
    sub = store.submission(reference)
    assert (sub.created_by, sub.status, sub.training) == ("staff:nv01", "training", True)
    case = store.case(reference)
    assert (case["verdict"]["status"], case["verdict"]["method"]) == ("genuine", "CA")
    assert case["verdict"]["checks"]["sod.signature"] == "passed"
    assert (case["face"]["decision"], case["face"]["score"], case["face"]["accepted"]) == (
        "no_match", distance, False)
    assert case["face"]["threshold"] == staff.score.scale.threshold
    assert case["override"] == {"by": "staff:nv01", "reason": REASON}
    assert case["consent"]["id"] == consent_id and case["created_by"] == "staff:nv01"
    assert [(e.event, e.actor) for e in store.audit_entries(reference=reference)] == [
        ("submission.created", "staff:nv01"), ("face.override", "staff:nv01")]

    window.receipt.done_button.click()  # the citizen leaves: the staff member is logged out
    qtbot.waitUntil(lambda: "logout" in [e.event for e in store.audit_entries()],
                    timeout=5000)
    named = [(e.event, e.actor) for e in store.audit_entries()
             if e.event in ("consent.given", "login.ok", "identity.viewed", "logout")]
    assert named == [("login.ok", "technician:kt01"), ("consent.given", "citizen"),
                     ("login.ok", "staff:nv01"), ("identity.viewed", "staff:nv01"),
                     ("logout", "staff:nv01")]
    assert window.staff_login is None and staff.login is None
    assert store.verify_audit().ok
