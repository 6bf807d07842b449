"""nfc.monitor: card events from two vpcd readers at once, reported once each, clean stop."""

from __future__ import annotations

import queue
import threading
import time

from nfc.monitor import CardEvents, EventKind, ReaderEvent, ReaderMonitor
from nfc.vpcd import DEFAULT_ATR

OTHER_ATR = bytes.fromhex("3B80800101")


def _next(q: queue.Queue[ReaderEvent], timeout: float = 5.0) -> ReaderEvent:
    return q.get(timeout=timeout)


def test_insert_and_remove_in_both_slots_at_once_gives_one_event_each(virtual_card):
    events: queue.Queue[ReaderEvent] = queue.Queue()
    threads: set[str] = set()

    def on_event(e: ReaderEvent) -> None:
        threads.add(threading.current_thread().name)
        if e.reader.startswith("Virtual PCD"):
            events.put(e)

    with ReaderMonitor(on_event) as mon:
        initial = {_next(events), _next(events)}
        assert initial == {ReaderEvent(EventKind.READER_ADDED, "Virtual PCD 00 00"),
                           ReaderEvent(EventKind.READER_ADDED, "Virtual PCD 00 01")}
        with virtual_card(lambda a: b"\x90\x00", slot=0) as c0, \
                virtual_card(lambda a: b"\x90\x00", slot=1, atr=OTHER_ATR) as c1:
            inserted = {_next(events), _next(events)}
            assert inserted == {
                ReaderEvent(EventKind.CARD_INSERTED, "Virtual PCD 00 00", DEFAULT_ATR),
                ReaderEvent(EventKind.CARD_INSERTED, "Virtual PCD 00 01", OTHER_ATR),
            }
            c0.remove(wait=False)
            c1.remove(wait=False)
            removed = {_next(events), _next(events)}
            assert removed == {ReaderEvent(EventKind.CARD_REMOVED, "Virtual PCD 00 00"),
                               ReaderEvent(EventKind.CARD_REMOVED, "Virtual PCD 00 01")}
            c0.insert()
            assert _next(events) == ReaderEvent(EventKind.CARD_INSERTED, "Virtual PCD 00 00",
                                                DEFAULT_ATR)
        # leaving the fixtures removes c0 (c1 is already out): exactly one more event
        assert _next(events) == ReaderEvent(EventKind.CARD_REMOVED, "Virtual PCD 00 00")
        started = time.monotonic()
    # stop() (on leaving the block) wakes the blocking wait with SCardCancel: no 1 s lag
    assert time.monotonic() - started < 0.5
    assert not mon.running
    assert events.empty()
    assert threads == {"nfc-monitor"}


def test_initial_false_reports_only_changes(virtual_card):
    events: queue.Queue[ReaderEvent] = queue.Queue()
    with virtual_card(lambda a: b"\x90\x00", slot=0) as card:
        with ReaderMonitor(events.put, initial=False):
            card.remove(wait=False)
            assert _next(events) == ReaderEvent(EventKind.CARD_REMOVED, "Virtual PCD 00 00")
    assert events.empty()


def test_card_events_adapter_calls_back_with_the_reader_name(virtual_card):
    calls: queue.Queue[tuple[str, str]] = queue.Queue()
    with virtual_card(lambda a: b"\x90\x00", slot=1) as card:
        events = CardEvents(on_inserted=lambda r: calls.put(("in", r)),
                            on_removed=lambda r: calls.put(("out", r)))
        events.start()
        try:
            assert calls.get(timeout=5) == ("in", "Virtual PCD 00 01")  # already present
            card.remove(wait=False)
            assert calls.get(timeout=5) == ("out", "Virtual PCD 00 01")
        finally:
            events.stop()
    assert not events.running
    assert calls.empty()
