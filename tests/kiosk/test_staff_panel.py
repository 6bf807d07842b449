"""kiosk/staff_panel.py: the verdict staff see first, for real reads of the emulated chip
(genuine, tampered, cloned, unprovable) and real face outcomes; checks in plain words;
today's submissions in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kiosk import staff_panel as panel
from kiosk.problems import Problem
from kiosk.staff_panel import Headline
from kiosk.store import Submission
from tests.kiosk.staff_support import chip_read, face


@pytest.mark.parametrize("read_kw, outcome, error, kind, tone, vi, en", [
    ({}, face(0.31), None, Headline.SAME_PERSON, "ok",
     "THẺ THẬT · ĐÚNG NGƯỜI", "GENUINE CARD · SAME PERSON"),
    ({}, face(0.74), Problem.FACE_FAILED, Headline.FACE_MISMATCH, "warn",
     "KHUÔN MẶT KHÔNG KHỚP", "FACE DOES NOT MATCH"),
    ({}, face(0.31, liveness="failed"), Problem.FACE_FAILED, Headline.FACE_MISMATCH, "warn",
     "KHÔNG QUA KIỂM TRA NGƯỜI THẬT", "LIVENESS CHECK FAILED"),
    ({}, face(None), Problem.FACE_FAILED, Headline.FACE_MISMATCH, "warn",
     "KHÔNG ĐỐI CHIẾU ĐƯỢC KHUÔN MẶT", "THE FACE COULD NOT BE COMPARED"),
    ({}, None, None, Headline.FACE_PENDING, "info",
     "THẺ THẬT · CHƯA ĐỐI CHIẾU KHUÔN MẶT", "GENUINE CARD · FACE NOT CHECKED YET"),
    ({"tamper_dg": 2}, None, Problem.NOT_GENUINE, Headline.NOT_GENUINE, "stop",
     "KHÔNG PHẢI THẺ THẬT", "NOT A GENUINE CARD"),
    ({"clone": True}, None, Problem.CLONED, Headline.CLONED, "stop",
     "THẺ BỊ SAO CHÉP", "CLONED CARD"),
    ({"trusted": False}, None, Problem.NOT_PROVABLE, Headline.NOT_PROVABLE, "warn",
     "KHÔNG CHỨNG MINH ĐƯỢC LÀ THẺ THẬT", "CANNOT BE PROVEN GENUINE"),
])
def test_one_verdict_for_each_outcome(read_kw, outcome, error, kind, tone, vi, en):
    v = panel.panel_verdict(chip_read(**read_kw), outcome, error=error, require_genuine=True)
    assert (v.kind, v.tone, v.title) == (kind, tone, (vi, en))
    assert v.icon in "✔⚠✘?…" and v.colour == panel.TONES[tone]


def test_the_reason_follows_the_verdict_in_plain_words():
    tampered = panel.panel_verdict(chip_read(tamper_dg=2), None, error=Problem.NOT_GENUINE)
    assert tampered.because == (
        "Ảnh chân dung (DG2) trên chip khác với dữ liệu cơ quan cấp đã ký: thẻ đã bị sửa",
        "The portrait (DG2) on the chip differs from what the issuing authority signed: the "
        "card was altered")
    unknown = panel.panel_verdict(chip_read(trusted=False), None, require_genuine=False)
    assert unknown.because[1] == ("The kiosk lacks the issuing state's root certificate "
                                  "(CSCA): call a technician")
    assert unknown.policy[1] == "This kiosk lets such a card go on (trust.require_genuine off)"
    mismatch = panel.panel_verdict(chip_read(), face(0.74), error=Problem.FACE_FAILED,
                                   override_by="staff:nv01")
    assert mismatch.because == (
        "Khuôn mặt trước camera khác ảnh trên chip (độ khác biệt 0.74 > ngưỡng 0.60). "
        "Cán bộ nv01 đã chấp nhận kèm lý do",
        "The face at the camera differs from the chip portrait (distance 0.74 > threshold "
        "0.60). Accepted by nv01 with a reason")
    assert panel.panel_verdict(None, None).kind is Headline.NO_CARD


def test_checks_in_plain_words_failures_first_and_ids_only_in_details():
    lines = panel.check_lines(chip_read(tamper_dg=2), "en")
    assert lines[0] == panel.CheckLine(
        "✘", "The portrait (DG2) on the chip differs from what the issuing authority signed: "
        "the card was altered", "failed")
    assert lines[1] == panel.CheckLine(  # no CRL imported in this test: said, not hidden
        "?", "Revocation was not checked: the kiosk has no current revocation list (CRL) of "
        "the issuing state", "not_possible")
    assert all(line.status == "passed" for line in lines[2:])
    assert "✔ The issuing authority's signature is valid" in [
        f"{line.mark} {line.text}" for line in lines]
    text = "\n".join(line.text for line in lines)
    assert "sod." not in text and "dg_hash" not in text
    genuine = panel.check_lines(chip_read(), "vi")
    assert genuine[-1] == panel.CheckLine(
        "✔", "Chip chứng minh được là chip gốc, không phải bản sao (CA)", "passed")
    cloned = panel.check_lines(chip_read(clone=True), "en")
    assert cloned[0].status == "failed" and cloned[0].text.startswith(
        "The chip could not prove it holds the original card's secret key")
    details = "\n".join(panel.detail_lines(chip_read(tamper_dg=2), face(0.31)))
    assert "verdict not_genuine code=dg_hash_mismatch" in details
    assert "✘ dg_hash.DG2 [failed] code=dg_hash_mismatch" in details
    assert "face decision=match distance=0.3100 threshold=0.6000" in details


def test_the_face_scale_comes_from_the_threshold_in_force_and_says_where_it_came_from():
    from kiosk.config.schema import FaceSettings
    from kiosk.face.calibration import Calibration, Threshold, load_calibration
    from kiosk.face.threshold import threshold_in_force

    shipped = threshold_in_force(FaceSettings())  # calibration.json: 0.6, not verified
    s = panel.face_scale(face(0.74), shipped)
    assert (s.distance, s.threshold, s.within) == (0.74, 0.6, False)
    assert s.top == pytest.approx(1.2)  # kiosk.face.score_scale's, not a second formula
    assert s.scale.threshold_position == pytest.approx(0.5)
    assert s.scale.distance_position == pytest.approx(0.74 / 1.2)
    assert s.caption[1] == "Distance 0.74 · threshold 0.60 (lower is more alike)"
    assert s.origin == (
        "Ngưỡng 0.60 chưa được kiểm chứng trên tập ảnh có nhãn: đây là giá trị tham khảo, "
        "hãy xem kỹ hai ảnh",
        "Threshold 0.60 not verified on a labelled set: a reference value, look at both "
        "pictures")
    assert panel.face_scale(face(0.31), shipped).within
    assert panel.face_scale(face(1.4), shipped).scale.distance_position == 1.0
    assert panel.face_scale(face(None), shipped).caption[0] == \
        "Không có điểm so sánh · ngưỡng 0.60"
    assert panel.face_scale(None, shipped) is None
    # a technician's face.threshold: the mark moves, and the words say it was set by hand
    strict = threshold_in_force(FaceSettings(threshold=0.5))
    s = panel.face_scale(face(0.55), strict)
    assert (s.threshold, s.within, s.scale.source) == (0.5, False, "config")
    assert s.origin[1] == ("Threshold 0.50 set by a technician (face.threshold): not "
                           "verified on a labelled set")
    # a calibration measured on enough impostor pairs: said as measured
    doc = load_calibration().document
    measured = Calibration((Threshold(0.55, 0.001, "measured", True),), doc)
    s = panel.face_scale(face(0.5), threshold_in_force(FaceSettings(), calibration=measured))
    assert s.origin[1] == ("Threshold 0.55 measured on a labelled set for a false-match "
                           "rate of 0.1%")
    assert panel.threshold_detail(strict, face(0.55)).startswith(
        "threshold in force 0.5000 source=config setting=face.threshold target_fmr=0.001 "
        "verified=no")
    assert panel.threshold_detail(strict, face(0.55)).endswith(
        "; the match was decided at 0.6000")  # the outcome was made at THRESHOLD


def _sub(status: str, *, attempts=None, by="staff:nv01", code="khai-bao-tam-vang"):
    t = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    return Submission(1, "K7M2-9QXP", code, status, t, t, None, None,
                      status == "training", by, "local", attempts, None)


def test_todays_submissions_in_words():
    rows = panel.today_rows([
        _sub("pending", attempts=0), _sub("pending", attempts=2), _sub("delivered"),
        _sub("failed"), _sub("training", by="citizen"), _sub("purged", by="technician:kt01"),
    ], "vi")
    assert [r.state for r in rows] == ["Đang chờ gửi", "Gửi lỗi, đang thử lại", "Đã gửi",
                                       "Bị từ chối, cần kiểm tra", "Đào tạo, không gửi",
                                       "Đã xóa theo thời hạn lưu"]
    assert [r.staff for r in rows] == ["nv01"] * 4 + ["Công dân tự nộp", "kt01 (kỹ thuật)"]
    assert rows[0].service == "Khai báo tạm vắng"
    en = panel.today_rows([_sub("pending", attempts=1)], "en")[0]
    assert (en.service, en.state, en.reference) == ("Temporary absence declaration",
                                                    "Failed, retrying", "K7M2-9QXP")
