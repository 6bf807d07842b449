"""A strict emulated eMRTD (the card side of BAC, PACE, CA, AA and secure messaging).

    chip = EmulatedChip(ChipOptions(profile="vn-cccd"))       # handler: bytes -> bytes
    transport = ChipTransport(chip)                           # in-process Transport
    chip.access_data.can, chip.access_data.mrz                # what staff would type
    ChipOptions(quirks={"ends-sm-on-error"})                  # field behaviours (quirks.py)
    ChipOptions(link=LinkModel(kbps=424))                     # ISO 14443-4 timing (link.py)

`kiosk chip` plugs the same handler into pcscd's virtual reader (nfc.vpcd.VirtualCard), through
a reader model when asked (kiosk.demo.reader_models).
"""

from icao.chip.card import AccessData, ChipRemoved, EmulatedChip
from icao.chip.link import ComputeModel
from icao.chip.options import ChipOptions, Faults, LinkModel
from icao.chip.person import Person
from icao.chip.transport import ChipTransport


def demo_chip(options: ChipOptions | None = None) -> EmulatedChip:
    """The kiosk's demo card: a vn-cccd chip of the built-in synthetic citizen."""
    return EmulatedChip(options or ChipOptions(profile="vn-cccd"))


__all__ = ["AccessData", "ChipOptions", "ChipRemoved", "ChipTransport", "ComputeModel",
           "EmulatedChip", "Faults", "LinkModel", "Person", "demo_chip"]
