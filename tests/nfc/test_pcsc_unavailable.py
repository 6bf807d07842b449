"""pcscd absent: every entry point raises PcscUnavailable telling the user to start it.

libpcsclite honours PCSCLITE_CSOCK_NAME, so a subprocess pointed at a socket that does not
exist sees "no service" even while the shared pcscd runs for everyone else.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KIOSK = REPO / ".venv" / "bin" / "kiosk"

PROBE = r"""
import nfc
from nfc import PcscTransport, list_readers, wait_card_present, PcscUnavailable
for probe in (list_readers, PcscTransport, lambda: wait_card_present("Virtual PCD 00 00")):
    try:
        probe()
    except PcscUnavailable as exc:
        assert isinstance(exc, ConnectionError)
        print(type(exc).__name__, hex(exc.code), exc.message)
    else:
        print("no error")
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}


def test_library_entry_points_raise_pcsc_unavailable_with_advice(tmp_path):
    out = subprocess.run([sys.executable, "-c", PROBE], env=_env(tmp_path), cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert line.startswith("PcscUnavailable 0x8010001d The smart-card service (pcscd) is "
                               "not running. Start it (`systemctl start pcscd`")


def test_diag_readers_exits_3_with_an_actionable_message(tmp_path):
    out = subprocess.run([str(KIOSK), "diag", "readers", "--json"], env=_env(tmp_path),
                         cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 3
    assert out.stdout == ""
    assert out.stderr.startswith("kiosk: error: The smart-card service (pcscd) is not running.")
    assert "pcscd --foreground" in out.stderr


MONITOR_PROBE = r"""
import queue
from nfc.monitor import ReaderMonitor
q = queue.Queue()
mon = ReaderMonitor(q.put)
mon.start()
print(q.get(timeout=10))
mon.stop()
print("running", mon.running)
"""


def test_monitor_reports_pcsc_lost_when_pcscd_is_absent_and_stops_cleanly(tmp_path):
    out = subprocess.run([sys.executable, "-c", MONITOR_PROBE], env=_env(tmp_path), cwd=REPO,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "ReaderEvent(kind=<EventKind.PCSC_LOST: 'pcsc-lost'>, reader='', atr=None)",
        "running False",
    ]
