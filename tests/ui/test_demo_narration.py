"""The demo a newcomer watches (issue 18 item 5): the screenshot tour says what it does step by
step, gives the CAN and the training login, announces the wrong CAN as an expected failure
before the card refuses it, names every picture it saves, walks a two-person service with the
second card swapped into the reader (issue 17); and a failure that the window handles (the
refused CAN) is no "background job failed" warning on the terminal."""

from __future__ import annotations

import logging
import threading

import pytest

pytestmark = pytest.mark.pcsc


def test_a_handled_job_failure_is_no_warning_an_unhandled_one_is(qtbot, caplog):
    from ui.workers import run_in_pool, wait_for_jobs

    def refuse(_progress, _cancelled):
        raise PermissionError("refused")

    caplog.set_level(logging.DEBUG, logger="ui.workers")
    errors: list[BaseException] = []
    run_in_pool(refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    failed = [r for r in caplog.records if r.getMessage().startswith("background job failed")]
    assert [r.levelno for r in failed] == [logging.DEBUG]
    caplog.clear()
    job = run_in_pool(refuse)  # nobody takes its failure: the log must say it
    job.thread.join(5)
    assert [(r.levelno, r.getMessage()) for r in caplog.records
            if r.levelno >= logging.WARNING] == [
        (logging.WARNING, "background job failed: PermissionError")]
    assert wait_for_jobs(5)


def test_the_tour_narrates_and_announces_the_expected_failure(make_kiosk, qtbot, tmp_path,
                                                              caplog):
    from ui.screenshots import tour

    core, window, _clock = make_kiosk()
    window.resize(1920, 1080)
    lines: list[str] = []
    finished = threading.Event()
    caplog.set_level(logging.WARNING)
    tour(window, str(tmp_path), finished.set, languages=("en",), narrate=lines.append)
    qtbot.waitUntil(finished.is_set, timeout=240000)
    text = "\n".join(lines)
    assert lines[0] == f"the emulated card's CAN is {core.demo_access.can}; staff and " \
                       "technician log in as training, PIN 000000"
    expected = next(i for i, line in enumerate(lines) if line.startswith("EXPECTED FAILURE"))
    refused = next(i for i, line in enumerate(lines) if "as expected" in line)
    assert expected < refused
    assert "the card refused the wrong CAN, as expected (access_denied)" in lines[refused]
    saved = sorted(p.name for p in tmp_path.glob("*.png"))
    for name in saved:  # every picture is named on the terminal where it went
        assert f"  saved {tmp_path / name}" in lines
    assert {"en-01-welcome.png", "en-06-face.png", "en-09-receipt.png",
            "en-11-staff-panel.png", "en-11-staff-panel-portrait.png",
            "en-12-error-wrong-can.png", "en-14-large-high-contrast.png", "en-15-party.png",
            "en-16-spouse-card.png", "en-17-review-two-people.png"} <= set(saved)
    # the marriage: the spouse's card was swapped in and read, and the review shows both
    # partners' sections
    assert "typing the spouse's CAN 054321" in lines
    assert ("the review with both people's sections (To, Woman, Man, Request), on a 1080x1920 "
            "totem where both fit") in lines
    assert lines[-1] == f"done: {len(saved)} pictures in {tmp_path}"
    assert "timed out" not in text and "unexpected" not in text
    assert not [r for r in caplog.records if "background job failed" in r.getMessage()]
