"""Who holds an outbox lease: a process, not a host.

A host name is shared by every process on the kiosk (the app's delivery thread and a
`kiosk store deliver` started by a technician), so a lease keyed on it lets two processes send
the same submission. The owner is `host/boot/pid/start/token`: the boot id and the process
start time make a pid unique across reboots and pid reuse, and the token tells two deliverers
in one process apart. A lease whose owner is a dead process on this host (same boot) can be
taken at once; any other lease only when it expires.
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip().replace("-", "")[:12]
    except OSError:
        return "-"


def _start_ticks(pid: int) -> str | None:
    """Field 22 of /proc/PID/stat (proc(5)): start time in clock ticks after boot."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


@dataclass(frozen=True)
class ProcessIdentity:
    host: str
    boot: str
    pid: int
    start: str
    token: str

    @classmethod
    def current(cls) -> ProcessIdentity:
        host = socket.gethostname().replace("/", "_")[:40] or "-"
        pid = os.getpid()
        return cls(host, _boot_id(), pid, _start_ticks(pid) or "-", secrets.token_hex(4))

    def __str__(self) -> str:
        return f"{self.host}/{self.boot}/{self.pid}/{self.start}/{self.token}"

    @classmethod
    def parse(cls, owner: str | None) -> ProcessIdentity | None:
        parts = (owner or "").split("/")
        if len(parts) != 5 or not parts[2].isdigit():
            return None
        return cls(parts[0], parts[1], int(parts[2]), parts[3], parts[4])

    def is_dead_here(self, me: ProcessIdentity) -> bool:
        """True only when this identity is a process on `me`'s host and boot that no longer
        runs (its pid is gone, or now belongs to a process started at another time)."""
        if self.host != me.host or self.boot != me.boot or self.boot == "-":
            return False
        if self.pid == me.pid:
            return False  # this process: alive by definition
        now = _start_ticks(self.pid)
        return now is None or (self.start != "-" and now != self.start)
