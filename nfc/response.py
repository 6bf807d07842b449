"""The response APDU type `nfc` returns.

`nfc` must not import `icao`, so this mirrors `icao.apdu.Response` field for field; both
satisfy `icao.apdu.Transport` structurally.
"""

from __future__ import annotations

from dataclasses import dataclass

SW_OK = 0x9000


@dataclass(frozen=True)
class Response:
    """A response APDU (ISO/IEC 7816-4 5.1): data field and the 2-byte status word.

    The repr shows the length, not the bytes: a response can carry personal data.
    """

    data: bytes
    sw: int

    @property
    def sw1(self) -> int:
        return self.sw >> 8

    @property
    def sw2(self) -> int:
        return self.sw & 0xFF

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def to_bytes(self) -> bytes:
        return self.data + self.sw.to_bytes(2, "big")

    @classmethod
    def from_bytes(cls, raw: bytes) -> Response:
        if len(raw) < 2:
            raise ValueError(f"response APDU of {len(raw)} bytes has no status word")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))

    def __repr__(self) -> str:
        return f"Response(data=<{len(self.data)} bytes>, sw=0x{self.sw:04X})"
