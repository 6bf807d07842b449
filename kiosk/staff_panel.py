"""The staff verification panel's text: the chip verdict in plain words, every check with its
reason, the face result and the identity fields. Pure functions of the session's results, so
the wording is tested without a screen and the same in every place that shows it."""

from __future__ import annotations

from kiosk.face.station import FaceOutcome
from kiosk.identity import Identity
from kiosk.reading import ChipRead, VerdictStatus

_VERDICT_WORDS = {
    VerdictStatus.GENUINE: ("Thẻ thật: chip đã được xác thực", "Genuine: the chip was verified"),
    VerdictStatus.NOT_GENUINE: ("KHÔNG phải thẻ thật: dữ liệu trên chip đã bị thay đổi",
                                "NOT genuine: the data on the chip was altered"),
    VerdictStatus.CLONED: ("Thẻ bị sao chép: chip không chứng minh được khóa của nhà nước",
                           "Cloned: the chip could not prove the state's key"),
    VerdictStatus.NOT_PROVABLE: ("Không chứng minh được thẻ là thật",
                                 "Cannot be proven genuine"),
}
_POLICY = {True: ("Quy định của máy: thẻ phải được chứng minh là thật (trust.require_genuine)",
                  "This kiosk requires a card proven genuine (trust.require_genuine)"),
           False: ("Quy định của máy cho phép tiếp tục khi không chứng minh được "
                   "(trust.require_genuine tắt)",
                   "This kiosk lets a card go on when it cannot be proven "
                   "(trust.require_genuine off)")}


def verdict_lines(read: ChipRead | None, language: str, *, require_genuine: bool) -> list[str]:
    """The verdict first, in plain words, with its reason and (when not provable) the policy
    that decided whether the citizen could go on."""
    if read is None:
        return []
    i = 0 if language == "vi" else 1
    v = read.verdict
    mark = "✔" if v.status is VerdictStatus.GENUINE else "✘"
    lines = [f"{mark} {_VERDICT_WORDS[v.status][i]}", f"   {v.reason}"]
    if v.status is VerdictStatus.NOT_PROVABLE:
        lines.append(f"   {_POLICY[require_genuine][i]}")
    return lines


def check_lines(read: ChipRead | None) -> list[str]:
    """Every passive-authentication check and the chip proof, with its reason (English, as
    icao states them: the staff guide explains each one)."""
    if read is None:
        return []
    lines = []
    if read.verification is not None:
        for c in read.verification.checks:
            mark = {"passed": "✔", "failed": "✘"}.get(str(c.status), "?")
            lines.append(f"{mark} {c.name}: {c.reason}")
    g = read.verdict
    lines.append(f"{'✔' if g.status is VerdictStatus.GENUINE else '✘'} chip: {g.status.value} "
                 f"— {g.reason}")
    return lines


def face_summary(outcome: FaceOutcome | None, language: str) -> str:
    if outcome is None:
        return "—"
    m = outcome.match
    if m.distance is None:
        return "no face" if language == "en" else "không thấy khuôn mặt"
    verdict = {"match": ("khớp", "match"), "no_match": ("không khớp", "no match"),
               "undecided": ("chưa xác định", "undecided")}[m.decision]
    live = {"passed": ("đạt", "passed"), "failed": ("không đạt", "failed"),
            "skipped_demo": ("bỏ qua (demo)", "skipped (demo)"),
            "off": ("tắt", "off")}[outcome.liveness]
    i = 0 if language == "vi" else 1
    return (f"{'Khuôn mặt' if i == 0 else 'Face'}: {verdict[i]} "
            f"({m.distance:.3f} / {m.threshold:.3f}); liveness: {live[i]}")


def identity_lines(identity: Identity | None, language: str) -> list[tuple[str, str]]:
    return identity.display_lines(language) if identity is not None else []
