"""Reader models for the rig (issue 15): the emulated chip as seen through a given reader.

A `ReaderBridge` sits between the vpcd bridge (`nfc.vpcd.VirtualCard`) and the chip. It
copies what a physical reader does to APDUs it cannot carry or a card that is slow:

- "short-apdu": ACR122U-class readers, which exchange short APDUs only: an extended-length
  command never reaches the card and SCardTransmit fails (acshk/acsccid issue 42: "Command
  len cbSendLength = 264 > 255", SCardTransmit 0x80100016; acshk/acsccid issue 15 and
  LudovicRousseau/PCSC issue 54 on ACR1252: "Card not transacted");
- "buffer-261": a CCID reader whose message buffer holds 261 APDU bytes
  (dwMaxCCIDMessageLength 271 = the 10-byte CCID header + 261, USB CCID 1.1 Table 5.1-1;
  LudovicRousseau/CCID issue 27): a longer command fails before the card sees it, a longer
  answer fails after the card has run the command (its session counter moved);
- "timeout-6f00": a reader or NFC stack that reports a card slower than its own response
  timeout (1 s here) as status word 6F00 instead of a PC/SC error, the card having run the
  command (6F00 "no precise diagnosis" during chip authentication:
  AndyQ/NFCPassportReader issues 124 and 150). With a link model or "slow-chip" the time is
  the chip's modelled time; without one the chip is never slow.

A failed transmit is `nfc.vpcd.TransmitFailure`: the card stays in the reader (measured
behaviour in nfc/vpcd.py), `nfc.PcscTransport` raises `TransmitFailed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from icao.chip import EmulatedChip
from nfc.trace import command_lengths
from nfc.vpcd import TransmitFailure

SW_NO_PRECISE_DIAGNOSIS = b"\x6f\x00"


@dataclass(frozen=True)
class ReaderModel:
    """What one class of reader can carry, and how it reports a slow card."""

    name: str
    does: str
    source: str
    extended: bool = True  # can carry extended-length commands
    max_command: int | None = None  # longest command APDU carried (bytes)
    max_response: int | None = None  # longest response APDU carried (data + SW)
    timeout_s: float | None = None  # answers 6F00 when the card takes longer

    def line(self, width: int = 14) -> str:
        return f"{self.name:<{width}} {self.does} [{self.source}]"


READER_MODELS: dict[str, ReaderModel] = {m.name: m for m in (
    ReaderModel("ideal", "carries short and extended APDUs of any size and waits for the "
                "card (the rig's default)", "vpcd"),
    ReaderModel("short-apdu", "short APDUs only: an extended-length command fails "
                "(TransmitFailed) and never reaches the card",
                "ACR122U-class; acshk/acsccid issues 42 and 15, LudovicRousseau/PCSC issue 54",
                extended=False),
    ReaderModel("buffer-261", "261-byte APDU buffer: a longer command fails unseen by the "
                "card, a longer answer fails after the card ran the command",
                "CCID dwMaxCCIDMessageLength 271 = 10 + 261; LudovicRousseau/CCID issue 27",
                max_command=261, max_response=261),
    ReaderModel("timeout-6f00", "a card slower than 1 s (modelled time) is answered 6F00 by "
                "the reader; the card still ran the command",
                "AndyQ/NFCPassportReader issues 124 and 150 (6F00 during chip "
                "authentication)", timeout_s=1.0),
)}


def reader_model(name: str | ReaderModel | None) -> ReaderModel:
    """The model of this name (None: "ideal"); a ValueError lists the names."""
    if isinstance(name, ReaderModel):
        return name
    model = READER_MODELS.get((name or "ideal").strip().lower())
    if model is None:
        raise ValueError(f"unknown reader model {name!r}; use one of "
                         f"{', '.join(READER_MODELS)}")
    return model


def catalogue_lines() -> list[str]:
    width = max(len(n) for n in READER_MODELS) + 2
    return [m.line(width) for m in READER_MODELS.values()]


class ReaderBridge:
    """A vpcd card handler: `chip` behind a reader of `model`. Counts what it refused."""

    def __init__(self, chip: EmulatedChip, model: str | ReaderModel | None = None):
        self.chip = chip
        self.model = reader_model(model)
        self.failed = 0  # transmits that failed in the reader
        self.timeouts = 0  # answers replaced by 6F00

    def __repr__(self) -> str:
        return f"ReaderBridge({self.model.name!r})"

    def __call__(self, apdu: bytes) -> bytes:
        m = self.model
        if (not m.extended and command_lengths(apdu)[2]) or (
                m.max_command is not None and len(apdu) > m.max_command):
            self.failed += 1
            raise TransmitFailure(f"{m.name}: the reader cannot carry this command")
        timed = self.chip.respond(apdu)
        modelled = timed.modelled.seconds if timed.modelled is not None else 0.0
        if m.timeout_s is not None and modelled > m.timeout_s:
            self.chip.hold(timed, m.timeout_s)
            self.timeouts += 1
            return SW_NO_PRECISE_DIAGNOSIS
        self.chip.hold(timed)
        if m.max_response is not None and len(timed.response) > m.max_response:
            self.failed += 1
            raise TransmitFailure(f"{m.name}: the reader cannot carry this answer")
        return timed.response
