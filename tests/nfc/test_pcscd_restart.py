"""pcscd stops and comes back: the monitor reports pcsc-lost, then the readers and the card
afresh, and a VirtualCard reconnects to the new vpcd by itself.

Runs a private pcscd (its own mount namespace with /run/pcscd bound to a temporary directory,
its own vpcd ports) so restarting it disturbs nobody else's rig. libpcsclite reads
PCSCLITE_CSOCK_NAME once per process, so the client side runs in a child process.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from nfc.monitor import ReaderMonitor
from nfc.vpcd import VirtualCard

def emit(e):
    print(json.dumps([e.kind.value, e.reader, e.atr.hex() if e.atr else None]), flush=True)

card = VirtualCard(lambda apdu: b"\x90\x00", port=int(sys.argv[1]))
with ReaderMonitor(emit), card:
    print(json.dumps(["ready", "", None]), flush=True)
    sys.stdin.read()  # until the test closes our stdin
print(json.dumps(["stopped", "", None]), flush=True)
"""


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as a:
            a.bind(("127.0.0.1", 0))
            port = a.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as b:
            try:
                b.bind(("0.0.0.0", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two consecutive free TCP ports")


class PrivatePcscd:
    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        (root / "conf.d").mkdir(parents=True)
        (root / "run").mkdir()
        (root / "conf.d" / "vpcd").write_text(
            'FRIENDLYNAME "Virtual PCD"\n'
            f"DEVICENAME   /dev/null:0x{port:04X}\n"
            "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
            f"CHANNELID    0x{port:04X}\n")
        self.socket = root / "run" / "pcscd.comm"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        script = (f"mount --bind {self.root}/run /run/pcscd && "
                  f"exec pcscd --foreground -c {self.root}/conf.d")
        log = (self.root / "pcscd.log").open("ab")
        self.proc = subprocess.Popen(["unshare", "-m", "sh", "-c", script],
                                     stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.proc.poll() is None:
            if self.socket.exists():
                s = socket.socket(socket.AF_UNIX)
                try:
                    s.connect(str(self.socket))
                    return
                except OSError:
                    pass
                finally:
                    s.close()
            time.sleep(0.01)
        pytest.fail(f"private pcscd did not start; see {self.root}/pcscd.log")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None


@pytest.fixture
def private_pcscd(tmp_path: Path) -> Iterator[PrivatePcscd]:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("pcscd"):
        pytest.skip("needs root, unshare and pcscd to run a private pcscd")
    Path("/run/pcscd").mkdir(parents=True, exist_ok=True)  # mount point inside the namespace
    p = PrivatePcscd(tmp_path, _free_port_pair())
    p.start()
    try:
        yield p
    finally:
        p.stop()


def test_monitor_and_virtual_card_survive_a_pcscd_restart(private_pcscd):
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(private_pcscd.socket)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(private_pcscd.port)], cwd=REPO,
                             env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    lines: queue.Queue[list] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(json.loads(x)) for x in child.stdout],
                     daemon=True).start()

    def until(kind: str, reader: str = "") -> list[list]:
        seen = []
        while True:
            item = lines.get(timeout=15)
            seen.append(item)
            if item[0] == kind and item[1] == reader:
                return seen

    try:
        atr = "3b8580018073c021c0d6"
        first = until("card-inserted", "Virtual PCD 00 00")
        assert first[0] == ["reader-added", "Virtual PCD 00 00", None]
        assert ["card-inserted", "Virtual PCD 00 00", atr] in first
        private_pcscd.stop()
        assert until("pcsc-lost") == [["pcsc-lost", "", None]]
        private_pcscd.start()
        # pcscd is back: readers and the (reconnected) card are reported afresh
        again = until("card-inserted", "Virtual PCD 00 00")
        assert ["reader-added", "Virtual PCD 00 00", None] in again
        assert ["reader-added", "Virtual PCD 00 01", None] in again
        assert again[-1] == ["card-inserted", "Virtual PCD 00 00", atr]
        child.stdin.close()
        assert until("stopped") == [["stopped", "", None]]
        assert child.wait(10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
