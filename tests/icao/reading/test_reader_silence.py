"""Bounded silence (issue 14 item 7), through pyscard -> pcscd -> vpcd -> the emulated chip:
a card that stops answering ends the read with "the card does not answer" within the read's
one deadline, and however often the kiosk retries it holds at most one thread and one PC/SC
context, both freed when the card answers again."""

from __future__ import annotations

import gc
import os
import threading
import time

import pytest

from icao.chip import Faults
from icao.errors import CardSilent
from icao.reader import ReadOptions, read
from nfc.errors import ApduTimeout
from nfc.transport import PcscTransport
from tests.icao.chip.support import can_key, make_chip

APDU_TIMEOUT = 0.3
DEADLINE = 0.8


def _counts() -> tuple[int, int]:
    return threading.active_count(), len(os.listdir("/proc/self/fd"))


def _settle(target: tuple[int, int], timeout: float = 5.0) -> tuple[int, int]:
    """Counts once they are back to `target` or below (a stuck call ends asynchronously;
    unrelated descriptors of earlier tests may close meanwhile), bounded."""
    end = time.monotonic() + timeout
    while not _within(_counts(), target) and time.monotonic() < end:
        time.sleep(0.02)
    return _counts()


def _within(counts: tuple[int, int], target: tuple[int, int]) -> bool:
    return counts[0] <= target[0] and counts[1] <= target[1]


def _silent_chip():
    chip = make_chip(faults=Faults(hostile="never-answer"))
    return chip, dict(atr=chip.atr, on_power_on=chip.power_on, on_power_off=chip.power_off,
                      on_reset=chip.reset)


def test_a_silent_card_ends_in_card_silent_within_the_read_deadline(virtual_card):
    chip, hooks = _silent_chip()
    with virtual_card(chip, **hooks) as card:
        try:
            with PcscTransport(card.reader, timeout=APDU_TIMEOUT) as t:
                start = time.monotonic()
                with pytest.raises(CardSilent) as err:
                    read(t, can_key(chip), options=ReadOptions(deadline_s=DEADLINE))
                elapsed = time.monotonic() - start
        finally:
            chip.hostile.release()
    assert chip.hostile.silenced == 1  # one APDU went unanswered; nothing was piled on it
    assert elapsed < DEADLINE + 0.3
    assert "the card does not answer" in err.value.message
    assert isinstance(err.value.__cause__, ApduTimeout)
    assert "does not answer" in err.value.advice


def test_twenty_silent_reads_leak_no_thread_and_no_descriptor(virtual_card):
    gc.collect()
    baseline = _counts()
    chip, hooks = _silent_chip()
    with virtual_card(chip, **hooks) as card:
        with_card = _counts()  # the emulator's own thread and socket
        peak = with_card
        outcomes: list[str] = []
        try:
            for _ in range(20):
                start = time.monotonic()
                try:
                    with PcscTransport(card.reader, timeout=APDU_TIMEOUT) as t:
                        read(t, can_key(chip), options=ReadOptions(deadline_s=DEADLINE))
                except (CardSilent, ApduTimeout) as exc:
                    outcomes.append(type(exc).__name__)
                assert time.monotonic() - start < DEADLINE + 0.3
                threads, fds = _counts()
                peak = (max(peak[0], threads), max(peak[1], fds))
        finally:
            chip.hostile.release()  # the card answers its one pending command
        after_release = _settle(with_card)
    assert outcomes[0] == "CardSilent" and len(outcomes) == 20
    # the first silent read leaves one worker stuck in SCardTransmit (and its context); the
    # 19 retries wait for it within their bound instead of adding their own
    assert peak[0] <= with_card[0] + 1 and peak[1] <= with_card[1] + 3
    assert chip.hostile.silenced == 1
    assert _within(after_release, with_card), (after_release, with_card)
    assert _within(_settle(baseline), baseline)
