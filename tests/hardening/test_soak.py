"""Long runs, small N: `kiosk bench soak` through the real pcscd + vpcd + emulated chip.

The figures for N = 1000 are in docs/operations.md ("Long runs"); here a short run checks
that the soak does what it says (every read genuine, every session stored and wiped, no
descriptor or thread left behind) and that its sampler does see a leak when there is one.
"""

from __future__ import annotations

import json
import threading

import pytest

from kiosk.soak import _run, sample, soak_reads


def test_the_sampler_sees_a_descriptor_and_a_thread_leak(tmp_path):
    kept = []
    stop = threading.Event()

    def leaky(i: int) -> None:
        kept.append(open(tmp_path / f"f{i}", "w"))  # noqa: SIM115 - the leak under test
        t = threading.Thread(target=stop.wait, daemon=True)
        t.start()
        kept.append(t)

    try:
        report = _run("leaky", 5, leaky)
    finally:
        stop.set()
        for k in kept:
            if hasattr(k, "close"):
                k.close()
    assert report.fd_growth == 5
    assert report.thread_growth == 5
    assert report.end.python_threads - report.start.python_threads == 5
    assert report.passed is False
    assert [s.iteration for s in report.samples] == [1, 2, 3, 4, 5]


def test_sample_reads_this_process():
    s = sample()
    assert s.rss_kb > 10_000 and s.fds >= 3 and s.os_threads >= s.python_threads >= 1


def test_twenty_reads_are_genuine_and_leak_nothing(pcscd):
    report = soak_reads(20)
    assert report.failures == 0
    assert report.extra["genuine_reads"] == 21  # the warm-up read included
    assert report.fd_growth == 0
    assert report.thread_growth == 0
    assert report.memory_growth_pct < 5.0
    assert report.passed
    assert len(report.seconds) == 20


def test_cli_sessions_end_stored_and_wiped(pcscd, capsys):
    from kiosk.cli import main

    assert main(["bench", "soak", "--reads", "0", "--sessions", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "bench.soak" and doc["version"] == 1 and doc["passed"] is True
    (phase,) = doc["phases"]
    assert phase["phase"] == "sessions" and phase["iterations"] == 3
    assert phase["failures"] == 0
    assert phase["submissions_stored"] == 4  # one per session, the warm-up's included
    assert phase["fds"]["end"] == phase["fds"]["start"]
    assert phase["threads"]["os_end"] == phase["threads"]["os_start"]
    assert phase["analyzer_rss_kb"]["end"] > 0


def test_cli_refuses_an_empty_soak(capsys):
    from kiosk.cli import main

    assert main(["bench", "soak", "--reads", "0"]) == 2
    assert "--reads N" in capsys.readouterr().err


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
