"""An honest model of the contactless link and of the chip's own compute time (issue 15).

`LinkModel.exchange(command_len, response_len, compute_s)` gives the time one APDU exchange
takes on an ISO/IEC 14443-4 link, block by block:

- bit rate fc/128, fc/64, fc/32, fc/16 (fc = 13.56 MHz: 106, 212, 424, 848 kbit/s,
  ISO/IEC 14443-2); one elementary time unit (etu) per bit;
- a character is 10 etu (start bit, 8 data bits, stop bit: the Type B character of
  ISO/IEC 14443-3 7.1.1; a Type A frame at 106 kbit/s needs 9 per byte, so this errs slow by
  at most 10 %), a frame adds SOF (10 etu low + 2 high) and EOF (10 etu low);
- every I-block carries PCB, an optional CID and a 2-byte CRC (ISO/IEC 14443-4 7.1); an
  APDU longer than the other side's frame size (FSC for commands, FSD for responses) is
  chained, and each chained block but the last is acknowledged by an R(ACK) block (7.5.2);
- between a frame and the answer to it, the frame delay time: at least 1172/fc (86.4 us,
  ISO/IEC 14443-3 6.2.1.1), both ways;
- when the chip computes longer than the frame waiting time FWT = 256 x 16 / fc x 2^FWI
  (ISO/IEC 14443-4 7.2), it asks for more time with S(WTX) blocks, one round trip per FWT.

Left out: anticollision and activation (REQA/ATQA, SELECT, RATS/ATS, ATTRIB: once per tap,
not per APDU), retransmissions after noise, the reader's own processing and USB latency, and
the chip's time for symmetric cryptography and file access (0 here).

`ComputeModel` gives the chip's time per expensive operation. Defaults, from published
measurements of smart-card chips, all for 256-bit prime curves:
- one scalar multiplication (ECDH): 150 ms, NXP JCOP v2.4.2 R3 (ECTester,
  https://neuromancer.sk/ECTester/, "Fp performance"; six cards measured 123-209 ms);
  PACE's mapping costs two (the chip's ephemeral key pair and the shared point), its key
  agreement two more, chip authentication one (the static key with the terminal's key);
- ECDSA signature (active authentication, Can cuoc 2024): 148 ms, Athena IDProtect
  (ECTester, 256-bit: 148 ms sign + 228 ms verify);
- RSA signature with a coprocessor (active authentication, CCCD 2021): 30 ms for RSA-1024,
  125 ms for RSA-2048 (the middle of 50-200 ms; smartcardfyi.com glossary "RSA").
Every value is configurable; `scale` multiplies them all ("slow-chip" uses 4).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

FC = 13.56e6
#: ISO/IEC 14443-2 bit rates: nominal kbit/s -> divisor of fc.
DIVISORS = {106: 128, 212: 64, 424: 32, 848: 16}
#: ISO/IEC 14443-4 5.2.3 / 5.2.4: FSCI (and FSDI) -> frame size in bytes.
FRAME_SIZES = (16, 24, 32, 40, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096)
#: ISO/IEC 14443-3 6.2.1.1: the smallest frame delay time, 1172/fc.
FDT_MIN_S = 1172 / FC

#: Chip operations with a compute time (the card handler labels each APDU with one).
OPERATIONS = ("pace-mapping", "pace-key-agreement", "ca", "aa-rsa1024", "aa-rsa2048",
              "aa-ecdsa")


@dataclass(frozen=True)
class ComputeModel:
    """Milliseconds the chip computes for each expensive operation (module docstring)."""

    ecdh_ms: float = 150.0
    ecdsa_ms: float = 148.0
    rsa1024_ms: float = 30.0
    rsa2048_ms: float = 125.0
    scale: float = 1.0

    def __post_init__(self) -> None:
        for name in ("ecdh_ms", "ecdsa_ms", "rsa1024_ms", "rsa2048_ms", "scale"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    def seconds(self, operation: str | None) -> float:
        ms = {"pace-mapping": 2 * self.ecdh_ms, "pace-key-agreement": 2 * self.ecdh_ms,
              "ca": self.ecdh_ms, "aa-rsa1024": self.rsa1024_ms,
              "aa-rsa2048": self.rsa2048_ms, "aa-ecdsa": self.ecdsa_ms}.get(operation or "", 0.0)
        return ms * self.scale / 1000.0

    def parameters(self) -> dict[str, float]:
        return {"ecdh_ms": self.ecdh_ms, "ecdsa_ms": self.ecdsa_ms,
                "rsa1024_ms": self.rsa1024_ms, "rsa2048_ms": self.rsa2048_ms,
                "scale": self.scale}


@dataclass(frozen=True)
class Exchange:
    """The modelled time of one APDU exchange, split the way the bench reports it."""

    air_s: float  # frames and frame delay times on the air (WTX round trips included)
    compute_s: float  # the chip computing
    frames: int  # blocks on the air, both ways (I, R(ACK), S(WTX))
    wtx: int = 0  # S(WTX) round trips

    @property
    def seconds(self) -> float:
        return self.air_s + self.compute_s


@dataclass(frozen=True)
class LinkModel:
    """ISO/IEC 14443-4 link timing (module docstring). `kbps` 106/212/424/848 use the exact
    fc divisors; any other value is taken as a plain bit rate."""

    kbps: float
    fsc: int = 256  # the chip's largest frame (FSCI 8)
    fsd: int = 256  # the reader's largest frame (FSDI 8)
    cid: bool = False  # a CID byte in every block
    fwi: int = 8  # FWT = 4096/fc x 2^8 = 77.3 ms
    fdt_s: float = FDT_MIN_S
    bits_per_byte: int = 10
    sof_etu: int = 12
    eof_etu: int = 10
    frame_overhead_ms: float = 0.0  # an extra fixed cost per frame (calibration aid)
    compute: ComputeModel = field(default_factory=ComputeModel)

    def __post_init__(self) -> None:
        if not self.kbps > 0:
            raise ValueError("the link speed must be positive (kbit/s)")
        for name in ("fsc", "fsd"):
            if getattr(self, name) not in FRAME_SIZES:
                raise ValueError(f"{name} must be one of {FRAME_SIZES} (ISO/IEC 14443-4)")
        if not 0 <= self.fwi <= 14:
            raise ValueError("FWI is 0..14 (ISO/IEC 14443-4 7.2)")

    @property
    def etu_s(self) -> float:
        divisor = DIVISORS.get(int(self.kbps)) if float(self.kbps).is_integer() else None
        return divisor / FC if divisor else 1.0 / (self.kbps * 1000.0)

    @property
    def fwt_s(self) -> float:
        return 256 * 16 / FC * 2 ** self.fwi

    def frame_s(self, n: int) -> float:
        """One frame of n bytes (prologue and CRC included) on the air."""
        return ((self.sof_etu + n * self.bits_per_byte + self.eof_etu) * self.etu_s
                + self.frame_overhead_ms / 1000.0)

    def exchange(self, command_len: int, response_len: int,
                 compute_s: float = 0.0) -> Exchange:
        prologue = 1 + (1 if self.cid else 0)  # PCB (+ CID)
        block = prologue + 2  # + CRC
        ack = self.frame_s(block)  # R(ACK): PCB (+ CID) + CRC
        turn = self.fdt_s
        air = 0.0
        frames = 0
        # command: I-blocks of at most FSC bytes; each chained one is acknowledged
        k = max(1, math.ceil(command_len / (self.fsc - block)))
        for i in range(k):
            size = min(self.fsc - block, command_len - i * (self.fsc - block))
            air += self.frame_s(max(0, size) + block) + turn
            frames += 1
            if i < k - 1:
                air += ack + turn
                frames += 1
        # the chip computes; past FWT it asks for more time, one S(WTX) round trip per FWT
        wtx = max(0, math.ceil(compute_s / self.fwt_s) - 1) if compute_s > 0 else 0
        wtx_block = block + 1  # PCB (+ CID) + WTXM + CRC
        air += wtx * 2 * (self.frame_s(wtx_block) + turn)
        frames += 2 * wtx
        # response: I-blocks of at most FSD bytes; the reader acknowledges each chained one
        m = max(1, math.ceil(response_len / (self.fsd - block)))
        for i in range(m):
            size = min(self.fsd - block, response_len - i * (self.fsd - block))
            air += self.frame_s(max(0, size) + block) + turn
            frames += 1
            if i < m - 1:
                air += ack + turn
                frames += 1
        return Exchange(air, compute_s, frames, wtx)

    def parameters(self) -> dict[str, object]:
        """What the model assumed, for benchmark JSON."""
        return {"kbps": self.kbps, "etu_us": round(self.etu_s * 1e6, 4), "fsc": self.fsc,
                "fsd": self.fsd, "cid": self.cid, "fwi": self.fwi,
                "fwt_ms": round(self.fwt_s * 1000, 3), "fdt_us": round(self.fdt_s * 1e6, 2),
                "bits_per_byte": self.bits_per_byte, "sof_etu": self.sof_etu,
                "eof_etu": self.eof_etu, "frame_overhead_ms": self.frame_overhead_ms,
                "compute": self.compute.parameters()}


@dataclass
class Totals:
    """What a chip's exchanges cost so far (the benchmark takes differences)."""

    apdus: int = 0
    air_s: float = 0.0
    compute_s: float = 0.0
    frames: int = 0
    wtx: int = 0

    def add(self, exchange: Exchange) -> None:
        self.apdus += 1
        self.air_s += exchange.air_s
        self.compute_s += exchange.compute_s
        self.frames += exchange.frames
        self.wtx += exchange.wtx

    def copy(self) -> Totals:
        return Totals(self.apdus, self.air_s, self.compute_s, self.frames, self.wtx)
