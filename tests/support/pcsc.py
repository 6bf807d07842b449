"""PC/SC rig fixtures: real pcscd with the vpcd virtual reader, and cards plugged into it.

Run tests that use them under the team lock (the rig is shared by everyone on the machine):

    flock /tmp/kiosk-pcsc.lock .venv/bin/python -m pytest tests/...

Fixtures
--------
``pcscd`` (session)
    Ensures pcscd is running. Reuses a running one (e.g. started by ``scripts/test``);
    otherwise starts ``pcscd --foreground`` (log: /tmp/kiosk-pytest-pcscd.log) and stops only
    that process, by PID, at the end of the session. Fails with a clear message when pcscd
    cannot run or the vpcd readers are not configured. Returns the reader names.

``virtual_card`` (function) -- a factory, used as a context manager::

    def test_select(virtual_card):
        with virtual_card(handler, slot=0) as card:   # slot 0: TCP 35963, slot 1: 35964
            t = PcscTransport(card.reader)           # "Virtual PCD 00 00" / "... 00 01"
            ...
            card.remove()    # take the card out; waits until pcscd sees it gone
            card.insert()    # put it back; waits until pcscd sees it present

    ``handler`` is ``Callable[[bytes], bytes]`` (command APDU -> response APDU incl. SW).
    Keyword arguments go to ``nfc.vpcd.VirtualCard``: ``atr=``, ``on_power_on=``,
    ``on_power_off=``, ``on_reset=`` (so an emulated chip can reset its state).
    On entry the card is connected and pcscd reports it present; on exit it is removed and
    pcscd reports the slot empty. ``card.remove()`` called from inside the handler (to make
    the card vanish mid-APDU) does not wait, since the handler's thread is the card itself.
    The yielded object also has ``.slot``, ``.port``, ``.atr`` and ``.vpcd`` (the VirtualCard).

Every test that uses either fixture is marked ``pcsc`` automatically, so
``pytest -m "not pcsc"`` runs the rest without the rig.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PCSCD_SOCKET = Path(os.environ.get("PCSCLITE_CSOCK_NAME", "/run/pcscd/pcscd.comm"))
PCSCD_LOG = Path("/tmp/kiosk-pytest-pcscd.log")
#: pcscd's socket appears ~40 ms after start (RIG.md); cards 150-500 ms after connecting.
START_TIMEOUT = 10.0
CARD_TIMEOUT = 10.0


def pcscd_answers(path: Path) -> bool:
    """True when something accepts connections on pcscd's socket (a stale file does not)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(str(path))
        return True
    except OSError:
        return False
    finally:
        s.close()


def _poll(cond: Callable[[], bool], timeout: float, step: float = 0.01) -> bool:
    """Check `cond` until true or timeout (a bounded poll, not a fixed sleep)."""
    deadline = time.monotonic() + timeout
    while True:
        if cond():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


def _virtual_readers() -> list[str]:
    from nfc.errors import PcscUnavailable
    from nfc.readers import list_readers

    try:
        return [r.name for r in list_readers() if r.is_virtual]
    except PcscUnavailable:
        return []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if {"pcscd", "virtual_card"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pcsc)


@pytest.fixture(scope="session")
def pcscd() -> Iterator[list[str]]:
    """pcscd running with the vpcd readers; yields their names."""
    started: subprocess.Popen[bytes] | None = None
    if not pcscd_answers(PCSCD_SOCKET):
        exe = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None)
        if exe is None:
            pytest.fail("pcscd is not installed: run scripts/setup as root (Debian package pcscd)")
        try:
            PCSCD_SOCKET.parent.mkdir(parents=True, exist_ok=True)
            if PCSCD_SOCKET.exists():
                PCSCD_SOCKET.unlink()  # stale: nothing answered on it
        except OSError as exc:
            pytest.fail(f"cannot prepare {PCSCD_SOCKET.parent} for pcscd ({exc}); run as root "
                        "or create it writable once (see docs/reference/RIG.md)")
        log = PCSCD_LOG.open("ab")
        started = subprocess.Popen([exe, "--foreground"], stdout=log, stderr=log)
        log.close()
        if not _poll(lambda: pcscd_answers(PCSCD_SOCKET) or started.poll() is not None,
                     START_TIMEOUT) or started.poll() is not None:
            started.kill()
            started.wait()
            pytest.fail(f"pcscd did not start within {START_TIMEOUT:.0f} s; see {PCSCD_LOG}")
    try:
        if not _poll(lambda: len(_virtual_readers()) >= 2, START_TIMEOUT, 0.02):
            pytest.fail("pcscd runs but lists no 'Virtual PCD' readers: install vsmartcard-vpcd "
                        "(scripts/setup) and restart pcscd")
        yield _virtual_readers()
    finally:
        if started is not None:
            started.terminate()
            try:
                started.wait(10)
            except subprocess.TimeoutExpired:
                started.kill()
                started.wait()


@dataclass
class PlacedCard:
    """A handler's card in a vpcd slot, as the `virtual_card` fixture yields it."""

    vpcd: Any  # nfc.vpcd.VirtualCard
    slot: int
    reader: str

    @property
    def port(self) -> int:
        return self.vpcd.port

    @property
    def atr(self) -> bytes:
        return self.vpcd.atr

    def insert(self, wait: bool = True) -> None:
        """Connect to vpcd; by default wait until pcscd reports the card present."""
        from nfc.readers import wait_card_present

        self.vpcd.insert()
        if wait and not self.vpcd.on_card_thread():
            if not self.vpcd.wait_connected(CARD_TIMEOUT):
                pytest.fail(f"vpcd is not listening on TCP {self.port}: is vsmartcard-vpcd "
                            "installed and pcscd restarted since?")
            if not wait_card_present(self.reader, True, CARD_TIMEOUT):
                pytest.fail(f"pcscd did not see the card in {self.reader!r} within "
                            f"{CARD_TIMEOUT:.0f} s")

    def remove(self, wait: bool = True) -> None:
        """Close the socket; by default wait until pcscd reports the slot empty (not when
        called from inside the handler, whose thread is the card)."""
        from nfc.readers import wait_card_present

        self.vpcd.remove()
        if wait and not self.vpcd.on_card_thread():
            if not wait_card_present(self.reader, False, CARD_TIMEOUT):
                pytest.fail(f"pcscd still sees a card in {self.reader!r} after removal")


@pytest.fixture
def virtual_card(pcscd: list[str]) -> Iterator[Callable[..., Any]]:
    """Factory: `with virtual_card(handler, slot=0, **VirtualCard_kwargs) as card: ...`."""
    from nfc.readers import wait_card_present
    from nfc.vpcd import SLOT_PORTS, VirtualCard, reader_name

    live: list[PlacedCard] = []

    @contextmanager
    def factory(handler: Callable[[bytes], bytes], slot: int = 0, **kwargs: Any
                ) -> Iterator[PlacedCard]:
        name = reader_name(slot)
        if not wait_card_present(name, False, CARD_TIMEOUT):
            pytest.fail(f"{name!r} still holds a card from elsewhere; is another test run "
                        "using the rig without `flock /tmp/kiosk-pcsc.lock`?")
        card = PlacedCard(VirtualCard(handler, port=SLOT_PORTS[slot], **kwargs), slot, name)
        live.append(card)
        try:
            card.insert()
            yield card
        finally:
            card.vpcd.stop()
            live.remove(card)
            if not wait_card_present(name, False, CARD_TIMEOUT):
                pytest.fail(f"pcscd still sees a card in {name!r} after the test")

    yield factory
    for card in live:
        card.vpcd.stop()
