"""An honest estimate of a card read, from what the reader reports (no Qt).

The read reports `(stage, bytes done, bytes total)` (icao.reader): the access stages, then each
file with its own size once its header is read, then the proofs and the signature check. The
sizes of files not yet started are unknown, so no estimate of the whole read is made up: the
estimate says which step of how many is running, and for a file being read, the time left for
it from its bytes left and the link rate measured so far in this read. Before anything was
measured it gives no time at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: The stages of the kiosk's read in order (icao.reader.DEFAULT_FILES between access and the
#: proofs). A file the card lacks is skipped, so the step number can jump.
STAGES = ("connect", "access", "COM", "SOD", "DG1", "DG2", "DG13", "DG14", "DG15",
          "chip_auth", "verify")
#: Measure the rate only over this much time and data (shorter is noise).
MIN_SECONDS, MIN_BYTES = 0.2, 512


@dataclass(frozen=True)
class Estimate:
    stage: str
    step: int                    # 1-based position of `stage` in the read
    steps: int
    done: int                    # bytes of the current file read so far (0: not a file)
    total: int                   # its size (0: unknown, or not a file)
    seconds_left: float | None   # for the current file; None: not measured yet, or no file

    @property
    def fraction(self) -> float:
        """Steps done, with the current file's share of its step (for the bar)."""
        part = min(1.0, self.done / self.total) if self.total > 0 else 0.0
        return min(1.0, (self.step - 1 + part) / self.steps)


class ReadEstimator:
    def __init__(self, stages: tuple[str, ...] = STAGES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stages = stages
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._step = 1
        self._bytes: dict[str, int] = {}  # bytes read of each file so far
        self._t0: float | None = None     # when the first byte arrived
        self._b0 = 0                      # bytes already counted then

    def rate(self) -> float | None:
        """Bytes per second over this read so far (file gaps included), once measurable."""
        if self._t0 is None:
            return None
        seconds = self.clock() - self._t0
        data = sum(self._bytes.values()) - self._b0
        if seconds < MIN_SECONDS or data < MIN_BYTES:
            return None
        return data / seconds

    def update(self, stage: str, done: int, total: int) -> Estimate:
        if stage in self.stages:
            self._step = max(self._step, self.stages.index(stage) + 1)  # never goes back
        if total > 0:
            self._bytes[stage] = max(done, self._bytes.get(stage, 0))
            if self._t0 is None and done > 0:
                self._t0, self._b0 = self.clock(), sum(self._bytes.values())
        left = None
        rate = self.rate()
        if total > 0 and rate is not None:
            left = max(0, total - done) / rate
        return Estimate(stage, self._step, len(self.stages), done if total > 0 else 0,
                        max(total, 0), left)
