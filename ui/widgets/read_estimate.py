"""An honest estimate of a card read, from what the reader reports (no Qt).

The read reports `(stage, bytes done, bytes total)` (icao.reader): the access stages, then each
file with its own size once its header is read, then the proofs and the signature check. The
sizes of files not yet started are unknown, so no estimate of the whole read is made up: the
estimate says which step of how many is running, and for a file being read, the time left for
it from its bytes left and the rate measured on this file's own reads. Small files and the
first reads of a file cost mostly per-command overhead, so a rate taken from them would say
15 s for a photo that arrives in one: the rate is measured within the file, over at least
MIN_SECONDS, and until then no time is given at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: The stages of the kiosk's read in order (icao.reader.DEFAULT_FILES between access and the
#: proofs). A file the card lacks is skipped, so the step number can jump.
STAGES = ("connect", "access", "COM", "SOD", "DG1", "DG2", "DG13", "DG14", "DG15",
          "chip_auth", "verify")
#: Measure a file's rate over at least this long, between its own reads (shorter is noise).
MIN_SECONDS = 0.2


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
        self._file: str | None = None         # the file whose reads are being timed
        self._first: tuple[float, int] = (0.0, 0)  # (when, bytes) of its first read

    def update(self, stage: str, done: int, total: int) -> Estimate:
        now = self.clock()
        if stage in self.stages:
            self._step = max(self._step, self.stages.index(stage) + 1)  # never goes back
        left = None
        if total > 0 and done > 0:
            if self._file != stage:
                self._file, self._first = stage, (now, done)
            t0, b0 = self._first
            if now - t0 >= MIN_SECONDS and done > b0:
                left = max(0, total - done) / ((done - b0) / (now - t0))
        return Estimate(stage, self._step, len(self.stages), done if total > 0 else 0,
                        max(total, 0), left)
