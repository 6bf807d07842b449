"""Walk the real demo flow in both languages and save a PNG of every screen.

Used by `kiosk run --demo --screenshots DIR` (scripts/demo without a display, and
scripts/screenshots): it taps the same buttons a citizen would, waits for the real read and
face check, and grabs the window at each step, so the pictures in docs/screenshots/ show what
the product shows. It says what it does on the terminal, one line a step (`say`), names each
picture as it saves it, and announces the failure it causes on purpose (a wrong CAN) before
the card refuses it. The steps themselves are in ui/tour_steps.py; this module drives them on
the Qt event loop.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer

from ui.tour_steps import Tour

log = logging.getLogger(__name__)

#: How long one step may wait for the flow (a read, a face check) before the tour goes on.
STEP_TIMEOUT_S = 90
_TICK_MS = 50


def say(text: str) -> None:
    """One line of narration on the terminal (stdout, flushed: the demo is watched live)."""
    sys.stdout.write(f"demo: {text}\n")
    sys.stdout.flush()


def tour(window, out_dir: str, done: Callable[[], None], *, languages=("vi", "en"),
         narrate: Callable[[str], None] = say) -> None:
    """Start the tour on `window` (a ui.main_window.KioskWindow of a demo core); `done` is
    called on the event loop when every picture is saved. Returns at once."""
    walk = Tour(window, out_dir, narrate)
    steps = walk.steps(languages)
    timer = QTimer(window)
    timer.setInterval(_TICK_MS)
    state: dict = {"wait": None, "ticks": 0}

    def tick() -> None:
        wait = state["wait"]
        if wait is not None and not wait():
            state["ticks"] -= 1
            if state["ticks"] > 0:
                return
            log.warning("screenshot tour: a step timed out at %s", window.session.step.value)
            narrate(f"a step timed out at the {window.session.step.value} screen; going on")
        try:
            state["wait"] = next(steps)
            state["ticks"] = STEP_TIMEOUT_S * 1000 // _TICK_MS
        except StopIteration:
            timer.stop()
            done()

    timer.timeout.connect(tick)
    timer.start()
