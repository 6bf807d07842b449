"""A silent card, through pyscard -> pcscd -> vpcd -> the emulated chip and the kiosk's own read
(kiosk.reading.read_document): bounded by the read's deadline, and what the citizen is told is
"the card does not answer" with a way to try again, never "the card was removed" (issue 14
item 7, app side; the reader's side is tests/icao/reading/test_reader_silence.py)."""

from __future__ import annotations

import time

import pytest

from icao.chip import Faults
from icao.errors import CardSilent
from icao.keys import AccessKey
from icao.reader import ReadOptions
from kiosk.problems import Problem
from kiosk.reading import classify, read_document
from kiosk.session import Session, Step
from kiosk.work import FindCard, ReadCard
from tests.icao.chip.support import can_key, make_chip

APDU_TIMEOUT = 0.3
DEADLINE = 0.8


def _to_reading(s: Session) -> ReadCard:
    s.start("vi")
    s.consent(True)
    s.choose_service("xac-nhan-so-cmnd")
    s.set_access_key(AccessKey.from_can("123456"))
    find = s.due
    assert isinstance(find, FindCard)
    s.card_search_finished(find, problem=None, present=True)
    work = s.due
    assert s.step is Step.READING and isinstance(work, ReadCard)
    return work


def test_a_silent_card_tells_the_citizen_it_does_not_answer_within_the_deadline(virtual_card):
    chip = make_chip(faults=Faults(hostile="never-answer"))
    with virtual_card(chip, atr=chip.atr, on_power_on=chip.power_on,
                      on_power_off=chip.power_off, on_reset=chip.reset) as card:
        start = time.monotonic()
        try:
            with pytest.raises(CardSilent) as err:
                read_document(card.reader, can_key(chip), timeout=APDU_TIMEOUT,
                              options=ReadOptions(deadline_s=DEADLINE))
        finally:
            chip.hostile.release()
        elapsed = time.monotonic() - start
    assert elapsed < DEADLINE + 0.5
    failure = classify(err.value)
    assert failure.problem is Problem.CARD_SILENT
    assert failure.detail.startswith("CardSilent")
    s = Session()
    s.read_failed(_to_reading(s), failure)
    assert s.step is Step.ERROR and s.error is not None
    assert (s.error.code, s.error.retry_step) == (Problem.CARD_SILENT, Step.PLACE_CARD)
    assert s.personal.access_key is not None  # kept: "try again" reads the card again


def test_the_apps_reading_service_honours_reader_read_deadline_s(virtual_card):
    """[reader] read_deadline_s bounds the app's whole read (kiosk.reading.ReadingService),
    not icao's default of 8 s: a chip on a 20 kbit/s link (a whole read would take ~15 s)
    ends at the setting's 2 s as "the card does not answer"."""
    from icao.chip.link import LinkModel
    from icao.errors import ReadTimeout
    from icao.pki.store import TrustStore
    from kiosk.config.schema import Config, ReaderSettings
    from kiosk.reading import ReadingService

    chip = make_chip(link=LinkModel(kbps=20))
    with virtual_card(chip, atr=chip.atr, on_power_on=chip.power_on,
                      on_power_off=chip.power_off, on_reset=chip.reset) as card:
        config = Config(reader=ReaderSettings(name_pattern=card.reader, read_deadline_s=2.0))
        service = ReadingService(config, training=True, trust=TrustStore)
        start = time.monotonic()
        with pytest.raises(ReadTimeout) as err:
            service.read(can_key(chip))
        elapsed = time.monotonic() - start
    assert 2.0 <= elapsed < 3.0
    assert classify(err.value).problem is Problem.CARD_SILENT
