"""The citizen session: a state machine in plain Python (machine.py) over its states and
the personal data it holds (state.py). The work it asks for is in kiosk.work."""

from kiosk.session.machine import Session
from kiosk.session.state import (
    CARD_BOUND_STEPS,
    IDLE_STEPS,
    InvalidTransition,
    Personal,
    SessionError,
    Step,
    WipeReason,
)

__all__ = ["CARD_BOUND_STEPS", "IDLE_STEPS", "InvalidTransition", "Personal", "Session",
           "SessionError", "Step", "WipeReason"]
