"""Why the citizen flow stopped, and what the citizen does next.

One code per cause (`Problem`), the vocabulary shared by the reading service (kiosk.reading),
the session (kiosk.session) and the screens. Each problem has its words here, in Vietnamese and
English, and the one action the citizen can take (`Action`): the error screen
(ui/screens/error.py) shows the sentence and a button for the action, the CLI and the docs use
the same words. A code never carries personal data; the technical detail (step, status word)
goes to staff and technicians (`staff_detail`), never to the citizen's screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Problem(StrEnum):
    # the read
    ACCESS_DENIED = "access_denied"    # wrong CAN / MRZ: back to the access key
    CARD_BLOCKED = "card_blocked"      # the chip blocked the password (63C0, 6983): MRZ route
    CARD_REMOVED = "card_removed"      # the card left the reader during the read
    CARD_SILENT = "card_silent"        # the card is there but does not answer (or the read's
    #                                    deadline passed): not "removed", not "read failed"
    SESSION_LOST = "session_lost"      # the chip kept ending its secure session (9303-11 9.8)
    UNSUPPORTED = "unsupported"        # a protocol the kiosk does not implement
    READ_FAILED = "read_failed"        # anything else the card or reader did
    NO_READER = "no_reader"
    VIRTUAL_READER = "virtual_reader"  # a vpcd reader outside training mode (RIG.md)
    # the chip verdict (issue 14): the citizen goes to a counter, no override
    NOT_GENUINE = "not_genuine"
    CLONED = "cloned"
    NOT_PROVABLE = "not_provable"      # only when trust.require_genuine is on
    NO_IDENTITY = "no_identity"        # the chip's personal data groups did not parse
    NO_PORTRAIT = "no_portrait"        # no usable photo on the chip: no face check possible
    # after the read
    FACE_FAILED = "face_failed"        # staff may accept with a reason
    NO_CAMERA = "no_camera"
    SUBMIT_FAILED = "submit_failed"


#: Problems with the card itself: staff may not override them and "try again" does not help.
CHIP_PROBLEMS = frozenset({Problem.NOT_GENUINE, Problem.CLONED, Problem.NOT_PROVABLE,
                           Problem.NO_IDENTITY, Problem.NO_PORTRAIT})


class Action(StrEnum):
    """The one thing the citizen can do about a problem (the error screen's main button)."""

    TRY_AGAIN = "try_again"    # the same step again (the session's retry step)
    USE_MRZ = "use_mrz"        # open the card with the MRZ on its back instead of the CAN
    COUNTER = "counter"        # take the card to a counter: nothing more to do here
    CALL_STAFF = "call_staff"  # the kiosk needs a person (reader, camera): staff come over


@dataclass(frozen=True)
class Advice:
    """What happened and what to do, in both languages, and the action's button."""

    vi: str
    en: str
    action: Action

    def text(self, language: str) -> str:
        return self.vi if language == "vi" else self.en


_COUNTER_VI = "Vui lòng mang thẻ đến quầy tiếp nhận để được hỗ trợ."
_COUNTER_EN = "Please take your card to a counter for help."

ADVICE: dict[Problem, Advice] = {
    Problem.ACCESS_DENIED: Advice(
        "Số vừa nhập không mở được thẻ. Hãy kiểm tra số CAN 6 chữ số (6 số cuối của số định "
        "danh) rồi thử lại.",
        "The number did not open your card. Check the 6-digit CAN (the last 6 digits of your "
        "ID number) and try again.", Action.TRY_AGAIN),
    Problem.CARD_BLOCKED: Advice(
        "Thẻ đã khóa số CAN vì nhập sai quá nhiều lần. Hãy mở thẻ bằng 3 dòng chữ ở mặt sau "
        "(MRZ), hoặc đến cơ quan công an nơi cấp thẻ để được hỗ trợ.",
        "Your card has locked its CAN after too many wrong tries. Open it with the 3 lines of "
        "letters on the back (the MRZ) instead, or go to the police office that issued your "
        "card.", Action.USE_MRZ),
    Problem.CARD_REMOVED: Advice(
        "Thẻ đã bị dịch ra khỏi đầu đọc. Hãy đặt thẻ nằm phẳng trên đầu đọc, giữ yên rồi "
        "thử lại.",
        "The card was moved away from the reader. Place it flat on the reader, keep it still, "
        "and try again.", Action.TRY_AGAIN),
    Problem.CARD_SILENT: Advice(
        "Thẻ không phản hồi. Hãy nhấc thẻ ra khỏi đầu đọc, chờ một lát rồi đặt thẻ nằm phẳng "
        "trên đầu đọc lần nữa.",
        "The card is not answering. Lift it off the reader, wait a moment, then place it flat "
        "on the reader again.", Action.TRY_AGAIN),
    Problem.SESSION_LOST: Advice(
        "Kết nối với thẻ bị ngắt nhiều lần. Hãy nhấc thẻ ra, rồi đặt thẻ nằm phẳng trên đầu "
        "đọc và giữ yên.",
        "The connection to the card kept dropping. Lift the card, then place it flat on the "
        "reader and keep it still.", Action.TRY_AGAIN),
    Problem.UNSUPPORTED: Advice(
        "Máy này chưa đọc được loại thẻ này. " + _COUNTER_VI,
        "This kiosk cannot read this kind of card. " + _COUNTER_EN, Action.COUNTER),
    Problem.READ_FAILED: Advice(
        "Không đọc được thẻ. Hãy thử lại; nếu vẫn lỗi, vui lòng gọi cán bộ.",
        "The card could not be read. Try again; if it happens again, please call staff.",
        Action.TRY_AGAIN),
    Problem.NO_READER: Advice(
        "Máy chưa kết nối đầu đọc thẻ. Vui lòng gọi cán bộ.",
        "No card reader is connected. Please call staff.", Action.CALL_STAFF),
    Problem.VIRTUAL_READER: Advice(
        "Đầu đọc thẻ của máy này chưa được phép sử dụng. Vui lòng gọi cán bộ.",
        "This kiosk's card reader is not approved for use. Please call staff.",
        Action.CALL_STAFF),
    Problem.NOT_GENUINE: Advice(
        "Không xác thực được thẻ này. " + _COUNTER_VI,
        "This card could not be verified. " + _COUNTER_EN, Action.COUNTER),
    Problem.CLONED: Advice(
        "Không xác thực được thẻ này. " + _COUNTER_VI,
        "This card could not be verified. " + _COUNTER_EN, Action.COUNTER),
    Problem.NOT_PROVABLE: Advice(
        "Máy không xác nhận được thẻ này là thẻ thật. " + _COUNTER_VI,
        "The kiosk could not confirm this card is genuine. " + _COUNTER_EN, Action.COUNTER),
    Problem.NO_IDENTITY: Advice(
        "Không đọc được thông tin trên thẻ của bạn. " + _COUNTER_VI,
        "The details on your card could not be read. " + _COUNTER_EN, Action.COUNTER),
    Problem.NO_PORTRAIT: Advice(
        "Không đọc được ảnh trên thẻ của bạn. " + _COUNTER_VI,
        "The photo on your card could not be read. " + _COUNTER_EN, Action.COUNTER),
    Problem.FACE_FAILED: Advice(
        "Chưa xác nhận được bạn là chủ thẻ. Hãy thử lại và nhìn thẳng vào camera, hoặc nhờ "
        "cán bộ kiểm tra.",
        "We could not confirm that the card is yours. Try again, looking straight at the "
        "camera, or ask staff to check.", Action.TRY_AGAIN),
    Problem.NO_CAMERA: Advice(
        "Camera không hoạt động. Vui lòng gọi cán bộ.",
        "The camera is not working. Please call staff.", Action.CALL_STAFF),
    Problem.SUBMIT_FAILED: Advice(
        "Chưa lưu được hồ sơ. Hãy thử lại; nếu vẫn lỗi, vui lòng gọi cán bộ.",
        "The form could not be saved. Try again; if it happens again, please call staff.",
        Action.TRY_AGAIN),
}

#: The main button of each action, in both languages.
ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.TRY_AGAIN: ("Thử lại", "Try again"),
    Action.USE_MRZ: ("Dùng dòng MRZ", "Use the MRZ"),
    Action.COUNTER: ("Xong, tôi sẽ đến quầy", "OK, I will go to a counter"),
    Action.CALL_STAFF: ("Gọi cán bộ", "Call staff"),
}


def advice(problem: Problem | str) -> Advice:
    """The words and action for a problem (an unknown code reads as READ_FAILED)."""
    try:
        return ADVICE[Problem(problem)]
    except ValueError:
        return ADVICE[Problem.READ_FAILED]


def action_label(action: Action, language: str) -> str:
    vi, en = ACTION_LABELS[action]
    return vi if language == "vi" else en


def tries_left(n: int, language: str) -> str:
    """The chip's password tries left, in words: "1 try left", "2 tries left", "còn 1 lần
    thử" (Vietnamese nouns have no plural). `n` 0 reads as blocked."""
    if language == "vi":
        return "Thẻ đã bị khóa" if n <= 0 else f"Còn {n} lần thử"
    if n <= 0:
        return "No tries left: the card is locked"
    return "1 try left" if n == 1 else f"{n} tries left"


def citizen_text(problem: Problem | str, language: str, tries: int | None = None) -> str:
    """The sentence for the citizen: what happened, what to do, and (for a wrong CAN) the tries
    the chip said are left. Never a status word or a step id."""
    text = advice(problem).text(language)
    if tries is not None and tries > 0 and Problem(problem) is Problem.ACCESS_DENIED:
        text += " " + tries_left(tries, language) + "."
    return text


def staff_detail(problem: Problem | str, detail: str = "", tries: int | None = None) -> str:
    """The technical line for staff and technicians: code, step and status word, tries left.
    Non-personal (the reading service's details carry no personal data)."""
    parts = [str(problem)]
    if detail:
        parts.append(detail)
    if tries is not None:
        parts.append(f"tries_left={tries}")
    return " ".join(parts)
