"""The training and demo plumbing: an emulated chip plugged into pcscd's virtual reader.

Used by the demo (`kiosk run --demo`), the soak bench, the read benchmark and `kiosk chip`;
never by a production read, which refuses virtual readers outside training mode. Reader models
(`kiosk.demo.reader_models`) put a reader's limits between vpcd and the chip; the demo's second
person (`kiosk.demo.people`) has a card of his own for the two-person services.
"""

from kiosk.demo.people import SPOUSE, spouse_chip
from kiosk.demo.reader_models import READER_MODELS, ReaderBridge, ReaderModel, reader_model
from kiosk.demo.virtual_card import DEMO_PORT, DEMO_READER, placed, plug_in, wait_placed

__all__ = ["DEMO_PORT", "DEMO_READER", "READER_MODELS", "ReaderBridge", "ReaderModel",
           "SPOUSE", "placed", "plug_in", "reader_model", "spouse_chip", "wait_placed"]
