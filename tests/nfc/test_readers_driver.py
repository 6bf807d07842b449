"""Virtual readers by driver, not by name (issue 14 item 6): a vpcd reader renamed through
pcscd's FRIENDLYNAME, served by a renamed copy of the driver, is still recognised as virtual.

The renamed reader runs in a private pcscd (its own mount namespace over /run/pcscd and its
own reader.conf.d, as scripts/rig-readers does); the client that asks runs in a subprocess,
because libpcsclite fixes its socket (PCSCLITE_CSOCK_NAME) once per process.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from nfc.drivers import VPCD_SYMBOLS, _library_signals, parse_reader_conf
from tests.support.pcsc import pcscd_answers

REPO = Path(__file__).resolve().parents[2]
VPCD_LIB = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
CCID_LIB = Path("/usr/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Linux/libccid.so")
RENAMED = "ACS ACR1252 Dual Reader"


def test_reader_conf_entries_are_parsed_with_comments_and_quotes() -> None:
    text = ('# vpcd, renamed\nFRIENDLYNAME "ACS ACR1252 Dual Reader"\n'
            "DEVICENAME   /dev/null:0x9D00\nLIBPATH /opt/x/libacr.so  # trailing comment\n"
            "CHANNELID 0x9D00\n\nFRIENDLYNAME Second\nLIBPATH /lib/b.so\n"
            "#FRIENDLYNAME \"commented out\"\nDEVICENAME /dev/ttyS0\n")
    assert [(e.friendly, e.library, e.device) for e in parse_reader_conf(text)] == [
        ("ACS ACR1252 Dual Reader", "/opt/x/libacr.so", "/dev/null:0x9D00"),
        ("Second", "/lib/b.so", "/dev/ttyS0")]


@pytest.mark.pcsc  # needs the rig's vsmartcard-vpcd package
def test_the_vpcd_library_is_known_by_its_content_not_its_file_name(tmp_path: Path) -> None:
    if not VPCD_LIB.exists():
        pytest.fail("vsmartcard-vpcd is not installed (scripts/setup)")
    copy = tmp_path / "libacsccid.so"
    shutil.copy2(VPCD_LIB, copy)
    assert _library_signals(None, str(copy)) == (True, [
        f"driver library {copy} exports vsmartcard's vicc_* functions (vpcd)"])
    if CCID_LIB.exists():
        assert _library_signals(None, str(CCID_LIB))[0] is False
        assert not any(sym in CCID_LIB.read_bytes() for sym in VPCD_SYMBOLS)
    assert _library_signals(None, str(tmp_path / "libvpcd-gone.so"))[0] is True  # name hint
    assert _library_signals(None, str(tmp_path / "gone.so"))[0] is False


def test_the_packaged_virtual_readers_are_virtual_by_driver(pcscd: list[str]) -> None:
    from nfc.readers import is_virtual_reader, list_readers

    readers = {r.name: r for r in list_readers()}
    for name in pcscd:
        r = readers[name]
        assert r.is_virtual and is_virtual_reader(name)
        assert r.driver is not None and r.driver.source == "reader.conf"
        assert r.driver.library is not None and r.driver.library.endswith("libifdvpcd.so")
        assert any("vicc_*" in s for s in r.driver.signals)


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65000 and all(_free(p) for p in (port, port + 1)):
            return port
    pytest.fail("no two free consecutive TCP ports")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


@pytest.fixture
def renamed_rig(tmp_path: Path) -> Iterator[Path]:
    """A private pcscd whose only readers are vpcd, called RENAMED, through a driver copy."""
    pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
    if not (Path(pcscd).exists() and VPCD_LIB.exists() and shutil.which("unshare")):
        pytest.fail("pcscd, vsmartcard-vpcd and util-linux unshare are needed (scripts/setup)")
    lib = tmp_path / "libacsccid.so"
    shutil.copy2(VPCD_LIB, lib)
    conf, run = tmp_path / "reader.conf.d", tmp_path / "run"
    conf.mkdir()
    run.mkdir()
    port = _free_port_pair()
    (conf / "reader").write_text(f'FRIENDLYNAME "{RENAMED}"\nDEVICENAME /dev/null:0x{port:04X}\n'
                                 f"LIBPATH {lib}\nCHANNELID 0x{port:04X}\n")
    flags = ["-m"] if os.geteuid() == 0 else ["-Urm"]
    script = 'mount --bind "$1" /run/pcscd && exec "$2" --foreground -c "$3"'
    log = (tmp_path / "pcscd.log").open("wb")
    proc = subprocess.Popen(["unshare", *flags, "sh", "-c", script, "rig", str(run), pcscd,
                             str(conf)], stdout=log, stderr=subprocess.STDOUT)
    log.close()
    sock = run / "pcscd.comm"
    try:
        deadline = time.monotonic() + 10
        while not pcscd_answers(sock):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the private pcscd did not start: "
                            + (tmp_path / "pcscd.log").read_text(errors="replace")[-500:])
            time.sleep(0.02)
        yield sock
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_CLIENT = """
import json
from dataclasses import asdict
from nfc.readers import is_virtual_reader, list_readers
print(json.dumps([{"name": r.name, "is_virtual": r.is_virtual, "by_name": is_virtual_reader(r.name),
                   "driver": asdict(r.driver)} for r in list_readers()]))
"""


@pytest.mark.pcsc  # a private pcscd with the vpcd driver
def test_a_renamed_vpcd_reader_is_still_virtual(renamed_rig: Path) -> None:
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(renamed_rig), "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", _CLIENT], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    readers = json.loads(out)
    assert [r["name"] for r in readers] == [f"{RENAMED} 00 00", f"{RENAMED} 00 01"]
    for r in readers:
        assert (r["is_virtual"], r["by_name"]) == (True, True)
        driver = r["driver"]
        assert (driver["source"], driver["virtual"]) == ("reader.conf", True)
        assert driver["library"] == str(renamed_rig.parent.parent / "libacsccid.so")
        assert driver["signals"][:2] == [
            f"configured in pcscd's reader.conf as '{RENAMED}'",
            f"driver library {driver['library']} exports vsmartcard's vicc_* functions (vpcd)"]
        assert driver["signals"][2].startswith("TCP port ")  # vpcd listens, as configured
