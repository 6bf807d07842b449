"""Staff and technician PINs: checked against their hashes in the settings, with lockout.

The rule holds whatever screen asks: after PIN_LOCKOUT_AFTER wrong PINs within
PIN_LOCKOUT_S seconds, a role is locked for the rest of that window (even the right PIN is
refused). A training kiosk with no PIN configured accepts 000000; a production one never
does. Every attempt outside the lockout is audited (`login.ok` / `login.failed`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.config import Config, verify_pin

PIN_LOCKOUT_AFTER = 5
PIN_LOCKOUT_S = 300.0
TRAINING_PIN = "000000"


@dataclass(frozen=True)
class PinResult:
    ok: bool
    locked_for_s: float = 0.0


class PinGate:
    def __init__(self, config: Config, *, training: bool, clock: Callable[[], float],
                 audit: Callable[[str, str], None]) -> None:
        """`audit(event, role)` records each attempt (kiosk.records.Records.audit)."""
        self.config = config
        self.training = training
        self._clock = clock
        self._audit = audit
        self._failures: dict[str, list[float]] = {}

    def check(self, role: str, pin: str) -> PinResult:
        now = self._clock()
        window = [t for t in self._failures.get(role, []) if now - t < PIN_LOCKOUT_S]
        self._failures[role] = window
        if len(window) >= PIN_LOCKOUT_AFTER:
            return PinResult(False, PIN_LOCKOUT_S - (now - window[0]))
        section = self.config.staff if role == "staff" else self.config.technician
        stored = section.pin_hash
        if stored and verify_pin(pin, stored):
            self._failures[role] = []
            self._audit("login.ok", role)
            return PinResult(True)
        if not stored and self.training and pin == TRAINING_PIN:
            return PinResult(True)
        window.append(now)
        self._audit("login.failed", role)
        return PinResult(False)
