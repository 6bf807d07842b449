"""Which driver serves a PC/SC reader: is it vsmartcard's virtual reader (vpcd), whatever it is
called? (docs/security.md, "Virtual readers by driver, not by name".)

A reader's name is whatever pcscd's reader.conf says (FRIENDLYNAME), so a vpcd reader renamed
"ACS ACR1252 Dual Reader" would pass a name check; and vpcd answers no SCardGetAttrib
attribute at all (vendor name, IFD type and version all SCARD_E_UNSUPPORTED_FEATURE; pcscd
answers the friendly and system names itself, with the configured name), nor SCardControl.
Measured on pcscd 1.9.9 + vsmartcard-vpcd 0.8. What cannot be renamed is the driver: vpcd is
loaded only through a reader.conf entry (it has no USB bundle), and its library exports
vsmartcard's `vicc_*` functions, whatever the file is called. So we ask the running pcscd
itself which configuration it read:

1. pcscd's PID from its socket (SO_PEERCRED; `PCSCLITE_CSOCK_NAME` or /run/pcscd/pcscd.comm);
2. its configuration directory from /proc/PID/cmdline (`-c DIR`, default /etc/reader.conf.d),
   read through /proc/PID/root when allowed, so a pcscd in its own mount namespace is seen as
   it sees itself;
3. each entry's FRIENDLYNAME -> LIBPATH, and the library's content (the vicc_* symbols);
4. pcscd names a configured reader "FRIENDLYNAME XX YY", so each reader maps to its entry.
A reader in no entry came from hot-plug (a USB bundle driver such as CCID). Corroboration: vpcd
listens on the TCP port its DEVICENAME gives ("/dev/null:0x8C7B"), visible in /proc/PID/net/tcp.

API:
    driver_evidence(names) -> dict[str, DriverEvidence]
    DriverEvidence(source, library, virtual, signals)
"""

from __future__ import annotations

import os
import re
import socket
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

#: The packaged vpcd readers' name (/etc/reader.conf.d/vpcd): still a signal, never the only.
VIRTUAL_PREFIX = "Virtual PCD"
#: Functions every vpcd build exports (vsmartcard virtualsmartcard/src/vpcd/vpcd.h).
VPCD_SYMBOLS = (b"vicc_init", b"vicc_transmit", b"vicc_poweron")
DEFAULT_SOCKET = "/run/pcscd/pcscd.comm"
DEFAULT_CONFIG_DIR = "/etc/reader.conf.d"
_MAX_LIBRARY = 64 * 1024 * 1024
_SLOT_SUFFIX = re.compile(r" [0-9A-F]{2} [0-9A-F]{2}$")
_LINE = re.compile(r'^\s*(FRIENDLYNAME|DEVICENAME|LIBPATH|CHANNELID)\s+(?:"([^"]*)"|(\S+))')


@dataclass(frozen=True)
class DriverEvidence:
    """How a reader is served, and why we say so (each signal is one short sentence)."""

    source: Literal["reader.conf", "hotplug", "unknown"]
    library: str | None
    virtual: bool
    signals: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    friendly: str
    library: str
    device: str | None


def pcscd_pid(sock_path: str | None = None) -> int | None:
    """The PID of the pcscd behind the socket clients use (Linux SO_PEERCRED), else None."""
    path = sock_path or os.environ.get("PCSCLITE_CSOCK_NAME") or DEFAULT_SOCKET
    peercred = getattr(socket, "SO_PEERCRED", None)
    if peercred is None:
        return None
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.settimeout(1.0)
        s.connect(path)
        pid, _uid, _gid = struct.unpack("3i", s.getsockopt(socket.SOL_SOCKET, peercred,
                                                           struct.calcsize("3i")))
        return pid if pid > 0 else None
    except OSError:
        return None
    finally:
        s.close()


def _seen_by(pid: int | None, path: str) -> Path:
    """`path` as pcscd sees it (through /proc/PID/root when we may look there)."""
    if pid is not None and path.startswith("/"):
        inside = Path(f"/proc/{pid}/root") / path.lstrip("/")
        try:
            if inside.exists():
                return inside
        except OSError:
            pass
    return Path(path)


def config_dir(pid: int | None) -> str:
    """pcscd's `-c` / `--config` argument, else the compiled-in default."""
    if pid is None:
        return DEFAULT_CONFIG_DIR
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return DEFAULT_CONFIG_DIR
    words = [a.decode("utf-8", "replace") for a in args if a]
    for i, word in enumerate(words):
        if word in ("-c", "--config") and i + 1 < len(words):
            return _absolute(pid, words[i + 1])
        if word.startswith("--config="):
            return _absolute(pid, word.split("=", 1)[1])
        if word.startswith("-c") and len(word) > 2 and not word.startswith("--"):
            return _absolute(pid, word[2:])
    return DEFAULT_CONFIG_DIR


def _absolute(pid: int, path: str) -> str:
    if path.startswith("/"):
        return path
    try:
        return os.path.join(os.readlink(f"/proc/{pid}/cwd"), path)
    except OSError:
        return path


def parse_reader_conf(text: str) -> list[_Entry]:
    """pcsc-lite reader.conf syntax: keyword lines, "#" comments; a repeated keyword starts
    the next entry."""
    entries: list[_Entry] = []
    current: dict[str, str] = {}

    def flush() -> None:
        if "FRIENDLYNAME" in current and "LIBPATH" in current:
            entries.append(_Entry(current["FRIENDLYNAME"], current["LIBPATH"],
                                  current.get("DEVICENAME")))
        current.clear()

    for line in text.splitlines():
        m = _LINE.match(line)  # a "#" line matches no keyword; trailing comments are ignored
        if not m:
            continue
        key, value = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if key in current:
            flush()
        current[key] = value
    flush()
    return entries


def _entries(pid: int | None) -> list[_Entry]:
    where = _seen_by(pid, config_dir(pid))
    try:
        files = sorted(p for p in where.iterdir() if p.is_file()) if where.is_dir() else [where]
    except OSError:
        return []
    out: list[_Entry] = []
    for path in files:
        try:
            out.extend(parse_reader_conf(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return out


def _library_signals(pid: int | None, library: str) -> tuple[bool, list[str]]:
    path = _seen_by(pid, library)
    try:
        st = path.stat()
        is_vpcd = _is_vpcd(str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        is_vpcd = None
    if is_vpcd is None:
        hinted = "vpcd" in Path(library).name.lower()
        return hinted, ([f"driver library {library} is unreadable; its name says vpcd"]
                        if hinted else [f"driver library {library} is unreadable"])
    if is_vpcd:
        return True, [f"driver library {library} exports vsmartcard's vicc_* functions (vpcd)"]
    return False, [f"driver library {library} is not vpcd"]


@lru_cache(maxsize=32)
def _is_vpcd(path: str, inode: int, size: int, mtime_ns: int) -> bool | None:
    """Scan a driver library once per version of the file (inode, size, mtime)."""
    if size > _MAX_LIBRARY:
        return False  # no driver is that large; not read into memory
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return all(sym in data for sym in VPCD_SYMBOLS)


def _listening(pid: int | None, device: str | None) -> list[str]:
    """vpcd's DEVICENAME "/dev/null:0xPORT": is that port listening in pcscd's network?"""
    if device is None or ":" not in device:
        return []
    try:
        port = int(device.rsplit(":", 1)[1], 0)
    except ValueError:
        return []
    base = f"/proc/{pid}/net" if pid is not None else "/proc/net"
    for table in ("tcp", "tcp6"):
        try:
            rows = Path(base, table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if len(cols) > 3 and cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                return [f"TCP port {port} from DEVICENAME {device} is listening"]
    return []


def driver_evidence(names: list[str] | tuple[str, ...]) -> dict[str, DriverEvidence]:
    """For each reader name pcscd lists, how it is served."""
    pid = pcscd_pid()
    entries = _entries(pid)
    by_name = {e.friendly: e for e in entries}
    out: dict[str, DriverEvidence] = {}
    for name in names:
        signals: list[str] = []
        named = name.startswith(VIRTUAL_PREFIX)
        if named:
            signals.append(f"the name starts with {VIRTUAL_PREFIX!r} (vpcd's packaged name)")
        entry = by_name.get(_SLOT_SUFFIX.sub("", name))
        if entry is None:
            source: Literal["reader.conf", "hotplug", "unknown"] = (
                "hotplug" if pid is not None else "unknown")
            if pid is None:
                signals.append("pcscd could not be inspected")
            out[name] = DriverEvidence(source, None, named, tuple(signals))
            continue
        virtual, lib_signals = _library_signals(pid, entry.library)
        signals.append(f"configured in pcscd's reader.conf as {entry.friendly!r}")
        signals.extend(lib_signals)
        signals.extend(_listening(pid, entry.device))
        out[name] = DriverEvidence("reader.conf", entry.library, named or virtual,
                                   tuple(signals))
    return out


__all__ = ["DEFAULT_CONFIG_DIR", "VIRTUAL_PREFIX", "VPCD_SYMBOLS", "DriverEvidence",
           "driver_evidence", "parse_reader_conf", "pcscd_pid"]
