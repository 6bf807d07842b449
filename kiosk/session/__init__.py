"""The citizen session: a state machine in plain Python (machine.py, with the other parties of
a form in parties.py) over its states and the personal data it holds (state.py). The work it
asks for is in kiosk.work."""

from kiosk.session.machine import Session
from kiosk.session.parties import PartyOptions
from kiosk.session.state import (
    CARD_BOUND_STEPS,
    IDLE_STEPS,
    InvalidTransition,
    PartyData,
    PartyState,
    Personal,
    SessionError,
    Step,
    WipeReason,
)

__all__ = ["CARD_BOUND_STEPS", "IDLE_STEPS", "InvalidTransition", "PartyData", "PartyOptions",
           "PartyState", "Personal", "Session", "SessionError", "Step", "WipeReason"]
