"""Guidance through the real flow (pcscd + vpcd + the emulated chip, the window offscreen): a
card that blocks its CAN says so and leads to the MRZ, which opens it; the read says its
step, its KB and the time left in words while it runs over a slow link."""

from __future__ import annotations

import re

import pytest

from kiosk.session import Step
from tests.ui.conftest import drive_to_place_card, wait_step

pytestmark = pytest.mark.pcsc


def test_a_blocked_can_leads_to_the_mrz_which_opens_the_card(make_kiosk, qtbot):
    from icao.chip import ChipOptions
    from icao.keys import AccessKey

    core, window, _clock = make_kiosk(ChipOptions(profile="vn-cccd", password_tries=1))
    wrong = "000000" if core.demo_access.can != "000000" else "111111"
    drive_to_place_card(core, window, qtbot, can=wrong)
    wait_step(core, qtbot, Step.ERROR)
    assert core.session.error.code == "card_blocked"
    assert window.error.message.text().startswith("Thẻ đã khóa số CAN vì nhập sai quá nhiều lần.")
    assert window.error.action_button.text() == "Dùng dòng MRZ"
    window.error.action_button.click()
    assert core.session.step is Step.ACCESS_KEY
    assert window.access.mode == "mrz"  # the camera reads the back of the card now
    assert window.access.error_label.text() == ("Thẻ đã khóa số CAN: hãy đưa mặt sau của thẻ "
                                                "vào camera.")
    # the MRZ the camera would read (kiosk.capture.keys.decode_mrz gives this key)
    window.access.keyReady.emit(AccessKey.from_mrz_text(core.demo_access.mrz), None)
    wait_step(core, qtbot, Step.FACE, Step.ERROR, timeout_ms=60000)
    assert core.session.step is Step.FACE, core.session.error
    access = core.session.personal.read.document.access
    assert (access.protocol, access.password) == ("PACE", "mrz")


def test_the_read_is_told_in_words_with_the_time_left(make_kiosk, qtbot):
    from icao.chip import ChipOptions, LinkModel

    # 424 kbit/s with 8 ms a frame and short APDUs only (no extended length): the photo
    # comes in about a hundred reads, as from many contactless chips at a counter
    link = LinkModel(kbps=424, frame_overhead_ms=8.0)
    core, window, _clock = make_kiosk(ChipOptions(profile="vn-cccd", link=link,
                                                  ext_length=False))
    seen: list[tuple[str, str]] = []
    window.bridge.progressChanged.connect(
        lambda *_: seen.append((window.reading.stage_label.text(),
                                window.reading.detail.text())))
    drive_to_place_card(core, window, qtbot)
    wait_step(core, qtbot, Step.FACE, Step.ERROR, timeout_ms=90000)
    assert core.session.step is Step.FACE, core.session.error
    stages = [s for s, _ in seen]
    print("\n".join(f"{s} | {d}" for s, d in seen))
    assert any(s == "Bước 6/11: Đang đọc ảnh chân dung" for s in stages)
    steps = [int(re.match(r"Bước (\d+)/11", s).group(1)) for s in stages]
    assert steps == sorted(steps)  # never backwards
    timed = [d for s, d in seen if s.endswith("ảnh chân dung") and "còn" in d]
    assert timed, seen  # the photo's KB and its time left, from the rate measured so far
    assert re.fullmatch(r"\d+\.\d / \d+\.\d KB · còn (khoảng \d+ giây|chưa đến 1 giây)",
                        timed[0])
    for stage, detail in seen:  # never a status word or a stage id
        assert not re.search(r"SW=|DG\d|chip_auth|\bCOM\b|\bSOD\b", stage + detail)
