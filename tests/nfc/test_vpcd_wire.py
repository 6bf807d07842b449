"""nfc.vpcd's side of the vpcd wire protocol (RIG.md), driven byte by byte from a socket that
plays vpcd's part: framing, control codes, errors answered 6F00, reconnect after vpcd restarts.
(The same class against the real vpcd driver is exercised by every other test in tests/nfc.)"""

from __future__ import annotations

import queue
import socket
from collections.abc import Iterator

import pytest

from nfc.vpcd import DEFAULT_ATR, VirtualCard


class FakeVpcd:
    """The server side of the protocol: vpcd listens, the card emulator connects."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(5)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None

    def accept(self) -> None:
        self.conn, _ = self.server.accept()
        self.conn.settimeout(5)

    def send(self, payload: bytes, split: bool = True) -> None:
        assert self.conn is not None
        frame = len(payload).to_bytes(2, "big") + payload
        if split:  # vpcd 0.8 writes the length and the payload separately
            self.conn.sendall(frame[:2])
            self.conn.sendall(frame[2:])
        else:
            self.conn.sendall(frame)

    def recv(self) -> bytes:
        n = int.from_bytes(self._exact(2), "big")
        return self._exact(n)

    def _exact(self, n: int) -> bytes:
        assert self.conn is not None
        buf = b""
        while len(buf) < n:
            chunk = self.conn.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.server.close()


@pytest.fixture
def vpcd() -> Iterator[FakeVpcd]:
    v = FakeVpcd()
    yield v
    v.close()


def test_control_codes_atr_and_apdus_are_framed_as_vpcd_expects(vpcd):
    hooks: queue.Queue[str] = queue.Queue()
    with VirtualCard(lambda apdu: apdu[::-1] + b"\x90\x00", port=vpcd.port,
                     on_power_on=lambda: hooks.put("on"), on_power_off=lambda: hooks.put("off"),
                     on_reset=lambda: hooks.put("reset")) as card:
        vpcd.accept()
        assert card.wait_connected(5)
        vpcd.send(b"\x00")
        vpcd.send(b"\x01")
        vpcd.send(b"\x02")
        vpcd.send(b"\x04")
        assert vpcd.recv() == DEFAULT_ATR  # control codes 00/01/02 get no reply
        assert [hooks.get(timeout=5) for _ in range(3)] == ["off", "on", "reset"]
        vpcd.send(bytes.fromhex("00A4040C07A0000002471001"))
        assert vpcd.recv() == bytes.fromhex("011047020000A0070C04A400") + b"\x90\x00"
        big = bytes(range(256)) * 20  # a 5120-byte answer in one frame
        card.handler = lambda apdu: big + b"\x90\x00"
        vpcd.send(bytes.fromhex("00B00000001400"), split=False)
        assert vpcd.recv() == big + b"\x90\x00"


def test_handler_errors_answer_6f00_and_log_no_data(vpcd, caplog):
    answers = iter([KeyError("00a4 secret"), "not bytes", b"\x90\x00"])

    def handler(apdu: bytes) -> bytes:
        a = next(answers)
        if isinstance(a, Exception):
            raise a
        return a  # type: ignore[return-value]

    with VirtualCard(handler, port=vpcd.port):
        vpcd.accept()
        for _ in range(3):
            vpcd.send(bytes.fromhex("00A40000"))
        assert [vpcd.recv() for _ in range(3)] == [b"\x6f\x00", b"\x6f\x00", b"\x90\x00"]
    assert "card handler raised KeyError; answered 6F00" in caplog.text
    assert "card handler returned str; answered 6F00" in caplog.text
    assert "secret" not in caplog.text


def test_card_reconnects_when_vpcd_restarts_and_not_after_remove(vpcd):
    card = VirtualCard(lambda apdu: b"\x90\x00", port=vpcd.port)
    card.start()  # = insert()
    try:
        vpcd.accept()
        vpcd.send(b"\x04")
        assert vpcd.recv() == DEFAULT_ATR
        vpcd.conn.close()  # pcscd (and vpcd with it) went away
        vpcd.accept()  # ... and came back: the card connects again by itself
        vpcd.send(bytes.fromhex("00A40000"))
        assert vpcd.recv() == b"\x90\x00"
        assert card.inserted and card.connected
        card.remove()
        with pytest.raises(EOFError):
            vpcd.recv()  # remove() closed the socket: the card left the reader
        vpcd.server.settimeout(0.3)
        with pytest.raises(TimeoutError):
            vpcd.accept()  # and it does not come back on its own
        assert not card.inserted
    finally:
        card.stop()
    assert not any(t.is_alive() for t in card._threads)


def test_remove_from_inside_the_handler_closes_without_replying(vpcd):
    holder: list[VirtualCard] = []

    def vanish(apdu: bytes) -> bytes:
        holder[0].remove()
        return b"\x90\x00"

    card = VirtualCard(vanish, port=vpcd.port)
    holder.append(card)
    with card:
        vpcd.accept()
        vpcd.send(bytes.fromhex("00B0000000"))
        with pytest.raises(EOFError):
            vpcd.recv()


def test_atr_length_is_checked():
    with pytest.raises(ValueError, match="2 to 33 bytes"):
        VirtualCard(lambda a: b"\x90\x00", atr=b"\x3b")


def test_a_transmit_failure_answers_0_bytes_after_queueing_a_new_connection(vpcd):
    from nfc.vpcd import TransmitFailure

    hooks: queue.Queue[str] = queue.Queue()

    def handler(apdu: bytes) -> bytes:
        if apdu[1] == 0xB0:
            raise TransmitFailure("the reader cannot carry this")
        return b"\x90\x00"

    with VirtualCard(handler, port=vpcd.port, on_power_on=lambda: hooks.put("on"),
                     on_reset=lambda: hooks.put("reset")) as card:
        vpcd.accept()
        first = vpcd.conn
        vpcd.send(bytes.fromhex("00B00000000400"))
        # the replacement connection is already waiting when the 0-byte answer arrives
        second, _ = vpcd.server.accept()
        assert vpcd.recv() == b""
        with pytest.raises(EOFError):
            vpcd.recv()  # and the old connection is closed behind it
        first.close()
        vpcd.conn = second
        second.settimeout(5)
        vpcd.send(b"\x04")
        assert vpcd.recv() == DEFAULT_ATR  # pcscd's presence poll: the card is still there
        vpcd.send(bytes.fromhex("00A4040C07A0000002471001"))
        assert vpcd.recv() == b"\x90\x00"
        assert card.inserted and card.connected
    assert hooks.empty()  # no power event: the card kept its state
