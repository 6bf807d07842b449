"""What the staff verification panel says, verdict first: one large verdict (colour, icon and
words in Vietnamese and English), each check in plain words with its reason, the face score
against its threshold, the technical ids for "Details", and today's submissions in words.
Pure functions of the session's results (no Qt), so the wording is tested without a screen
and is the same wherever it is shown. The words of each reason code and check: kiosk/staff_words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from icao.genuine import VerdictStatus
from kiosk.face.threshold import ScoreScale, ThresholdInForce, score_scale
from kiosk.problems import Problem
from kiosk.staff_today import TodayRow, delivery_state, service_name, staff_words, today_rows
from kiosk.staff_words import (
    Words,
    check_words,
    chip_proof_words,
    language_index,
    reason_words,
)

if TYPE_CHECKING:
    from kiosk.face.station import FaceOutcome
    from kiosk.identity import Identity
    from kiosk.reading import ChipRead


class Headline(StrEnum):
    SAME_PERSON = "same_person"        # genuine card, the face matches
    FACE_MISMATCH = "face_mismatch"    # genuine card, the face check failed (staff may act)
    NOT_GENUINE = "not_genuine"
    CLONED = "cloned"
    NOT_PROVABLE = "not_provable"
    FACE_PENDING = "face_pending"      # genuine card, the face not checked yet
    INCOMPLETE = "incomplete"          # the chip lacks the data the kiosk needs
    NO_CARD = "no_card"
    # another party of a two-person form (kiosk/staff_parties.py)
    GENUINE_NO_FACE = "genuine_no_face"  # genuine card; no face check for this person
    NUMBER_TYPED = "number_typed"      # only their ID number was typed: no chip proves it
    IS_DECLARANT = "is_declarant"      # the declarant said "that's me"
    NOT_GIVEN = "not_given"            # skipped: typed at review or left blank


#: tone -> colour the screen paints it in; icon beside the words (never colour alone)
TONES = {"ok": "#1b7f3b", "warn": "#b35c00", "stop": "#b00020", "info": "#40505f"}
_LOOK: dict[Headline, tuple[str, str, Words]] = {
    Headline.SAME_PERSON: ("ok", "✔", ("THẺ THẬT · ĐÚNG NGƯỜI", "GENUINE CARD · SAME PERSON")),
    Headline.FACE_MISMATCH: ("warn", "⚠", ("KHUÔN MẶT KHÔNG KHỚP", "FACE DOES NOT MATCH")),
    Headline.NOT_GENUINE: ("stop", "✘", ("KHÔNG PHẢI THẺ THẬT", "NOT A GENUINE CARD")),
    Headline.CLONED: ("stop", "✘", ("THẺ BỊ SAO CHÉP", "CLONED CARD")),
    Headline.NOT_PROVABLE: ("warn", "?", ("KHÔNG CHỨNG MINH ĐƯỢC LÀ THẺ THẬT",
                                          "CANNOT BE PROVEN GENUINE")),
    Headline.FACE_PENDING: ("info", "…", ("THẺ THẬT · CHƯA ĐỐI CHIẾU KHUÔN MẶT",
                                          "GENUINE CARD · FACE NOT CHECKED YET")),
    Headline.INCOMPLETE: ("stop", "✘", ("THẺ THIẾU DỮ LIỆU CẦN THIẾT",
                                        "THE CARD LACKS DATA THE KIOSK NEEDS")),
    Headline.NO_CARD: ("info", "—", ("CHƯA ĐỌC THẺ", "NO CARD READ YET")),
    Headline.GENUINE_NO_FACE: ("ok", "✔", ("THẺ THẬT · KHÔNG ĐỐI CHIẾU KHUÔN MẶT",
                                           "GENUINE CARD · NO FACE CHECK")),
    Headline.NUMBER_TYPED: ("info", "#", ("CHỈ NHẬP SỐ ĐỊNH DANH · KHÔNG ĐỌC THẺ",
                                          "ID NUMBER TYPED · NO CARD READ")),
    Headline.IS_DECLARANT: ("info", "=", ("CHÍNH LÀ NGƯỜI KÊ KHAI", "THE DECLARANT THEMSELVES")),
    Headline.NOT_GIVEN: ("info", "—", ("KHÔNG CUNG CẤP", "NOT GIVEN")),
}
_FACE_TITLES: dict[str, Words] = {
    "liveness": ("KHÔNG QUA KIỂM TRA NGƯỜI THẬT", "LIVENESS CHECK FAILED"),
    "undecided": ("KHÔNG ĐỐI CHIẾU ĐƯỢC KHUÔN MẶT", "THE FACE COULD NOT BE COMPARED"),
}
_POLICY: dict[bool, Words] = {
    True: ("Máy này chỉ cho tiếp tục với thẻ được chứng minh là thật (trust.require_genuine)",
           "This kiosk goes on only with a card proven genuine (trust.require_genuine)"),
    False: ("Máy này cho tiếp tục khi không chứng minh được (trust.require_genuine tắt)",
            "This kiosk lets such a card go on (trust.require_genuine off)")}
_STOPS: dict[Problem, Words] = {
    Problem.NO_IDENTITY: ("Không đọc được thông tin cá nhân trên chip",
                          "The personal details on the chip could not be read"),
    Problem.NO_PORTRAIT: ("Chip không có ảnh chân dung để đối chiếu khuôn mặt",
                          "The chip has no portrait to compare the face with"),
}


@dataclass(frozen=True)
class PanelVerdict:
    """The one large verdict: `title` and `because` in (Vietnamese, English)."""

    kind: Headline
    tone: str              # ok / warn / stop / info (TONES)
    icon: str
    title: Words
    because: Words
    policy: Words | None = None

    @property
    def colour(self) -> str:
        return TONES[self.tone]


def _face_because(face: FaceOutcome | None) -> Words:
    from kiosk.face.liveness import FAILURES  # the face package's own staff sentences

    if face is None:
        return ("Chưa chạy được việc đối chiếu khuôn mặt (camera hoặc ảnh trên chip)",
                "The face check could not run (the camera or the chip portrait)")
    m = face.match
    if face.liveness == "failed":
        return FAILURES.get(face.reason or "", ("Không qua kiểm tra người thật",
                                                "The liveness check failed"))
    if m.distance is None:
        return ("Không có khung hình đủ rõ để so sánh với ảnh trên chip",
                "No camera frame was clear enough to compare with the chip portrait")
    return (f"Khuôn mặt trước camera khác ảnh trên chip (độ khác biệt {m.distance:.2f} > "
            f"ngưỡng {m.threshold:.2f})",
            f"The face at the camera differs from the chip portrait (distance "
            f"{m.distance:.2f} > threshold {m.threshold:.2f})")


def headline(kind: Headline, because: Words) -> PanelVerdict:
    """A verdict of one kind with its look (tone, icon, title) and the given reason."""
    tone, icon, words = _LOOK[kind]
    return PanelVerdict(kind, tone, icon, words, because)


def panel_verdict(read: ChipRead | None, face: FaceOutcome | None, *,
                  error: Problem | None = None, require_genuine: bool = True,
                  override_by: str | None = None) -> PanelVerdict:
    """The verdict staff see first. `error`: the session's problem, if it stopped;
    `override_by`: who accepted a failed face match."""
    def make(kind: Headline, because: Words, policy: Words | None = None,
             title: Words | None = None) -> PanelVerdict:
        tone, icon, words = _LOOK[kind]
        return PanelVerdict(kind, tone, icon, title or words, because, policy)

    if read is None:
        return make(Headline.NO_CARD, ("Chưa có thẻ nào được đọc trong lượt này",
                                       "No card has been read in this session"))
    v = read.verdict
    because = (reason_words(v.code, v.files, "vi"), reason_words(v.code, v.files, "en"))
    if v.status is VerdictStatus.NOT_GENUINE:
        return make(Headline.NOT_GENUINE, because)
    if v.status is VerdictStatus.CLONED:
        return make(Headline.CLONED, because)
    if v.status is VerdictStatus.NOT_PROVABLE:
        return make(Headline.NOT_PROVABLE, because, _POLICY[require_genuine])
    stop = _STOPS.get(error) if error is not None else None
    if stop is not None:
        return make(Headline.INCOMPLETE, stop)
    if face is None and error not in (Problem.FACE_FAILED, Problem.NO_CAMERA):
        return make(Headline.FACE_PENDING, because)
    if face is not None and face.accepted:
        return make(Headline.SAME_PERSON, because)
    title = None
    if face is None or face.match.distance is None:
        title = _FACE_TITLES["undecided"]
    elif face.liveness == "failed":
        title = _FACE_TITLES["liveness"]
    why = _face_because(face)
    if override_by:
        who = override_by.split(":", 1)[-1]
        why = (f"{why[0]}. Cán bộ {who} đã chấp nhận kèm lý do",
               f"{why[1]}. Accepted by {who} with a reason")
    return make(Headline.FACE_MISMATCH, why, title=title)


@dataclass(frozen=True)
class CheckLine:
    mark: str      # ✔ passed, ✘ failed, ? could not be done
    text: str      # plain words with the reason
    status: str    # passed / failed / not_possible


_MARKS = {"passed": "✔", "failed": "✘", "not_possible": "?"}
_ORDER = {"failed": 0, "not_possible": 1, "passed": 2}


def check_lines(read: ChipRead | None, language: str) -> list[CheckLine]:
    """Every passive-authentication check and the chip's own proof, in plain words; the
    ones that did not pass first."""
    if read is None:
        return []
    lines = []
    if read.verification is not None:
        for c in read.verification.checks:
            status = str(c.status)
            lines.append(CheckLine(_MARKS.get(status, "?"), check_words(c, language), status))
    v = read.verdict
    if v.status is VerdictStatus.GENUINE:
        lines.append(CheckLine("✔", chip_proof_words(v.method, language), "passed"))
    elif v.status is VerdictStatus.CLONED or v.code.value in (
            "no_chip_proof", "chip_key_not_signed", "proof_interrupted", "downgraded"):
        status = "failed" if v.status is VerdictStatus.CLONED else "not_possible"
        lines.append(CheckLine(_MARKS[status], reason_words(v.code, v.files, language), status))
    return sorted(lines, key=lambda line: _ORDER.get(line.status, 1))


def detail_lines(read: ChipRead | None, face: FaceOutcome | None) -> list[str]:
    """The technical ids behind "Details": verdict code, check names and statuses, icao's
    own sentences, the face figures. No personal data."""
    lines = []
    if read is not None:
        v = read.verdict
        lines.append(f"verdict {v.status.value} code={v.code.value} method={v.method or '-'} "
                     f"check={v.check or '-'} files={','.join(v.files) or '-'}")
        lines.append(f"  {v.reason}")
        if read.verification is not None:
            for c in read.verification.checks:
                code = f" code={c.code.value}" if c.code is not None else ""
                lines.append(f"{_MARKS.get(str(c.status), '?')} {c.name} [{c.status}]{code}: "
                             f"{c.reason}" + (f" ({c.detail})" if c.detail else ""))
    if face is not None:
        m = face.match
        dist = f"{m.distance:.4f}" if m.distance is not None else "-"
        lines.append(f"face decision={m.decision} distance={dist} threshold={m.threshold:.4f} "
                     f"target_fmr={m.target_fmr:g} calibrated={'yes' if m.threshold_verified else 'no'} "
                     f"frames={m.frames_used}/{m.frames_seen} liveness={face.liveness} "
                     f"reason={face.reason or '-'}")
    return lines


@dataclass(frozen=True)
class FaceScale:
    """The face score on a scale that shows the threshold (distance: lower is more alike),
    placed by kiosk.face.threshold.score_scale (the one source of where the threshold sits
    and where it came from); `origin` says so in plain words."""

    scale: ScoreScale
    caption: Words
    origin: Words

    @property
    def distance(self) -> float | None:
        return self.scale.distance

    @property
    def threshold(self) -> float:
        return self.scale.threshold

    @property
    def top(self) -> float:
        return self.scale.top

    @property
    def within(self) -> bool:
        return bool(self.scale.matched)


def _percent(rate: float) -> str:
    return f"{rate * 100:g}%"


def threshold_origin(in_force: ThresholdInForce) -> Words:
    """Where the threshold comes from and whether it was measured, in plain words."""
    t = in_force.threshold
    v = f"{t.value:.2f}"
    if in_force.source != "calibration":
        return (f"Ngưỡng {v} do kỹ thuật viên đặt ({in_force.setting}): chưa được kiểm chứng "
                "trên tập ảnh có nhãn",
                f"Threshold {v} set by a technician ({in_force.setting}): not verified on a "
                "labelled set")
    if t.verified:
        return (f"Ngưỡng {v} đã được đo trên tập ảnh có nhãn, tỷ lệ nhận nhầm "
                f"{_percent(t.target_fmr)}",
                f"Threshold {v} measured on a labelled set for a false-match rate of "
                f"{_percent(t.target_fmr)}")
    return (f"Ngưỡng {v} chưa được kiểm chứng trên tập ảnh có nhãn: đây là giá trị tham "
            "khảo, hãy xem kỹ hai ảnh",
            f"Threshold {v} not verified on a labelled set: a reference value, look at both "
            "pictures")


def face_scale(face: FaceOutcome | None, in_force: ThresholdInForce) -> FaceScale | None:
    """The scale for this face result against the threshold in force (the face station's:
    kiosk.face.station.FaceStation.threshold_in_force)."""
    if face is None:
        return None
    scale = score_scale(face.match.distance, in_force)
    d, t = scale.distance, scale.threshold
    if d is None:
        caption = (f"Không có điểm so sánh · ngưỡng {t:.2f}", f"No score · threshold {t:.2f}")
    else:
        caption = (f"Độ khác biệt {d:.2f} · ngưỡng {t:.2f} (càng thấp càng giống)",
                   f"Distance {d:.2f} · threshold {t:.2f} (lower is more alike)")
    return FaceScale(scale, caption, threshold_origin(in_force))


def threshold_detail(in_force: ThresholdInForce, face: FaceOutcome | None) -> str:
    """The threshold's technical line for "Details"."""
    t, m = in_force.threshold, in_force.measured
    line = (f"threshold in force {t.value:.4f} source={in_force.source} "
            f"setting={in_force.setting} target_fmr={t.target_fmr:g} "
            f"verified={'yes' if t.verified else 'no'}")
    if m is not None:
        line += f" measured: fmr={m.fmr} fnmr={m.fnmr} ({m.impostor_comparisons} impostor)"
    if face is not None and abs(face.match.threshold - t.value) > 1e-9:
        line += f"; the match was decided at {face.match.threshold:.4f}"
    return line


_LIVENESS: dict[str, Words] = {"passed": ("đạt", "passed"), "failed": ("không đạt", "failed"),
                               "skipped_demo": ("bỏ qua (demo)", "skipped (demo)"),
                               "off": ("tắt", "off")}


def liveness_words(face: FaceOutcome | None, language: str) -> str:
    if face is None:
        return ""
    head = "Kiểm tra người thật" if language == "vi" else "Liveness"
    return f"{head}: {_LIVENESS[face.liveness][language_index(language)]}"


def identity_lines(identity: Identity | None, language: str) -> list[tuple[str, str]]:
    return identity.display_lines(language) if identity is not None else []


__all__ = ["TONES", "CheckLine", "FaceScale", "Headline", "PanelVerdict", "TodayRow",
           "check_lines", "delivery_state", "detail_lines", "face_scale", "headline",
           "identity_lines", "liveness_words", "panel_verdict", "service_name",
           "staff_words", "threshold_detail", "threshold_origin", "today_rows"]
