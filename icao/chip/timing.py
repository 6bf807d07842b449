"""The emulated chip's clock: the modelled time of each exchange, and holding answers for it.

`ChipClock` joins the link model (`icao.chip.link.LinkModel`, when a link speed is set) and
the compute model (the link's, or the "slow-chip" quirk's) into one `Exchange` per APDU,
totals them (`Totals`, what `kiosk bench read` reports), and sleeps the rest of the modelled
time after the chip has answered (its own processing counts towards it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from icao.chip.link import ComputeModel, Exchange, LinkModel, Totals

#: "slow-chip": every compute time this many times the default.
SLOW_CHIP_SCALE = 4.0


@dataclass(frozen=True)
class Timed:
    """An answer and, with a timing model, how long the exchange takes on the air."""

    response: bytes
    modelled: Exchange | None
    started: float  # the chip's clock when the command arrived


class ChipClock:
    """Modelled time per exchange, and the waiting that makes it real."""

    def __init__(self, link: LinkModel | None, *, slow: bool = False,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.perf_counter):
        self.link = link
        compute = link.compute if link is not None else None
        if slow:
            base = compute or ComputeModel()
            compute = replace(base, scale=base.scale * SLOW_CHIP_SCALE)
        self.compute = compute
        self.totals = Totals()
        self.now = clock
        self._sleep = sleep

    def model(self, operation: str | None, command_len: int,
              response_len: int) -> Exchange | None:
        """The exchange's modelled time (None without a timing model); added to the totals."""
        compute_s = self.compute.seconds(operation) if self.compute is not None else 0.0
        if self.link is not None:
            exchange = self.link.exchange(command_len, response_len, compute_s)
        elif compute_s > 0:
            exchange = Exchange(0.0, compute_s, 0)
        else:
            return None
        self.totals.add(exchange)
        return exchange

    def hold(self, timed: Timed, limit: float | None = None) -> None:
        """Wait until the modelled exchange (at most `limit` s of it) has passed since the
        command arrived."""
        if timed.modelled is None:
            return
        seconds = timed.modelled.seconds if limit is None else min(limit, timed.modelled.seconds)
        remaining = seconds - (self.now() - timed.started)
        if remaining > 0:
            self._sleep(remaining)
