"""Helpers for the PACE tests: scripted randomness, transcript replay, in-process chip link."""

from __future__ import annotations

from collections.abc import Iterable

from icao.apdu import Command, Response, parse_command


class ScriptedRng:
    """Hands out the given byte strings in order, checking the requested length."""

    def __init__(self, values: Iterable[bytes]):
        self._values = list(values)

    def __call__(self, n: int) -> bytes:
        assert self._values, f"unexpected extra request for {n} random bytes"
        v = self._values.pop(0)
        assert len(v) == n, f"asked for {n} bytes, script has {len(v)}"
        return v

    @property
    def exhausted(self) -> bool:
        return not self._values


def key_bytes(hex_key: str, order: int) -> bytes:
    """A private key as the rng must return it: the order's byte length (left-padded)."""
    return int(hex_key, 16).to_bytes((order.bit_length() + 7) // 8, "big")


class Replay:
    """A `send` that checks each command against a recorded transcript and answers with it."""

    def __init__(self, apdus: list[dict]):
        self._apdus = list(apdus)
        self.sent: list[bytes] = []

    def __call__(self, cmd: Command) -> Response:
        raw = cmd.to_bytes()
        self.sent.append(raw)
        step = self._apdus.pop(0)
        assert raw.hex().upper() == step["capdu"].upper(), step["step"]
        return Response.from_bytes(bytes.fromhex(step["rapdu"]))


class ChipLink:
    """Routes encoded APDUs to a PaceChip, as the emulated card's dispatcher will."""

    def __init__(self, chip):
        self.chip = chip
        self.apdus = 0

    def __call__(self, cmd: Command) -> Response:
        c = parse_command(cmd.to_bytes())  # through real encoding both ways
        self.apdus += 1
        if c.ins == 0x22:
            return Response(b"", self.chip.mse_set_at(c.data))
        if c.ins == 0x86:
            data, sw = self.chip.general_authenticate(c.data, last=not (c.cla & 0x10))
            return Response(data, sw)
        return Response(b"", 0x6D00)
