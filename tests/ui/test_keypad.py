"""ui.widgets.keypad: `enter` taps as a person does; OK submits a full keypad only."""

from __future__ import annotations


def test_enter_submits_a_full_keypad_and_only_a_full_one(qtbot):
    from ui.widgets.keypad import Keypad

    pad = Keypad(6)
    qtbot.addWidget(pad)
    sent: list[str] = []
    pad.submitted.connect(sent.append)
    pad.enter("12345")  # one short: OK does nothing, as the disabled button would
    assert sent == [] and pad.value() == "12345"
    pad.clear()
    pad.enter("1234567")  # the seventh digit does not fit
    assert sent == ["123456"] and pad.display.text() == "1 2 3 4 5 6"
