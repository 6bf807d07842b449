"""Field-chip behaviours for the reader's tests, as thin wrappers around the emulated chip
(icao.chip) until its quirk catalogue (issue 15) offers them as options.

`Strict(chip)`: ends secure messaging on any error it answers (9303-11 9.8 allows a chip to;
many do), optionally answering errors as plain status words, and keeping the application
selected when the session ends (only a reset or power cycle goes back to the MF).
"""

from __future__ import annotations

from icao.chip.card import EmulatedChip
from tests.icao.chip.support import make_chip

_OK = {0x9000, 0x6282}


def lenient(**kw) -> EmulatedChip:
    """A chip that keeps its session after errors whatever the chip's default (the wrapper
    below decides when the session ends, and counts it)."""
    return make_chip(**kw, quirks=frozenset(kw.pop("quirks", ())) | {"keeps-sm-on-error"})


class Strict:
    """A card handler: the chip, made strict. Passes power events through."""

    def __init__(self, chip: EmulatedChip, *, plain_errors: bool = False,
                 keeps_application: bool = True):
        self.chip = chip
        self.plain_errors = plain_errors
        self.keeps_application = keeps_application
        self.ended = 0  # sessions this wrapper ended
        self.atr = chip.atr
        self.files = chip.files
        self.access_data = chip.access_data

    def power_on(self) -> None:
        self.chip.power_on()

    power_off = reset = power_on

    def __call__(self, apdu: bytes) -> bytes:
        chip = self.chip
        was_secure = chip.secure
        answer = chip(apdu)
        sw = int.from_bytes(answer[-2:], "big")
        if was_secure and chip.secure and sw not in _OK:
            self._end_session()
            if self.plain_errors:
                return answer[-2:]
        elif was_secure and not chip.secure and self.keeps_application:
            # the chip's own end of session (6987/6988 on a plain or wrong command) went
            # back to the MF; a strict field chip keeps the application selected
            chip._df = "EMRTD"  # noqa: SLF001 - test double of a field chip's state
        return answer

    def _end_session(self) -> None:
        df = self.chip._df  # noqa: SLF001
        self.chip.power_on()
        if self.keeps_application:
            self.chip._df = df  # noqa: SLF001
        self.ended += 1
