"""Run any card handler as a card in pcscd's vpcd virtual reader (vsmartcard).

The emulator is the TCP client: connecting to vpcd inserts the card, closing the socket removes
it. Every message both ways is a 2-byte big-endian length and a payload; a 1-byte payload from
vpcd is a control code (00 power off, 01 power on, 02 reset, 04 get ATR), a longer one a command
APDU answered by exactly one response APDU. See docs/reference/RIG.md for the measured facts.

A handler is `Callable[[bytes], bytes]`: command APDU in, response APDU (data + SW1 SW2) out.
It runs on this module's thread. `nfc` knows nothing of ICAO; `kiosk chip` plugs `icao.chip`
in here. vpcd listens on every interface, so a production kiosk must not have it installed.

A handler that raises `TransmitFailure` makes the exchange fail while the card stays in the
reader, as a reader that cannot carry an APDU does (issue 15's reader models). Measured with
pcscd 1.9.9 and vpcd 0.8: vpcd takes a 0-byte answer for a lost connection and drops it, and
SCardTransmit returns SCARD_S_SUCCESS with 0 bytes; a transmit before pcscd's next presence
poll (every 400 ms) gets SCARD_E_NOT_TRANSACTED. A replacement connection opened *before*
the 0-byte answer waits in vpcd's listen queue, the poll accepts it, and pcscd never sees the
card leave (no power-off, no reset: the card keeps its state). `nfc.PcscTransport` then waits
its 1 s removal check and raises `TransmitFailed`.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable
from types import TracebackType

from nfc.readers import wait_card_present

__all__ = [
    "DEFAULT_ATR",
    "SLOT_PORTS",
    "Handler",
    "TransmitFailure",
    "VirtualCard",
    "reader_name",
    "wait_card_present",
]

log = logging.getLogger(__name__)

Handler = Callable[[bytes], bytes]
Hook = Callable[[], None]

#: vpcd's two readers from /etc/reader.conf.d/vpcd: slot -> TCP port.
SLOT_PORTS = {0: 35963, 1: 35964}

#: A PC/SC part 3 (3.1.3.2.3) contactless ATR whose historical bytes carry ISO/IEC 7816-4
#: 8.1.1.2.7 card capabilities (tag 73) announcing command chaining and extended Lc/Le,
#: like an eMRTD that supports extended length.
DEFAULT_ATR = bytes.fromhex("3B8580018073C021C0D6")

_CTRL_POWER_OFF = 0x00
_CTRL_POWER_ON = 0x01
_CTRL_RESET = 0x02
_CTRL_GET_ATR = 0x04

_SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"  # ISO/IEC 7816-4 5.6: 6F00, no precise diagnosis

#: How long to wait between connection attempts while vpcd is absent (e.g. pcscd restarting).
_RETRY_DELAY = 0.05


class TransmitFailure(Exception):
    """Raised by a handler: the reader could not carry this exchange (the card stays)."""


_FAILED = object()  # `_apdu`'s answer when the handler raised TransmitFailure


def reader_name(slot: int) -> str:
    """The PC/SC name pcscd gives vpcd's reader `slot` ("Virtual PCD 00 00", "... 00 01")."""
    if slot not in SLOT_PORTS:
        raise ValueError(f"vpcd has slots {sorted(SLOT_PORTS)}, not {slot}")
    return f"Virtual PCD 00 {slot:02d}"


class VirtualCard:
    """A card handler connected to vpcd, on its own thread.

    `insert()` connects (and keeps reconnecting if vpcd goes away and comes back, e.g. pcscd
    restarted); `remove()` closes the socket, which pcscd sees as the card leaving the field;
    `stop()` removes the card and joins the thread. Used as a context manager it is inserted
    on entry and stopped on exit. A handler exception answers 6F00 and is logged by type only
    (APDUs can hold personal data).
    """

    def __init__(
        self,
        handler: Handler,
        port: int = SLOT_PORTS[0],
        host: str = "127.0.0.1",
        atr: bytes = DEFAULT_ATR,
        *,
        on_power_on: Hook | None = None,
        on_power_off: Hook | None = None,
        on_reset: Hook | None = None,
        tcp_fix: bool = True,
    ) -> None:
        if not 2 <= len(atr) <= 33:
            raise ValueError("an ATR has 2 to 33 bytes (ISO/IEC 7816-3 8.2.1)")
        self.handler = handler
        self.port = port
        self.host = host
        self.atr = bytes(atr)
        self.on_power_on = on_power_on
        self.on_power_off = on_power_off
        self.on_reset = on_reset
        #: False only to demonstrate the ~44 ms stall (`kiosk bench apdu --no-tcp-fix`).
        self.tcp_fix = tcp_fix
        self._lock = threading.Lock()
        self._generation = 0  # bumped by insert/remove; a thread serves only its generation
        self._inserted = False
        self._sock: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._wake = threading.Event()
        self._connected = threading.Event()

    # -- public API -------------------------------------------------------------------------

    @property
    def inserted(self) -> bool:
        """True between insert() and remove(), whether or not vpcd is reachable right now."""
        return self._inserted

    @property
    def connected(self) -> bool:
        """True while the socket to vpcd is open (the card is in the virtual reader)."""
        return self._connected.is_set()

    def wait_connected(self, timeout: float) -> bool:
        """Block until the socket to vpcd is open; False on timeout."""
        return self._connected.wait(timeout)

    def on_card_thread(self) -> bool:
        """True when called from this card's own thread (i.e. from inside the handler)."""
        return threading.current_thread() in self._threads

    def insert(self) -> None:
        """Put the card in the reader: connect to vpcd from a new thread. Idempotent."""
        with self._lock:
            if self._inserted:
                return
            self._inserted = True
            self._generation += 1
            gen = self._generation
            self._wake.clear()
            t = threading.Thread(
                target=self._run, args=(gen,), name=f"vpcd-card:{self.port}", daemon=True
            )
            self._threads = [x for x in self._threads if x.is_alive()] + [t]
        t.start()

    def start(self) -> None:
        """Same as insert() (the name the kiosk core uses for "plug the card in")."""
        self.insert()

    def remove(self) -> None:
        """Take the card out: close the socket. Safe from inside the handler. Idempotent."""
        with self._lock:
            self._inserted = False
            self._generation += 1
            sock, self._sock = self._sock, None
            self._connected.clear()
            self._wake.set()
        if sock is not None:
            _shutdown(sock)

    def stop(self, timeout: float = 2.0) -> None:
        """Remove the card and wait for the thread(s) to end (not the calling one)."""
        self.remove()
        me = threading.current_thread()
        for t in list(self._threads):
            if t is not me:
                t.join(timeout)

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"VirtualCard(port={self.port}, inserted={self._inserted})"

    # -- the thread -------------------------------------------------------------------------

    def _current(self, gen: int) -> bool:
        return self._generation == gen

    def _connect(self) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=1.0)
        sock.settimeout(None)
        # RIG.md "The 44 ms pitfall": vpcd writes length and payload separately; Nagle
        # here plus delayed ACK there stalls every APDU ~44 ms. NODELAY once, QUICKACK
        # before every recv (Linux clears it after each ACK).
        if self.tcp_fix:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def _run(self, gen: int) -> None:
        while self._current(gen):
            try:
                sock = self._connect()
            except OSError:
                # vpcd not listening (pcscd down or restarting): retry until removed.
                self._wake.wait(_RETRY_DELAY)
                continue
            with self._lock:
                if not self._current(gen):
                    _shutdown(sock)
                    sock.close()
                    return
                self._sock = sock
            self._connected.set()
            try:
                while True:
                    following = self._serve(sock, gen)
                    if following is None:
                        break
                    sock.close()  # the exchange failed; go on with the queued connection
                    sock = following
            except OSError:
                pass  # socket closed by remove() or by vpcd (pcscd stopped)
            finally:
                with self._lock:
                    if self._sock is sock:
                        self._sock = None
                    if self._sock is None:
                        self._connected.clear()
                sock.close()
            if self._current(gen):
                log.info("vpcd on port %d closed the connection; reconnecting", self.port)
                self._wake.wait(_RETRY_DELAY)

    def _serve(self, sock: socket.socket, gen: int) -> socket.socket | None:
        """Answer vpcd until it closes or the card is removed (None), or until the handler
        fails an exchange: then the connection to go on with."""
        while self._current(gen):
            header = _recv_exact(sock, 2, self.tcp_fix)
            if header is None:
                return None
            payload = _recv_exact(sock, int.from_bytes(header, "big"), self.tcp_fix)
            if payload is None:
                return None
            if len(payload) == 1:
                reply = self._control(payload[0])
            else:
                answer = self._apdu(payload)
                if answer is _FAILED:
                    return self._fail_exchange(sock, gen)
                reply = answer if isinstance(answer, bytes) else None
            if reply is not None and self._current(gen):
                sock.sendall(len(reply).to_bytes(2, "big") + reply)
        return None

    def _fail_exchange(self, sock: socket.socket, gen: int) -> socket.socket | None:
        """Fail this exchange but keep the card in the reader (module docstring): queue a
        new connection in vpcd's listen backlog, then answer 0 bytes on the old one."""
        try:
            fresh: socket.socket | None = self._connect()
        except OSError:
            fresh = None
        try:
            sock.sendall(b"\x00\x00")
        except OSError:
            pass
        _shutdown(sock)
        with self._lock:
            if fresh is not None and not self._current(gen):
                _shutdown(fresh)
                fresh.close()
                fresh = None
            if self._sock is sock:
                self._sock = fresh
        return fresh

    def _control(self, code: int) -> bytes | None:
        hooks = {
            _CTRL_POWER_OFF: self.on_power_off,
            _CTRL_POWER_ON: self.on_power_on,
            _CTRL_RESET: self.on_reset,
        }
        if code == _CTRL_GET_ATR:
            return self.atr
        hook = hooks.get(code)
        if hook is not None:
            try:
                hook()
            except Exception as exc:  # the card must survive its own bugs
                log.error("card %s hook raised %s", _CTRL_NAMES[code], type(exc).__name__)
        elif code not in hooks:
            log.warning("vpcd sent unknown control code 0x%02X; ignored", code)
        return None

    def _apdu(self, command: bytes) -> bytes | object:
        try:
            reply = self.handler(command)
        except TransmitFailure:
            return _FAILED
        except Exception as exc:
            # Type only: the exception text could quote APDU data.
            log.error("card handler raised %s; answered 6F00", type(exc).__name__)
            return _SW_NO_PRECISE_DIAGNOSIS
        if not isinstance(reply, (bytes, bytearray)) or len(reply) > 0xFFFF:
            log.error("card handler returned %s; answered 6F00", type(reply).__name__)
            return _SW_NO_PRECISE_DIAGNOSIS
        return bytes(reply)


_CTRL_NAMES = {_CTRL_POWER_OFF: "power-off", _CTRL_POWER_ON: "power-on", _CTRL_RESET: "reset"}


def _recv_exact(sock: socket.socket, n: int, quickack: bool = True) -> bytes | None:
    """Read exactly n bytes (TCP may split a message); None when the peer closed."""
    buf = bytearray()
    while len(buf) < n:
        if quickack:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
